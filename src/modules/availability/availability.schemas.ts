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
    weekly: z
      .array(weeklyIntervalSchema)
      .max(70)
      .describe('Bookable hours by weekday, in the therapist’s zone; empty: not bookable'),
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
  .meta({
    id: 'Schedule',
    example: {
      weekly: [
        { weekday: 1, start: '09:00', end: '13:00' },
        { weekday: 1, start: '14:00', end: '18:00' },
        { weekday: 3, start: '12:00', end: '20:00' },
        { weekday: 5, start: '22:00', end: '02:00' },
      ],
      bufferMinutes: 15,
      minNoticeMinutes: 720,
      horizonDays: 60,
      slotStepMinutes: 30,
    },
  });
export type ScheduleInput = z.infer<typeof scheduleSchema>;

export const timeOffParamsSchema = nestedIdParamsSchema('timeOffId');

export const createTimeOffBodySchema = z
  .strictObject({
    startsAt: instantSchema.describe('First blocked instant, ISO 8601 with an offset'),
    endsAt: instantSchema.describe(`End of the block (exclusive), after startsAt; at most ${MAX_TIME_OFF_DAYS} days on`),
    reason: z.string().trim().min(1).max(200).optional().describe('For the therapist only; never shown to clients'),
  })
  .meta({
    example: { startsAt: '2026-12-24T00:00:00+01:00', endsAt: '2026-12-27T00:00:00+01:00', reason: 'Holidays' },
  });
export type CreateTimeOffInput = z.infer<typeof createTimeOffBodySchema>;

export const timeOffSchema = z
  .object({
    id: z.string().describe('The time-off id'),
    startsAt: z.string().describe('First blocked instant (ISO 8601, UTC)'),
    endsAt: z.string().describe('End of the block, exclusive (ISO 8601, UTC)'),
    reason: z.string().nullable().describe('The therapist’s own note; null when none'),
  })
  .meta({ id: 'TimeOff' });
export type TimeOffView = z.infer<typeof timeOffSchema>;

export const listTimeOffQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size, 1–100 (default 20)'),
  cursor: z.string().min(1).max(500).optional().describe('`nextCursor` of the previous page'),
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
  from: localDateSchema.describe('First local date to list, YYYY-MM-DD'),
  to: localDateSchema.describe('Last local date to list (inclusive), at most 62 days after `from`'),
  tz: timeZoneSchema.optional().describe("Zone the dates are in and slots are shown in (default: the therapist's)"),
});
export type TherapistSlotsQuery = z.infer<typeof therapistSlotsQuerySchema>;

export const searchSlotsQuerySchema = z.object({
  massageType: slugSchema.describe('Massage type slug'),
  duration: durationQuerySchema,
  date: localDateSchema.describe('The local date to search, YYYY-MM-DD'),
  tz: timeZoneSchema.default('UTC').describe('Zone the date is in and slots are shown in (default: UTC)'),
});
export type SearchSlotsQuery = z.infer<typeof searchSlotsQuerySchema>;

export const freeSlotSchema = z
  .object({
    startsAt: z.string().describe('A start you can book, ISO 8601 with the offset of the requested zone'),
    endsAt: z.string().describe('When a session of the requested duration starting then would end'),
  })
  .meta({ id: 'FreeSlot' });

export const therapistSlotsSchema = z.object({
  timeZone: z.string().describe('The zone the dates and times are given in'),
  days: z
    .array(
      z.object({
        date: z.string().describe('Local date, YYYY-MM-DD'),
        slots: z.array(freeSlotSchema).describe('Free starts that day, earliest first; empty when none'),
      }),
    )
    .describe('Every date from `from` to `to`, in order'),
});
export type TherapistSlotsView = z.infer<typeof therapistSlotsSchema>;

export const searchSlotsSchema = z.object({
  date: z.string().describe('The local date searched, YYYY-MM-DD'),
  timeZone: z.string().describe('The zone the date and times are given in'),
  items: z
    .array(
      z.object({
        therapistId: z.string().describe('A therapist bookable for the type'),
        slots: z.array(freeSlotSchema).describe('Their free starts that day, earliest first'),
      }),
    )
    .describe('Therapists with at least one free start, ordered by their earliest'),
});
export type SearchSlotsView = z.infer<typeof searchSlotsSchema>;
