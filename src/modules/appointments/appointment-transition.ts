// The one path every change of an appointment's state takes (confirm, cancel, complete, no-show, reschedule, and
// later expiry and waitlist holds): lock, load, decide by the pure transition table, write with a guarded update,
// record the change, reload. One path, so no kind of change can skip a step the others take.
import { lockAppointment } from '../../db/row-locks.ts';
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { retryConcurrencyFailures } from '../../lib/db-errors.ts';
import type { Principal } from '../../plugins/auth.ts';
import { recordChange } from '../events/record-change.ts';
import { bookingRaceError, transitionError } from './appointment-errors.ts';
import { appointmentEvent, EVENT_OF_ACTION } from './appointment-events.ts';
import { appointmentNotFound, appointmentSelect, findVisibleAppointment, type AppointmentRow } from './appointments.repository.ts';
import { decideTransition, type Actor, type AppointmentAction } from './appointments.rules.ts';

/** What a change writes besides the status, and what its audit entry records besides from and to. */
export interface TransitionChanges {
  data: Omit<Prisma.AppointmentUpdateManyMutationInput, 'status'>;
  audit?: Record<string, string | boolean | null>;
}

export interface TransitionRequest {
  /** A signed-in user, or the service itself for scheduled changes (pending expiry). */
  actor: Principal | 'system';
  appointmentId: string;
  action: AppointmentAction;
  now: Date;
  /**
   * Runs after the transition table allowed the move, inside the transaction and under the appointment's lock:
   * it may read more and refuse with a domain error (a reschedule judges the new slot here).
   */
  changes(
    tx: Prisma.TransactionClient,
    current: AppointmentRow,
    by: Actor,
    now: Date,
  ): Promise<TransitionChanges> | TransitionChanges;
}

/**
 * Generous but bounded: a change is a handful of short queries, yet a burst of bookings for one therapist queues
 * for pool connections and for the calendar lock a reschedule takes.
 */
export const CALENDAR_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

/**
 * Applies one change in one transaction, with its audit entry and its outbox event. The row lock makes a concurrent change of the same appointment finish
 * first, so what is judged (status, start, screening flags) is what is changed; the guard on the update (status
 * and start as loaded) stays as a second line. A deadlock PostgreSQL breaks is retried; a reschedule that
 * loses the race for its new time is the 409 a booking would get.
 */
export async function transitionAppointment(
  prisma: PrismaClient,
  request: TransitionRequest,
): Promise<{ row: AppointmentRow; by: Actor }> {
  const { actor, appointmentId: id, action, now } = request;
  try {
    return await retryConcurrencyFailures(() =>
      prisma.$transaction(async (tx) => {
        await lockAppointment(tx, id);
        const { current, by } = await loadAsActor(tx, actor, id, action);
        const decision = decideTransition({ action, status: current.status, by, startsAt: current.startsAt, now });
        if (!decision.ok) throw transitionError(decision.reason, action, current.status);
        const { data, audit } = await request.changes(tx, current, by, now);
        const updated = await tx.appointment.updateMany({
          where: { id, status: current.status, startsAt: current.startsAt },
          data: { ...data, status: decision.to, version: { increment: 1 } },
        });
        if (updated.count === 0) {
          const fresh = await tx.appointment.findUniqueOrThrow({ where: { id }, select: { status: true } });
          throw transitionError('invalid-transition', action, fresh.status);
        }
        const row = await tx.appointment.findUniqueOrThrow({ where: { id }, select: appointmentSelect });
        const type = EVENT_OF_ACTION[action];
        await recordChange(
          tx,
          {
            actorId: actor === 'system' ? null : actor.userId,
            at: now,
            action: type,
            entityType: 'Appointment',
            entityId: id,
            data: { from: decision.from, to: decision.to, ...audit },
          },
          appointmentEvent(type, row, by, current),
        );
        return { row, by };
      }, CALENDAR_TRANSACTION),
    );
  } catch (error) {
    // Only a move competes for time; for any other change a deadlock that outlasted the retries is contention.
    throw (action === 'reschedule' ? bookingRaceError(error) : null) ?? error;
  }
}

/**
 * The appointment and who acts on it. A user must be able to see it (404 otherwise); admins read every
 * appointment but are no participant of it, so they change none. The service acts on any.
 */
async function loadAsActor(
  tx: Prisma.TransactionClient,
  actor: Principal | 'system',
  id: string,
  action: AppointmentAction,
): Promise<{ current: AppointmentRow; by: Actor }> {
  if (actor === 'system') {
    const current = await tx.appointment.findUnique({ where: { id }, select: appointmentSelect });
    if (!current) throw appointmentNotFound();
    return { current, by: 'system' };
  }
  const { row: current, viewer } = await findVisibleAppointment(tx, actor, id);
  if (viewer === 'admin') throw transitionError('wrong-participant', action, current.status);
  return { current, by: viewer };
}
