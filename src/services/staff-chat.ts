// The staff chat's language, what the bot's messages there stand for, and
// the questions it asked operators that still wait for an answer.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { canAppealTransition } from "../domain/appeal.ts";
import { canComplaintTransition } from "../domain/complaint.ts";
import type { Language } from "../domain/language.ts";
import { parseStaffPost, type StaffPost, type StaffQuestion } from "./staff-posts.ts";

/**
 * How long a question stands for an operator who wrote without "Reply": one
 * who walked away from it is not reminded of it in every later message.
 */
const QUESTION_STANDS_MS = 30 * 60_000;

export type StaffChat = ReturnType<typeof createStaffChat>;

export function createStaffChat(db: UnitOfWork) {
  const { staffChats, applications, appeals, complaints } = db.repos;

  /** Whether what the question asks for can still be done: once it is done (by anyone), it is answered. */
  async function stillOpen(question: StaffQuestion): Promise<boolean> {
    switch (question.kind) {
      case "refusal_comment":
        return (await applications.findById(question.applicationId))?.status === "submitted";
      case "appeal_reply": {
        const appeal = await appeals.findById(question.appealId);
        const to = ({ satisfy: "satisfied", refuse: "refused", extend: "extended", lacking: "non_compliant" } as const)[
          question.action
        ];
        return appeal !== undefined && canAppealTransition(appeal.status, to);
      }
      case "complaint_reply": {
        const complaint = await complaints.findById(question.complaintId);
        const to = ({ refuseRenewal: "renewal_refused", satisfy: "satisfied", refuse: "refused" } as const)[
          question.action
        ];
        return complaint !== undefined && canComplaintTransition(complaint.status, to);
      }
    }
  }

  return {
    /** Where the configured staff chat is now: it follows each move to a supergroup. */
    async currentId(configuredId: number): Promise<number> {
      let id = configuredId;
      // A group moves once (a supergroup never does); the bound only guards against a loop.
      for (let hop = 0; hop < 5; hop++) {
        const next = await staffChats.migratedTo(id);
        if (next === undefined) return id;
        id = next;
      }
      return id;
    },

    /**
     * The staff chat became a supergroup: its settings, the unsent messages to
     * it and the cards of open cases follow (the cards are posted again in the
     * new chat by the scheduler). Undefined when it was recorded already.
     */
    migrate: (from: number, to: number): Promise<{ reminders: number; cards: number } | undefined> =>
      db.transaction(async (repos) => {
        if (!(await repos.staffChats.recordMigration(from, to))) return undefined;
        return { reminders: await repos.reminders.readdressChat(from, to), cards: await repos.cardClaims.repostOpen() };
      }),

    language: (chatId: number): Promise<Language> => staffChats.language(chatId),
    setLanguage: (chatId: number, language: Language): Promise<void> => staffChats.setLanguage(chatId, language),
    recordPost: (chatId: number, messageId: number, post: StaffPost): Promise<void> =>
      staffChats.recordPost(chatId, messageId, { kind: post.kind, payload: post }),
    async findPost(chatId: number, messageId: number): Promise<StaffPost | undefined> {
      const row = await staffChats.findPost(chatId, messageId);
      return row ? parseStaffPost(row) : undefined;
    },

    /** A question to one operator; `reminder`: it repeats one they answered without "Reply". */
    recordQuestion: (chatId: number, messageId: number, question: StaffQuestion, askedAt: Date, reminder = false) =>
      staffChats.recordPost(
        chatId,
        messageId,
        { kind: question.kind, payload: question },
        { operatorId: question.operatorId, askedAt, reminder },
      ),

    /**
     * The question this operator was last asked, if it still waits for an
     * answer and they have not been reminded of it yet: a message of theirs
     * that is no reply to it is most likely the answer.
     */
    async unansweredQuestion(chatId: number, operatorId: number, now: Date): Promise<StaffQuestion | undefined> {
      const row = await staffChats.latestQuestion(chatId, operatorId, new Date(now.getTime() - QUESTION_STANDS_MS));
      if (!row || row.reminder) return undefined;
      const post = parseStaffPost(row);
      if (!post || !("operatorId" in post)) return undefined;
      return (await stillOpen(post)) ? post : undefined;
    },
  };
}
