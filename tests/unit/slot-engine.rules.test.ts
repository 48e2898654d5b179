import { describe, expect, it } from 'vitest';
import { isLateCancellation } from '../../src/modules/appointments/cancellation.rules.ts';
import type { WeeklyInterval } from '../../src/modules/availability/availability-schedule.rules.ts';
import {
  checkSlotBookable,
  findFreeSlots,
  type FindFreeSlotsInput,
  type FreeSlotsDay,
  type SchedulePolicy,
} from '../../src/modules/availability/slot-engine.rules.ts';
import { localDateRangeToWindow } from '../../src/modules/availability/slot-window.rules.ts';
import type { Range } from '../../src/lib/time-ranges.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const POLICY: SchedulePolicy = { bufferMinutes: 0, minNoticeMinutes: 0, horizonDays: 365, slotStepMinutes: 60 };
const TUESDAY_9_TO_17: WeeklyInterval[] = [{ weekday: 2, start: '09:00', end: '17:00' }];

type Overrides = Partial<Omit<FindFreeSlotsInput, 'policy'>> & { policy?: Partial<SchedulePolicy> };
/** A Berlin therapist, 60-minute sessions on the hour, no buffer/notice; override what a test is about. */
function request(overrides: Overrides): FindFreeSlotsInput {
  const { policy, ...rest } = overrides;
  return {
    weekly: TUESDAY_9_TO_17,
    therapistTimeZone: BERLIN,
    timeOff: [],
    busy: [],
    durationMinutes: 60,
    now: new Date('2026-01-01T00:00:00Z'),
    fromDate: '2026-12-01',
    toDate: '2026-12-01',
    displayTimeZone: BERLIN,
    ...rest,
    policy: { ...POLICY, ...policy },
  };
}
const range = (start: string, end: string): Range => ({ start: Date.parse(start), end: Date.parse(end) });
/** `local('2026-12-01', '+01:00')('09:00')` → '2026-12-01T09:00:00.000+01:00' */
const local = (date: string, offset: string) => (hhmm: string) => `${date}T${hhmm}:00.000${offset}`;
const dec1 = local('2026-12-01', '+01:00');
const startsByDate = (days: FreeSlotsDay[]): Record<string, string[]> =>
  Object.fromEntries(days.map((day) => [day.date, day.slots.map((slot) => slot.startsAt)]));
const startsOf = (overrides: Overrides) => startsByDate(findFreeSlots(request(overrides)));

describe('findFreeSlots: shape', () => {
  it('returns ISO start and end instants with milliseconds and the display offset', () => {
    const days = findFreeSlots(request({ weekly: [{ weekday: 2, start: '09:00', end: '10:00' }] }));
    expect(days).toEqual([
      { date: '2026-12-01', slots: [{ startsAt: dec1('09:00'), endsAt: dec1('10:00') }] },
    ]);
  });

  it('lists every date in the range, with an empty list when nothing is free', () => {
    expect(startsOf({ fromDate: '2026-11-30', toDate: '2026-12-02' })).toEqual({
      '2026-11-30': [],
      '2026-12-01': ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'].map(dec1),
      '2026-12-02': [],
    });
  });

  it('throws a RangeError for a range longer than MAX_SLOT_RANGE_DAYS', () => {
    expect(() => findFreeSlots(request({ fromDate: '2026-01-01', toDate: '2026-03-04' }))).toThrow(RangeError);
  });
});

