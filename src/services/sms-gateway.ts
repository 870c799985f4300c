// Sends one-time passwords by SMS. In production an HTTP gateway is required
// (config refuses to start without one); elsewhere codes go to the log.
import type { Logger } from "../logger.ts";
import { maskPhone } from "../logger.ts";

export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

/** How long the gateway has to take a message. */
export const SMS_TIMEOUT_MS = 10_000;

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}

/**
 * POST {phone, text} as JSON with a bearer token; any answer but 2xx is a
 * failure. The person is only asked to try again later, so each failure is
 * logged here (phone masked): it is the operators' only sign of it.
 */
export function httpSmsGateway(
  url: string,
  token: string | undefined,
  logger: Logger,
  timeoutMs = SMS_TIMEOUT_MS,
): SmsGateway {
  const fail = (phone: string, reason: string): never => {
    logger.warn({ phone: maskPhone(phone), reason }, "SMS not sent: the gateway failed");
    throw new SmsDeliveryError(reason);
  };
  return {
    async send(phone, text) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            // A fresh connection for each message. A kept-alive one that the
            // gateway closed while idle fails the next message ("fetch
            // failed": 17 of 300 codes on PGlite under load, where the event
            // loop notices the close late), and a POST is not retried.
            // One handshake per code is cheap at the rate codes are sent.
            connection: "close",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ phone, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
        const why = cause ? ` (${cause.code ?? cause.message ?? "no detail"})` : "";
        return fail(phone, `SMS gateway unreachable: ${(error as Error).message}${why}`);
      }
      if (!response.ok) fail(phone, `SMS gateway answered ${response.status}`);
    },
  };
}

/** Development only: writes the message to the log instead of sending it. */
export function logSmsGateway(logger: Logger): SmsGateway {
  return {
    async send(phone, text) {
      logger.warn(
        { phone: maskPhone(phone), sms: text },
        "SMS not sent (no SMS_GATEWAY_URL): written to the log instead",
      );
    },
  };
}
