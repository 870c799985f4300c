// Everything the bot posts in the staff chat, and what it tells applicants
// about operators' work: cards, their updates, escalations, relayed messages.
import type { Api, InlineKeyboard } from "grammy";
import type { Actor } from "../../domain/actor.ts";
import type { Appeal } from "../../domain/appeal.ts";
import type { Application } from "../../domain/application.ts";
import type { Complaint } from "../../domain/complaint.ts";
import { maskLongNumbers } from "../../domain/masking.ts";
import type { Logger } from "../../logger.ts";
import { describeError } from "../../logger.ts";
import type { Services } from "../../services/index.ts";
import type { CardSubject } from "../../services/staff-cards.ts";
import type { MaskedCardSubject } from "../../services/staff-group-masking.ts";
import type { StaffPost } from "../../services/staff-posts.ts";
import type { ThreadView } from "../../services/support.ts";
import type { Translate, Translator } from "../i18n.ts";
import { appealCardKeyboard, appealCardText } from "./appeal-card.ts";
import { applicationCardKeyboard, applicationCardText, threadCardKeyboard, threadCardText } from "./cards.ts";
import { complaintCardKeyboard, complaintCardText } from "./complaint-card.ts";
import type { DeskLinks } from "./desk-links.ts";
import type { StaffChatAddress } from "./staff-chat-address.ts";

export type StaffDesk = ReturnType<typeof createStaffDesk>;

/** What a staff chat feature works with: the desk, the services, and a nudge to send due reminders now. */
export type StaffFeatureDeps = { desk: StaffDesk; services: Services; sendReminders(): void };

