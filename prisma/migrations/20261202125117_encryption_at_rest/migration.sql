-- DropIndex
DROP INDEX "applicant_iin_idx";

-- DropIndex
DROP INDEX "application_iin_status_idx";

-- AlterTable
ALTER TABLE "applicant" ADD COLUMN     "iin_index" VARCHAR(64),
ALTER COLUMN "iin" SET DATA TYPE TEXT,
ALTER COLUMN "phone" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "iin_index" VARCHAR(64),
ALTER COLUMN "iin" SET DATA TYPE TEXT,
ALTER COLUMN "form" DROP DEFAULT,
ALTER COLUMN "form" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "otp_challenge" ALTER COLUMN "phone" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "conversation_state" ALTER COLUMN "value" SET DATA TYPE TEXT,
ALTER COLUMN "pending" DROP NOT NULL,
ALTER COLUMN "pending" DROP DEFAULT,
ALTER COLUMN "pending" SET DATA TYPE TEXT,
ALTER COLUMN "prompt" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "inbound_update" ALTER COLUMN "payload" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "appeal" ALTER COLUMN "content" SET DATA TYPE TEXT;

-- AlterTable
ALTER TABLE "complaint" ALTER COLUMN "subject" SET DATA TYPE TEXT;

-- CreateTable
CREATE TABLE "data_task" (
    "name" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "data_task_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "applicant_iin_index_idx" ON "applicant"("iin_index");

-- CreateIndex
CREATE INDEX "application_iin_index_status_idx" ON "application"("iin_index", "status");


-- Written by hand. One active application per IIN now stands on the blind
-- index (the IIN itself is sealed, with a different nonce every time).
DROP INDEX "application_one_active_per_iin";
CREATE UNIQUE INDEX "application_one_active_per_iin" ON "application" ("iin_index") WHERE "status" IN ('submitted', 'registered');

-- Nothing pending is now NULL rather than an empty list.
UPDATE "conversation_state" SET "pending" = NULL WHERE "pending" = '[]';

-- Rows stored in clear are sealed (and their blind index filled) at the next
-- start, by the application, which holds the keys (src/db/data-rotation.ts).
INSERT INTO "data_task" ("name") VALUES ('seal_plain_rows');
