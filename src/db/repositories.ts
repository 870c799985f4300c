// Every repository, on one client: the shared pool, or one transaction.

import { createAppealRepository } from "./appeals.ts";
import { createApplicantRepository } from "./applicants.ts";
import { createApplicationRepository } from "./applications.ts";
import { createAuditLog } from "./audit.ts";
import { createBacklogRepository } from "./backlog.ts";
import { createCardClaims } from "./card-claims.ts";
import type { DbClient } from "./client.ts";
import { createComplaintRepository } from "./complaints.ts";
import { createConsentRepository } from "./consents.ts";
import { createConversationStateRepository } from "./conversation-states.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { createInboundUpdateRepository } from "./inbound-updates.ts";
import { createNotificationRepository } from "./notifications.ts";
import { createOtpChallengeRepository } from "./otp-challenges.ts";
import { createReminderRepository } from "./reminders.ts";
import { createStaffChatRepository } from "./staff-chats.ts";
import { createStaffQueueRepository } from "./staff-queue.ts";
import { createSupportThreadRepository } from "./support-threads.ts";

export type Repositories = ReturnType<typeof repositoriesOn>;

export function repositoriesOn(client: DbClient, cipher: FieldCipher) {
  return {
    applicants: createApplicantRepository(client, cipher),
    applications: createApplicationRepository(client, cipher),
    appeals: createAppealRepository(client, cipher),
    complaints: createComplaintRepository(client, cipher),
    audit: createAuditLog(client),
    backlog: createBacklogRepository(client),
    cardClaims: createCardClaims(client),
    consents: createConsentRepository(client),
    conversationStates: createConversationStateRepository(client, cipher),
    inboundUpdates: createInboundUpdateRepository(client, cipher),
    notifications: createNotificationRepository(client),
    otpChallenges: createOtpChallengeRepository(client, cipher),
    reminders: createReminderRepository(client),
    staffChats: createStaffChatRepository(client),
    staffQueue: createStaffQueueRepository(client),
    supportThreads: createSupportThreadRepository(client),
  };
}
