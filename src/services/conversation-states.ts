// Where each private chat is in a form, for the bot's turn middleware
// (src/bot/turn/): read once when an update arrives, saved once after it was
// handled, and told what reached Telegram. The shapes inside are the bot's
// own (it parses them); this layer only keeps them together.
import { createApplicationRepository } from "../db/applications.ts";
import { createConversationStateRepository } from "../db/conversation-states.ts";
import type { PrismaClient } from "../db/generated/client.ts";
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

export function createConversationStates(prisma: PrismaClient): ConversationStates {
  const repository = createConversationStateRepository(prisma);
  return {
    read: (chatId) => repository.read(keyOf(chatId)),
    async save(chatId, build, effects = {}) {
      const { section, submission } = effects;
      if (!section && !submission) return repository.save(keyOf(chatId), build(undefined));
      try {
        await prisma.$transaction(async (tx) => {
          const client = tx as PrismaClient;
          if (section) await createApplicationRepository(client).saveDraft(section.draftId, section.form, { step: section.step, editing: section.editing });
          const outcome = submission ? { kind: "submitted" as const, receipt: await submitDraft(client, submission.draftId, submission.receivedAt) } : undefined;
          await createConversationStateRepository(client).save(keyOf(chatId), build(outcome));
        });
      } catch (error) {
        if (!submission || !isUniqueViolation(error)) throw error;
        // The unique index decided a race between two accounts with one IIN.
        await prisma.$transaction(async (tx) => {
          await createApplicationRepository(tx as PrismaClient).deleteDraft(submission.draftId);
          await createConversationStateRepository(tx as PrismaClient).save(keyOf(chatId), build({ kind: "iin_taken" }));
        });
      }
    },
    delivered: (chatId, updateId, pending, prompt) => repository.delivered(keyOf(chatId), updateId, pending, prompt),
  };
}
