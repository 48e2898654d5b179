import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** An IANA zone name luxon knows ("Europe/Berlin"), validated rather than trusted. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' })
  .describe('IANA time zone name');

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, { message: 'is not a calendar date' })
  .describe('Local calendar date, YYYY-MM-DD');

/** An instant with an explicit offset or Z, as the API accepts them. */
export const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant with an offset, e.g. 2026-12-01T09:00:00+01:00' })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()) && date.getUTCFullYear() >= 2000 && date.getUTCFullYear() < 2200, {
    message: 'is out of range',
  });

/** ISO 8601 with milliseconds and the zone's offset: `2026-12-01T09:00:00.000+01:00`. */
export function formatInstant(instant: Date, timeZone = 'UTC'): string {
  const iso = DateTime.fromJSDate(instant, { zone: timeZone }).toISO();
  if (iso === null) throw new Error(`cannot format ${instant.toISOString()} in ${timeZone}`);
  return iso;
}

/** `YYYY-MM-DD` of a `date` column (Prisma hands them over as UTC midnight). */
export function formatLocalDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
