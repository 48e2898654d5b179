// The outbox event of an appointment change, built from the row as the change left it.
import type { AppointmentAction } from './appointments.rules.ts';
import type { AppointmentRow } from './appointments.repository.ts';
import type { DomainEventType } from '../events/domain-events.ts';
import type { PublishedEvent } from '../events/record-change.ts';
import type { ApiRole } from '../../plugins/auth.ts';

export const EVENT_OF_ACTION: Record<AppointmentAction, DomainEventType> = {
  confirm: 'appointment.confirmed',
  cancel: 'appointment.cancelled',
  reschedule: 'appointment.rescheduled',
  complete: 'appointment.completed',
  'no-show': 'appointment.no_show',
  expire: 'appointment.cancelled',
};

type EventRow = Pick<AppointmentRow, 'id' | 'therapistId' | 'clientId' | 'status' | 'startsAt' | 'endsAt' | 'version' | 'lateCancellation'>;

/** What every appointment event carries, plus what its type adds (the previous time of a move). */
export function appointmentEvent(
  type: DomainEventType,
  row: EventRow,
  changedBy: ApiRole | 'system',
  previous?: { startsAt: Date; endsAt: Date },
): PublishedEvent {
  const payload = {
    appointmentId: row.id,
    therapistId: row.therapistId,
    clientId: row.clientId,
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    version: row.version,
    changedBy,
    ...(type === 'appointment.rescheduled' && previous
      ? { previousStartsAt: previous.startsAt.toISOString(), previousEndsAt: previous.endsAt.toISOString() }
      : {}),
    ...(type === 'appointment.cancelled'
      ? { lateCancellation: row.lateCancellation, reason: changedBy === 'system' ? 'pending-expired' : 'cancelled' }
      : {}),
  };
  return { type, subjectId: row.id, subjectVersion: row.version, payload } as PublishedEvent;
}
