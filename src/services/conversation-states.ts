// Where each private chat is in a form, for the bot's turn middleware
// (src/bot/turn/): read once when an update arrives, saved once after it was
// handled, and told what reached Telegram. The shapes inside are the bot's
// own (it parses them); this layer only keeps them together.
import type { DraftRepository } from "../db/drafts.ts";
import type { Repositories } from "../db/repositories.ts";
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Appeal } from "../domain/appeal.ts";
import type { DraftForm } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import { type AppealFiling, type AppealReceiver, fileAppeal } from "./appeals.ts";
import { type ComplaintFiling, fileComplaint } from "./complaints.ts";
import { isUniqueViolation, type Receipt, submitDraft } from "./registration.ts";

export type ConversationStateView = {
  /** The conversations plugin's state; null when no conversation is active. */
  value: unknown;
  pending: unknown[];
  prompt: unknown;
  lastUpdateId: number | null;
};

/**
 * A finished section's answers and the step that comes next, stored with the
 * turn that finished it. Only the section's own fields: they are laid over
 * the draft as stored, so what the web form saved meanwhile is kept.
 */
export type DraftSection = { draftId: string; patch: DraftForm; step: string; editing: boolean };

/** A signed appeal or complaint, filed in the transaction that stores the turn showing its receipt. */
export type Filing = ({ kind: "appeal" } & AppealFiling) | ({ kind: "complaint" } & ComplaintFiling);
export type FilingOutcome = { kind: "appeal"; appeal: Appeal } | { kind: "complaint"; complaint: Complaint };

/** What is stored together with a turn, so that the form and the question on screen never disagree. */
export type TurnEffects = {
  section?: DraftSection;
  /** A signed draft becomes an application. */
  submission?: { draftId: string; receivedAt: Date };
  /**
   * A signed appeal or complaint is filed: stored if and only if the receipt
   * that names it is, so no crash leaves a filing its person was never shown.
   */
  filing?: Filing;
};

export type SubmissionOutcome =
  | { kind: "submitted"; receipt: Receipt }
  /** Another account's application with this IIN was submitted first: the draft is deleted. */
  | { kind: "iin_taken" };

/** How what the turn stored went: the receipt is part of what the turn says. */
export type TurnOutcome = { submission?: SubmissionOutcome; filing?: FilingOutcome };

/** The state to store, given how the submission or the filing went. */
export type TurnBuilder = (outcome: TurnOutcome) => ConversationStateView;

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

async function file(repos: Repositories, receiver: AppealReceiver, filing: Filing): Promise<FilingOutcome> {
  if (filing.kind === "appeal") return { kind: "appeal", appeal: await fileAppeal(repos, receiver, filing) };
  return { kind: "complaint", complaint: await fileComplaint(repos, filing) };
}

type DraftWrites = Pick<DraftRepository, "lockDraft" | "findById" | "saveDraft">;

/**
 * A finished section's answers laid over the stored form, under the draft's
 * row lock: the web form writes the same draft, and of two merges at once
 * neither may be lost.
 */
async function layOver(drafts: DraftWrites, section: DraftSection): Promise<void> {
  await drafts.lockDraft(section.draftId);
  const stored = await drafts.findById(section.draftId);
  await drafts.saveDraft(
    section.draftId,
    { ...stored?.form, ...section.patch },
    { step: section.step, editing: section.editing },
  );
}

export function createConversationStates(db: UnitOfWork, appealReceiver: AppealReceiver): ConversationStates {
  const states = db.repos.conversationStates;
  return {
    read: (chatId) => states.read(keyOf(chatId)),
    async save(chatId, build, effects = {}) {
      const { section, submission, filing } = effects;
      if (!section && !submission && !filing) return states.save(keyOf(chatId), build({}));
      // A finished section alone: the driver's transaction, without Prisma (src/db/unit-of-work.ts).
      if (section && !submission && !filing)
        return db.turnTransaction(async (repos) => {
          await layOver(repos.drafts, section);
          await repos.conversationStates.save(keyOf(chatId), build({}));
        });
      try {
        await db.transaction(async (repos) => {
          if (section) await layOver(repos.applications, section);
          const outcome: TurnOutcome = {};
          if (submission)
            outcome.submission = {
              kind: "submitted",
              receipt: await submitDraft(repos, submission.draftId, submission.receivedAt),
            };
          if (filing) outcome.filing = await file(repos, appealReceiver, filing);
          await repos.conversationStates.save(keyOf(chatId), build(outcome));
        });
      } catch (error) {
        if (!submission || !isUniqueViolation(error)) throw error;
        // The unique index decided a race between two accounts with one IIN.
        await db.transaction(async (repos) => {
          await repos.applications.deleteDraft(submission.draftId);
          await repos.conversationStates.save(keyOf(chatId), build({ submission: { kind: "iin_taken" } }));
        });
      }
    },
    delivered: (chatId, updateId, pending, prompt) => states.delivered(keyOf(chatId), updateId, pending, prompt),
  };
}
