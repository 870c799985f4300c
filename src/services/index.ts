// The use cases the bot calls, wired to storage once at start-up.
import { createApplicantRepository } from "../db/applicants.ts";
import { createApplicationRepository } from "../db/applications.ts";
import { createConsentRepository } from "../db/consents.ts";
import { createInboundUpdateRepository } from "../db/inbound-updates.ts";
import type { PrismaClient } from "../db/generated/client.ts";
import { createNotificationRepository } from "../db/notifications.ts";
import { createOtpChallengeRepository } from "../db/otp-challenges.ts";
import { createStaffChatRepository } from "../db/staff-chats.ts";
import { type ApplicationsOverview, createApplicationsOverview } from "./applications-overview.ts";
import { type AppealReceiver, type AppealService, createAppealService } from "./appeals.ts";
import type { Clock } from "./clock.ts";
import { type ConversationStates, createConversationStates } from "./conversation-states.ts";
import { createUpdateLedger, type UpdateLedger } from "./update-ledger.ts";
import { type ComplaintService, createComplaintService } from "./complaints.ts";
import { createDecisionService, type DecisionService } from "./decisions.ts";
import { createEscalationService, type EscalationService } from "./escalations.ts";
import { createStaffCards, type StaffCards } from "./staff-cards.ts";
import { createStaffRecords, type StaffRecords } from "./staff-records.ts";
import { createSupportService, type SupportService } from "./support.ts";
import { createLanguagePreference, type LanguagePreference } from "./language-preference.ts";
import { createOtpService, type OtpService } from "./otp.ts";
import { createReminderService, type ReminderService } from "./reminders.ts";
import { createRegistrationService, type RegistrationService } from "./registration.ts";
import type { SmsGateway } from "./sms-gateway.ts";

export type Services = {
  clock: Clock;
  conversationStates: ConversationStates;
  updateLedger: UpdateLedger;
  appeals: AppealService;
  complaints: ComplaintService;
  decisions: DecisionService;
  support: SupportService;
  staffRecords: StaffRecords;
  escalations: EscalationService;
  reminders: ReminderService;
  staffCards: StaffCards;
  staffChats: ReturnType<typeof createStaffChatRepository>;
  languagePreference: LanguagePreference;
  registration: RegistrationService;
  otp: OtpService;
  overview: ApplicationsOverview;
};

export function createServices(deps: { prisma: PrismaClient; clock: Clock; sms: SmsGateway; secret: string; appealReceiver?: AppealReceiver }): Services {
  const applicants = createApplicantRepository(deps.prisma);
  const applications = createApplicationRepository(deps.prisma);
  const notifications = createNotificationRepository(deps.prisma);
  return {
    clock: deps.clock,
    conversationStates: createConversationStates(deps.prisma),
    updateLedger: createUpdateLedger(createInboundUpdateRepository(deps.prisma), deps.clock),
    complaints: createComplaintService(deps.prisma),
    appeals: createAppealService({ prisma: deps.prisma, receiver: deps.appealReceiver ?? { name: "", position: "" } }),
    decisions: createDecisionService(deps.prisma),
    support: createSupportService(deps.prisma),
    staffRecords: createStaffRecords(deps.prisma),
    escalations: createEscalationService(deps.prisma),
    reminders: createReminderService(deps.prisma),
    staffCards: createStaffCards(deps.prisma),
    staffChats: createStaffChatRepository(deps.prisma),
    languagePreference: createLanguagePreference(applicants),
    registration: createRegistrationService({ prisma: deps.prisma, applicants, consents: createConsentRepository(deps.prisma) }),
    otp: createOtpService({ challenges: createOtpChallengeRepository(deps.prisma), sms: deps.sms, secret: deps.secret }),
    overview: createApplicationsOverview({ applicants, applications, notifications }),
  };
}
