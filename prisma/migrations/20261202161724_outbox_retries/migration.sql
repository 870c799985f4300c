-- AlterTable
ALTER TABLE "reminder" ADD COLUMN     "last_error" VARCHAR(200),
ADD COLUMN     "overdue_reported_at" TIMESTAMPTZ(3),
ADD COLUMN     "retry_at" TIMESTAMPTZ(3);

