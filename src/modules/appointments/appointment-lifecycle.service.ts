import type { DependenciesOf } from '../../deps.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { recordAudit } from '../../lib/audit.ts';
import { RuleViolationError } from '../../lib/errors.ts';
import type { Principal } from '../../plugins/auth.ts';
import { requiresAcknowledgement, requiresClearance } from '../screening/screening.rules.ts';
import { transitionError } from './appointment-errors.ts';
import {
  appointmentSelect,
  findVisibleAppointment,
  flagsOf,
  toAppointmentView,
  type AppointmentRow,
} from './appointments.repository.ts';
import {
  decideTransition,
  missingConfirmations,
  type AppointmentAction,
  type Participant,
} from './appointments.rules.ts';
import type { AppointmentView, CancelInput, ConfirmInput } from './appointments.schemas.ts';
import { isLateCancellationBy } from './cancellation.rules.ts';
import { lockAppointment } from '../../db/row-locks.ts';

/** What a transition writes besides the status, and what the audit entry records besides from and to. */
type TransitionChanges = (
  row: AppointmentRow,
  by: Participant,
  now: Date,
) => { data: Omit<Prisma.AppointmentUpdateManyMutationInput, 'status'>; audit?: Record<string, boolean> };

export function createAppointmentLifecycleService(deps: DependenciesOf<'prisma' | 'clock', 'CANCELLATION_WINDOW_HOURS'>) {
  const { prisma, clock, config } = deps;

  /**
   * One transition in one transaction: lock the row, load, judge with the transition table, update, audit. The
   * lock makes a concurrent reschedule or transition finish first, so what is judged (status, start, screening
   * flags) is what is changed; the status guard on the update stays as a second line.
   */
  async function transition(
    actor: Principal,
    id: string,
    action: AppointmentAction,
    changes: TransitionChanges,
  ): Promise<AppointmentView> {
    const now = clock.now();
    const { row, viewer } = await prisma.$transaction(async (tx) => {
      await lockAppointment(tx, id);
      const { row: current, viewer: currentViewer } = await findVisibleAppointment(tx, actor, id);
      if (currentViewer === 'admin') throw transitionError('wrong-participant', action, current.status);
      const decision = decideTransition({ action, status: current.status, by: currentViewer, startsAt: current.startsAt, now });
      if (!decision.ok) throw transitionError(decision.reason, action, current.status);
      const { data, audit } = changes(current, currentViewer, now);
      const updated = await tx.appointment.updateMany({
        where: { id, status: current.status },
        data: { ...data, status: decision.to },
      });
      if (updated.count === 0) {
        const fresh = await tx.appointment.findUniqueOrThrow({ where: { id }, select: { status: true } });
        throw transitionError('invalid-transition', action, fresh.status);
      }
      await recordAudit(tx, {
        actorId: actor.userId,
        at: now,
        action: `appointment.${action}`,
        entityType: 'Appointment',
        entityId: id,
        data: { from: decision.from, to: decision.to, ...audit },
      });
      const saved = await tx.appointment.findUniqueOrThrow({ where: { id }, select: appointmentSelect });
      return { row: saved, viewer: currentViewer };
    });
    return toAppointmentView(row, viewer);
  }

  /**
   * The therapist accepts the booking. With caution flags they must acknowledge them, and with a flag that needs
   * medical clearance also confirm they have seen it; a 422 names what is missing. Notes (ok flags) need neither.
   */
  async function confirm(actor: Principal, id: string, input: ConfirmInput): Promise<AppointmentView> {
    return transition(actor, id, 'confirm', (row, _by, now) => {
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
    return transition(actor, id, 'cancel', (row, by, now) => {
      const late = isLateCancellationBy({ by, startsAt: row.startsAt, now, windowHours: config.CANCELLATION_WINDOW_HOURS });
      return {
        data: { cancelledAt: now, cancelledById: actor.userId, cancellationReason: input.reason ?? null, lateCancellation: late },
        audit: { lateCancellation: late },
      };
    });
  }

  async function complete(actor: Principal, id: string): Promise<AppointmentView> {
    return transition(actor, id, 'complete', (_row, _by, now) => ({ data: { completedAt: now } }));
  }

  async function markNoShow(actor: Principal, id: string): Promise<AppointmentView> {
    return transition(actor, id, 'no-show', () => ({ data: {} }));
  }

  return { confirm, cancel, complete, markNoShow };
}
