-- AlterTable
ALTER TABLE "consent" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

