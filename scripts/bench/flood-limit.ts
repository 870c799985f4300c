// Telegram's broadcast limit, which the emulator does not enforce: a proxy
// in front of it that answers 429 (retry_after 1) to a message beyond 30 in
// any second, as api.telegram.org does to a bot sending to many chats.
// Everything else passes through untouched (long polls included).
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";

const SENDS = /^\/bot[^/]+\/(send\w+|copyMessage|forwardMessage)$/i;

export type FloodLimit = { apiRoot: string; refused: number; close(): Promise<void> };

export async function startFloodLimit(target: string, perSecond = 30): Promise<FloodLimit> {
  const upstream = new URL(target);
  const accepted: number[] = [];
  const limit: Omit<FloodLimit, "apiRoot" | "close"> = { refused: 0 };
  const server: Server = createServer((req, res) => {
    if (SENDS.test(new URL(req.url ?? "/", "http://proxy").pathname)) {
      const now = Date.now();
      while (accepted.length > 0 && accepted[0]! <= now - 1000) accepted.shift();
      if (accepted.length >= perSecond) {
        limit.refused++;
        req.resume();
        const body = JSON.stringify({
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        });
        res.writeHead(429, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      accepted.push(now);
    }
    const outgoing = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on("error", () => res.destroy());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(limit, {
    apiRoot: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
