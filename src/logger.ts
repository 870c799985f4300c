// Structured logs for the agency's IT. They never carry personal data: no
// names, no message texts, and IINs/phones only masked (see redact below).
import { type DestinationStream, type Logger, pino } from "pino";

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