describe('findFreeSlots: daylight saving time', () => {
  const weekend = (start: string, end: string): WeeklyInterval[] => [
    { weekday: 6, start, end },
    { weekday: 7, start, end },
  ];

  it('offers 09:00 local on both sides of the spring-forward change in Berlin', () => {
    expect(startsOf({ weekly: weekend('09:00', '11:00'), fromDate: '2026-03-28', toDate: '2026-03-29' })).toEqual({
      '2026-03-28': ['09:00', '10:00'].map(local('2026-03-28', '+01:00')),
      '2026-03-29': ['09:00', '10:00'].map(local('2026-03-29', '+02:00')),
    });
  });

  it('offers 09:00 local on both sides of the fall-back change in Berlin', () => {
    expect(startsOf({ weekly: weekend('09:00', '10:00'), fromDate: '2026-10-24', toDate: '2026-10-25' })).toEqual({
      '2026-10-24': ['2026-10-24T09:00:00.000+02:00'],
      '2026-10-25': ['2026-10-25T09:00:00.000+01:00'],
    });
  });

  it('starts hours from inside the Berlin spring-forward gap at the jump and steps from there', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '02:30', end: '05:00' }];
    expect(startsOf({ weekly, policy: { slotStepMinutes: 30 }, fromDate: '2026-03-29', toDate: '2026-03-29' }))
      .toEqual({ '2026-03-29': ['03:00', '03:30', '04:00'].map(local('2026-03-29', '+02:00')) });
  });

  it('never offers a session past hours that end inside the spring-forward gap', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '00:00', end: '02:30' }];
    expect(startsOf({ weekly, policy: { slotStepMinutes: 30 }, fromDate: '2026-03-29', toDate: '2026-03-29' }))
      .toEqual({ '2026-03-29': ['00:00', '00:30', '01:00'].map(local('2026-03-29', '+01:00')) });
  });

  it('offers three hourly slots in 01:00–03:00 on the Berlin fall-back day, 02:00 twice', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '01:00', end: '03:00' }];
    expect(startsOf({ weekly, fromDate: '2026-10-25', toDate: '2026-10-25' })).toEqual({
      '2026-10-25': ['2026-10-25T01:00:00.000+02:00', '2026-10-25T02:00:00.000+02:00', '2026-10-25T02:00:00.000+01:00'],
    });
  });

  it('offers 09:00 local on both sides of the spring-forward change in New York', () => {
    const input = { weekly: weekend('09:00', '10:00'), therapistTimeZone: NEW_YORK, displayTimeZone: NEW_YORK };
    expect(startsOf({ ...input, fromDate: '2026-03-07', toDate: '2026-03-08' })).toEqual({
      '2026-03-07': ['2026-03-07T09:00:00.000-05:00'],
      '2026-03-08': ['2026-03-08T09:00:00.000-04:00'],
    });
  });

  it('steps in real hours across the New York spring-forward gap (01:00 then 03:00)', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '01:00', end: '04:00' }];
    const input = { weekly, therapistTimeZone: NEW_YORK, displayTimeZone: NEW_YORK };
    expect(startsOf({ ...input, fromDate: '2026-03-08', toDate: '2026-03-08' })).toEqual({
      '2026-03-08': ['2026-03-08T01:00:00.000-05:00', '2026-03-08T03:00:00.000-04:00'],
    });
  });

  it('offers four hourly slots in 00:00–03:00 on the New York fall-back day, 01:00 twice', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '00:00', end: '03:00' }];
    const input = { weekly, therapistTimeZone: NEW_YORK, displayTimeZone: NEW_YORK };
    expect(startsOf({ ...input, fromDate: '2026-11-01', toDate: '2026-11-01' })).toEqual({
      '2026-11-01': [
        '2026-11-01T00:00:00.000-04:00',
        '2026-11-01T01:00:00.000-04:00',
        '2026-11-01T01:00:00.000-05:00',
        '2026-11-01T02:00:00.000-05:00',
      ],
    });
  });
});

describe('findFreeSlots: working hours', () => {
  it('offers sessions through midnight for a Friday 22:00–02:00 interval, grouped by local date', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 5, start: '22:00', end: '02:00' }];
    const policy = { slotStepMinutes: 30 };
    expect(startsOf({ weekly, policy, fromDate: '2026-12-04', toDate: '2026-12-05' })).toEqual({
      '2026-12-04': ['22:00', '22:30', '23:00', '23:30'].map(local('2026-12-04', '+01:00')),
      '2026-12-05': ['00:00', '00:30', '01:00'].map(local('2026-12-05', '+01:00')),
    });
  });

  it('carries a Sunday night interval into Monday morning', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '22:00', end: '02:00' }];
    expect(startsOf({ weekly, fromDate: '2026-12-07', toDate: '2026-12-07' })).toEqual({
      '2026-12-07': ['00:00', '01:00'].map(local('2026-12-07', '+01:00')),
    });
  });

  it('merges adjacent intervals so a session may span them', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '12:00', end: '17:00' },
    ];
    expect(startsOf({ weekly, durationMinutes: 90 })).toEqual({
      '2026-12-01': ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00'].map(dec1),
    });
  });

  it('does not let a session span a gap between intervals', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '13:00', end: '17:00' },
    ];
    expect(startsOf({ weekly, durationMinutes: 90 })).toEqual({
      '2026-12-01': ['09:00', '10:00', '13:00', '14:00', '15:00'].map(dec1),
    });
  });

  it('anchors the step at the start of each configured interval, even when merged', () => {
    const weekly: WeeklyInterval[] = [
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 2, start: '12:00', end: '14:00' },
    ];
    expect(startsOf({ weekly, durationMinutes: 45, policy: { slotStepMinutes: 50 } })).toEqual({
      '2026-12-01': ['09:00', '09:50', '10:40', '11:30', '12:00', '12:50'].map(dec1),
    });
  });
});

