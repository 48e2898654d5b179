// The events the service publishes, each with the one payload shape it may carry. The schemas are strict: a field
// not named here cannot reach an outbox row, so names, contact details, notes and health data never leave
// through a message or a webhook by accident. Ids, statuses, times and versions only.
import { z } from 'zod';
import { APPOINTMENT_STATUSES } from '../appointments/appointment-status.ts';

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/** Who made a change, as integrations see it: a role, never a person. */
export const CHANGED_BY = ['client', 'therapist', 'admin', 'system'] as const;

const appointmentPayload = z.strictObject({
  appointmentId: id,
  therapistId: id,
  clientId: id,
  status: z.enum(APPOINTMENT_STATUSES),
  startsAt: instant,
  endsAt: instant,
  /** The appointment's version after this change: a receiver keeps the highest it has seen. */
  version: z.number().int().min(1),
  changedBy: z.enum(CHANGED_BY),
});

const appointmentMovedPayload = appointmentPayload.extend({ previousStartsAt: instant, previousEndsAt: instant });

const appointmentCancelledPayload = appointmentPayload.extend({
  lateCancellation: z.boolean(),
  /** `pending-expired` when the system cancelled a booking nobody confirmed in time. */
  reason: z.enum(['cancelled', 'pending-expired']),
});

const certificationPayload = z.strictObject({
  certificationId: id,
  therapistId: id,
  kind: z.string().min(1),
  status: z.enum(['PENDING', 'VERIFIED', 'REJECTED', 'EXPIRED']),
  expiresOn: z.iso.date(),
});

const reviewPayload = z.strictObject({ reviewId: id, appointmentId: id, therapistId: id });

export const DOMAIN_EVENT_PAYLOADS = {
  'appointment.requested': appointmentPayload,
  'appointment.confirmed': appointmentPayload,
  'appointment.rescheduled': appointmentMovedPayload,
  'appointment.cancelled': appointmentCancelledPayload,
  'appointment.completed': appointmentPayload,
  'appointment.no_show': appointmentPayload,
  'certification.submitted': certificationPayload,
  'certification.verified': certificationPayload,
  'certification.rejected': certificationPayload,
  'review.created': reviewPayload,
} as const;

export type DomainEventType = keyof typeof DOMAIN_EVENT_PAYLOADS;
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_PAYLOADS) as DomainEventType[];
export type DomainEventPayload<Type extends DomainEventType> = z.infer<(typeof DOMAIN_EVENT_PAYLOADS)[Type]>;

/** The outbox event of a certification's submission or decision. */
export function certificationEvent(
  type: 'certification.submitted' | 'certification.verified' | 'certification.rejected',
  row: { id: string; kind: string; status: 'PENDING' | 'VERIFIED' | 'REJECTED' | 'EXPIRED'; expiresOn: Date },
  therapistId: string,
) {
  return {
    type,
    subjectId: row.id,
    subjectVersion: 1,
    payload: {
      certificationId: row.id,
      therapistId,
      kind: row.kind,
      status: row.status,
      expiresOn: row.expiresOn.toISOString().slice(0, 10),
    },
  };
}

/** Which kind of row an event is about, for the outbox's subject columns. */
export function subjectTypeOf(type: DomainEventType): 'Appointment' | 'Certification' | 'Review' {
  if (type.startsWith('appointment.')) return 'Appointment';
  if (type.startsWith('certification.')) return 'Certification';
  return 'Review';
}
