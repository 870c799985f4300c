-- AlterTable
ALTER TABLE "staff_chat" ADD COLUMN     "migrated_to" BIGINT;