describe('findFreeSlots: appointments, time off, notice and horizon', () => {
  it('keeps a buffer before the next appointment and after the previous one', () => {
    // Existing 11:00–12:00 session plus 15-minute buffer blocks until 12:15.
    const busy = [range(dec1('11:00'), dec1('12:15'))];
    const late = ['12:15', '12:30', '12:45', '13:00', '13:15', '13:30', '13:45', '14:00', '14:15', '14:30', '14:45'];
    const days = startsOf({ busy, policy: { slotStepMinutes: 15, bufferMinutes: 15 } });
    expect(days['2026-12-01']?.slice(0, 15)).toEqual(['09:00', '09:15', '09:30', '09:45', ...late].map(dec1));
    // The last session's buffer must end by closing time too: 15:45–16:45, buffer until 17:00.
    expect(days['2026-12-01']?.at(-1)).toEqual(dec1('15:45'));
  });

  it('keeps the buffer clear of time off: no session ends right where time off begins', () => {
    const timeOff = [range(dec1('12:00'), dec1('14:00'))];
    expect(startsOf({ timeOff, policy: { bufferMinutes: 30, slotStepMinutes: 30 } })).toEqual({
      '2026-12-01': ['09:00', '09:30', '10:00', '10:30', '14:00', '14:30', '15:00', '15:30'].map(dec1),
    });
  });

  it('skips a partial day of time off, allowing sessions that touch it', () => {
    expect(startsOf({ timeOff: [range(dec1('12:00'), dec1('14:00'))] })).toEqual({
      '2026-12-01': ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00'].map(dec1),
    });
  });

  it('lists a whole day of time off as an empty day', () => {
    const weekly: WeeklyInterval[] = [...TUESDAY_9_TO_17, { weekday: 3, start: '09:00', end: '10:00' }];
    const timeOff = [range(dec1('00:00'), '2026-12-02T00:00:00+01:00')];
    expect(startsOf({ weekly, timeOff, toDate: '2026-12-02' })).toEqual({
      '2026-12-01': [],
      '2026-12-02': ['2026-12-02T09:00:00.000+01:00'],
    });
  });

  it('offers nothing earlier than now plus the minimum notice', () => {
    const now = new Date(dec1('08:10'));
    expect(startsOf({ now, policy: { minNoticeMinutes: 120 } })['2026-12-01']?.[0]).toBe(dec1('11:00'));
    expect(startsOf({ now, policy: { minNoticeMinutes: 50 } })['2026-12-01']?.[0]).toBe(dec1('09:00'));
  });

  it('counts the horizon in real 24-hour days, across the spring-forward change', () => {
    const weekly: WeeklyInterval[] = [{ weekday: 7, start: '09:00', end: '17:00' }];
    // Two real days after 10:00+01:00 is 11:00+02:00 on the Sunday.
    const now = new Date('2026-03-27T10:00:00+01:00');
    expect(startsOf({ weekly, now, policy: { horizonDays: 2 }, fromDate: '2026-03-29', toDate: '2026-03-29' }))
      .toEqual({ '2026-03-29': ['09:00', '10:00'].map(local('2026-03-29', '+02:00')) });
  });
});

