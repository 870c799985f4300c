// The citizens' mobile database: is this phone registered under this IIN?
// The pairing is what binds the person who signs to the IIN (the service's
// one-time password goes to "a phone number registered in the citizens'
// mobile database"). An HTTP adapter for the agency's gateway, and a stand-in
// for development that accepts every pair.
import { z } from "zod";
import { maskIin } from "../domain/iin.ts";
import type { Logger } from "../logger.ts";
import { maskPhone } from "../logger.ts";

export type RegistryAnswer =
  | { kind: "registered" }
  | { kind: "not_registered" }
  /** No answer, an error status or a malformed body: ask again later. */
  | { kind: "unavailable" };

export interface MobileRegistry {
  check(iin: string, phone: string): Promise<RegistryAnswer>;
}

/** The contract: 200 {"registered": true|false}; anything else is a temporary failure. */
const answerSchema = z.object({ registered: z.boolean() });

export const REGISTRY_TIMEOUT_MS = 5_000;

/** POST `${url}/check` {iin, phone} with a bearer token. */
export function httpMobileRegistry(
  settings: { url: string; token: string | undefined },
  logger: Logger,
  timeoutMs = REGISTRY_TIMEOUT_MS,
): MobileRegistry {
  const endpoint = `${settings.url.replace(/\/+$/, "")}/check`;
  return {
    async check(iin, phone) {
      const started = Date.now();
      const answer = await ask(endpoint, settings.token, { iin, phone }, timeoutMs);
      const log = { iin: maskIin(iin), phone: maskPhone(phone), ms: Date.now() - started };
      if (answer.kind === "unavailable") logger.warn({ ...log, reason: answer.reason }, "mobile registry unavailable");
      else logger.info({ ...log, result: answer.kind }, "mobile registry checked");
      return { kind: answer.kind };
    },
  };
}

async function ask(
  endpoint: string,
  token: string | undefined,
  pair: { iin: string; phone: string },
  timeoutMs: number,
): Promise<{ kind: "registered" | "not_registered" } | { kind: "unavailable"; reason: string }> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(pair),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { kind: "unavailable", reason: (error as Error).name === "TimeoutError" ? "timeout" : "unreachable" };
  }
  if (response.status !== 200) return { kind: "unavailable", reason: `status ${response.status}` };
  const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return { kind: "unavailable", reason: "malformed answer" };
  return { kind: parsed.data.registered ? "registered" : "not_registered" };
}

/** Development only: every pair is registered. `onCheck` lets the demo show the check. */
export function standInMobileRegistry(onCheck?: (iin: string, phone: string) => void): MobileRegistry {
  return {
    async check(iin, phone) {
      onCheck?.(iin, phone);
      return { kind: "registered" };
    },
  };
}
