// Where each private chat is in a form, for the bot's turn middleware
// (src/bot/turn/): read once when an update arrives, saved once after it was
// handled, and told what reached Telegram. The shapes inside are the bot's
// own (it parses them); this layer only keeps them together.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { DraftForm } from "../domain/application.ts";
import { isUniqueViolation, type Receipt, submitDraft } from "./registration.ts";

export type ConversationStateView = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  prompt: unknown;
  lastUpdateId: number | null;
};

/** A finished section's answers and the step that comes next, stored with the turn that finished it. */
export type DraftSection = { draftId: string; form: DraftForm; step: string; editing: boolean };

/** What is stored together with a turn, so that the form and the question on screen never disagree. */
export type TurnEffects = {
  section?: DraftSection;
  /** A signed draft becomes an application. */
  submission?: { draftId: string; receivedAt: Date };
};

export type SubmissionOutcome =
  | { kind: "submitted"; receipt: Receipt }
  /** Another account's application with this IIN was submitted first: the draft is deleted. */
  | { kind: "iin_taken" };

/** The state to store, given how the submission went (the receipt is part of what the turn says). */
export type TurnBuilder = (submission: SubmissionOutcome | undefined) => ConversationStateView;

export type ConversationStates = {
  read(chatId: number): Promise<ConversationStateView | undefined>;
  /**
   * Stores the chat's state, and with it in one transaction what the turn
   * did to the draft (a finished section, the submission): the draft never
   * moves on unless the question that follows is stored as the one on
   * screen, and the reverse.
   */
  save(chatId: number, build: TurnBuilder, effects?: TurnEffects): Promise<void>;
  delivered(chatId: number, updateId: number | null, pending: unknown[], prompt: unknown): Promise<void>;
};

const keyOf = (chatId: number) => `chat:${chatId}`;

export function createConversationStates(db: UnitOfWork): ConversationStates {
  const states = db.repos.conversationStates;
  return {
    read: (chatId) => states.read(keyOf(chatId)),
    async save(chatId, build, effects = {}) {
      const { section, submission } = effects;
      if (!section && !submission) return states.save(keyOf(chatId), build(undefined));
      try {
        await db.transaction(async (repos) => {
          if (section)
            await repos.applications.saveDraft(section.draftId, section.form, {
              step: section.step,
              editing: section.editing,
            });
          const outcome = submission
            ? {
                kind: "submitted" as const,
                receipt: await submitDraft(repos, submission.draftId, submission.receivedAt),
              }
            : undefined;
          await repos.conversationStates.save(keyOf(chatId), build(outcome));
        });
      } catch (error) {
        if (!submission || !isUniqueViolation(error)) throw error;
        // The unique index decided a race between two accounts with one IIN.
        await db.transaction(async (repos) => {
          await repos.applications.deleteDraft(submission.draftId);
          await repos.conversationStates.save(keyOf(chatId), build({ kind: "iin_taken" }));
        });
      }
    },
    delivered: (chatId, updateId, pending, prompt) => states.delivered(keyOf(chatId), updateId, pending, prompt),
  };
}
