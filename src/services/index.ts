// The use cases the bot, the scheduler and the server call, wired to storage
// once at start-up. Each is a service of its own; none hands out a repository.
import type { UnitOfWork } from "../db/unit-of-work.ts";
import { type AppealReceiver, type AppealService, createAppealService } from "./appeals.ts";
import { type ApplicationsOverview, createApplicationsOverview } from "./applications-overview.ts";
import { type Backlog, createBacklog } from "./backlog.ts";
import type { Clock } from "./clock.ts";
import { type ComplaintService, createComplaintService } from "./complaints.ts";
import { type ConversationStates, createConversationStates } from "./conversation-states.ts";
import { createDecisionService, type DecisionService } from "./decisions.ts";
import { createDeskService, type DeskService } from "./desk.ts";
import { createDeskStarts, type DeskStarts } from "./desk-start.ts";
import { createEscalationService, type EscalationService } from "./escalations.ts";
import { createLanguagePreference, type LanguagePreference } from "./language-preference.ts";
import type { MobileRegistry } from "./mobile-registry.ts";
import { createOtpService, type OtpService } from "./otp.ts";
import { createPersonalDataService, type PersonalDataService } from "./personal-data.ts";
import { createRegistrationService, type RegistrationService } from "./registration.ts";
import { createReminderContents, type ReminderContents } from "./reminder-content.ts";
import { createReminderService, type ReminderService } from "./reminders.ts";
import { createRetention, type Retention } from "./retention.ts";
import type { SmsGateway } from "./sms-gateway.ts";
import { createStaffCards, type StaffCards } from "./staff-cards.ts";
import { createStaffChat, type StaffChat } from "./staff-chat.ts";
import { createStaffGroupMasking, type StaffGroupMasking } from "./staff-group-masking.ts";
import { createStaffRecords, type StaffRecords } from "./staff-records.ts";
import { createSupportService, type SupportService } from "./support.ts";
import { createUpdateLedger, type UpdateLedger } from "./update-ledger.ts";
import { createWebFormService, type WebFormService } from "./web-form.ts";

export type Services = {
  clock: Clock;
  // The applicant's side.
  languagePreference: LanguagePreference;
  registration: RegistrationService;
  /** The same draft, as the web form (Mini App) reads and saves it. */
  webForm: WebFormService;
  otp: OtpService;
  /** Whether a phone is registered under an IIN in the citizens' mobile database. */
  registry: MobileRegistry;
  overview: ApplicationsOverview;
  appeals: AppealService;
  complaints: ComplaintService;
  support: SupportService;
  personalData: PersonalDataService;
  conversationStates: ConversationStates;
  updateLedger: UpdateLedger;
  // The staff chat's side.
  decisions: DecisionService;
  staffRecords: StaffRecords;
  staffCards: StaffCards;
  staffChat: StaffChat;
  /** Masking, once, what older versions posted in the staff group. */
  staffGroupMasking: StaffGroupMasking;
  /** What the desk's links in the staff chat open on (the `startapp` parameter). */
  deskStarts: DeskStarts;
  /** The operators' desk (Mini App). */
  desk: DeskService;
  // On the clock.
  escalations: EscalationService;
  reminders: ReminderService;
  reminderContents: ReminderContents;
  retention: Retention;
  // For the metrics.
  backlog: Backlog;
};

export type ServiceDependencies = {
  db: UnitOfWork;
  clock: Clock;
  sms: SmsGateway;
  registry: MobileRegistry;
  /** Key of the one-time passwords' hashes (and, under a label of its own, of the desk's links). */
  secret: string;
  appealReceiver?: AppealReceiver;
  /** Where overdue appeals and complaints are reported; unset = no staff side. */
  staffChatId?: number;
};

export function createServices(deps: ServiceDependencies): Services {
  const { db, clock } = deps;
  const appealReceiver = deps.appealReceiver ?? { name: "", position: "" };
  const appeals = createAppealService(db, appealReceiver);
  const complaints = createComplaintService(db);
  const staffRecords = createStaffRecords(db);
  const deskStarts = createDeskStarts(deps.secret);
  return {
    clock,
    languagePreference: createLanguagePreference(db),
    registration: createRegistrationService(db),
    webForm: createWebFormService(db),
    registry: deps.registry,
    otp: createOtpService({ challenges: db.repos.otpChallenges, sms: deps.sms, secret: deps.secret }),
    overview: createApplicationsOverview(db),
    appeals,
    complaints,
    support: createSupportService(db),
    personalData: createPersonalDataService(db),
    conversationStates: createConversationStates(db, appealReceiver),
    updateLedger: createUpdateLedger(db, clock),
    decisions: createDecisionService(db),
    staffRecords,
    desk: createDeskService(db, staffRecords, deskStarts),
    staffCards: createStaffCards(db, clock),
    staffChat: createStaffChat(db),
    staffGroupMasking: createStaffGroupMasking(db),
    deskStarts,
    escalations: createEscalationService(db, deps.staffChatId),
    reminders: createReminderService(db, deps.staffChatId),
    retention: createRetention(db),
    backlog: createBacklog(db, clock),
    reminderContents: createReminderContents({ db, clock, appeals, complaints, staffChatId: deps.staffChatId }),
  };
}
