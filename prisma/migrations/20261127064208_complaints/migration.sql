-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('received', 'awaiting_renewal', 'renewal_refused', 'satisfied', 'refused', 'refused_by_silence');

-- CreateTable
CREATE TABLE "complaint" (
    "id" UUID NOT NULL,
    "number" VARCHAR(32) NOT NULL,
    "applicant_id" UUID NOT NULL,
    "status" "ComplaintStatus" NOT NULL,
    "subject" VARCHAR(300) NOT NULL,
    "learned_date" VARCHAR(10) NOT NULL,
    "late_reason" TEXT,
    "essence" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "received_date" VARCHAR(10) NOT NULL,
    "due_date" VARCHAR(10) NOT NULL,
    "decision_note" TEXT,
    "decided_by_name" VARCHAR(128),
    "staff_message_id" INTEGER,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "complaint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "complaint_number_key" ON "complaint"("number");

-- CreateIndex
CREATE INDEX "complaint_applicant_id_idx" ON "complaint"("applicant_id");

-- AddForeignKey
ALTER TABLE "complaint" ADD CONSTRAINT "complaint_applicant_id_fkey" FOREIGN KEY ("applicant_id") REFERENCES "applicant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