describe('findFreeSlots: certificates running out', () => {
  it('offers only sessions that end by the time the certificate runs out, the one ending exactly then included', () => {
    // The licence is valid through 2026-12-01 (UTC): the last session must end by 01:00 Berlin on 12-02.
    const certifiedUntil = Date.parse('2026-12-01T12:00:00+01:00');
    expect(startsOf({ certifiedUntil, policy: { slotStepMinutes: 30 } })).toEqual({
      '2026-12-01': ['09:00', '09:30', '10:00', '10:30', '11:00'].map(dec1),
    });
  });

  it('leaves later days empty', () => {
    const weekly: WeeklyInterval[] = [...TUESDAY_9_TO_17, { weekday: 3, start: '09:00', end: '11:00' }];
    const certifiedUntil = Date.parse('2026-12-02T00:00:00Z');
    expect(startsOf({ weekly, certifiedUntil, toDate: '2026-12-02' })['2026-12-02']).toEqual([]);
  });

  it('agrees with checkSlotBookable at the boundary', () => {
    const rules = request({ certifiedUntil: Date.parse(dec1('12:00')) });
    expect(checkSlotBookable({ ...rules, startsAt: new Date(dec1('11:00')) })).toEqual({ ok: true });
    expect(checkSlotBookable({ ...rules, startsAt: new Date(dec1('12:00')) })).toEqual({
      ok: false,
      reason: 'certification-expires',
    });
  });
});

describe('findFreeSlots: display time zone differs from the therapist’s', () => {
  const weekly: WeeklyInterval[] = [{ weekday: 2, start: '05:00', end: '09:00' }];
  const inNewYork = { weekly, displayTimeZone: NEW_YORK };

  it('groups a Berlin therapist’s slots by the New York client’s local date', () => {
    expect(startsOf({ ...inNewYork, fromDate: '2026-11-30', toDate: '2026-12-01' })).toEqual({
      '2026-11-30': ['2026-11-30T23:00:00.000-05:00'],
      '2026-12-01': ['00:00', '01:00', '02:00'].map(local('2026-12-01', '-05:00')),
    });
  });

  it('bounds the range by the client’s midnights, not the therapist’s', () => {
    const [day] = findFreeSlots(request({ ...inNewYork, fromDate: '2026-12-01', toDate: '2026-12-01' }));
    expect(day?.slots[0]).toEqual({
      startsAt: '2026-12-01T00:00:00.000-05:00',
      endsAt: '2026-12-01T01:00:00.000-05:00',
    });
    expect(day?.slots).toHaveLength(3);
  });

  it('follows each zone’s own DST date: Berlin’s 09:00 is 03:00 in New York, then 04:00 once only New York has changed', () => {
    // New York springs forward on 8 March 2026, Berlin on 29 March: for three weeks they are five hours apart.
    const weekly: WeeklyInterval[] = [{ weekday: 2, start: '09:00', end: '11:00' }];
    expect(startsOf({ weekly, displayTimeZone: NEW_YORK, fromDate: '2026-03-03', toDate: '2026-03-31' })).toEqual({
      ...Object.fromEntries(
        Array.from({ length: 29 }, (_, index) => [`2026-03-${String(index + 3).padStart(2, '0')}`, []]),
      ),
      '2026-03-03': ['03:00', '04:00'].map(local('2026-03-03', '-05:00')),
      '2026-03-10': ['04:00', '05:00'].map(local('2026-03-10', '-04:00')),
      '2026-03-17': ['04:00', '05:00'].map(local('2026-03-17', '-04:00')),
      '2026-03-24': ['04:00', '05:00'].map(local('2026-03-24', '-04:00')),
      '2026-03-31': ['03:00', '04:00'].map(local('2026-03-31', '-04:00')),
    });
  });
});

