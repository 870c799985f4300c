-- CreateTable
CREATE TABLE "reminder" (
    "id" UUID NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "kind" VARCHAR(64) NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" VARCHAR(128),
    "claimed_at" TIMESTAMPTZ(3),
    "claimed_by" VARCHAR(64),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sent_at" TIMESTAMPTZ(3),
    "outcome" VARCHAR(32),

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminder_dedupe_key_key" ON "reminder"("dedupe_key");

-- CreateIndex
CREATE INDEX "reminder_sent_at_due_at_idx" ON "reminder"("sent_at", "due_at");

