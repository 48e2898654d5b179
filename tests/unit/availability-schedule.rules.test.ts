import { describe, expect, it } from 'vitest';
import { mergeRanges } from '../../src/lib/time-ranges.ts';
import { resolveTimeZone } from '../../src/lib/time.ts';
import {
  expandWeeklyOccurrences,
  findScheduleProblems,
  type WeeklyInterval,
} from '../../src/modules/availability/availability-schedule.rules.ts';
import {
  MAX_SLOT_RANGE_DAYS,
  findDateRangeProblems,
  localDateRangeToWindow,
} from '../../src/modules/availability/slot-window.rules.ts';
import type { Range } from '../../src/lib/time-ranges.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const window = (from: string, to: string): Range => ({ start: Date.parse(from), end: Date.parse(to) });
/** Ranges as UTC ISO strings, so failures read as times. */
const asIso = (ranges: Range[]): string[][] =>
  ranges.map((range) => [new Date(range.start).toISOString(), new Date(range.end).toISOString()]);

describe('findScheduleProblems', () => {
  it('accepts a normal week, touching intervals, a whole day and 24:00 ends', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '17:00' },
      { weekday: 2, start: '00:00', end: '24:00' },
      { weekday: 3, start: '20:00', end: '24:00' },
      { weekday: 4, start: '00:00', end: '02:00' },
      { weekday: 5, start: '22:00', end: '02:00' },
      { weekday: 6, start: '02:00', end: '06:00' },
    ];
    expect(findScheduleProblems(weekly)).toEqual([]);
  });

  it('reports a zero-length interval at its end', () => {
    expect(findScheduleProblems([{ weekday: 1, start: '09:00', end: '09:00' }])).toEqual([
      { path: 'weekly.0.end', message: expect.stringContaining('must differ from start') },
    ]);
  });

  it('reports malformed and out-of-range times, and 24:00 as a start', () => {
    const problems = findScheduleProblems([
      { weekday: 1, start: '9:00', end: '23:60' },
      { weekday: 2, start: '24:00', end: '25:00' },
      { weekday: 3, start: '08:00', end: '17:00:00' },
    ]);
    expect(problems.map((p) => p.path)).toEqual([
      'weekly.0.start',
      'weekly.0.end',
      'weekly.1.start',
      'weekly.1.end',
      'weekly.2.end',
    ]);
  });

  it('reports a weekday outside 1..7', () => {
    const weekly = [{ weekday: 0, start: '09:00', end: '10:00' }] as unknown as WeeklyInterval[];
    expect(findScheduleProblems(weekly)).toEqual([
      { path: 'weekly.0.weekday', message: 'must be an ISO weekday from 1 (Monday) to 7 (Sunday)' },
    ]);
  });

  it('reports overlapping intervals on the same day, naming the earlier one', () => {
    expect(
      findScheduleProblems([
        { weekday: 3, start: '09:00', end: '13:00' },
        { weekday: 3, start: '12:30', end: '17:00' },
      ]),
    ).toEqual([{ path: 'weekly.1', message: 'overlaps weekly.0 (Wed 09:00–13:00)' }]);
  });

  it('reports an interval crossing midnight that overlaps the next weekday', () => {
    expect(
      findScheduleProblems([
        { weekday: 6, start: '01:00', end: '05:00' },
        { weekday: 5, start: '22:00', end: '02:00' },
      ]),
    ).toEqual([{ path: 'weekly.1', message: 'overlaps weekly.0 (Sat 01:00–05:00)' }]);
  });

  it('reports a Sunday night interval wrapping into Monday morning', () => {
    expect(
      findScheduleProblems([
        { weekday: 1, start: '00:30', end: '08:00' },
        { weekday: 7, start: '23:00', end: '01:00' },
      ]),
    ).toEqual([{ path: 'weekly.1', message: 'overlaps weekly.0 (Mon 00:30–08:00)' }]);
  });

  it('accepts a Sunday night interval ending exactly when Monday starts', () => {
    expect(
      findScheduleProblems([
        { weekday: 7, start: '22:00', end: '01:00' },
        { weekday: 1, start: '01:00', end: '08:00' },
      ]),
    ).toEqual([]);
  });
});

describe('resolveTimeZone', () => {
  it('knows IANA zones and rejects made-up ones', () => {
    expect(resolveTimeZone(BERLIN)).not.toBeNull();
    expect(resolveTimeZone('Mars/Olympus_Mons')).toBeNull();
  });
});

// Working hours as the slot engine builds them: the occurrences, merged.
const expandWeeklyHours = (weekly: readonly WeeklyInterval[], zone: string, window: Range) =>
  mergeRanges(expandWeeklyOccurrences(weekly, zone, window));

