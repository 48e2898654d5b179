import { MINUTES_PER_DAY } from '../../lib/durations.ts';
import { cachedZone, type SlotZone } from './cached-zone.ts';
import { localDayNumber, weekdayOf, type DayNumber } from './calendar-dates.ts';
import { rangesOverlap } from '../../lib/time-ranges.ts';
import type { Range } from '../../lib/time-ranges.ts';

/**
 * A therapist's recurring weekly working hours, in wall-clock time of the
 * therapist's IANA time zone.
 *
 * - `weekday` is ISO: 1 = Monday … 7 = Sunday (the same numbering as luxon).
 * - `start` is 'HH:mm' from 00:00 to 23:59; `end` is 'HH:mm' or '24:00' (midnight
 *   at the end of the day).
 * - `end <= start` means the interval runs past midnight into the next day:
 *   `{ weekday: 5, start: '22:00', end: '02:00' }` is Friday 22:00 to Saturday
 *   02:00 local. Sunday intervals crossing midnight run into Monday.
 * - `start === end` would be ambiguous (empty, or 24 hours?) and is rejected by
 *   `findScheduleProblems`; write 00:00–24:00 for a whole day.
 */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type WeeklyInterval = { weekday: IsoWeekday; start: string; end: string };
export type ScheduleProblem = { path: string; message: string };

const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

