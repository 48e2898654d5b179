import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

export interface ResolvedTimeZone {
  /** The name to store and echo: the input with its letter case corrected ('europe/berlin' → 'Europe/Berlin'). */
  name: string;
  /** Intl's canonical zone behind it, the same for every link and spelling ('US/Eastern' → 'America/New_York'). */
  zone: string;
}

const resolvedTimeZones = new Map<string, ResolvedTimeZone | null>();
/** Names remembered, valid or not, before the memo starts afresh: request input cannot grow it without bound. */
const MAX_REMEMBERED_ZONE_NAMES = 1_000;

/**
 * What a zone name means, or null when luxon and Intl do not both know it. Only the letter case is corrected: a
 * link such as 'US/Eastern' or 'Asia/Kolkata' keeps its own name, because ICU's canonical form is sometimes an
 * older spelling ('Asia/Calcutta') that would surprise the person who typed it. Remembered, as building the Intl
 * formatter that answers costs tens of microseconds.
 */
export function resolveTimeZone(input: string): ResolvedTimeZone | null {
  const known = resolvedTimeZones.get(input);
  if (known !== undefined) return known;
  let resolved: ResolvedTimeZone | null = null;
  // Node 22+ (newer V8 and ICU) also takes UTC offsets such as '+01:00' as a timeZone; they are not zone names
  // and have no DST, so they are refused as Node 20 refuses them. 'Etc/GMT+1' is a zone name and stays valid.
  if (!/^[+-]/.test(input) && IANAZone.isValidZone(input)) {
    const zone = new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
    resolved = { name: zone.toLowerCase() === input.toLowerCase() ? zone : input, zone };
  }
  if (resolvedTimeZones.size >= MAX_REMEMBERED_ZONE_NAMES) resolvedTimeZones.clear();
  resolvedTimeZones.set(input, resolved);
  return resolved;
}

/** The zone's name to store, or null when it is not a zone: see `resolveTimeZone`. */
export function canonicalTimeZone(name: string): string | null {
  return resolveTimeZone(name)?.name ?? null;
}

/** An IANA zone name luxon knows ("Europe/Berlin"), validated rather than trusted, and spelt as Intl spells it. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .transform((value, context) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === null) {
      context.issues.push({ code: 'custom', input: value, message: 'must be an IANA time zone such as Europe/Berlin' });
      return z.NEVER;
    }
    return canonical;
  })
  .describe('IANA time zone name');

/**
 * A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), from 1900 to 2199: far enough back for a licence's
 * issue date, and bounded so that no date turns into an instant PostgreSQL cannot store (year 0001 in a zone
 * east of UTC is year 0 in UTC).
 */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => DateTime.fromISO(value, { zone: 'UTC' }).isValid, { message: 'is not a calendar date' })
  .refine((value) => value >= '1900-01-01' && value < '2200-01-01', { message: 'must be between 1900 and 2199' })
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
