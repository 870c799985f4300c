import { expect, it, vi } from "vitest";
import type { BotContext } from "../../src/bot/context.ts";
import { updateDeadline } from "../../src/bot/middleware/update-deadline.ts";
import { attachTurn, Turn, turnOf } from "../../src/bot/turn/turn.ts";
import { createLogger } from "../../src/logger.ts";

function fakeContext(text = "Иванов") {
  const reply = vi.fn(async () => undefined);
  const ctx = {
    update: { update_id: 7 },
    chat: { id: 42, type: "private" },
    message: { message_id: 3, text },
    chatId: 42,
    reply,
    t: (key: string) => `t:${key}`,
  } as unknown as BotContext;
  attachTurn(ctx, new Turn(42, 7, undefined));
  return { ctx, reply };
}

it("frees a chat whose update hangs, stores nothing of it and asks for the answer again", async () => {
  vi.useFakeTimers();
  try {
    const { ctx, reply } = fakeContext();
    const handled = updateDeadline({ timeoutMs: 1000, logger: createLogger("silent") })(
      ctx,
      () => new Promise<void>(() => {}),
    );
    await vi.advanceTimersByTimeAsync(1000);
    await handled;
    expect(turnOf(ctx)!.abandoned).toBe(true);
    expect(reply).toHaveBeenCalledWith("t:form.answerNotSaved");
  } finally {
    vi.useRealTimers();
  }
});

it("leaves an update that finishes in time alone", async () => {
  const { ctx, reply } = fakeContext();
  await updateDeadline({ timeoutMs: 1000, logger: createLogger("silent") })(ctx, async () => {});
  expect(turnOf(ctx)!.abandoned).toBe(false);
  expect(reply).not.toHaveBeenCalled();
});

it("passes a failure on to the error boundary", async () => {
  const { ctx } = fakeContext();
  const failing = updateDeadline({ timeoutMs: 1000, logger: createLogger("silent") })(ctx, async () => {
    throw new Error("boom");
  });
  await expect(failing).rejects.toThrow("boom");
});
