-- AlterTable
ALTER TABLE "appeal" ADD COLUMN     "iin" TEXT,
ADD COLUMN     "iin_index" VARCHAR(64);

-- AlterTable
ALTER TABLE "complaint" ADD COLUMN     "full_name" TEXT,
ADD COLUMN     "iin" TEXT,
ADD COLUMN     "iin_index" VARCHAR(64),
ADD COLUMN     "phone" TEXT;

-- CreateIndex
CREATE INDEX "appeal_iin_index_idx" ON "appeal"("iin_index");

-- CreateIndex
CREATE INDEX "complaint_iin_index_idx" ON "complaint"("iin_index");

