import type { DependenciesOf } from '../../deps.ts';
import { RuleViolationError } from '../../lib/errors.ts';
import type { Principal } from '../../plugins/auth.ts';
import { requiresAcknowledgement, requiresClearance } from '../screening/screening.rules.ts';
import { transitionAppointment, type TransitionRequest } from './appointment-transition.ts';
import { flagsOf, toAppointmentView } from './appointments.repository.ts';
import { missingConfirmations, type AppointmentAction, type Participant } from './appointments.rules.ts';
import type { AppointmentView, CancelInput, ConfirmInput } from './appointments.schemas.ts';
import { isLateCancellationBy } from './cancellation.rules.ts';

/** The participants' changes of an appointment's state, each through the one transition path. */
export function createAppointmentLifecycleService(
  deps: DependenciesOf<'prisma' | 'clock', 'CANCELLATION_WINDOW_HOURS'>,
) {
  const { prisma, clock, config } = deps;

  async function transition(
    actor: Principal,
    appointmentId: string,
    action: AppointmentAction,
    changes: TransitionRequest['changes'],
  ): Promise<AppointmentView> {
    const now = clock.now();
    const { row, by } = await transitionAppointment(prisma, { actor, appointmentId, action, now, changes });
    // A signed-in participant made the change, so `by` is their side of the appointment.
    return toAppointmentView(row, by as Participant);
  }

  /**
   * The therapist accepts the booking. With caution flags they must acknowledge them, and with a flag that needs
   * medical clearance also confirm they have seen it; a 422 names what is missing. Notes (ok flags) need neither.
   */
  async function confirm(actor: Principal, id: string, input: ConfirmInput): Promise<AppointmentView> {
    return transition(actor, id, 'confirm', (_tx, row, _by, now) => {
      const flags = flagsOf(row);
      const missing = missingConfirmations(flags, input);
      if (missing.length > 0) {
        throw new RuleViolationError(
          'confirmation-incomplete',
          `This appointment's screening needs ${missing.join(' and ')} to confirm it`,
          { missing },
        );
      }
      return {
        data: {
          confirmedAt: now,
          flagsAcknowledgedAt: requiresAcknowledgement(flags) ? now : null,
          clearanceConfirmedAt: requiresClearance(flags) ? now : null,
        },
      };
    });
  }

  /** Either participant, before the start. Only a client's cancellation inside the window is marked late. */
  async function cancel(actor: Principal, id: string, input: CancelInput): Promise<AppointmentView> {
    return transition(actor, id, 'cancel', (_tx, row, by, now) => {
      const windowHours = config.CANCELLATION_WINDOW_HOURS;
      const late = isLateCancellationBy({ by, startsAt: row.startsAt, now, windowHours });
      return {
        data: { cancelledAt: now, cancelledById: actor.userId, cancellationReason: input.reason ?? null, lateCancellation: late },
        audit: { lateCancellation: late },
      };
    });
  }

  async function complete(actor: Principal, id: string): Promise<AppointmentView> {
    return transition(actor, id, 'complete', (_tx, _row, _by, now) => ({ data: { completedAt: now } }));
  }

  async function markNoShow(actor: Principal, id: string): Promise<AppointmentView> {
    return transition(actor, id, 'no-show', () => ({ data: {} }));
  }

  return { confirm, cancel, complete, markNoShow };
}
