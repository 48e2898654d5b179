import { MINUTES_PER_DAY } from '../../lib/durations.ts';
import { z } from 'zod';
import { slugSchema } from '../massage-types/massage-types.schemas.ts';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { instantSchema } from '../../lib/time.ts';
import { screeningFlagSchema } from '../screening/screening.schemas.ts';
import { APPOINTMENT_STATUSES } from './appointment-status.ts';

const idSchema = z.string().min(1).max(100);

export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .describe('Chosen by the client, unique per booking attempt; a retry with the same key returns the same booking'),
});

export const createAppointmentBodySchema = z.strictObject({
  therapistId: idSchema,
  massageType: slugSchema.describe('Massage type slug'),
  durationMinutes: z.number().int().min(1).max(MINUTES_PER_DAY),
  startsAt: instantSchema.describe('One of the starts GET /therapists/:id/slots offers'),
  screeningId: idSchema.describe("The client's own unexpired health screening"),
  notes: z.string().trim().max(1000).optional().describe('For the therapist; not in the calendar feed'),
});
export type CreateAppointmentInput = z.infer<typeof createAppointmentBodySchema>;

export const confirmBodySchema = z
  .strictObject({
    acknowledgeFlags: z
      .literal(true)
      .optional()
      .describe('Required when the screening raised caution flags; ok-level notes need no acknowledgement'),
    clearanceConfirmed: z.literal(true).optional().describe('Required when a flag needs medical clearance'),
  })
  // A POST without a body arrives as null.
  .nullish();
export type ConfirmInput = NonNullable<z.infer<typeof confirmBodySchema>>;

export const cancelBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() }).nullish();
export type CancelInput = NonNullable<z.infer<typeof cancelBodySchema>>;

export const rescheduleBodySchema = z.strictObject({
  startsAt: instantSchema,
  screeningId: idSchema
    .optional()
    .describe("A newer screening of the client's to judge the new date with (default: the booking's own)"),
});
export type RescheduleInput = z.infer<typeof rescheduleBodySchema>;

export const listAppointmentsQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPOINTMENT_STATUSES).optional(),
  from: instantSchema.optional().describe('Appointments starting at or after this instant'),
  to: instantSchema.optional().describe('Appointments starting before this instant'),
});
export type ListAppointmentsQuery = z.infer<typeof listAppointmentsQuerySchema>;


/** What participants see of the screening: the judged flags, never the answers behind them. */
export const appointmentScreeningSchema = z
  .object({
    decision: z.enum(['ok', 'caution']),
    requiresClearance: z.boolean(),
    flags: z.array(screeningFlagSchema),
  })
  .meta({ id: 'AppointmentScreening' });

export const appointmentSchema = z
  .object({
    id: z.string(),
    status: z.enum(APPOINTMENT_STATUSES),
    therapistId: z.string(),
    clientId: z.string(),
    massageType: z.string(),
    durationMinutes: z.number().int(),
    startsAt: z.string().describe('UTC, ISO 8601'),
    endsAt: z.string().describe('UTC, ISO 8601; the session end, without the buffer'),
    priceCents: z.number().int(),
    currency: z.string(),
    notes: z.string().nullable(),
    lateCancellation: z.boolean(),
    cancellationReason: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    confirmedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    createdAt: z.string(),
    screening: appointmentScreeningSchema
      .nullable()
      .optional()
      .describe('Participants only; health-derived, so absent for admins'),
    flagsAcknowledgedAt: z.string().nullable(),
    clearanceConfirmedAt: z.string().nullable(),
  })
  .meta({ id: 'Appointment' });
export type AppointmentView = z.infer<typeof appointmentSchema>;
