// Domain refusals of the appointment lifecycle and of booking races, as the problem documents clients see.
import { isConcurrencyFailure, isExclusionViolation, violatedConstraint } from '../../lib/db-errors.ts';
import { ConflictError, ForbiddenError, type AppError } from '../../lib/errors.ts';
import type { AppointmentAction, AppointmentStatus, TransitionRefusal } from './appointments.rules.ts';

const ACTION_NAMES: Record<AppointmentAction, string> = {
  confirm: 'confirmed',
  cancel: 'cancelled',
  reschedule: 'rescheduled',
  complete: 'completed',
  'no-show': 'marked as a no-show',
  expire: 'expired',
};

/** Every refusal names the current status, so a client can refresh its view without another request. */
export function transitionError(
  refusal: TransitionRefusal,
  action: AppointmentAction,
  currentStatus: AppointmentStatus,
): AppError {
  const extensions = { action, currentStatus };
  switch (refusal) {
    case 'wrong-participant':
      return new ForbiddenError(
        'not-allowed-for-participant',
        `This appointment cannot be ${ACTION_NAMES[action]} by you`,
        extensions,
      );
    case 'invalid-transition':
      return new ConflictError(
        'invalid-transition',
        `A ${currentStatus} appointment cannot be ${ACTION_NAMES[action]}`,
        extensions,
      );
    case 'already-started':
      return new ConflictError(
        'appointment-started',
        `The appointment has started and can no longer be ${ACTION_NAMES[action]}`,
        extensions,
      );
    case 'not-started':
      return new ConflictError(
        'appointment-not-started',
        `The appointment has not started yet, so it cannot be ${ACTION_NAMES[action]}`,
        extensions,
      );
  }
}

/**
 * The database's verdict on a race between bookings, translated. The no-overlap constraints catch the race two
 * bookings win and lose after both passed the slot check. Two bookings that each wait for the other's
 * uncommitted row (A waits on B's therapist slot while B waits on A's client) are a deadlock PostgreSQL breaks
 * by aborting one; when that keeps happening after the retries, the time is contended: a taken slot.
 */
export function bookingRaceError(error: unknown): AppError | null {
  if (isConcurrencyFailure(error)) return slotTakenError();
  if (!isExclusionViolation(error)) return null;
  if (violatedConstraint(error) === 'Appointment_client_no_overlap') {
    return new ConflictError('client-overlap', 'You already have an appointment that overlaps this time');
  }
  return slotTakenError();
}

export function slotTakenError(): AppError {
  return new ConflictError('slot-taken', 'This time is no longer free; please pick another slot');
}
