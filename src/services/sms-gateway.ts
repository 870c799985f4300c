// Sends one-time passwords by SMS. In production an HTTP gateway is required
// (config refuses to start without one); elsewhere codes go to the log.
import type { Logger } from "../logger.ts";
import { maskPhone } from "../logger.ts";

export interface SmsGateway {
  send(phone: string, text: string): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}

/** POST {phone, text} as JSON with a bearer token; any answer but 2xx is a failure. */
export function httpSmsGateway(url: string, token: string | undefined, timeoutMs = 10_000): SmsGateway {
  return {
    async send(phone, text) {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ phone, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new SmsDeliveryError(`SMS gateway unreachable: ${(error as Error).message}`);
      }
      if (!response.ok) throw new SmsDeliveryError(`SMS gateway answered ${response.status}`);
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
