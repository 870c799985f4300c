-- AlterTable
ALTER TABLE "appeal" ADD COLUMN     "decided_by_name" VARCHAR(128),
ADD COLUMN     "decision_note" TEXT,
ADD COLUMN     "referred_to" VARCHAR(64);

