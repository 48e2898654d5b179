import { MINUTES_PER_DAY } from '../../lib/durations.ts';
import { nestedIdParamsSchema } from '../../lib/http-schemas.ts';
import { z } from 'zod';
import { slugSchema } from '../massage-types/massage-types.schemas.ts';
import { instantSchema, localDateSchema, timeZoneSchema } from '../../lib/time.ts';

/** Upper bounds that keep a schedule sane; the slot engine itself would cope with more. */
export const MAX_BUFFER_MINUTES = 240;
export const MAX_NOTICE_MINUTES = 30 * MINUTES_PER_DAY;
export const MAX_HORIZON_DAYS = 365;
export const MAX_TIME_OFF_DAYS = 366;

// Formats and overlaps are judged by findScheduleProblems, so a malformed time is reported at its own path
// (`body.weekly.2.end`) with the same message whether zod or the rules saw it first.
const weeklyIntervalSchema = z.strictObject({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 = Monday … 7 = Sunday'),
  start: z.string().max(5).describe('Local wall-clock start, HH:mm'),
  end: z.string().max(5).describe('Local wall-clock end, HH:mm or 24:00; an end before the start runs past midnight'),
});

export const scheduleSchema = z
  .strictObject({
    weekly: z.array(weeklyIntervalSchema).max(70),
    bufferMinutes: z.number().int().min(0).max(MAX_BUFFER_MINUTES).describe('Kept free after every session'),
    minNoticeMinutes: z.number().int().min(0).max(MAX_NOTICE_MINUTES).describe('Earliest start after now'),
    horizonDays: z.number().int().min(1).max(MAX_HORIZON_DAYS).describe('Latest start, in days of 24 h after now'),
    slotStepMinutes: z
      .number()
      .int()
      .min(5)
      .max(240)
      .multipleOf(5, 'must be a multiple of 5 minutes')
      .describe('Distance between offered starts, from the start of each weekly interval'),
  })
  .meta({ id: 'Schedule' });
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export const timeOffParamsSchema = nestedIdParamsSchema('timeOffId');

export const createTimeOffBodySchema = z.strictObject({
  startsAt: instantSchema,
  endsAt: instantSchema,
  reason: z.string().trim().min(1).max(200).optional(),
});
export type CreateTimeOffInput = z.infer<typeof createTimeOffBodySchema>;

export const timeOffSchema = z
  .object({
    id: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'TimeOff' });
export type TimeOffView = z.infer<typeof timeOffSchema>;

export const listTimeOffQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(500).optional(),
  from: instantSchema.optional().describe('Time off ending after this instant (default: now)'),
  to: instantSchema.optional().describe('Time off starting before this instant'),
});
export type ListTimeOffQuery = z.infer<typeof listTimeOffQuerySchema>;

const durationQuerySchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MINUTES_PER_DAY)
  .optional()
  .describe("Session length in minutes; one of the type's durations (default: its shortest)");

export const therapistSlotsQuerySchema = z.object({
  massageType: slugSchema.describe('Massage type slug'),
  duration: durationQuerySchema,
  from: localDateSchema,
  to: localDateSchema,
  tz: timeZoneSchema.optional().describe("Zone the dates are in and slots are shown in (default: the therapist's)"),
});
export type TherapistSlotsQuery = z.infer<typeof therapistSlotsQuerySchema>;

export const searchSlotsQuerySchema = z.object({
  massageType: slugSchema.describe('Massage type slug'),
  duration: durationQuerySchema,
  date: localDateSchema,
  tz: timeZoneSchema.default('UTC').describe('Zone the date is in and slots are shown in (default: UTC)'),
});
export type SearchSlotsQuery = z.infer<typeof searchSlotsQuerySchema>;

export const freeSlotSchema = z.object({ startsAt: z.string(), endsAt: z.string() }).meta({ id: 'FreeSlot' });

export const therapistSlotsSchema = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), slots: z.array(freeSlotSchema) })),
});
export type TherapistSlotsView = z.infer<typeof therapistSlotsSchema>;

export const searchSlotsSchema = z.object({
  date: z.string(),
  timeZone: z.string(),
  items: z.array(z.object({ therapistId: z.string(), slots: z.array(freeSlotSchema) })),
});
export type SearchSlotsView = z.infer<typeof searchSlotsSchema>;
