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
import { createDataTasks } from "./data-tasks.ts";
import { createDraftRepository } from "./drafts.ts";
import type { FieldCipher } from "./field-cipher.ts";
import { createInboundUpdateRepository } from "./inbound-updates.ts";
import { createNotificationRepository } from "./notifications.ts";
import { createOtpChallengeRepository } from "./otp-challenges.ts";
import { createReminderRepository } from "./reminders.ts";
import { prismaSql, type SqlClient } from "./sql-client.ts";
import { createStaffChatRepository } from "./staff-chats.ts";
import { createStaffGroupRecords } from "./staff-group-records.ts";
import { createStaffQueueRepository } from "./staff-queue.ts";
import { createStatusLinesRepository } from "./status-lines.ts";
import { createSupportThreadRepository } from "./support-threads.ts";

export type Repositories = ReturnType<typeof repositoriesOn>;

/**
 * `sql` runs the hot path's raw statements: the driver itself beside the
 * Prisma client, or (the default) the Prisma client or transaction given, so
 * that inside a transaction every repository writes in it.
 */
export function repositoriesOn(client: DbClient, cipher: FieldCipher, sql: SqlClient = prismaSql(client)) {
  return {
    applicants: createApplicantRepository(client, cipher, sql),
    applications: createApplicationRepository(client, cipher, sql),
    appeals: createAppealRepository(client, cipher),
    complaints: createComplaintRepository(client, cipher),
    audit: createAuditLog(client),
    backlog: createBacklogRepository(client),
    cardClaims: createCardClaims(client),
    consents: createConsentRepository(client),
    conversationStates: createConversationStateRepository(sql, cipher),
    dataTasks: createDataTasks(client),
    inboundUpdates: createInboundUpdateRepository(sql, cipher),
    notifications: createNotificationRepository(client),
    otpChallenges: createOtpChallengeRepository(client, cipher),
    reminders: createReminderRepository(client),
    staffChats: createStaffChatRepository(client),
    staffGroupRecords: createStaffGroupRecords(client),
    staffQueue: createStaffQueueRepository(client),
    statusLines: createStatusLinesRepository(sql, cipher),
    supportThreads: createSupportThreadRepository(client),
  };
}

/** The repositories of a turn (its state, its draft, the ledger): raw SQL only, so a driver transaction can hold them. */
export type TurnRepositories = ReturnType<typeof turnRepositoriesOn>;

export function turnRepositoriesOn(sql: SqlClient, cipher: FieldCipher) {
  return {
    conversationStates: createConversationStateRepository(sql, cipher),
    drafts: createDraftRepository(sql, cipher),
    inboundUpdates: createInboundUpdateRepository(sql, cipher),
  };
}
