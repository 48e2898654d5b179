-- Hand-written: rules Prisma's schema language cannot express. The database, not the application, guarantees them.
-- (No semicolons inside comments: the pg driver adapter splits scripts on them.)

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- No double booking, whatever the concurrency: a therapist's non-cancelled appointments, each reserving its
-- session plus the trailing buffer [startsAt, blockedUntil), never overlap. Half-open ranges let 10:00-11:00
-- and 11:00-12:00 sit side by side.
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_therapist_no_overlap"
  EXCLUDE USING gist ("therapistId" WITH =, tstzrange("startsAt", "blockedUntil", '[)') WITH &&)
  WHERE ("status" <> 'CANCELLED');

-- A client cannot hold two sessions at the same time either (buffers are the therapist's business).
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_client_no_overlap"
  EXCLUDE USING gist ("clientId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
  WHERE ("status" <> 'CANCELLED');

ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_times_ordered"
  CHECK ("startsAt" < "endsAt" AND "endsAt" <= "blockedUntil" AND "durationMinutes" > 0 AND "priceCents" >= 0);

ALTER TABLE "TimeOff" ADD CONSTRAINT "TimeOff_times_ordered" CHECK ("startsAt" < "endsAt");

ALTER TABLE "Review" ADD CONSTRAINT "Review_rating_range" CHECK ("rating" BETWEEN 1 AND 5);

ALTER TABLE "WeeklyAvailability" ADD CONSTRAINT "WeeklyAvailability_bounds"
  CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" BETWEEN 0 AND 1439 AND "endMinute" BETWEEN 1 AND 1440
         AND "startMinute" <> "endMinute");

ALTER TABLE "MassageType" ADD CONSTRAINT "MassageType_price_not_negative" CHECK ("priceCents" >= 0);

ALTER TABLE "Certification" ADD CONSTRAINT "Certification_dates_ordered" CHECK ("issuedOn" <= "expiresOn");

ALTER TABLE "TherapistProfile" ADD CONSTRAINT "TherapistProfile_policy_bounds"
  CHECK ("bufferMinutes" >= 0 AND "minNoticeMinutes" >= 0 AND "horizonDays" >= 1 AND "slotStepMinutes" >= 5);
