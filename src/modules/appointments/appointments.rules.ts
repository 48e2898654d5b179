// The appointment lifecycle and the booking arithmetic, as pure functions: `now` and the actor are arguments.
import { createHash } from 'node:crypto';
import { requiresAcknowledgement, requiresClearance, type ScreeningFlag } from '../screening/screening.rules.ts';

import { UPCOMING_STATUSES, type AppointmentStatus } from './appointment-status.ts';

export type { AppointmentStatus } from './appointment-status.ts';
export type AppointmentAction = 'confirm' | 'cancel' | 'reschedule' | 'complete' | 'no-show' | 'expire';
/** Who acts, relative to the appointment. Admins are not participants and change nothing. */
export type Participant = 'client' | 'therapist';
/** Who may make a change: a participant, or the service itself (a booking nobody confirmed in time). */
export type Actor = Participant | 'system';
export type Timing = 'any' | 'before-start' | 'after-start';

export interface TransitionRule {
  from: readonly AppointmentStatus[];
  to: AppointmentStatus;
  by: readonly Actor[];
  timing: Timing;
}

/**
 * Every allowed move; anything else is refused. PENDING → CONFIRMED → COMPLETED | NO_SHOW, CANCELLED from either
 * active state. Confirming has no deadline so an appointment the therapist forgot to confirm can still be
 * confirmed and then completed. Rescheduling returns a confirmed appointment to PENDING: the therapist agreed to a
 * time, not to any time, and must confirm the new one (and re-acknowledge the re-judged screening flags).
 */
export const TRANSITIONS: Readonly<Record<AppointmentAction, TransitionRule>> = {
  confirm: { from: ['PENDING'], to: 'CONFIRMED', by: ['therapist'], timing: 'any' },
  cancel: { from: UPCOMING_STATUSES, to: 'CANCELLED', by: ['client', 'therapist'], timing: 'before-start' },
  reschedule: { from: UPCOMING_STATUSES, to: 'PENDING', by: ['client'], timing: 'before-start' },
  complete: { from: ['CONFIRMED'], to: 'COMPLETED', by: ['therapist'], timing: 'after-start' },
  'no-show': { from: ['CONFIRMED'], to: 'NO_SHOW', by: ['therapist'], timing: 'after-start' },
  // Scheduled for the earlier of the expiry and the start; a worker that was down may run it late, and a booking
  // still unconfirmed after its start is cancelled all the same.
  expire: { from: ['PENDING'], to: 'CANCELLED', by: ['system'], timing: 'any' },
};

export type TransitionRefusal = 'wrong-participant' | 'invalid-transition' | 'not-started' | 'already-started';
export type TransitionDecision =
  | { ok: true; from: AppointmentStatus; to: AppointmentStatus }
  | { ok: false; reason: TransitionRefusal };

/**
 * Whether `by` may apply `action` to an appointment in `status` starting at `startsAt`, at `now`. Checked in this
 * order: who, then the state, then the time. "Before the start" means strictly before; "after the start"
 * includes the start itself.
 */
export function decideTransition(input: {
  action: AppointmentAction;
  status: AppointmentStatus;
  by: Actor;
  startsAt: Date;
  now: Date;
}): TransitionDecision {
  const rule = TRANSITIONS[input.action];
  if (!rule.by.includes(input.by)) return { ok: false, reason: 'wrong-participant' };
  if (!rule.from.includes(input.status)) return { ok: false, reason: 'invalid-transition' };
  const started = input.now.getTime() >= input.startsAt.getTime();
  if (rule.timing === 'before-start' && started) return { ok: false, reason: 'already-started' };
  if (rule.timing === 'after-start' && !started) return { ok: false, reason: 'not-started' };
  return { ok: true, from: input.status, to: rule.to };
}

export type ConfirmationField = 'acknowledgeFlags' | 'clearanceConfirmed';

/**
 * What the therapist's confirm must carry: `acknowledgeFlags` when the screening raised a caution flag, and
 * `clearanceConfirmed` when a flag requires medical clearance. Ok-level flags are notes for the therapist (how to
 * position a pregnant client) and ask for nothing, so an appointment with only notes, or none, confirms with `{}`.
 */
export function missingConfirmations(
  flags: readonly Pick<ScreeningFlag, 'decision' | 'requiresClearance'>[],
  body: { acknowledgeFlags?: boolean; clearanceConfirmed?: boolean },
): ConfirmationField[] {
  const missing: ConfirmationField[] = [];
  if (requiresAcknowledgement(flags) && body.acknowledgeFlags !== true) missing.push('acknowledgeFlags');
  if (requiresClearance(flags) && body.clearanceConfirmed !== true) missing.push('clearanceConfirmed');
  return missing;
}

/** The type's price is per 60 minutes; other lengths are prorated to the nearest minor unit (45 min of 7500 → 5625). */
export function priceFor(pricePerHourCents: number, durationMinutes: number): number {
  return Math.round((pricePerHourCents * durationMinutes) / 60);
}

export interface BookingRequest {
  therapistId: string;
  massageType: string;
  durationMinutes: number;
  startsAt: Date;
  screeningId: string;
  notes?: string | undefined;
}

/**
 * Identifies a booking request for Idempotency-Key replays: the same fields give the same hash however the JSON
 * was written (key order, `+01:00` or `Z` for the same instant).
 */
export function bookingFingerprint(request: BookingRequest): string {
  const canonical = JSON.stringify([
    request.therapistId,
    request.massageType,
    request.durationMinutes,
    request.startsAt.getTime(),
    request.screeningId,
    request.notes ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
