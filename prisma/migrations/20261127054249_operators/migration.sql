-- CreateEnum
CREATE TYPE "SupportThreadStatus" AS ENUM ('open', 'closed');

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "assignee_id" BIGINT,
ADD COLUMN     "assignee_name" VARCHAR(128),
ADD COLUMN     "decided_by_id" BIGINT,
ADD COLUMN     "decided_by_name" VARCHAR(128),
ADD COLUMN     "due_warned_at" TIMESTAMPTZ(3),
ADD COLUMN     "overdue_warned_at" TIMESTAMPTZ(3),
ADD COLUMN     "staff_message_id" INTEGER;

-- CreateTable
CREATE TABLE "audit_entry" (
    "id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" BIGINT NOT NULL,
    "actor_name" VARCHAR(128) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "subject_type" VARCHAR(32) NOT NULL,
    "subject_id" VARCHAR(64) NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "audit_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_chat" (
    "chat_id" BIGINT NOT NULL,
    "language" "Language" NOT NULL DEFAULT 'ru',

    CONSTRAINT "staff_chat_pkey" PRIMARY KEY ("chat_id")
);

-- CreateTable
CREATE TABLE "support_thread" (
    "id" UUID NOT NULL,
    "applicant_id" UUID NOT NULL,
    "application_id" UUID,
    "status" "SupportThreadStatus" NOT NULL DEFAULT 'open',
    "staff_message_id" INTEGER,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed_by_name" VARCHAR(128),

    CONSTRAINT "support_thread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_post" (
    "chat_id" BIGINT NOT NULL,
    "message_id" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "application_id" UUID,
    "thread_id" UUID,
    "payload" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_post_pkey" PRIMARY KEY ("chat_id","message_id")
);

-- CreateIndex
CREATE INDEX "audit_entry_subject_type_subject_id_idx" ON "audit_entry"("subject_type", "subject_id");

-- CreateIndex
CREATE INDEX "support_thread_applicant_id_status_idx" ON "support_thread"("applicant_id", "status");

-- CreateIndex
CREATE INDEX "application_status_due_date_idx" ON "application"("status", "due_date");

-- AddForeignKey
ALTER TABLE "support_thread" ADD CONSTRAINT "support_thread_applicant_id_fkey" FOREIGN KEY ("applicant_id") REFERENCES "applicant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand: the audit trail is append-only, whatever code runs.
CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only';
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "audit_entry_append_only" BEFORE UPDATE OR DELETE ON "audit_entry"
FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"();
