// Installed before the conversations plugin, for private chats: reads the
// chat's stored turn once, answers what must not reach the form (an update
// handled before, an answer to a question the person never got or typed
// before it appeared), then, after the update was handled, stores the turn in
// one write and only then delivers its messages. Nothing is stored when
// handling failed: the form stays where it was and the error boundary asks
// the person to send the answer again.
import type { MiddlewareFn } from "grammy";
import { describeError, type Logger } from "../../logger.ts";
import type { ConversationStates, ConversationStateView, TurnOutcome } from "../../services/conversation-states.ts";
import type { BotContext } from "../context.ts";
import { judgeArrival } from "./arrival.ts";
import { deliver } from "./deliver.ts";
import { type Outgoing, type Prompt, shownIn } from "./outgoing.ts";
import type { RetireKeyboard } from "./retire-keyboard.ts";
import { attachTurn, parseStoredTurn, type StoredTurn, Turn } from "./turn.ts";

type Deps = { states: ConversationStates; logger: Logger; retireKeyboard: RetireKeyboard };

export function turnMiddleware(deps: Deps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (ctx.chat?.type !== "private") return next();
    const chatId = ctx.chat.id;
    const stored = parseStoredTurn(await deps.states.read(chatId));
    const turn = new Turn(chatId, ctx.update.update_id, stored);
    attachTurn(ctx, turn);

    const arrival = judgeArrival(ctx, stored);
    // Answered here rather than by the form: the press must stop spinning.
    if (arrival.kind !== "answer" && ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
    switch (arrival.kind) {
      case "repeat":
        return deliverStored(ctx, deps, stored!);
      case "unseen":
        return deliverStored(ctx, deps, stored!, ctx.t("form.answerSaved"));
      case "early":
        return noteEarly(ctx, deps);
      case "leftover":
        return deliverStored(ctx, deps, stored!);
      case "answer":
        if (arrival.acknowledges !== undefined) turn.acknowledge(arrival.acknowledges);
        break;
    }

    await next();
    if (turn.abandoned || !turn.hasChanges) return;
    let toStore = turn.toStored();
    const submission = turn.submission && { draftId: turn.submission.draftId, receivedAt: turn.submission.receivedAt };
    let filed: TurnOutcome["filing"];
    await deps.states.save(
      chatId,
      (outcome) => {
        toStore = turn.storedWith(outcome);
        filed = outcome.filing;
        return toView(toStore);
      },
      {
        ...(turn.section ? { section: turn.section } : {}),
        ...(submission ? { submission } : {}),
        ...(turn.filing ? { filing: turn.filing.filing } : {}),
      },
    );
    if (filed) turn.filing?.whenFiled(filed);
    await deliverTurn(ctx, deps, turn, toStore);
    const left = turn.retiredByLeaving;
    if (left !== undefined) deps.retireKeyboard(chatId, left);
    for (const task of turn.afterwards) {
      await task().catch((error: unknown) =>
        deps.logger.warn({ err: describeError(error) }, "follow-up of a form step failed"),
      );
    }
  };
}

async function deliverTurn(ctx: BotContext, deps: Deps, turn: Turn, stored: StoredTurn): Promise<void> {
  const outgoing = turn.outgoing;
  if (outgoing.length === 0) return;
  const delivery = await deliver(ctx.api, turn.chatId, outgoing);
  const remaining = outgoing.slice(delivery.sent).filter(storable);
  const prompt = promptAfter(deps, turn.chatId, stored.prompt, delivery.promptMessageId);
  if (delivery.error) reportUndelivered(deps, turn.updateId, delivery.error);
  await deps.states.delivered(turn.chatId, turn.updateId, remaining, prompt);
}

/**
 * The stored question as it is after a delivery: shown in the message sent,
 * if it went out; the buttons of the question it follows then go.
 */
function promptAfter(deps: Deps, chatId: number, prompt: Prompt | null, sentIn: number | undefined): Prompt | null {
  if (sentIn === undefined || !prompt) return prompt;
  if (prompt.retires !== undefined && prompt.retires !== sentIn) deps.retireKeyboard(chatId, prompt.retires);
  return shownIn(prompt, sentIn);
}

/** Sends what an earlier update left undelivered, after a note when one is given. */
async function deliverStored(ctx: BotContext, deps: Deps, stored: StoredTurn, note?: string): Promise<void> {
  const actions = stored.pending.filter(storable);
  if (actions.length === 0) return;
  const first = actions.findIndex((action) => action.kind === "send");
  if (note && first >= 0) {
    const message = actions[first] as Extract<Outgoing, { kind: "send" }>;
    actions[first] = { ...message, text: `${note}\n\n${message.text}` };
  }
  const delivery = await deliver(ctx.api, ctx.chat!.id, actions);
  if (delivery.error) reportUndelivered(deps, ctx.update.update_id, delivery.error);
  const prompt = promptAfter(deps, ctx.chat!.id, stored.prompt, delivery.promptMessageId);
  await deps.states.delivered(
    ctx.chat!.id,
    stored.lastUpdateId,
    stored.pending.filter(storable).slice(delivery.sent),
    prompt,
  );
}

/**
 * The update is not an answer: it was written before the question on screen
 * appeared, so that question is right below it. A note says so; the question
 * is not asked again, as a copy would invite a second answer to it.
 */
async function noteEarly(ctx: BotContext, deps: Deps): Promise<void> {
  const note: Outgoing = { kind: "send", text: ctx.t("form.beforeQuestion") };
  const delivery = await deliver(ctx.api, ctx.chat!.id, [note]);
  if (delivery.error) reportUndelivered(deps, ctx.update.update_id, delivery.error);
}

/** A callback answer matters only while the press is fresh: it is never kept for later. */
const storable = (action: Outgoing) => action.kind !== "answer_callback";

function reportUndelivered(deps: Deps, updateId: number, error: unknown): void {
  deps.logger.warn(
    { updateId, err: describeError(error) },
    "a reply did not reach Telegram; it is sent when the person writes next",
  );
}

function toView({ conversations, pending, prompt, lastUpdateId }: StoredTurn): ConversationStateView {
  return { value: conversations, pending, prompt, lastUpdateId };
}
