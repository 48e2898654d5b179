// The slot engine: which session starts a therapist's calendar allows, for a listing and for one booking, by one
// rule (`findRefusal`) so the two can never disagree.
import { MS_PER_DAY, MS_PER_MINUTE } from '../../lib/durations.ts';
import { isWithinAnySpan, mergeRanges, overlapsAnySpan, type Range } from '../../lib/time-ranges.ts';
import { expandWeeklyOccurrences, type WeeklyInterval } from './availability-schedule.rules.ts';
import { listingDays, type ListingDays } from './slot-window.rules.ts';

export type SchedulePolicy = {
  /** Minutes kept free after every session (room reset, notes). */
  bufferMinutes: number;
  /** A session may start no sooner than this many minutes after `now`. */
  minNoticeMinutes: number;
  /** A session must start less than this many real days (24 h each) after `now`. */
  horizonDays: number;
  /** Distance between offered start times, counted from the start of each weekly interval. */
  slotStepMinutes: number;
};

/** Everything that decides whether a start is bookable. Ranges are epoch ms, see time-ranges.ts. */
export type SlotRules = {
  weekly: readonly WeeklyInterval[];
  therapistTimeZone: string;
  policy: SchedulePolicy;
  /** Time off, as real instants; neither a session nor its trailing buffer may overlap it. */
  timeOff: readonly Range[];
  /** Non-cancelled appointments as [startsAt, blockedUntil), i.e. already including their buffer. */
  busy: readonly Range[];
  durationMinutes: number;
  now: Date;
  /**
   * When the therapist's certificates for the type run out (epoch ms, see `bookableUntil`): a session must end by
   * then. Absent: no such limit.
   */
  certifiedUntil?: number;
};
export type FindFreeSlotsInput = SlotRules & {
  /** Inclusive local dates 'YYYY-MM-DD' in `displayTimeZone`. */
  fromDate: string;
  toDate: string;
  displayTimeZone: string;
};
export type CheckSlotBookableInput = SlotRules & { startsAt: Date };

export type FreeSlot = { startsAt: string; endsAt: string };
export type FreeSlotsDay = { date: string; slots: FreeSlot[] };
export type SlotRefusal =
  | 'outside-hours'
  | 'time-off'
  | 'too-soon'
  | 'beyond-horizon'
  | 'certification-expires'
  | 'off-step'
  | 'taken';
export type SlotVerdict = { ok: true } | { ok: false; reason: SlotRefusal };

/** The facts about one window, computed once and shared by listing and booking. */
type PreparedCalendar = {
  occurrences: Range[];
  /** Merged, touching intervals joined: a session may span 09:00–12:00 and 12:00–17:00. */
  workingHours: Range[];
  /** Sorted and not overlapping (they may touch), as `overlapsAnySpan` needs them. */
  timeOff: readonly Range[];
  busy: readonly Range[];
};

/**
 * The ranges sorted and not overlapping: as given when they already are (bookings always are, the exclusion
 * constraint sees to it, and the database returns them in index order), merged otherwise. Touching is allowed: it
 * changes nothing for overlap tests on half-open ranges.
 */
function disjoint(ranges: readonly Range[]): readonly Range[] {
  for (let i = 0; i < ranges.length; i++) {
    const range = ranges[i] as Range;
    if (!(range.end > range.start)) return mergeRanges(ranges);
    if (i > 0 && range.start < (ranges[i - 1] as Range).end) return mergeRanges(ranges);
  }
  return ranges;
}

function prepareCalendar(rules: SlotRules, startWindow: Range): PreparedCalendar {
  const { durationMinutes, policy } = rules;
  if (!(durationMinutes > 0) || !(policy.slotStepMinutes > 0)) {
    throw new RangeError('durationMinutes and slotStepMinutes must be positive');
  }
  // Hours must cover whole sessions and their buffers, so look past the last possible start.
  const reach = {
    start: startWindow.start,
    end: startWindow.end + (durationMinutes + policy.bufferMinutes) * MS_PER_MINUTE,
  };
  const occurrences = expandWeeklyOccurrences(rules.weekly, rules.therapistTimeZone, reach);
  return {
    occurrences,
    workingHours: mergeRanges(occurrences),
    timeOff: disjoint(rules.timeOff),
    busy: disjoint(rules.busy),
  };
}

