// Counts every update by its kind and how handling ended, and times it. Mounted
// inside the error boundary, so a failure passes through here on its way to it.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.ts";

export type UpdateOutcome = "handled" | "failed";

export type UpdateObserver = (kind: string, outcome: UpdateOutcome, seconds: number) => void;

// Only names from this list reach a metric's label, never anything a person sent.
const KINDS = ["message", "callback_query", "edited_message", "my_chat_member", "chat_member"] as const;

export function updateKind(update: object): string {
  return KINDS.find((kind) => kind in update) ?? "other";
}

export function measureUpdates(observe: UpdateObserver): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const started = performance.now();
    const kind = updateKind(ctx.update);
    try {
      await next();
      observe(kind, "handled", (performance.now() - started) / 1000);
    } catch (error) {
      observe(kind, "failed", (performance.now() - started) / 1000);
      throw error;
    }
  };
}
