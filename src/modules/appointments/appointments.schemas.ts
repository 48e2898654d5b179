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

export const createAppointmentBodySchema = z
  .strictObject({
    therapistId: idSchema.describe('The therapist to book, from GET /therapists or GET /slots'),
    massageType: slugSchema.describe('Massage type slug'),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(MINUTES_PER_DAY)
      .describe("Session length; one of the massage type's `durations`"),
    startsAt: instantSchema.describe('One of the starts GET /therapists/:id/slots offers'),
    screeningId: idSchema.describe("The client's own unexpired health screening"),
    notes: z.string().trim().max(1000).optional().describe('For the therapist; not in the calendar feed'),
  })
  .meta({
    example: {
      therapistId: '0197a3c2-5f1e-7c2a-9b61-2d4e8f0a1b3c',
      massageType: 'swedish',
      durationMinutes: 60,
      startsAt: '2026-12-01T09:00:00.000+01:00',
      screeningId: '0197a3c1-0a2b-7d4e-8f60-1a2b3c4d5e6f',
      notes: 'Please avoid the left knee.',
    },
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
  .nullish()
  .meta({ example: { acknowledgeFlags: true, clearanceConfirmed: true } });
export type ConfirmInput = NonNullable<z.infer<typeof confirmBodySchema>>;

export const cancelBodySchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .describe('Why, for the other participant and the records'),
  })
  .nullish()
  .meta({ example: { reason: 'Feeling unwell; sorry for the short notice.' } });
export type CancelInput = NonNullable<z.infer<typeof cancelBodySchema>>;

export const rescheduleBodySchema = z
  .strictObject({
    startsAt: instantSchema.describe('The new start: one GET /therapists/:id/slots offers for the same type and duration'),
    screeningId: idSchema
      .optional()
      .describe("A newer screening of the client's to judge the new date with (default: the booking's own)"),
  })
  .meta({ example: { startsAt: '2026-12-03T15:30:00.000+01:00' } });
export type RescheduleInput = z.infer<typeof rescheduleBodySchema>;

export const listAppointmentsQuerySchema = pageQuerySchema.extend({
  status: z.enum(APPOINTMENT_STATUSES).optional().describe('Only appointments in this state'),
  from: instantSchema.optional().describe('Appointments starting at or after this instant'),
  to: instantSchema.optional().describe('Appointments starting before this instant'),
});
export type ListAppointmentsQuery = z.infer<typeof listAppointmentsQuerySchema>;


/** What participants see of the screening: the judged flags, never the answers behind them. */
export const appointmentScreeningSchema = z
  .object({
    decision: z.enum(['ok', 'caution']).describe('The strictest decision among the flags for this type'),
    requiresClearance: z.boolean().describe('Some flag needs medical clearance, confirmed on confirm'),
    flags: z.array(screeningFlagSchema).describe('The flags raised for the booked type'),
  })
  .meta({ id: 'AppointmentScreening' });

export const appointmentSchema = z
  .object({
    id: z.string().describe('The appointment id'),
    status: z
      .enum(APPOINTMENT_STATUSES)
      .describe('PENDING until the therapist confirms; then CONFIRMED, and finally COMPLETED, NO_SHOW or CANCELLED'),
    therapistId: z.string().describe('The therapist'),
    clientId: z.string().describe('The client (user id)'),
    massageType: z.string().describe('Massage type slug'),
    durationMinutes: z.number().int().describe('Session length in minutes'),
    startsAt: z.string().describe('UTC, ISO 8601'),
    endsAt: z.string().describe('UTC, ISO 8601; the session end, without the buffer'),
    priceCents: z.number().int().describe('Price when booked, in minor units of `currency`'),
    currency: z.string().describe('ISO 4217 code'),
    notes: z.string().nullable().describe("The client's notes for the therapist; null when none"),
    lateCancellation: z
      .boolean()
      .describe('True when the client cancelled within the cancellation window'),
    cancellationReason: z.string().nullable().describe('The reason given on cancel; null when none'),
    cancelledAt: z.string().nullable().describe('When it was cancelled (ISO 8601); null unless CANCELLED'),
    confirmedAt: z.string().nullable().describe('When the therapist confirmed it (ISO 8601); null before'),
    completedAt: z.string().nullable().describe('When it was marked COMPLETED (ISO 8601); null before'),
    createdAt: z.string().describe('When it was booked (ISO 8601)'),
    screening: appointmentScreeningSchema
      .nullable()
      .optional()
      .describe('Participants only; health-derived, so absent for admins'),
    flagsAcknowledgedAt: z
      .string()
      .nullable()
      .describe("When the therapist acknowledged the screening's caution flags; null if not (yet) needed"),
    clearanceConfirmedAt: z
      .string()
      .nullable()
      .describe('When the therapist confirmed medical clearance; null if not (yet) needed'),
  })
  .meta({ id: 'Appointment' });
export type AppointmentView = z.infer<typeof appointmentSchema>;
