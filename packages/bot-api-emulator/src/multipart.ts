// A small multipart/form-data reader. Node 20's `Response.formData()` rejects what grammY
// sends (`content-disposition:form-data;name="x"` with no spaces, and an unquoted
// `filename=report 1.csv`), while the real Bot API accepts it, so we parse by hand.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function boundaryOf(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let cursor = body.indexOf(delimiter);
  while (cursor !== -1) {
    const afterDelimiter = cursor + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const headerStart = afterDelimiter + CRLF.length;
    const headerEnd = body.indexOf(HEADER_END, headerStart);
    if (headerEnd === -1) break;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd);
    const dataEnd = next === -1 ? body.length : next;
    const part = toPart(body.subarray(headerStart, headerEnd).toString("utf8"), body.subarray(headerEnd + 4, dataEnd));
    if (part) parts.push(part);
    cursor = next === -1 ? -1 : next + CRLF.length;
  }
  return parts;
}

function toPart(headerText: string, data: Buffer): MultipartPart | undefined {
  const headers = parseHeaders(headerText);
  const disposition = headers.get("content-disposition");
  if (!disposition) return undefined;
  const name = dispositionParam(disposition, "name");
  if (name === undefined) return undefined;
  const part: MultipartPart = { name, data: Buffer.from(data) };
  const filename = filenameOf(disposition);
  if (filename !== undefined) part.filename = filename;
  const contentType = headers.get("content-type");
  if (contentType !== undefined) part.contentType = contentType;
  return part;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const quoted = new RegExp(`(?:^|;)\\s*${param}="([^"]*)"`, "i").exec(disposition);
  if (quoted) return quoted[1];
  const bare = new RegExp(`(?:^|;)\\s*${param}=([^;]*)`, "i").exec(disposition);
  return bare?.[1]?.trim();
}

function filenameOf(disposition: string): string | undefined {
  const extended = /filename\*=(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) return decodeURIComponent(extended[1]);
  const quoted = /(?:^|;)\s*filename="([^"]*)"/i.exec(disposition);
  if (quoted) return quoted[1];
  // grammY writes the name unquoted and last, so it runs to the end of the header.
  const bare = /(?:^|;)\s*filename=(.*)$/i.exec(disposition);
  return bare?.[1]?.trim();
}
