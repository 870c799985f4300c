import { expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.ts";
import { updateDeadline } from "../../src/bot/middleware/update-deadline.ts";
import { createLogger } from "../../src/logger.ts";

function fakeContext() {
  const reply = vi.fn(async () => undefined);
  const ctx = { update: { update_id: 7 }, chatId: 42, reply, t: (key: string) => `t:${key}` } as unknown as BotContext;
  return { ctx, reply };
}

it("frees a chat whose update hangs, resets its conversation and tells the person", async () => {
  vi.useFakeTimers();
  try {
    const resetChat = vi.fn(async () => undefined);
    const { ctx, reply } = fakeContext();
    const handled = updateDeadline({ timeoutMs: 1000, logger: createLogger("silent"), resetChat })(ctx, () => new Promise<void>(() => {}));
    await vi.advanceTimersByTimeAsync(1000);
    await handled;
    expect(resetChat).toHaveBeenCalledWith(42);
    expect(reply).toHaveBeenCalledWith("t:errors.generic");
  } finally {
    vi.useRealTimers();
  }
});

it("leaves an update that finishes in time alone", async () => {
  const resetChat = vi.fn(async () => undefined);
  const { ctx, reply } = fakeContext();
  await updateDeadline({ timeoutMs: 1000, logger: createLogger("silent"), resetChat })(ctx, async () => {});
  expect(resetChat).not.toHaveBeenCalled();
  expect(reply).not.toHaveBeenCalled();
});

it("passes a failure on to the error boundary", async () => {
  const { ctx } = fakeContext();
  const failing = updateDeadline({ timeoutMs: 1000, logger: createLogger("silent"), resetChat: async () => {} })(ctx, async () => {
    throw new Error("boom");
  });
  await expect(failing).rejects.toThrow("boom");
});
