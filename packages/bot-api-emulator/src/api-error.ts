import { STATUS_CODES } from "node:http";
import type { ApiResponse, ResponseParameters } from "./types.ts";

/** A failure answered to the bot as `{ ok: false, error_code, description }` with the same HTTP status. */
export class ApiError extends Error {
  readonly errorCode: number;
  readonly description: string;
  readonly parameters: ResponseParameters | undefined;

  constructor(errorCode: number, description: string, parameters?: ResponseParameters) {
    super(description);
    this.name = "ApiError";
    this.errorCode = errorCode;
    this.description = description;
    this.parameters = parameters;
  }

  toResponse(): ApiResponse {
    const base = { ok: false as const, error_code: this.errorCode, description: this.description };
    return this.parameters ? { ...base, parameters: this.parameters } : base;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, `Bad Request: ${message}`);

export const forbidden = (message: string): ApiError => new ApiError(403, `Forbidden: ${message}`);

export const conflict = (message: string): ApiError => new ApiError(409, `Conflict: ${message}`);

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

/** The bare description Telegram uses for a status when nothing more specific is said. */
export function defaultDescription(errorCode: number): string {
  const known: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    500: "Internal Server Error",
  };
  return known[errorCode] ?? STATUS_CODES[errorCode] ?? `Error ${errorCode}`;
}