export function createStaffDesk(deps: {
  api: Api;
  /** Where the staff chat is (it follows a move to a supergroup). */
  address: StaffChatAddress;
  translator: Translator;
  services: Services;
  logger: Logger;
  /** Into the operators' desk; undefined without one. */
  links: DeskLinks | undefined;
}) {
  const { api, address, translator, services, logger, links } = deps;
  const staffT = async (): Promise<Translate> => translator.t(await services.staffChat.language(address.id));

  type Card = { text: string; keyboard: InlineKeyboard | undefined };
  // Each card names the applicant's language: what they read an operator's words in.
  const languageOf = (subject: { applicantId: string }) => services.staffRecords.languageOf(subject.applicantId);
  const applicationCard = async (t: Translate, application: Application, header?: string): Promise<Card> => ({
    text: applicationCardText(t, application, await languageOf(application), header),
    keyboard: applicationCardKeyboard(t, application, links),
  });
  const appealCard = async (t: Translate, appeal: Appeal): Promise<Card> => ({
    text: appealCardText(t, appeal, await languageOf(appeal)),
    keyboard: appealCardKeyboard(t, appeal, links),
  });
  const complaintCard = async (t: Translate, complaint: Complaint): Promise<Card> => ({
    text: complaintCardText(t, complaint, await languageOf(complaint)),
    keyboard: complaintCardKeyboard(t, complaint, links),
  });

  /**
   * A thread's card as it is posted today. The Telegram name it was opened
   * under is not stored: the application's name stands in, as initials.
   */
  const threadCard = async (t: Translate, view: ThreadView): Promise<Card> => {
    const application = view.application && (await services.registration.findApplication(view.application.id));
    const name = application?.form.fullName;
    const person = name ? [name.surname, name.givenName, name.patronymic ?? ""].join(" ") : "";
    const text = threadCardText(t, view, person);
    // Closed: as the close button left it, without the button.
    return view.thread.status === "closed"
      ? {
          text: `${text}\n\n${t("staff.thread.closedBy", { name: view.thread.closedByName ?? "" })}`,
          keyboard: undefined,
        }
      : { text, keyboard: threadCardKeyboard(t, view.thread.id) };
  };

  const send = (card: Card) =>
    api.sendMessage(address.id, card.text, card.keyboard ? { reply_markup: card.keyboard } : {});

  /** Shows a card's current state in place (dropping its buttons once decided). */
  const edit = async (messageId: number | null, card: Card, what: string) => {
    if (messageId === null) return;
    await api
      .editMessageText(address.id, messageId, card.text, card.keyboard ? { reply_markup: card.keyboard } : {})
      .catch((error: unknown) => logger.warn({ err: describeError(error) }, `could not update ${what} card`));
  };

  /** A line in the staff chat, as a reply to the card it is about when there is one. */
  const tell = async (cardMessageId: number | null, key: string, values: Record<string, string>) => {
    const t = await staffT();
    await api
      .sendMessage(address.id, t(key, values), {
        ...(cardMessageId
          ? { reply_parameters: { message_id: cardMessageId, allow_sending_without_reply: true } }
          : {}),
      })
      .catch((error: unknown) => logger.warn({ err: describeError(error) }, `could not tell the staff chat: ${key}`));
  };

  /**
   * Posts a card once: the posting is claimed first, so two instances never
   * both post it; a failed posting is released for the scheduler to repeat.
   */
  const postOnce = async (
    subject: CardSubject,
    id: string,
    post: StaffPost | undefined,
    cardOf: (t: Translate) => Promise<Card | undefined>,
  ) => {
    if (!(await services.staffCards.claim(subject, id))) return;
    const card = await cardOf(await staffT());
    if (!card) return services.staffCards.release(subject, id);
    let messageId: number;
    try {
      messageId = (await send(card)).message_id;
    } catch (error) {
      await services.staffCards.release(subject, id);
      logger.warn({ subject, err: describeError(error) }, "could not post a card; the scheduler will try again");
      return;
    }
    // The card exists now: never released again, so it is never posted twice.
    await services.staffCards.posted(subject, id, messageId);
    if (post) await services.staffChat.recordPost(address.id, messageId, post);
  };

  return {
    /** Into the operators' desk (the cards' "Open", /find, /export); undefined without one. */
    links,

    /** The staff chat's id now. */
    get staffChatId(): number {
      return address.id;
    },

    /** A card as it is rendered today (masked), to show again in place of an older one; undefined when its subject is gone. */
    async cardNow(subject: MaskedCardSubject, id: string): Promise<Card | undefined> {
      const t = await staffT();
      switch (subject) {
        case "application": {
          const application = await services.registration.findApplication(id);
          return application && applicationCard(t, application);
        }
        case "appeal": {
          const appeal = await services.appeals.findById(id);
          return appeal && appealCard(t, appeal);
        }
        case "complaint": {
          const complaint = await services.complaints.findById(id);
          return complaint && complaintCard(t, complaint);
        }
        case "thread": {
          const view = await services.support.byId(id);
          return view && threadCard(t, view);
        }
      }
    },

    /** Posts the card once; a failure to post leaves it for the scheduler. */
    postApplication: (applicationId: string) =>
      postOnce("application", applicationId, { kind: "application_card", applicationId }, async (t) => {
        const application = await services.registration.findApplication(applicationId);
        return application && applicationCard(t, application);
      }),

    /** Cards that failed to post, or whose posting never finished (its instance died). */
    async postMissingCards(): Promise<void> {
      const missing = await services.staffCards.missing();
      for (const application of missing.applications) await this.postApplication(application.id);
      for (const appeal of missing.appeals) await this.postAppeal(appeal.id);
      for (const complaint of missing.complaints) await this.postComplaint(complaint.id);
    },

    /** Shows the application's current state on its card (and drops the buttons once decided). */
    async refreshCard(application: Application): Promise<void> {
      await edit(application.staffMessageId, await applicationCard(await staffT(), application), "an application");
    },

    postAppeal: (appealId: string) =>
      postOnce("appeal", appealId, { kind: "appeal_card", appealId }, async (t) => {
        const appeal = await services.appeals.findById(appealId);
        return appeal && appealCard(t, appeal);
      }),

    async refreshAppealCard(appeal: Appeal): Promise<void> {
      await edit(appeal.staffMessageId, await appealCard(await staffT(), appeal), "an appeal");
    },

    /** The applicant put the appeal right: its card shows it again, and the chat hears of it. */
    async appealPutRight(appealId: string): Promise<void> {
      const appeal = await services.appeals.findById(appealId);
      if (!appeal) return;
      await this.refreshAppealCard(appeal);
      await tell(appeal.staffMessageId, "staff.appeal.putRight", { number: appeal.number });
    },

    /** The applicant withdrew the application (/mydata): the card shows it, and the chat hears of it. */
    async applicationWithdrawn(application: Application): Promise<void> {
      await this.refreshCard(application);
      await tell(application.staffMessageId, "staff.withdrawn", { number: application.number ?? "" });
    },

    /** The applicant withdrew the consent to publication: the application's data are not to be published. */
    async consentWithdrawn(application: Application): Promise<void> {
      await tell(application.staffMessageId, "staff.consentWithdrawn", { number: application.number ?? "" });
    },

    postComplaint: (complaintId: string) =>
      postOnce("complaint", complaintId, undefined, async (t) => {
        const complaint = await services.complaints.findById(complaintId);
        return complaint && complaintCard(t, complaint);
      }),

    async refreshComplaintCard(complaint: Complaint): Promise<void> {
      await edit(complaint.staffMessageId, await complaintCard(await staffT(), complaint), "a complaint");
    },

    async openThread(view: ThreadView, person: string): Promise<void> {
      const t = await staffT();
      const message = await api.sendMessage(address.id, threadCardText(t, view, person), {
        reply_markup: threadCardKeyboard(t, view.thread.id),
      });
      await services.staffChat.recordPost(address.id, message.message_id, {
        kind: "thread_card",
        threadId: view.thread.id,
      });
      await services.support.setStaffMessage(view.thread.id, message.message_id);
    },

    /** What the person wrote, with any IIN or phone in it masked: the group is no place for them. */
    async relayToStaff(view: ThreadView, text: string): Promise<void> {
      const t = await staffT();
      const masked = maskLongNumbers(text);
      const relayed = t("staff.thread.fromApplicant", { text: masked });
      const message = await api.sendMessage(
        address.id,
        masked === text ? relayed : `${relayed}\n\n${t("staff.thread.masked")}`,
        {
          ...(view.thread.staffMessageId
            ? { reply_parameters: { message_id: view.thread.staffMessageId, allow_sending_without_reply: true } }
            : {}),
        },
      );
      await services.staffChat.recordPost(address.id, message.message_id, {
        kind: "thread_message",
        threadId: view.thread.id,
      });
    },

    async relayToApplicant(view: ThreadView, text: string): Promise<void> {
      await api.sendMessage(view.applicant.chatId, translator.t(view.applicant.language)("operator.answer", { text }));
    },

    async threadClosed(view: ThreadView): Promise<void> {
      await api.sendMessage(view.applicant.chatId, translator.t(view.applicant.language)("operator.closed"));
    },

    /**
     * An operator answered in the desk: the group's thread says who, so that
     * no one answers twice. Not what was written: an answer names the person's
     * own affairs (their name, address, the reasons of a decision), and masking
     * hides only numbers. A reply to this line reaches the person as a reply to
     * the card does.
     */
    async threadAnsweredInDesk(view: ThreadView, operator: Actor): Promise<void> {
      const t = await staffT();
      const message = await api
        .sendMessage(address.id, t("staff.thread.answeredInDesk", { name: operator.name }), {
          ...(view.thread.staffMessageId
            ? { reply_parameters: { message_id: view.thread.staffMessageId, allow_sending_without_reply: true } }
            : {}),
        })
        .catch((error: unknown) => {
          logger.warn({ err: describeError(error) }, "could not tell the staff chat of an answer in the desk");
          return undefined;
        });
      if (message) {
        await services.staffChat.recordPost(address.id, message.message_id, {
          kind: "thread_message",
          threadId: view.thread.id,
        });
      }
    },

    /** Closed in the desk: the group's thread says who, and its card loses the Close button. */
    async threadClosedInDesk(view: ThreadView, operator: Actor): Promise<void> {
      const cardId = view.thread.staffMessageId;
      await tell(cardId, "staff.thread.closedInDesk", { name: operator.name });
      if (cardId === null) return;
      await api
        .editMessageReplyMarkup(address.id, cardId, {})
        .catch((error: unknown) => logger.warn({ err: describeError(error) }, "could not update a thread card"));
    },
  };
}
