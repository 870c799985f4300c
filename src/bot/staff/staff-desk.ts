// Everything the bot posts in the staff chat, and what it tells applicants
// about operators' work: cards, their updates, escalations, relayed messages.
import type { Api, InlineKeyboard } from "grammy";
import type { StoredAppeal } from "../../db/appeals.ts";
import type { StoredApplication } from "../../db/applications.ts";
import type { StoredComplaint } from "../../db/complaints.ts";
import type { Logger } from "../../logger.ts";
import { describeError } from "../../logger.ts";
import type { Escalation } from "../../services/escalations.ts";
import type { Services } from "../../services/index.ts";
import type { ThreadView } from "../../services/support.ts";
import { formatDate } from "../format.ts";
import type { Translate, Translator } from "../i18n.ts";
import { appealCardKeyboard, appealCardText } from "./appeal-card.ts";
import { complaintCardKeyboard, complaintCardText } from "./complaint-card.ts";
import { applicationCardKeyboard, applicationCardText, threadCardKeyboard, threadCardText } from "./cards.ts";

export type StaffDesk = ReturnType<typeof createStaffDesk>;

export function createStaffDesk(deps: { api: Api; staffChatId: number; translator: Translator; services: Services; logger: Logger }) {
  const { api, staffChatId, translator, services, logger } = deps;
  const staffT = async (): Promise<Translate> => translator.t(await services.staffChats.language(staffChatId));

  type Card = { text: string; keyboard: InlineKeyboard | undefined };
  const applicationCard = (t: Translate, application: StoredApplication): Card => ({ text: applicationCardText(t, application), keyboard: applicationCardKeyboard(t, application) });
  const appealCard = (t: Translate, appeal: StoredAppeal): Card => ({ text: appealCardText(t, appeal), keyboard: appealCardKeyboard(t, appeal) });
  const complaintCard = (t: Translate, complaint: StoredComplaint): Card => ({ text: complaintCardText(t, complaint), keyboard: complaintCardKeyboard(t, complaint) });

  const send = (card: Card) => api.sendMessage(staffChatId, card.text, card.keyboard ? { reply_markup: card.keyboard } : {});

  /** Shows a card's current state in place (dropping its buttons once decided). */
  const edit = async (messageId: number | null, card: Card, what: string) => {
    // None yet, or 0 / -1: a card still being posted.
    if (!messageId || messageId < 0) return;
    await api
      .editMessageText(staffChatId, messageId, card.text, card.keyboard ? { reply_markup: card.keyboard } : {})
      .catch((error: unknown) => logger.warn({ err: describeError(error) }, `could not update ${what} card`));
  };

  const postCard = async (application: StoredApplication, header?: string) => {
    const card = applicationCard(await staffT(), application);
    return send({ ...card, text: [header, card.text].filter(Boolean).join("\n\n") });
  };

  return {
    staffChatId,

    /** Posts the card once; a failure to post leaves it for the scheduler. */
    async postApplication(applicationId: string, options: { takeOverMarker?: number } = {}): Promise<void> {
      const claimed =
        options.takeOverMarker !== undefined
          ? await services.staffCards.reclaim(applicationId, options.takeOverMarker)
          : await services.staffCards.claim(applicationId);
      if (!claimed) return;
      const application = await services.staffCards.findApplication(applicationId);
      if (!application) return;
      let messageId: number;
      try {
        messageId = (await postCard(application)).message_id;
      } catch (error) {
        await services.staffCards.release(applicationId);
        logger.warn({ err: describeError(error) }, "could not post an application card; the scheduler will try again");
        return;
      }
      // The card exists now: never released again, so it is never posted twice.
      await services.staffCards.posted(applicationId, messageId);
      await services.staffChats.recordPost(staffChatId, messageId, { kind: "application_card", applicationId });
    },

    async postMissingCards(now: Date): Promise<void> {
      for (const application of await services.staffCards.missing(now)) {
        const marker = application.staffMessageId;
        await this.postApplication(application.id, marker === null ? {} : { takeOverMarker: marker });
      }
    },

    /** Shows the application's current state on its card (and drops the buttons once decided). */
    async refreshCard(application: StoredApplication): Promise<void> {
      await edit(application.staffMessageId, applicationCard(await staffT(), application), "an application");
    },

    async postAppeal(appealId: string): Promise<void> {
      const appeal = await services.appeals.findById(appealId);
      if (!appeal) return;
      const message = await send(appealCard(await staffT(), appeal));
      await services.appeals.setStaffMessage(appealId, message.message_id);
      await services.staffChats.recordPost(staffChatId, message.message_id, { kind: "appeal_card", applicationId: null, payload: { appealId } });
    },

    async refreshAppealCard(appeal: StoredAppeal): Promise<void> {
      await edit(appeal.staffMessageId, appealCard(await staffT(), appeal), "an appeal");
    },

    /** The applicant put the appeal right: its card shows it again, and the chat hears of it. */
    async appealPutRight(appealId: string): Promise<void> {
      const appeal = await services.appeals.findById(appealId);
      if (!appeal) return;
      await this.refreshAppealCard(appeal);
      const t = await staffT();
      await api.sendMessage(staffChatId, t("staff.appeal.putRight", { number: appeal.number }), {
        ...(appeal.staffMessageId ? { reply_parameters: { message_id: appeal.staffMessageId, allow_sending_without_reply: true } } : {}),
      });
    },

    async postComplaint(complaintId: string): Promise<void> {
      const complaint = await services.complaints.findById(complaintId);
      if (!complaint) return;
      const message = await send(complaintCard(await staffT(), complaint));
      await services.complaints.setStaffMessage(complaintId, message.message_id);
    },

    async refreshComplaintCard(complaint: StoredComplaint): Promise<void> {
      await edit(complaint.staffMessageId, complaintCard(await staffT(), complaint), "a complaint");
    },

    async postEscalation(escalation: Escalation): Promise<void> {
      const t = await staffT();
      const header = t(`staff.escalation.${escalation.kind}`, { due: formatDate(escalation.application.dueDate ?? "") });
      const fresh = (await services.registration.findApplication(escalation.application.id)) ?? escalation.application;
      const message = await postCard(fresh, header);
      await services.staffChats.recordPost(staffChatId, message.message_id, { kind: "due_warning", applicationId: fresh.id });
    },

    async openThread(view: ThreadView, person: string): Promise<void> {
      const t = await staffT();
      const message = await api.sendMessage(staffChatId, threadCardText(t, view, person), { reply_markup: threadCardKeyboard(t, view.thread.id) });
      await services.staffChats.recordPost(staffChatId, message.message_id, { kind: "thread_card", threadId: view.thread.id });
      await services.support.setStaffMessage(view.thread.id, message.message_id);
    },

    async relayToStaff(view: ThreadView, text: string): Promise<void> {
      const t = await staffT();
      const message = await api.sendMessage(staffChatId, t("staff.thread.fromApplicant", { text }), {
        ...(view.thread.staffMessageId ? { reply_parameters: { message_id: view.thread.staffMessageId, allow_sending_without_reply: true } } : {}),
      });
      await services.staffChats.recordPost(staffChatId, message.message_id, { kind: "thread_message", threadId: view.thread.id });
    },

    async relayToApplicant(view: ThreadView, text: string): Promise<void> {
      await api.sendMessage(view.applicant.chatId, translator.t(view.applicant.language)("operator.answer", { text }));
    },

    async threadClosed(view: ThreadView): Promise<void> {
      await api.sendMessage(view.applicant.chatId, translator.t(view.applicant.language)("operator.closed"));
    },
  };
}
