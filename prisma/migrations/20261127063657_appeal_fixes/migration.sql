-- AlterTable
ALTER TABLE "appeal" ADD COLUMN     "fix_by" VARCHAR(10),
ADD COLUMN     "missing" JSONB;

