-- CreateIndex
CREATE INDEX "consent_application_id_idx" ON "consent"("application_id");

