// Calendar dates as day numbers (days since 1970-01-01), for the slot engine's inner loops. Date arithmetic on
// plain integers, where every day has 24 hours, is exact and far cheaper than luxon durations; converting a date
// and a wall-clock time to an instant in a zone is still luxon's job (see availability-schedule.rules.ts).
import type { Zone } from 'luxon';

export type DayNumber = number;
export interface CivilDate {
  year: number;
  month: number;
  day: number;
  /** ISO: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** setUTCFullYear rather than Date.UTC, which would read years 0–99 as 1900–1999. */
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function civilDateOf(dayNumber: DayNumber): CivilDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: ((date.getUTCDay() + 6) % 7) + 1,
  };
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
  return Math.floor((instant + zone.offset(instant) * 60_000) / MS_PER_DAY);
}