describe('weekly hours expanded and merged', () => {
  it('keeps 09:00–17:00 local on both sides of the Berlin spring-forward change', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 6, start: '09:00', end: '17:00' },
      { weekday: 7, start: '09:00', end: '17:00' },
    ];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-03-28T00:00Z', '2026-03-30T00:00Z')))).toEqual([
      ['2026-03-28T08:00:00.000Z', '2026-03-28T16:00:00.000Z'],
      ['2026-03-29T07:00:00.000Z', '2026-03-29T15:00:00.000Z'],
    ]);
  });

  it('makes 01:00–03:00 on the Berlin fall-back day three real hours', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '01:00', end: '03:00' }];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-10-24T12:00Z', '2026-10-25T12:00Z')))).toEqual([
      ['2026-10-24T23:00:00.000Z', '2026-10-25T02:00:00.000Z'],
    ]);
  });

  it('starts hours from 02:30, which spring-forward skips, at the jump (03:00+02:00)', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '02:30', end: '05:00' }];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-03-29T00:00Z', '2026-03-30T00:00Z')))).toEqual([
      ['2026-03-29T01:00:00.000Z', '2026-03-29T03:00:00.000Z'],
    ]);
  });

  it('ends hours until 02:30, which spring-forward skips, at the jump rather than an hour later', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '01:00', end: '02:30' }];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-03-29T00:00Z', '2026-03-30T00:00Z')))).toEqual([
      ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ]);
  });

  it('makes 00:00–03:00 on the New York fall-back day four real hours', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '00:00', end: '03:00' }];
    expect(asIso(expandWeeklyHours(weekly, NEW_YORK, window('2026-11-01T00:00Z', '2026-11-02T00:00Z')))).toEqual([
      ['2026-11-01T04:00:00.000Z', '2026-11-01T08:00:00.000Z'],
    ]);
  });

  it('resolves an ambiguous fall-back start to the later, standard-time instant', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '01:00', end: '02:00' }];
    expect(asIso(expandWeeklyHours(weekly, NEW_YORK, window('2026-11-01T00:00Z', '2026-11-02T00:00Z')))).toEqual([
      ['2026-11-01T06:00:00.000Z', '2026-11-01T07:00:00.000Z'],
    ]);
  });

  it('includes an interval from the previous local day that crosses midnight into the window', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 5, start: '22:00', end: '02:00' }];
    // Window is Saturday 2026-12-05 in Berlin; the Friday night shift reaches into it.
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-12-04T23:00Z', '2026-12-05T23:00Z')))).toEqual([
      ['2026-12-04T21:00:00.000Z', '2026-12-05T01:00:00.000Z'],
    ]);
  });

  it('merges touching intervals, including across midnight via 24:00', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '12:00', end: '17:00' },
      { weekday: 1, start: '20:00', end: '24:00' },
      { weekday: 2, start: '00:00', end: '01:00' },
    ];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-12-07T00:00Z', '2026-12-08T00:00Z')))).toEqual([
      ['2026-12-07T08:00:00.000Z', '2026-12-07T16:00:00.000Z'],
      ['2026-12-07T19:00:00.000Z', '2026-12-08T00:00:00.000Z'],
    ]);
  });

  it('returns whole blocks that overlap the window, unclipped, and nothing outside it', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 1, start: '09:00', end: '17:00' }];
    expect(asIso(expandWeeklyHours(weekly, BERLIN, window('2026-12-07T12:00Z', '2026-12-07T13:00Z')))).toEqual([
      ['2026-12-07T08:00:00.000Z', '2026-12-07T16:00:00.000Z'],
    ]);
    expect(expandWeeklyHours(weekly, BERLIN, window('2026-12-07T16:00Z', '2026-12-14T08:00Z'))).toEqual([]);
  });

  it('keeps touching occurrences separate in expandWeeklyOccurrences', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 1, start: '12:00', end: '17:00' },
      { weekday: 1, start: '09:00', end: '12:00' },
    ];
    expect(asIso(expandWeeklyOccurrences(weekly, BERLIN, window('2026-12-07T00:00Z', '2026-12-08T00:00Z')))).toEqual([
      ['2026-12-07T08:00:00.000Z', '2026-12-07T11:00:00.000Z'],
      ['2026-12-07T11:00:00.000Z', '2026-12-07T16:00:00.000Z'],
    ]);
  });

  it('throws a RangeError for an unknown zone or an unusable interval', () => {
    const ok: WeeklyInterval[] = [{ weekday: 1, start: '09:00', end: '17:00' }];
    const w = window('2026-12-07T00:00Z', '2026-12-08T00:00Z');
    expect(() => expandWeeklyHours(ok, 'Nowhere/Else', w)).toThrow(RangeError);
    expect(() => expandWeeklyHours([{ weekday: 1, start: '09:00', end: '09:00' }], BERLIN, w)).toThrow(RangeError);
  });
});

describe('localDateRangeToWindow and findDateRangeProblems', () => {
  const iso = (r: Range) => [new Date(r.start).toISOString(), new Date(r.end).toISOString()];
  it('spans local midnights, 23 hours on the Berlin spring-forward day', () => {
    expect(iso(localDateRangeToWindow('2026-03-29', '2026-03-29', BERLIN))).toEqual([
      '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z',
    ]);
  });
  it('spans 25 hours on the New York fall-back day', () => {
    expect(iso(localDateRangeToWindow('2026-11-01', '2026-11-01', NEW_YORK))).toEqual([
      '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z',
    ]);
  });
  it('throws a RangeError for an impossible date', () => {
    expect(() => localDateRangeToWindow('2026-02-30', '2026-03-01', BERLIN)).toThrow(RangeError);
  });
  it(`allows at most MAX_SLOT_RANGE_DAYS (${MAX_SLOT_RANGE_DAYS}) days, inclusive`, () => {
    expect(MAX_SLOT_RANGE_DAYS).toBe(62);
    expect(findDateRangeProblems('2026-01-01', '2026-03-03')).toEqual([]);
    expect(findDateRangeProblems('2026-01-01', '2026-03-04').map((p) => p.path)).toEqual(['toDate']);
  });
  it('reports reversed ranges and malformed dates', () => {
    expect(findDateRangeProblems('2026-12-02', '2026-12-01')).toEqual([
      { path: 'toDate', message: 'must not be before fromDate' },
    ]);
    expect(findDateRangeProblems('2026-2-01', '2026-02-30').map((p) => p.path)).toEqual(['fromDate', 'toDate']);
  });
});
