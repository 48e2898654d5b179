// Who may review what, for how long a review can be edited, and how ratings are summarised. Pure: `now` is an
// argument.
import { MS_PER_DAY } from '../../lib/durations.ts';
import type { AppointmentStatus } from '../appointments/appointment-status.ts';

export const REVIEW_EDIT_WINDOW_DAYS = 7;
export const MAX_REVIEW_COMMENT_LENGTH = 2000;

export type ReviewRefusal =
  | { code: 'appointment-not-found' }
  | { code: 'appointment-not-completed'; currentStatus: AppointmentStatus }
  | { code: 'review-exists' };

/**
 * Only the appointment's client may review it, once it is COMPLETED, and only once. Anyone else is told the
 * appointment does not exist, so its existence is not revealed to non-participants.
 */
export function reviewRefusal(
  appointment: { clientId: string; status: AppointmentStatus } | null,
  alreadyReviewed: boolean,
  callerId: string,
): ReviewRefusal | null {
  if (!appointment || appointment.clientId !== callerId) return { code: 'appointment-not-found' };
  if (appointment.status !== 'COMPLETED') {
    return { code: 'appointment-not-completed', currentStatus: appointment.status };
  }
  if (alreadyReviewed) return { code: 'review-exists' };
  return null;
}

/** The last instant an edit is accepted is just before this: exactly 7 × 24 hours after the review was written. */
export function reviewEditableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + REVIEW_EDIT_WINDOW_DAYS * MS_PER_DAY);
}

export function canEditReview(createdAt: Date, now: Date): boolean {
  return now.getTime() < reviewEditableUntil(createdAt).getTime();
}

/** Comments are stored trimmed; an empty or blank one is no comment at all. */
export function normalizeComment(comment: string | null | undefined): string | null {
  const trimmed = comment?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

/**
 * The average shown for `count` visible ratings summing to `sum`, rounded half up to 2 decimals (33/8 = 4.125 →
 * 4.13), null with no ratings. Matches PostgreSQL's `ROUND(AVG(rating), 2)`, which the therapist list sorts by.
 */
export function averageRating(sum: number, count: number): number | null {
  if (count === 0) return null;
  return Math.round((sum * 100) / count) / 100;
}

/** What the public sees of a reviewer: "Mary Ann Smith" → "Mary". */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}
