// The reply to one update in a private chat, held until the update's effects
// are stored. A conversation never calls Telegram while it runs: it queues
// here. The turn middleware then writes the conversation's state, the
// messages and the question they end with in one row, and only afterwards
// delivers them. So a question is never on the person's screen unless the
// state that expects its answer is stored, and an answer is taken only for
// the question the person saw (see arrival.ts).
//
// Conversations v2 stores its state after the handler has run, and a handler
// that sends first can die before that write: the person then answers the new
// question while the stored state still waits for the old one. Queuing closes
// that gap without leaving the plugin.
import type { Context } from "grammy";
import { z } from "zod";
import type {
  ConversationStateView,
  DraftSection,
  Filing,
  FilingOutcome,
  SubmissionOutcome,
  TurnOutcome,
} from "../../services/conversation-states.ts";
import {
  hasInlineKeyboard,
  hasReplyKeyboard,
  type Outgoing,
  outgoingSchema,
  type Prompt,
  promptSchema,
  shownIn,
} from "./outgoing.ts";

/** A chat's stored place in a form, as the bot reads it. */
export type StoredTurn = {
  conversations: unknown;
  pending: Outgoing[];
  prompt: Prompt | null;
  lastUpdateId: number | null;
};

const storedSchema = z.object({
  value: z.unknown(),
  pending: z.array(outgoingSchema),
  prompt: promptSchema.nullable(),
  lastUpdateId: z.number().int().nullable(),
});

export function parseStoredTurn(view: ConversationStateView | undefined): StoredTurn | undefined {
  if (!view) return undefined;
  const parsed = storedSchema.parse({ ...view, value: view.value ?? null });
  return {
    conversations: parsed.value,
    pending: parsed.pending,
    prompt: parsed.prompt,
    lastUpdateId: parsed.lastUpdateId,
  };
}

export class Turn {
  readonly queued: Outgoing[] = [];
  /** A finished section, stored in the same transaction as the turn. */
  section: DraftSection | undefined;
  /** A signed draft to submit in the same transaction; what it says depends on how that went. */
  submission: { draftId: string; receivedAt: Date; render(outcome: SubmissionOutcome): Outgoing[] } | undefined;
  /** A signed appeal or complaint to file in the same transaction; its receipt names what was filed. */
  filing:
    | { filing: Filing; render(outcome: FilingOutcome): Outgoing[]; whenFiled(outcome: FilingOutcome): void }
    | undefined;
  /** What the submission said, once stored. */
  private rendered: Outgoing[] = [];
  /** Work for after delivery that needs no durability (a staff chat post the scheduler repeats). */
  readonly afterwards: Array<() => Promise<void>> = [];
  private conversations: { value: unknown } | undefined;
  private cleared = false;
  /** The stored prompt was proven delivered by this update (a press on its button). */
  private acknowledged: number | undefined;
  /** Set when the update deadline gave up on this update: its effects are not stored. */
  abandoned = false;

  constructor(
    readonly chatId: number,
    readonly updateId: number,
    readonly stored: StoredTurn | undefined,
  ) {}

  /** The conversations plugin's state as stored (what the plugin reads). */
  get storedConversations(): unknown {
    return this.stored?.conversations ?? undefined;
  }

  /** The plugin wrote (or deleted, with null) its state. */
  setConversations(value: unknown): void {
    this.conversations = { value };
  }

  queue(action: Outgoing): void {
    if (action.kind === "edit_markup" && action.question !== undefined) {
      this.queueKeyboardEdit(action);
      return;
    }
    const clearsKeyboard =
      action.kind === "send" && action.question !== undefined && !action.markup && this.replyKeyboardShown();
    // A question with no keyboard of its own takes away the one the question before put in place of the person's.
    this.queued.push(clearsKeyboard ? { ...action, markup: { remove_keyboard: true } } : action);
  }

  /**
   * A question's keyboard changed (a toggle ticked). The press may come from
   * an older copy of the question (asked again after a stale press, or sent
   * twice after a crash) while another copy is the one on screen; the ticks
   * of two copies would then part ways, and a press on the newer copy could
   * change nothing visible. So the edit goes to the copy on screen, and the
   * older one loses its buttons.
   */
  private queueKeyboardEdit(action: Extract<Outgoing, { kind: "edit_markup" }>): void {
    const onScreen = this.shownMessageOf(action.question);
    if (onScreen === undefined || onScreen === action.messageId) {
      this.queued.push(action);
      return;
    }
    this.queued.push({ kind: "edit_markup", messageId: action.messageId });
    this.queued.push({ ...action, messageId: onScreen });
  }

