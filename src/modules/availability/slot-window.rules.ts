// The dates a slot listing asks for: validating a `from`..`to` range and turning local dates into instants.
import type { Range } from '../../lib/time-ranges.ts';
import { cachedZone, type SlotZone } from './cached-zone.ts';
import { isoDateOf, parseIsoDate, type DayNumber } from './calendar-dates.ts';

/** Longest inclusive `fromDate`..`toDate` span a slot listing may ask for. */
export const MAX_SLOT_RANGE_DAYS = 62;

type DateRangeProblem = { path: string; message: string };

/** The range as day numbers, or what is wrong with it. */
function parseDateRange(
  fromDate: string,
  toDate: string,
): { ok: true; from: DayNumber; to: DayNumber } | { ok: false; problems: DateRangeProblem[] } {
  const from = parseIsoDate(fromDate);
  const to = parseIsoDate(toDate);
  const problems: DateRangeProblem[] = [];
  if (from === null) problems.push({ path: 'fromDate', message: 'must be a calendar date YYYY-MM-DD' });
  if (to === null) problems.push({ path: 'toDate', message: 'must be a calendar date YYYY-MM-DD' });
  if (from === null || to === null) return { ok: false, problems };
  const days = to - from + 1;
  if (days < 1) problems.push({ path: 'toDate', message: 'must not be before fromDate' });
  if (days > MAX_SLOT_RANGE_DAYS) {
    problems.push({ path: 'toDate', message: `must be at most ${MAX_SLOT_RANGE_DAYS} days from fromDate, inclusive` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, from, to };
}

/** Checks a `fromDate`..`toDate` request before it reaches `findFreeSlots`. */
export function findDateRangeProblems(fromDate: string, toDate: string): DateRangeProblem[] {
  const range = parseDateRange(fromDate, toDate);
  return range.ok ? [] : range.problems;
}

/**
 * [local midnight starting fromDate, local midnight after toDate) in `timeZone`.
 * A midnight skipped by DST becomes the first instant of that day. Throws
 * RangeError on malformed dates or zone: validate with `findDateRangeProblems`.
 */
export function localDateRangeToWindow(fromDate: string, toDate: string, timeZone: string): Range {
  const from = parseIsoDate(fromDate);
  const to = parseIsoDate(toDate);
  if (from === null || to === null) throw new RangeError(`Bad date range ${fromDate}..${toDate}`);
  return dayWindow(from, to, cachedZone(timeZone));
}

function dayWindow(from: DayNumber, to: DayNumber, zone: SlotZone): Range {
  // The day after is computed on the calendar, not by adding 24 h: the last
  // local day may be 23 or 25 hours long.
  return { start: zone.instantAt(from, 0), end: zone.instantAt(to + 1, 0) };
}

/** The dates of a listing and the zone they are read in, parsed once (a search applies them to every therapist). */
export type ListingDays = {
  readonly zone: SlotZone;
  /** [local midnight starting `from`, local midnight after `to`) */
  readonly window: Range;
  /** 'YYYY-MM-DD' of each date from `from` to `to` */
  readonly labels: readonly string[];
};

/** Throws RangeError on an invalid date range or zone, as `findFreeSlots` does. */
export function listingDays(fromDate: string, toDate: string, displayTimeZone: string): ListingDays {
  const range = parseDateRange(fromDate, toDate);
  if (!range.ok) throw new RangeError(`Bad date range ${fromDate}..${toDate}`);
  const zone = cachedZone(displayTimeZone);
  const labels: string[] = [];
  for (let day = range.from; day <= range.to; day++) labels.push(isoDateOf(day));
  return { zone, window: dayWindow(range.from, range.to, zone), labels };
}

