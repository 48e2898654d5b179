-- Hand-written: the slot engine reads only the appointments that start less than 24 hours before a window (see
-- MAX_BLOCKED_SPAN_MS in src/modules/availability/availability.repository.ts), so no appointment may reserve a
-- longer span, or it would drop out of slot listings unseen. Durations and buffers are each at most 240 minutes.
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_blocked_span_bounded"
  CHECK ("blockedUntil" - "startsAt" <= interval '24 hours');
