import { request as httpRequest, STATUS_CODES } from "node:http";
import { request as httpsRequest } from "node:https";
import { networkError, READ_TIMEOUT, wrongResponse } from "./webhook-errors.ts";

export interface WebhookPost {
  url: string;
  /** The update as JSON. */
  body: string;
  secretToken: string | undefined;
  timeoutMs: number;
  /** Aborted when the emulator closes: the attempt ends without a verdict. */
  signal: AbortSignal;
}

export type PostOutcome =
  | { kind: "confirmed"; status: number }
  | { kind: "failed"; status?: number; error: string }
  | { kind: "cancelled" };

/**
 * One POST of one update, as telegram-bot-api sends it. Any 2xx confirms the update; the
 * body of the answer is read and ignored. Each attempt gets its own connection (no agent):
 * a failure then belongs to this attempt rather than to a stale pooled socket, and nothing
 * stays open once the attempt is over.
 */
export function postUpdate(post: WebhookPost): Promise<PostOutcome> {
  return new Promise<PostOutcome>((resolve) => {
    const url = new URL(post.url);
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "Content-Length": Buffer.byteLength(post.body),
    };
    if (post.secretToken !== undefined) headers["X-Telegram-Bot-Api-Secret-Token"] = post.secretToken;
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    let settled = false;
    const finish = (outcome: PostOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      post.signal.removeEventListener("abort", onAbort);
      request.destroy();
      resolve(outcome);
    };
    const onAbort = (): void => finish({ kind: "cancelled" });
    const request = send(url, { method: "POST", headers, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      response.on("end", () => {
        if (status >= 200 && status <= 299) finish({ kind: "confirmed", status });
        else finish({ kind: "failed", status, error: wrongResponse(status, reasonOf(status, response.statusMessage)) });
      });
      response.on("error", (error) => finish({ kind: "failed", error: networkError(error) }));
    });
    request.on("error", (error) => finish({ kind: "failed", error: networkError(error) }));
    const timer = setTimeout(() => finish({ kind: "failed", error: READ_TIMEOUT }), post.timeoutMs);
    post.signal.addEventListener("abort", onAbort, { once: true });
    if (post.signal.aborted) onAbort();
    else request.end(post.body);
  });
}

function reasonOf(status: number, statusMessage: string | undefined): string {
  return statusMessage || STATUS_CODES[status] || "";
}