describe('checkSlotBookable', () => {
  // Tuesday 09:00–17:00 Berlin, 60 min sessions every 30 min, 15 min buffer.
  const scenario = request({
    now: new Date(dec1('08:00')),
    policy: { slotStepMinutes: 30, bufferMinutes: 15, minNoticeMinutes: 120, horizonDays: 14 },
    timeOff: [range(dec1('12:00'), dec1('13:00'))],
    busy: [range(dec1('14:00'), dec1('15:15'))],
  });
  const verdictAt = (startsAt: string) => checkSlotBookable({ ...scenario, startsAt: new Date(startsAt) });

  it.each([
    ['too soon for the notice period', dec1('09:30'), 'too-soon'],
    ['too soon, which wins over outside hours', dec1('07:00'), 'too-soon'],
    ['at or beyond the horizon', '2026-12-15T09:00:00+01:00', 'beyond-horizon'],
    ['before opening', '2026-12-08T08:00:00+01:00', 'outside-hours'],
    ['running past closing', dec1('16:30'), 'outside-hours'],
    ['between offered starts', dec1('10:10'), 'off-step'],
    ['a few seconds off an offered start', '2026-12-01T10:00:30+01:00', 'off-step'],
    ['running into time off', dec1('11:30'), 'time-off'],
    ['whose buffer runs into time off', dec1('11:00'), 'time-off'],
    ['whose buffer runs past closing', dec1('16:00'), 'outside-hours'],
    ['overlapping an appointment', dec1('14:30'), 'taken'],
    ['inside the previous appointment’s buffer', dec1('15:00'), 'taken'],
    ['with only its own buffer running into the next appointment', dec1('13:00'), 'taken'],
  ])('refuses a start %s', (_label, startsAt, reason) => {
    expect(verdictAt(startsAt)).toEqual({ ok: false, reason });
  });

  it.each([
    ['after the notice period', dec1('10:00')],
    ['whose buffer ends exactly when time off starts', dec1('10:30')],
    ['the last start whose buffer still ends by closing', dec1('15:30')],
    ['right after the previous appointment’s buffer', dec1('15:30')],
    ['a week later, inside the horizon', '2026-12-08T09:00:00+01:00'],
  ])('accepts a start %s', (_label, startsAt) => {
    expect(verdictAt(startsAt)).toEqual({ ok: true });
  });

  const berlinSpringNightInNewYork = request({
    weekly: [
      { weekday: 7, start: '01:30', end: '04:30' },
      { weekday: 7, start: '04:30', end: '05:00' },
    ],
    policy: { slotStepMinutes: 30 },
    displayTimeZone: NEW_YORK,
    fromDate: '2026-03-28',
    toDate: '2026-03-28',
  });
  const newYorkFallBackNight = request({
    weekly: [{ weekday: 6, start: '23:00', end: '03:00' }],
    therapistTimeZone: NEW_YORK,
    displayTimeZone: NEW_YORK,
    policy: { slotStepMinutes: 45, bufferMinutes: 10 },
    busy: [range('2026-11-01T01:30:00-04:00', '2026-11-01T01:10:00-05:00')],
    fromDate: '2026-10-31',
    toDate: '2026-11-01',
  });

  it.each([
    ['a busy Berlin week, shown in Berlin', { ...scenario, toDate: '2026-12-08' }],
    ['the Berlin spring-forward night, shown in New York', berlinSpringNightInNewYork],
    ['the New York fall-back night', newYorkFallBackNight],
  ])('agrees with findFreeSlots at every 5-minute instant of %s', (_label, input) => {
    const offered = new Set(findFreeSlots(input).flatMap((day) => day.slots.map((s) => Date.parse(s.startsAt))));
    expect(offered.size).toBeGreaterThan(0);
    const window = localDateRangeToWindow(input.fromDate, input.toDate, input.displayTimeZone);
    for (let t = window.start; t < window.end; t += 5 * 60_000) {
      const verdict = checkSlotBookable({ ...input, startsAt: new Date(t) });
      // The instant is in the compared object so a failure says where.
      const at = new Date(t).toISOString();
      expect({ at, ok: verdict.ok }).toEqual({ at, ok: offered.has(t) });
    }
  });
});

describe('isLateCancellation', () => {
  const startsAt = new Date('2026-12-02T10:00:00Z');
  it('is on time exactly windowHours before the start', () => {
    expect(isLateCancellation({ startsAt, now: new Date('2026-12-01T10:00:00Z'), windowHours: 24 })).toBe(false);
  });
  it('is late one millisecond inside the window, and after the start', () => {
    expect(isLateCancellation({ startsAt, now: new Date('2026-12-01T10:00:00.001Z'), windowHours: 24 })).toBe(true);
    expect(isLateCancellation({ startsAt, now: new Date('2026-12-02T11:00:00Z'), windowHours: 24 })).toBe(true);
  });
  it('counts real hours: the day before a spring-forward start is only 23 hours before', () => {
    const sunday = new Date('2026-03-29T10:00:00+02:00');
    const saturday = new Date('2026-03-28T10:00:00+01:00');
    expect(isLateCancellation({ startsAt: sunday, now: saturday, windowHours: 24 })).toBe(true);
  });
});
