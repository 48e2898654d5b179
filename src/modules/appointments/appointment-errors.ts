// Domain refusals of the appointment lifecycle and of booking races, as the problem documents clients see.
import { isExclusionViolation, violatedConstraint } from '../../lib/db-errors.ts';
import { ConflictError, ForbiddenError, type AppError } from '../../lib/errors.ts';
import type { AppointmentAction, AppointmentStatus, TransitionRefusal } from './appointments.rules.ts';

const ACTION_NAMES: Record<AppointmentAction, string> = {
  confirm: 'confirmed',
  cancel: 'cancelled',
  reschedule: 'rescheduled',
  complete: 'completed',
  'no-show': 'marked as a no-show',
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
 * The database's no-overlap constraints, translated: they catch the race two concurrent bookings win and lose
 * after both passed the slot check.
 */
export function overlapError(error: unknown): AppError | null {
  if (!isExclusionViolation(error)) return null;
  if (violatedConstraint(error) === 'Appointment_client_no_overlap') {
    return new ConflictError('client-overlap', 'You already have an appointment that overlaps this time');
  }
  return slotTakenError();
}

export function slotTakenError(): AppError {
  return new ConflictError('slot-taken', 'This time is no longer free; please pick another slot');
}
