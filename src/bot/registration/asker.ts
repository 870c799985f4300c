// Asking one question inside a conversation and waiting for a valid answer.
// Replies are queued, not sent (see queue()). Every wrong input (a sticker
// instead of text, text instead of a button, text that does not validate)
// gets a message in the person's language and the question again; a button
// of an earlier question gets a notice where it was pressed. Nothing is stored.
import type { Conversation } from "@grammyjs/conversations";
import type { Context, InlineKeyboard, Keyboard } from "grammy";
import type { Contact, ReplyKeyboardRemove } from "grammy/types";
import type { DraftSection, Filing, FilingOutcome, SubmissionOutcome } from "../../services/conversation-states.ts";
import { answerData } from "../callback-data/answer.ts";
import type { BotContext } from "../context.ts";
import type { Translate } from "../i18n.ts";
import { type Outgoing, plainMarkup, type ReplyMarkup } from "../turn/outgoing.ts";
import { turnOf } from "../turn/turn.ts";

export type FormConversation = Conversation<BotContext, Context>;

export type Question = {
  /** Short id, also in the callback data of its buttons. */
  id: string;
  text: string;
  reply_markup?: InlineKeyboard | Keyboard | ReplyKeyboardRemove;
};

/** A locale key (and its values) explaining why an answer was not taken. */
export type Rejection = { error: string; values?: Record<string, string | number> };
export type Parsed<T> = { ok: true; value: T } | ({ ok: false } & Rejection);

export type AnswerSpec<T> = {
  text?: (text: string) => Parsed<T>;
  contact?: (contact: Contact, fromId: number) => Parsed<T>;
  /** Whether the question's own buttons are an answer. */
  buttons?: boolean;
};

export type Answer<T> = { kind: "value"; value: T } | { kind: "button"; value: string };

export const MAX_TEXT_LENGTH = 1000;

export type AskerOptions = {
  /** The update that entered the conversation, already an answer to the first question. */
  first?: Context;
  /** Put before every question this asker asks ("Step 3 of 9."), never before what it only says. */
  label?: string;
};

export class Asker {
  private pending: Context | undefined;
  private readonly label: string | undefined;

  constructor(
    private readonly conversation: FormConversation,
    private ctx: Context,
    readonly t: Translate,
    options: AskerOptions = {},
  ) {
    this.pending = options.first;
    this.label = options.label;
  }

  /** The latest update: replies go to its chat. */
  get current(): Context {
    return this.ctx;
  }

  async say(text: string, other: Omit<Question, "id" | "text"> = {}): Promise<void> {
    await this.queue({ kind: "send", text, ...markupOf(other.reply_markup) });
  }

  /**
   * Puts a question on screen without waiting for its answer (the next
   * section's first question, with that section's `label`). `rejection`: what
   * was wrong with the last answer, said before the same question again.
   */
  async present(question: Question, options: { rejection?: string; label?: string } = {}): Promise<void> {
    const label = options.label ?? this.label;
    const asked = label ? `${label} ${question.text}` : question.text;
    const { rejection } = options;
    await this.queue({
      kind: "send",
      text: rejection === undefined ? asked : `${rejection}\n\n${asked}`,
      question: question.id,
      ...(rejection === undefined ? {} : { again: true }),
      ...markupOf(question.reply_markup),
    });
  }

  /**
   * Shows the question's new keyboard (a toggle ticked) in the message whose
   * button was just pressed; the turn moves the edit to the copy of the
   * question on screen if that is another one (see Turn.queue).
   */
  async editKeyboard(question: Question): Promise<void> {
    const message = this.ctx.callbackQuery?.message;
    if (!message) return;
    await this.queue({
      kind: "edit_markup",
      messageId: message.message_id,
      question: question.id,
      ...markupOf(question.reply_markup),
    });
  }

  /**
   * Nothing is sent while the conversation runs: replies are queued on the
   * update's turn and delivered once the conversation's state is stored
   * (src/bot/turn/turn.ts). external() runs the queuing once, never on a
   * replay.
   */
  private async queue(action: Outgoing): Promise<void> {
    await this.conversation.external((outside) => {
      turnOf(outside)?.queue(action);
    });
  }

  /** Stores a finished section together with this update's turn (one transaction). */
  async storeSection(section: DraftSection): Promise<void> {
    await this.conversation.external((outside) => {
      const turn = turnOf(outside);
      if (!turn) throw new Error("a section stored outside a private chat");
      turn.section = section;
    });
  }

  /**
   * Submits a signed draft together with this update's turn (one
   * transaction); `render` words the outcome, which is part of what is stored.
   */
  async submitWithTurn(
    draftId: string,
    receivedAt: number,
    render: (outcome: SubmissionOutcome) => Outgoing[],
  ): Promise<void> {
    await this.conversation.external((outside) => {
      const turn = turnOf(outside);
      if (!turn) throw new Error("a submission outside a private chat");
      turn.submission = { draftId, receivedAt: new Date(receivedAt), render };
      turn.clear();
    });
  }

