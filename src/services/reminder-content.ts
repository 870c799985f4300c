// What a due reminder is to say, in whose language, or that it is no longer
// wanted (an application decided in time, a complaint already filed). The
// changes a reminder stands for happen here too: an appeal or a complaint
// whose term passed undecided is recorded as refused by silence, and the
// staff chat is told. Wording is the bot's (src/bot/reminders/wording.ts).
import type { UnitOfWork } from "../db/unit-of-work.ts";
import type { Appeal } from "../domain/appeal.ts";
import { type Application, isDecided } from "../domain/application.ts";
import type { Complaint } from "../domain/complaint.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Language } from "../domain/language.ts";
import type { AppealService } from "./appeals.ts";
import type { Clock } from "./clock.ts";
import type { ComplaintService } from "./complaints.ts";
import type { DueReminder } from "./reminder-messages.ts";
import { scheduleReminders } from "./reminders.ts";

export type ReminderContent =
  | { kind: "application_decided"; application: Application }
  | { kind: "application_due"; application: Application }
  | { kind: "appeal_changed"; appeal: Appeal }
  | { kind: "appeal_fix_by"; appeal: Appeal }
  | { kind: "appeal_silence"; appeal: Appeal }
  | { kind: "complaint_changed"; complaint: Complaint }
  | { kind: "complaint_silence"; complaint: Complaint }
  | { kind: "complaint_window"; of: "application" | "appeal"; number: string; ends: IsoDate }
  | { kind: "draft_expiring"; deletesOn: IsoDate }
  | { kind: "staff_digest"; today: IsoDate; applications: Application[]; appeals: Appeal[]; complaints: Complaint[] }
  | { kind: "staff_overdue"; what: "appeal" | "complaint"; number: string; dueDate: IsoDate }
  | {
      kind: "staff_escalation";
      level: "due_soon" | "overdue";
      application: Application;
      /** The applicant's language, which the card names. */
      applicantLanguage: Language;
    }
  | { kind: "staff_outbox_overdue"; groups: Array<{ kind: string; count: number; oldestDueAt: Date }> };

export type PreparedReminder = { language: Language; content: ReminderContent };

export type ReminderContents = ReturnType<typeof createReminderContents>;

export function createReminderContents(deps: {
  db: UnitOfWork;
  clock: Clock;
  appeals: AppealService;
  complaints: ComplaintService;
  staffChatId: number | undefined;
}) {
  const { db, appeals, complaints } = deps;
  const { applications, staffChats, applicants } = db.repos;
  const now = () => deps.clock.now();

  /** An appeal or complaint whose term passed: the operators hear of it at once (the same round). */
  const tellStaffOverdue = async (what: "appeal" | "complaint", number: string, dueDate: IsoDate) => {
    if (deps.staffChatId === undefined) return;
    await scheduleReminders(db.repos, [
      {
        kind: "staff_overdue",
        dueAt: now(),
        chatId: deps.staffChatId,
        payload: { what, number, dueDate },
        dedupeKey: `staff_overdue:${number}`,
      },
    ]);
  };

  const findApplication = async (id: string, wanted: (application: Application) => boolean) => {
    const application = await applications.findById(id);
    return application && wanted(application) ? application : undefined;
  };

  const contentOf = async (reminder: DueReminder): Promise<ReminderContent | undefined> => {
    switch (reminder.kind) {
      case "application_decided": {
        const application = await findApplication(reminder.payload.applicationId, (a) => isDecided(a.status));
        return application && { kind: reminder.kind, application };
      }
      case "application_due": {
        const application = await findApplication(reminder.payload.applicationId, (a) => a.status === "submitted");
        return application && { kind: reminder.kind, application };
      }
      case "appeal_changed": {
        const appeal = await appeals.findById(reminder.payload.appealId);
        return appeal?.status === reminder.payload.status ? { kind: reminder.kind, appeal } : undefined;
      }
      case "appeal_fix_by": {
        const appeal = await appeals.findById(reminder.payload.appealId);
        return appeal?.status === "non_compliant" && appeal.fixBy === reminder.payload.fixBy
          ? { kind: reminder.kind, appeal }
          : undefined;
      }
      case "appeal_silence": {
        const appeal = await appeals.refuseBySilence(reminder.payload.appealId, now());
        if (!appeal) return undefined;
        await tellStaffOverdue("appeal", appeal.number, appeal.extendedTo ?? appeal.dueDate);
        return { kind: reminder.kind, appeal };
      }
      case "complaint_changed": {
        const complaint = await complaints.findById(reminder.payload.complaintId);
        return complaint?.status === reminder.payload.status ? { kind: reminder.kind, complaint } : undefined;
      }
      case "complaint_silence": {
        const complaint = await complaints.refuseBySilence(reminder.payload.complaintId, now());
        if (!complaint) return undefined;
        await tellStaffOverdue("complaint", complaint.number, complaint.dueDate);
        return { kind: reminder.kind, complaint };
      }
      case "complaint_window":
        // Skipped once the person has complained.
        if (await complaints.hasComplaintAbout(reminder.chatId, reminder.payload.subject)) return undefined;
        return {
          kind: reminder.kind,
          of: reminder.payload.subject.startsWith("appeal:") ? "appeal" : "application",
          number: reminder.payload.number,
          ends: reminder.payload.ends,
        };
      case "draft_expiring": {
        // Skipped once the person came back to it (or it is gone).
        const draft = await applications.findById(reminder.payload.draftId);
        if (draft?.status !== "draft" || draft.updatedAt.getTime() !== reminder.payload.idleSince) return undefined;
        return { kind: reminder.kind, deletesOn: reminder.payload.deletesOn };
      }
      case "staff_digest": {
        const { today, next } = reminder.payload;
        const due = {
          applications: await applications.undecidedDueBy(next),
          appeals: await appeals.openDueBy(next),
          complaints: await complaints.openDueBy(next),
        };
        if (due.applications.length + due.appeals.length + due.complaints.length === 0) return undefined;
        return { kind: reminder.kind, today, ...due };
      }
      case "staff_overdue":
        return { kind: reminder.kind, ...reminder.payload };
      case "staff_escalation": {
        // Decided meanwhile: the warning has nothing left to warn of.
        const application = await findApplication(reminder.payload.applicationId, (a) => a.status === "submitted");
        if (!application) return undefined;
        const applicantLanguage = (await applicants.findById(application.applicantId))?.language ?? "ru";
        return { kind: reminder.kind, level: reminder.payload.level, application, applicantLanguage };
      }
      case "staff_outbox_overdue":
        return {
          kind: reminder.kind,
          groups: reminder.payload.groups.map((group) => ({ ...group, oldestDueAt: new Date(group.oldestDueAt) })),
        };
    }
  };

  return {
    /** The content and its language, or undefined when the reminder is no longer wanted. */
    async prepare(reminder: DueReminder): Promise<PreparedReminder | undefined> {
      const content = await contentOf(reminder);
      if (!content) return undefined;
      // Groups are the staff chat, with a language of its own.
      const language =
        reminder.chatId < 0
          ? await staffChats.language(reminder.chatId)
          : ((await applicants.findLanguage(reminder.chatId)) ?? "ru");
      return { language, content };
    },
  };
}
