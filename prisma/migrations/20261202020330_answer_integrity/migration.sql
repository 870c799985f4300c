-- Conversations stored before this version replayed a different sequence of
-- steps; they are dropped (each draft keeps its finished sections, and the
-- person continues at the start of the section they were in).
DELETE FROM "conversation_state";

-- AlterTable
ALTER TABLE "otp_challenge" ADD COLUMN     "consumed_key" VARCHAR(64),
ADD COLUMN     "last_try_key" VARCHAR(64),
ADD COLUMN     "request_key" VARCHAR(64);

-- AlterTable
ALTER TABLE "conversation_state" ADD COLUMN     "last_update_id" BIGINT,
ADD COLUMN     "pending" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "prompt" JSONB,
ALTER COLUMN "value" DROP NOT NULL;

-- AlterTable
ALTER TABLE "appeal" ADD COLUMN     "filing_key" VARCHAR(64);

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "filing_key" VARCHAR(64);

-- CreateTable
CREATE TABLE "inbound_update" (
    "update_id" BIGINT NOT NULL,
    "payload" JSONB,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "handled_at" TIMESTAMPTZ(3),

    CONSTRAINT "inbound_update_pkey" PRIMARY KEY ("update_id")
);

-- CreateIndex
CREATE INDEX "inbound_update_handled_at_update_id_idx" ON "inbound_update"("handled_at", "update_id");

-- CreateIndex
CREATE UNIQUE INDEX "otp_challenge_request_key_key" ON "otp_challenge"("request_key");

-- CreateIndex
CREATE UNIQUE INDEX "appeal_filing_key_key" ON "appeal"("filing_key");

-- CreateIndex
CREATE UNIQUE INDEX "complaint_filing_key_key" ON "complaint"("filing_key");

