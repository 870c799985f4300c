-- AlterTable
ALTER TABLE "staff_post" ADD COLUMN     "asked_at" TIMESTAMPTZ(3),
ADD COLUMN     "operator_id" BIGINT,
ADD COLUMN     "reminder" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "staff_post_chat_id_operator_id_asked_at_idx" ON "staff_post"("chat_id", "operator_id", "asked_at");

