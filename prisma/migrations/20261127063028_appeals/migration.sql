-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('received', 'non_compliant', 'extended', 'referred', 'satisfied', 'refused', 'withdrawn', 'refused_by_silence');

-- CreateTable
CREATE TABLE "appeal" (
    "id" UUID NOT NULL,
    "number" VARCHAR(32) NOT NULL,
    "applicant_id" UUID NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'received',
    "content" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "received_date" VARCHAR(10) NOT NULL,
    "due_date" VARCHAR(10) NOT NULL,
    "extended_to" VARCHAR(10),
    "receiver_name" VARCHAR(128) NOT NULL,
    "receiver_position" VARCHAR(128) NOT NULL,
    "staff_message_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "counter" (
    "key" VARCHAR(32) NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "counter_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "appeal_number_key" ON "appeal"("number");

-- CreateIndex
CREATE INDEX "appeal_applicant_id_idx" ON "appeal"("applicant_id");

-- CreateIndex
CREATE INDEX "appeal_status_due_date_idx" ON "appeal"("status", "due_date");

-- AddForeignKey
ALTER TABLE "appeal" ADD CONSTRAINT "appeal_applicant_id_fkey" FOREIGN KEY ("applicant_id") REFERENCES "applicant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

