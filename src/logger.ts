// Structured logs for the agency's IT. They never carry personal data: no
// names, no message texts, and IINs/phones only masked (see redact below).
import { BotError, GrammyError, HttpError } from "grammy";
import { type DestinationStream, type Logger, pino } from "pino";
import { ZodError } from "zod";

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ["*.text", "*.phone", "*.phone_number", "*.first_name", "*.last_name", "*.iin", "*.token", "*.botToken"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

// IINs are masked by maskIin in src/domain/iin.ts.

/** +77011234567 → +7701*****67 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return "*".repeat(phone.length);
  return phone.slice(0, 5) + "*".repeat(phone.length - 7) + phone.slice(-2);
}

/**
 * What failed, without personal data. Telegram's error texts and our own
 * messages carry none; Prisma's and zod's messages quote the values they
 * reject (an IIN, a phone), so of those only the kind and code are kept.
 */
export function describeError(error: unknown): Record<string, unknown> {
  // grammY's wrapper repeats the inner message in its own: describe the inner error only.
  if (error instanceof BotError) return describeError(error.error);
  if (error instanceof GrammyError)
    return { type: "GrammyError", method: error.method, code: error.error_code, description: error.description };
  if (error instanceof HttpError) return { type: "HttpError", message: error.message };
  if (error instanceof ZodError)
    return {
      type: "ZodError",
      issues: error.issues.map((issue) => ({ path: issue.path.join("."), code: issue.code })),
    };
  if (error instanceof Error && (error.name.startsWith("PrismaClient") || error.name === "DriverAdapterError")) {
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    return { type: error.name, code: code ?? cause?.code };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
