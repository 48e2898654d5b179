-- DropIndex
DROP INDEX "Appointment_therapistId_startsAt_idx";

-- CreateIndex
CREATE INDEX "Appointment_therapistId_startsAt_blockedUntil_status_idx" ON "Appointment"("therapistId", "startsAt", "blockedUntil", "status");