// Every wall-clock time from '00:00' to '24:00' (midnight at the end of a day), written and parsed once: the
// slot engine reads and writes the same few strings for every therapist on every request.
const pad = (value: number) => String(value).padStart(2, '0');
const WALL_CLOCK_TIMES = Array.from(
  { length: MINUTES_PER_DAY + 1 },
  (_, minute) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`,
);
const WALL_CLOCK_MINUTES = new Map<string, number>(
  WALL_CLOCK_TIMES.slice(0, MINUTES_PER_DAY).map((time, minute) => [time, minute]),
);

/** Minutes after local midnight for 'HH:mm', or null when malformed. '24:00' only for ends. */
export function parseWallClock(value: string, isEnd: boolean): number | null {
  if (isEnd && value === '24:00') return MINUTES_PER_DAY;
  return WALL_CLOCK_MINUTES.get(value) ?? null;
}

/** 540 → '09:00'; 1440 → '24:00'. */
export function formatWallClock(minute: number): string {
  const time = WALL_CLOCK_TIMES[minute];
  if (time === undefined) throw new RangeError(`Not a minute of the day: ${minute}`);
  return time;
}

function isIsoWeekday(value: number): value is IsoWeekday {
  return Number.isInteger(value) && value >= 1 && value <= 7;
}

/** Start and end as minutes after the interval's own local midnight; end may exceed 1440. */
type ParsedInterval = { startMinute: number; endMinute: number };

function parseInterval(interval: WeeklyInterval): ParsedInterval | null {
  const startMinute = parseWallClock(interval.start, false);
  const end = parseWallClock(interval.end, true);
  if (startMinute === null || end === null || end === startMinute) return null;
  return { startMinute, endMinute: end > startMinute ? end : end + MINUTES_PER_DAY };
}

function describe(interval: WeeklyInterval): string {
  return `${WEEKDAY_NAMES[interval.weekday - 1] ?? '?'} ${interval.start}–${interval.end}`;
}

/**
 * Problems a schema cannot see: malformed or out-of-range times, empty
 * intervals, and intervals that overlap in wall-clock time, including an
 * interval that runs past midnight into the next day's hours and Sunday night
 * wrapping into Monday morning. Touching intervals (12:00 end, 12:00 start) are
 * fine; they are merged when hours are expanded. Paths look like `weekly.2.end`.
 */
export function findScheduleProblems(weekly: readonly WeeklyInterval[]): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  // Position in the week, in minutes from Monday 00:00, of each usable interval.
  const placed: { index: number; week: Range }[] = [];

  weekly.forEach((interval, index) => {
    const path = `weekly.${index}`;
    const weekdayOk = isIsoWeekday(interval.weekday);
    if (!weekdayOk) {
      problems.push({ path: `${path}.weekday`, message: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)' });
    }
    const start = parseWallClock(interval.start, false);
    const end = parseWallClock(interval.end, true);
    if (start === null) {
      problems.push({ path: `${path}.start`, message: 'must be a time HH:mm from 00:00 to 23:59' });
    }
    if (end === null) {
      problems.push({ path: `${path}.end`, message: 'must be a time HH:mm from 00:00 to 23:59, or 24:00' });
    }
    if (start !== null && end !== null && start === end) {
      problems.push({
        path: `${path}.end`,
        message: 'must differ from start (an end before the start runs past midnight; use 00:00–24:00 for a whole day)',
      });
    }
    const parsed = parseInterval(interval);
    if (weekdayOk && parsed !== null) {
      const offset = (interval.weekday - 1) * MINUTES_PER_DAY;
      placed.push({ index, week: { start: offset + parsed.startMinute, end: offset + parsed.endMinute } });
    }
  });

  for (let j = 0; j < placed.length; j++) {
    for (let i = 0; i < j; i++) {
      const a = placed[i] as (typeof placed)[number];
      const b = placed[j] as (typeof placed)[number];
      // Shifting by a whole week catches Sunday-night intervals running into Monday.
      const clash = [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some((shift) =>
        rangesOverlap(a.week, { start: b.week.start + shift, end: b.week.end + shift }),
      );
      if (clash) {
        const other = weekly[a.index] as WeeklyInterval;
        problems.push({ path: `weekly.${b.index}`, message: `overlaps weekly.${a.index} (${describe(other)})` });
      }
    }
  }
  return problems;
}

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay` minutes
 * after midnight of `date` (minuteOfDay may run into following days).
 *
 * The two DST cases are decided in SlotZone.instantAt, pinned by tests:
 * - a wall-clock time skipped by spring-forward is the instant the clock jumps:
 *   Europe/Berlin 2026-03-29 02:00 and 02:30 → 03:00+02:00;
 * - a wall-clock time that happens twice on fall-back resolves to the later,
 *   standard-time instant: Europe/Berlin 2026-10-25 02:30 → 02:30+01:00,
 *   America/New_York 2026-11-01 01:00 → 01:00-05:00.
 */
function wallClockToEpochMs(date: DayNumber, minuteOfDay: number, timeZone: SlotZone): number {
  return timeZone.instantAt(date + Math.floor(minuteOfDay / MINUTES_PER_DAY), minuteOfDay % MINUTES_PER_DAY);
}

/**
 * Every occurrence of every weekly interval, as real instants, that overlaps
 * `window`, sorted and NOT merged. Slot starts are aligned to these (see
 * availability.rules.ts). Throws RangeError on an unusable zone or interval:
 * those are rejected when a schedule is saved, so reaching here is a bug.
 */
export function expandWeeklyOccurrences(weekly: readonly WeeklyInterval[], timeZone: string, window: Range): Range[] {
  const zone = cachedZone(timeZone);
  const parsed = weekly.map((interval, index) => {
    const result = parseInterval(interval);
    if (result === null || !isIsoWeekday(interval.weekday)) {
      throw new RangeError(`Unusable weekly.${index}: ${JSON.stringify(interval)}`);
    }
    return { weekday: interval.weekday, ...result };
  });
  // One local day either side: Friday 22:00–02:00 reaches into Saturday's
  // window, and the window's edges may fall on other local dates than in UTC.
  const first = localDayNumber(window.start, zone.zone) - 1;
  const last = localDayNumber(window.end, zone.zone) + 1;

  const occurrences: Range[] = [];
  for (let date = first; date <= last; date++) {
    const weekday = weekdayOf(date);
    for (const interval of parsed) {
      if (interval.weekday !== weekday) continue;
      const occurrence = {
        start: wallClockToEpochMs(date, interval.startMinute, zone),
        end: wallClockToEpochMs(date, interval.endMinute, zone),
      };
      if (rangesOverlap(occurrence, window)) occurrences.push(occurrence);
    }
  }
  return occurrences.sort((a, b) => a.start - b.start || a.end - b.end);
}

