// Calendar dates as day numbers (days since 1970-01-01), for the slot engine's inner loops. Date arithmetic on
// plain integers, where every day has 24 hours, is exact and far cheaper than luxon durations; converting a date
// and a wall-clock time to an instant in a zone uses luxon's offsets (see cached-zone.ts).
import { MS_PER_MINUTE, MS_PER_DAY } from '../../lib/durations.ts';
import type { Zone } from 'luxon';

export type DayNumber = number;
export interface CivilDate {
  year: number;
  month: number;
  day: number;
  /** ISO: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** setUTCFullYear rather than Date.UTC, which would read years 0–99 as 1900–1999. */
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

/**
 * The proleptic Gregorian date of a day number, by integer arithmetic (H. Hinnant's civil_from_days, on 400-year
 * eras of 146,097 days counted from 0000-03-01), so the slot engine's loops allocate no Date per day.
 * Worked example: day 0 → 1970-01-01, a Thursday (4); day 20,788 → 2026-12-01, a Tuesday (2).
 */
export function civilDateOf(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, weekday: weekdayOf(dayNumber) };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function weekdayOf(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** 'YYYY-MM-DD' → its day number, or null when malformed or not on the calendar (2026-02-30). */
export function parseIsoDate(value: string): DayNumber | null {
  const match = ISO_DATE.exec(value);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const dayNumber = dayNumberOf(year, month, day);
  const back = civilDateOf(dayNumber);
  return back.year === year && back.month === month && back.day === day ? dayNumber : null;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function isoDateOf(dayNumber: DayNumber): string {
  const { year, month, day } = civilDateOf(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The calendar date the wall clock in `zone` shows at `instant`: UTC shifted by luxon's offset for it. */
export function localDayNumber(instant: number, zone: Zone): DayNumber {
  return Math.floor((instant + zone.offset(instant) * MS_PER_MINUTE) / MS_PER_DAY);
}
