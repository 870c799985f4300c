import { badRequest } from "./api-error.ts";

export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Uint8Array;
}

/** A file parameter: an upload, or a string that is a file_id or an HTTP URL. */
export type FileParam = { kind: "upload"; file: UploadedFile } | { kind: "reference"; value: string };

/**
 * Method parameters. Like the real server we treat every argument as a string at heart:
 * JSON bodies, query strings, urlencoded and multipart forms all end up here, and an
 * empty string means "not given".
 */
export class Params {
  readonly raw: Readonly<Record<string, unknown>>;
  private readonly uploads: ReadonlyMap<string, UploadedFile>;

  constructor(raw: Record<string, unknown>, uploads: ReadonlyMap<string, UploadedFile> = new Map()) {
    this.raw = raw;
    this.uploads = uploads;
  }

  has(name: string): boolean {
    const value = this.raw[name];
    return value !== undefined && value !== null && value !== "";
  }

  string(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value === "string") return value;
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  /** Like the server's get_integer_arg: garbage reads as the default, then clamps. */
  int(name: string, fallback: number, min = -Infinity, max = Infinity): number {
    const text = this.string(name);
    if (text === undefined) return fallback;
    const parsed = Number.parseInt(text.trim(), 10);
    const value = Number.isNaN(parsed) ? fallback : parsed;
    return Math.min(max, Math.max(min, value));
  }

  bool(name: string): boolean {
    const text = this.string(name)?.toLowerCase();
    return text === "true" || text === "1";
  }

  /** A JSON-serialized argument: already an object in JSON bodies, a string in forms. */
  json(name: string, parseErrorText: string): unknown {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw badRequest(parseErrorText);
    }
  }

  file(name: string): FileParam | undefined {
    const direct = this.uploads.get(name);
    if (direct) return { kind: "upload", file: direct };
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!value.startsWith("attach://")) return { kind: "reference", value };
    const attached = this.uploads.get(value.slice("attach://".length));
    return attached ? { kind: "upload", file: attached } : undefined;
  }

  /** The parameters as recorded in the call log: uploads are described, not copied. */
  toRecord(): Record<string, unknown> {
    const record: Record<string, unknown> = { ...this.raw };
    const referenced = new Set<string>();
    for (const [name, value] of Object.entries(record)) {
      if (typeof value !== "string" || !value.startsWith("attach://")) continue;
      const id = value.slice("attach://".length);
      const file = this.uploads.get(id);
      if (!file) continue;
      record[name] = describeUpload(file);
      referenced.add(id);
    }
    for (const [field, file] of this.uploads) {
      if (!referenced.has(field)) record[field] = describeUpload(file);
    }
    return record;
  }
}

function describeUpload(file: UploadedFile): Record<string, unknown> {
  return { filename: file.filename, contentType: file.contentType, size: file.bytes.byteLength };
}
