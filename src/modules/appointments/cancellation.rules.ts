// When a cancellation counts as late, and the reschedule rule that follows from it, as pure functions.
import { MS_PER_HOUR } from '../../lib/durations.ts';
import type { Actor } from './appointments.rules.ts';

/**
 * A cancellation is late when it comes less than `windowHours` real hours
 * before the start, including after the start. Exactly `windowHours` before is
 * on time. Real hours, not calendar days: with a 24 h window, a Berlin session
 * on 2026-03-29 (spring-forward day) at 10:00+02:00 cancelled the day before at
 * 10:00+01:00 is late, as only 23 hours separate the two.
 */
export function isLateCancellation(input: { startsAt: Date; now: Date; windowHours: number }): boolean {
  return input.startsAt.getTime() - input.now.getTime() < input.windowHours * MS_PER_HOUR;
}

/** Late only for the client: a therapist (or the service) cancelling at short notice is not charged to the client. */
export function isLateCancellationBy(input: { by: Actor; startsAt: Date; now: Date; windowHours: number }): boolean {
  return input.by === 'client' && isLateCancellation(input);
}

/**
 * Moving an appointment that starts inside the cancellation window would dodge the late-cancellation mark, so it
 * is refused; the client can still cancel (marked late) and book again.
 */
export function mayReschedule(input: { startsAt: Date; now: Date; windowHours: number }): boolean {
  return !isLateCancellation(input);
}