/**
 * The one decision both `findFreeSlots` and `checkSlotBookable` make. Checks
 * run in this order and the first failure is the reason: too-soon,
 * beyond-horizon, certification-expires, outside-hours, off-step, time-off,
 * taken. Time rules come first as they hold whatever the calendar says;
 * `taken` comes last as the reason most likely to be a race with another
 * booking.
 */
function findRefusal(start: number, rules: SlotRules, calendar: PreparedCalendar): SlotRefusal | null {
  const { policy, now } = rules;
  const stepMs = policy.slotStepMinutes * MS_PER_MINUTE;
  if (start < now.getTime() + policy.minNoticeMinutes * MS_PER_MINUTE) return 'too-soon';
  if (start >= now.getTime() + policy.horizonDays * MS_PER_DAY) return 'beyond-horizon';
  const sessionEnd = start + rules.durationMinutes * MS_PER_MINUTE;
  if (sessionEnd > (rules.certifiedUntil ?? Infinity)) return 'certification-expires';
  const end = start + reservedMs(rules);
  if (!isWithinAnySpan(calendar.workingHours, start, end)) return 'outside-hours';
  const onStep = calendar.occurrences.some(
    (o) => o.start <= start && start < o.end && (start - o.start) % stepMs === 0,
  );
  if (!onStep) return 'off-step';
  return calendarClash(calendar, start, end);
}

/**
 * How long a session occupies the therapist: the buffer is part of their working time (room reset, notes), so it
 * needs hours and no time off just as the session does: with 09:00–17:00 and a 15-minute buffer, the last
 * hour-long session starts 15:45.
 */
function reservedMs(rules: SlotRules): number {
  return (rules.durationMinutes + rules.policy.bufferMinutes) * MS_PER_MINUTE;
}

/** The calendar's objection to occupying [start, end), in findRefusal's order, for listing and booking alike. */
function calendarClash(calendar: PreparedCalendar, start: number, end: number): 'time-off' | 'taken' | null {
  if (overlapsAnySpan(calendar.timeOff, start, end)) return 'time-off';
  if (overlapsAnySpan(calendar.busy, start, end)) return 'taken';
  return null;
}

/**
 * Bookable session starts for a therapist, grouped by local date.
 *
 * Semantics:
 * - Candidate starts step by `slotStepMinutes` of real elapsed time from the
 *   start of each occurrence of each weekly interval, while inside that
 *   interval. Anchoring on the configured intervals (not on merged blocks or
 *   on the requested window) keeps the offered starts identical whatever dates
 *   are asked for, which `checkSlotBookable` relies on.
 * - The session with its buffer, [s, s + duration + buffer), must lie inside
 *   working hours, where touching intervals are merged (Mon 09:00–12:00 +
 *   12:00–17:00 allows an 11:30–12:30 session), and must not overlap time off
 *   or any busy range. Busy ranges already carry their own trailing buffer, so
 *   consecutive sessions are always at least one buffer apart, whichever is
 *   booked first.
 * - s >= now + minNotice, and s < now + horizonDays × 24 h (real hours, not
 *   calendar days, so the horizon does not shift across DST changes).
 * - The session ends by `certifiedUntil` when given: no slot is offered after
 *   the therapist's licence (or the type's certification) runs out.
 * - Slots are grouped by the local date of s in `displayTimeZone`; every date
 *   from fromDate to toDate appears, with `slots: []` when nothing is free.
 *   Times are ISO 8601 in the display zone with milliseconds, e.g.
 *   '2026-12-01T09:00:00.000+01:00'; `endsAt` is the session end, without buffer.
 *
 * Worked example: a Europe/Berlin therapist working Tuesdays 09:00–17:00, with
 * 60-minute sessions on the hour, seen by a client in America/New_York: the
 * Berlin 2026-12-01 slots 09:00+01:00 … 16:00+01:00 are listed under the client's
 * date 2026-12-01 as 03:00-05:00 … 10:00-05:00. Asking for New York's
 * 2026-11-30 lists nothing of them, although Berlin's Tuesday begins at
 * 18:00-05:00 on Monday 11-30.
 *
 * Throws RangeError on an invalid date range (see `findDateRangeProblems`),
 * zone, duration or step; callers validate those first.
 */
