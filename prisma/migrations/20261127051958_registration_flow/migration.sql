-- AlterTable
ALTER TABLE "application" ADD COLUMN     "editing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "paused" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "step" VARCHAR(32);

-- CreateTable
CREATE TABLE "application_counter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "application_counter_pkey" PRIMARY KEY ("year")
);


-- Written by hand (Prisma cannot model partial indexes): one active
-- application per IIN, even when two submissions race.
CREATE UNIQUE INDEX "application_one_active_per_iin" ON "application" ("iin") WHERE "status" IN ('submitted', 'registered');
