-- AlterTable
ALTER TABLE "application" ADD COLUMN     "card_claimed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "appeal" ADD COLUMN     "card_claimed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "card_claimed_at" TIMESTAMPTZ(3);


-- Cards that were being posted were marked with message id 0 or -1; they are
-- now claims with a time, old enough for the scheduler to post them again.
UPDATE "application" SET "staff_message_id" = NULL, "card_claimed_at" = now() - interval '1 hour' WHERE "staff_message_id" IN (0, -1);