  /**
   * Files a signed appeal or complaint together with this update's turn (one
   * transaction): the filing is stored if and only if the receipt `render`
   * words is. `whenFiled` is told what was filed (work for after delivery).
   */
  async fileWithTurn(
    filing: Filing,
    render: (outcome: FilingOutcome) => Outgoing[],
    whenFiled: (outcome: FilingOutcome, afterDelivery: (task: () => Promise<void>) => void) => void,
  ): Promise<void> {
    await this.conversation.external((outside) => {
      const turn = turnOf(outside);
      if (!turn) throw new Error("a filing outside a private chat");
      turn.filing = {
        filing,
        render,
        whenFiled: (outcome) => whenFiled(outcome, (task) => turn.afterwards.push(task)),
      };
      turn.clear();
    });
  }

  /** Work after the replies went out, kept in memory only (a staff chat post that the scheduler repeats if lost). */
  async afterDelivery(task: () => Promise<void>): Promise<void> {
    await this.conversation.external((outside) => {
      turnOf(outside)?.afterwards.push(task);
    });
  }

  /**
   * Names the update being handled, for requests that must take effect once
   * however often that update is handled (an SMS, a filing).
   */
  async updateKey(): Promise<string> {
    return this.conversation.external((outside) => `${outside.chatId}:${outside.update.update_id}`);
  }

  private async answerCallback(text?: string): Promise<void> {
    const id = this.ctx.callbackQuery?.id;
    if (!id) return;
    await this.queue({ kind: "answer_callback", callbackQueryId: id, ...(text ? { text } : {}) });
  }

  /** `resend: false` when the question is already on screen (a toggled keyboard). */
  async ask<T>(question: Question, spec: AnswerSpec<T>, options: { resend?: boolean } = {}): Promise<Answer<T>> {
    if (!this.pending && options.resend !== false) await this.repeat(question);
    for (;;) {
      const update = this.pending ?? (await this.conversation.wait());
      this.pending = undefined;
      this.ctx = update;
      const outcome = await this.judge(update, question, spec);
      if (outcome === "ignore") continue;
      if ("kind" in outcome) return outcome;
      await this.repeat(question, outcome);
    }
  }

  /** A question answered by typing (or sharing a contact) only. */
  async askValue<T>(question: Question, spec: Omit<AnswerSpec<T>, "buttons">): Promise<T> {
    const answer = await this.ask(question, spec);
    if (answer.kind !== "value") throw new Error(`question ${question.id} got a button it does not have`);
    return answer.value;
  }

  /** A question answered by one of its buttons only; returns the button's value. */
  async askButton(question: Question, options: { resend?: boolean } = {}): Promise<string> {
    const answer = await this.ask<never>(question, { buttons: true }, options);
    return answer.value as string;
  }

  /** Asks the question, after what was wrong with the last answer if anything. */
  async repeat(question: Question, rejection?: Rejection): Promise<void> {
    await this.present(question, rejection ? { rejection: this.t(rejection.error, rejection.values) } : {});
  }

  private async judge<T>(
    update: Context,
    question: Question,
    spec: AnswerSpec<T>,
  ): Promise<Answer<T> | Rejection | "ignore"> {
    const callback = update.callbackQuery;
    if (callback) {
      const pressed = callback.data ? answerData.decode(callback.data) : undefined;
      // Only a button this very question shows counts: not one of an earlier
      // question, not a forged value.
      if (spec.buttons && pressed?.question === question.id && offers(question, callback.data!)) {
        await this.answerCallback();
        return { kind: "button", value: pressed.value };
      }
      // Said where the person pressed; the question on screen stays as it
      // is, as a copy of it would invite a second answer.
      await this.answerCallback(this.t("registration.errors.staleButton"));
      return "ignore";
    }
    const message = update.message;
    if (!message) return "ignore";
    if (message.contact && spec.contact) return this.accept(spec.contact(message.contact, update.from?.id ?? 0));
    if (message.text !== undefined && spec.text) {
      if (message.text.length > MAX_TEXT_LENGTH)
        return { error: "registration.errors.tooLong", values: { max: MAX_TEXT_LENGTH } };
      return this.accept(spec.text(message.text));
    }
    if (spec.contact) return { error: "registration.errors.useContactButton" };
    if (spec.text) return { error: "registration.errors.textExpected" };
    return { error: "registration.errors.useButtons" };
  }

  private accept<T>(parsed: Parsed<T>): Answer<T> | Rejection {
    return parsed.ok ? { kind: "value", value: parsed.value } : { error: parsed.error, values: parsed.values };
  }
}

export function markupOf(markup: Question["reply_markup"] | object | undefined): { markup?: ReplyMarkup } {
  const plain = plainMarkup(markup);
  return plain ? { markup: plain } : {};
}

function offers(question: Question, data: string): boolean {
  const markup = question.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return false;
  return markup.inline_keyboard.some((row) =>
    row.some((button) => "callback_data" in button && button.callback_data === data),
  );
}