  /** The message showing the stored question, if it is this question and this turn asks nothing new. */
  private shownMessageOf(question: string | undefined): number | undefined {
    const prompt = this.stored?.prompt;
    if (!prompt || prompt.question !== question) return undefined;
    if (this.queued.some((action) => action.kind === "send" && action.question !== undefined)) return undefined;
    return prompt.messageId ?? this.acknowledged ?? undefined;
  }

  private replyKeyboardShown(): boolean {
    const asking = this.queued.findLast((action) => action.kind === "send" && action.question !== undefined);
    const markup = asking?.kind === "send" ? asking.markup : this.stored?.prompt?.markup;
    return hasReplyKeyboard(markup);
  }

  /** Everything this turn says, in order: what the conversation queued, then what the submission said. */
  get outgoing(): Outgoing[] {
    return [...this.queued, ...this.rendered];
  }

  /** The row to store once the submission or the filing (if any) has an outcome. */
  storedWith(outcome: TurnOutcome): StoredTurn {
    this.rendered = [
      ...(outcome.submission && this.submission ? this.submission.render(outcome.submission) : []),
      ...(outcome.filing && this.filing ? this.filing.render(outcome.filing) : []),
    ];
    return this.toStored();
  }

  /** The form left the screen (/cancel, another command): no question is awaited any more. */
  clear(): void {
    this.cleared = true;
  }

  acknowledge(messageId: number): void {
    this.acknowledged = messageId;
  }

  /** The question this turn ends with, if it asks one. */
  get newPrompt(): Prompt | undefined {
    const asking = this.outgoing.findLast((action) => action.kind === "send" && action.question !== undefined);
    if (asking?.kind !== "send" || !asking.question) return undefined;
    const stored = this.stored?.prompt;
    const sameAsking = asking.again === true && stored?.question === asking.question;
    const retires = this.shownWithButtons();
    return {
      question: asking.question,
      text: asking.text,
      ...(asking.markup ? { markup: asking.markup } : {}),
      messageId: null,
      since: sameAsking ? (stored.since ?? stored.messageId) : null,
      ...(retires === undefined ? {} : { retires }),
    };
  }

  /**
   * The message whose buttons go once this turn's question is on screen, or
   * once the form leaves the screen: the question shown when this update
   * came, or, if that one never arrived, the question still on screen before it.
   */
  private shownWithButtons(): number | undefined {
    const before = this.stored?.prompt;
    if (!before) return undefined;
    const shownIn = before.messageId ?? this.acknowledged;
    if (shownIn === undefined) return before.retires;
    return hasInlineKeyboard(before.markup) ? shownIn : undefined;
  }

  /** The form left the screen with this turn: the buttons of the question it showed go too. */
  get retiredByLeaving(): number | undefined {
    return this.cleared && !this.newPrompt ? this.shownWithButtons() : undefined;
  }

  get hasChanges(): boolean {
    return (
      this.conversations !== undefined ||
      this.queued.length > 0 ||
      this.cleared ||
      this.acknowledged !== undefined ||
      this.section !== undefined ||
      this.submission !== undefined ||
      this.filing !== undefined
    );
  }

  /** The row to store: what the plugin wrote, this turn's messages and the question on screen. */
  toStored(): StoredTurn {
    const prompt = this.newPrompt ?? (this.cleared ? null : this.keptPrompt());
    return {
      conversations: this.conversations ? this.conversations.value : (this.stored?.conversations ?? null),
      // What an earlier update left undelivered is superseded by this reply.
      pending: this.outgoing.filter((action) => action.kind !== "answer_callback"),
      prompt,
      lastUpdateId: this.updateId,
    };
  }

  private keptPrompt(): Prompt | null {
    const stored = this.stored?.prompt ?? null;
    if (!stored) return null;
    const prompt = this.acknowledged === undefined ? stored : shownIn(stored, this.acknowledged);
    return withEditedKeyboard(prompt, this.queued);
  }
}

/**
 * The question on screen with the keyboard its last edit gave it: asked
 * again later (after an early answer, after a crash), it shows the ticks the
 * stored answers have.
 */
function withEditedKeyboard(prompt: Prompt, queued: readonly Outgoing[]): Prompt {
  const edit = queued.findLast(
    (action) =>
      action.kind === "edit_markup" && action.question === prompt.question && action.messageId === prompt.messageId,
  );
  if (edit?.kind !== "edit_markup") return prompt;
  const { markup: _old, ...rest } = prompt;
  return edit.markup ? { ...rest, markup: edit.markup } : rest;
}

const turns = new WeakMap<Context, Turn>();

export function attachTurn(ctx: Context, turn: Turn): void {
  turns.set(ctx, turn);
}

export function turnOf(ctx: Context): Turn | undefined {
  return turns.get(ctx);
}
