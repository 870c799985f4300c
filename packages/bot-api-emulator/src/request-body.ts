import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.ts";
import { boundaryOf, parseMultipart } from "./multipart.ts";
import { Params, type UploadedFile } from "./params.ts";

/** Reads a Bot API request: query string plus a JSON, urlencoded or multipart body. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const uploads = new Map<string, UploadedFile>();
  const body = await readBody(req);
  if (body.length === 0) return new Params(raw, uploads);
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.includes("multipart/form-data")) {
    readMultipart(body, contentType, raw, uploads);
  } else if (contentType.includes("application/x-www-form-urlencoded")) {
    Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else {
    Object.assign(raw, readJsonObject(body));
  }
  return new Params(raw, uploads);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

function readJsonObject(body: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("invalid JSON in the request body");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw badRequest("invalid JSON in the request body");
  }
  return parsed as Record<string, unknown>;
}

function readMultipart(
  body: Buffer,
  contentType: string,
  raw: Record<string, unknown>,
  uploads: Map<string, UploadedFile>,
): void {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw badRequest("multipart boundary is missing");
  for (const part of parseMultipart(body, boundary)) {
    if (part.filename === undefined) {
      raw[part.name] = part.data.toString("utf8");
      continue;
    }
    uploads.set(part.name, {
      filename: part.filename,
      contentType: part.contentType ?? "application/octet-stream",
      bytes: new Uint8Array(part.data),
    });
  }
}
