import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError } from "./api-error.ts";
import { dispatch } from "./dispatch.ts";
import { readParams } from "./request-body.ts";
import type { World } from "./world.ts";

export interface HttpServerHandle {
  readonly apiRoot: string;
  close(): Promise<void>;
}

const API_PATH = /^\/bot([^/]+)\/([^/]+)$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;
const DRAIN_LIMIT_MS = 2000;

export async function startHttpServer(world: World, port: number, host: string): Promise<HttpServerHandle> {
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const handling = route(world, req, res).finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  return {
    apiRoot: `http://${host}:${address.port}`,
    close: () => closeServer(world, server, inFlight),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

async function closeServer(world: World, server: Server, inFlight: Set<Promise<void>>): Promise<void> {
  for (const bot of world.bots.values()) bot.queue.close();
  await world.webhooks.close();
  await Promise.race([Promise.allSettled([...inFlight]), delay(DRAIN_LIMIT_MS)]);
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // grammY keeps HTTP connections alive; without this the server would wait for them forever.
  server.closeAllConnections();
  await closed;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function route(world: World, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const api = API_PATH.exec(url.pathname);
  if (api) return handleApi(world, req, res, url, decodeURIComponent(api[1] as string), api[2] as string);
  const file = FILE_PATH.exec(url.pathname);
  if (file && req.method === "GET")
    return handleFileDownload(world, res, decodeURIComponent(file[1] as string), file[2] as string);
  req.resume();
  writeJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
}

async function handleApi(
  world: World,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  token: string,
  method: string,
): Promise<void> {
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableEnded) controller.abort();
  });
  try {
    const params = await readParams(req, url);
    const answer = await dispatch(world, { token, method, params, signal: controller.signal });
    writeJson(res, answer.status, answer.response);
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(500, `Internal Server Error: ${String(error)}`);
    writeJson(res, apiError.errorCode, apiError.toResponse());
  }
}

function handleFileDownload(world: World, res: ServerResponse, token: string, filePath: string): void {
  const file = world.botByToken(token) ? world.files.atPath(decodeURIComponent(filePath)) : undefined;
  if (!file) {
    writeJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  res.writeHead(200, {
    "content-type": file.mimeType ?? "application/octet-stream",
    "content-length": file.bytes.byteLength,
  });
  res.end(Buffer.from(file.bytes));
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