export function findFreeSlots(input: FindFreeSlotsInput): FreeSlotsDay[] {
  return findFreeSlotsOn(listingDays(input.fromDate, input.toDate, input.displayTimeZone), input);
}

/** `findFreeSlots` for dates already parsed by `listingDays`. */
export function findFreeSlotsOn(days: ListingDays, rules: SlotRules): FreeSlotsDay[] {
  const { window, zone } = days;
  const calendar = prepareCalendar(rules, window);
  const { policy, now } = rules;
  const stepMs = policy.slotStepMinutes * MS_PER_MINUTE;
  const reserved = reservedMs(rules);
  // findRefusal's rules without building a verdict per candidate: too-soon, beyond-horizon and
  // certification-expires as the loop's bounds, off-step by construction (each candidate is on its own
  // occurrence's step), and the rest as findRefusal checks them: hours, then the calendar's clashes.
  const earliest = Math.max(window.start, now.getTime() + policy.minNoticeMinutes * MS_PER_MINUTE);
  const durationMs = rules.durationMinutes * MS_PER_MINUTE;
  const latest = Math.min(
    window.end,
    now.getTime() + policy.horizonDays * MS_PER_DAY,
    // The last start whose session ends by certifiedUntil, as an exclusive bound.
    (rules.certifiedUntil ?? Infinity) - durationMs + 1,
  );

  const starts: number[] = [];
  for (const occurrence of calendar.occurrences) {
    const skipped = earliest > occurrence.start ? Math.ceil((earliest - occurrence.start) / stepMs) : 0;
    for (let s = occurrence.start + skipped * stepMs; s < occurrence.end && s < latest; s += stepMs) {
      const end = s + reserved;
      if (isWithinAnySpan(calendar.workingHours, s, end) && calendarClash(calendar, s, end) === null) starts.push(s);
    }
  }
  // Occurrences do not overlap (schedules are validated), but sorting and skipping repeats costs little and keeps
  // the listing right whatever the schedule.
  starts.sort((a, b) => a - b);

  const slotsByDate = new Map<string, FreeSlot[]>();
  for (const label of days.labels) slotsByDate.set(label, []);
  let previous = Number.NaN;
  for (const s of starts) {
    if (s === previous) continue;
    previous = s;
    const startsAt = zone.formatIso(s);
    // The local date is the ISO string's own: 'YYYY-MM-DD' before the 'T'.
    slotsByDate.get(startsAt.slice(0, 10))?.push({ startsAt, endsAt: zone.formatIso(s + durationMs) });
  }
  return [...slotsByDate].map(([date, slots]) => ({ date, slots }));
}

/**
 * Whether `startsAt` is one of the starts `findFreeSlots` would offer, by the
 * same rule (`findRefusal`), so the slot list and the booking path cannot
 * disagree. A start inside working hours but between offered starts is refused
 * as 'off-step': a booking must be one of the offered slots.
 */
export function checkSlotBookable(input: CheckSlotBookableInput): SlotVerdict {
  const start = input.startsAt.getTime();
  const calendar = prepareCalendar(input, { start, end: start + 1 });
  const reason = findRefusal(start, input, calendar);
  return reason === null ? { ok: true } : { ok: false, reason };
}

