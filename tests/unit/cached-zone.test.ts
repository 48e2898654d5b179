import { DateTime, IANAZone, Settings } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalTimeZone, timeZoneSchema } from '../../src/lib/time.ts';
import { cachedZone, SlotZone } from '../../src/modules/availability/cached-zone.ts';
import { civilDateOf, dayNumberOf } from '../../src/modules/availability/calendar-dates.ts';

const iso = (ms: number) => new Date(ms).toISOString();
/** A fresh zone each time, so no memo from another test answers. */
const freshZone = (name: string) => new SlotZone(new IANAZone(name));
const instantAt = (zone: SlotZone, date: string, hhmm: string) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return iso(zone.instantAt(dayNumberOf(year, month, day), hour * 60 + minute));
};

describe('SlotZone.instantAt', () => {
  afterEach(() => {
    Settings.now = () => Date.now();
  });

  it.each([
    ['in summer', '2026-07-01T12:00:00Z'],
    ['in winter', '2026-01-15T12:00:00Z'],
  ])('resolves a repeated fall-back time to the later, standard-time instant when asked %s', (_when, now) => {
    Settings.now = () => Date.parse(now);
    expect(instantAt(freshZone('America/New_York'), '2026-11-01', '01:00')).toBe('2026-11-01T06:00:00.000Z');
    expect(instantAt(freshZone('Europe/Berlin'), '2026-10-25', '02:30')).toBe('2026-10-25T01:30:00.000Z');
  });

  it('maps a time skipped by spring-forward to the instant the clock jumps', () => {
    const berlin = freshZone('Europe/Berlin');
    expect(instantAt(berlin, '2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(instantAt(berlin, '2026-03-29', '02:30')).toBe('2026-03-29T01:00:00.000Z');
    expect(instantAt(berlin, '2026-03-29', '03:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(instantAt(freshZone('America/New_York'), '2026-03-08', '02:45')).toBe('2026-03-08T07:00:00.000Z');
    // Lord Howe moves by half an hour: 02:00 → 02:30 on 2026-10-04.
    expect(instantAt(freshZone('Australia/Lord_Howe'), '2026-10-04', '02:15')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('shows each wall-clock time of 2026 at its instant, or jumps over it, in zones with odd rules', () => {
    const mismatches: string[] = [];
    for (const name of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'America/Havana']) {
      const zone = freshZone(name);
      const truth = new IANAZone(name);
      const wallOf = (instant: number) => instant + truth.offset(instant) * 60_000;
      for (let day = dayNumberOf(2026, 1, 1); day < dayNumberOf(2027, 1, 1); day += 1) {
        for (let minute = 0; minute < 24 * 60; minute += 30) {
          const wall = day * 86_400_000 + minute * 60_000;
          const instant = zone.instantAt(day, minute);
          const shown = wallOf(instant);
          const skipped = wallOf(instant - 1) < wall && wall < shown;
          if (shown !== wall && !skipped) mismatches.push(`${name} ${iso(wall)} -> ${iso(instant)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('time zone names', () => {
  it('corrects only the letter case of a zone name, keeping links as they were written', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(canonicalTimeZone('US/Eastern')).toBe('US/Eastern');
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeNull();
    expect(canonicalTimeZone('+01:00')).toBeNull();
  });

  it('stores the corrected spelling through the schema and refuses unknown zones', () => {
    expect(timeZoneSchema.parse('europe/berlin')).toBe('Europe/Berlin');
    expect(timeZoneSchema.safeParse('Europe/Nowhere').success).toBe(false);
  });

  it('shares one cached zone among all spellings of a zone, so names cannot grow the cache', () => {
    expect(cachedZone('eUrOpE/bErLiN')).toBe(cachedZone('Europe/Berlin'));
    expect(cachedZone('US/Eastern')).toBe(cachedZone('America/New_York'));
    expect(() => cachedZone('Not/AZone')).toThrow(RangeError);
  });
});

describe('SlotZone.formatIso', () => {
  it('writes every instant exactly as luxon would, across DST changes, odd offsets, UTC and far years', () => {
    const mismatches: string[] = [];
    const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
    const samples: number[] = [Date.UTC(1900, 0, 1), Date.UTC(2199, 11, 31, 23, 59, 59, 999), -1, 0];
    // Every 7 h 13 min through 2026 and 2027 lands on all hours of the day and on each DST change's day.
    for (let instant = Date.UTC(2026, 0, 1); instant < Date.UTC(2028, 0, 1); instant += (7 * 60 + 13) * 60_000 + 17) {
      samples.push(instant);
    }
    for (const name of zones) {
      const zone = cachedZone(name);
      for (const instant of samples) {
        const expected = DateTime.fromMillis(instant, { zone: name }).toISO();
        const written = zone.formatIso(instant);
        if (written !== expected) mismatches.push(`${name} ${instant}: ${written} != ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('civilDateOf', () => {
  it('agrees with the JavaScript Date on every day from 1800 to 2300', () => {
    const mismatches: number[] = [];
    for (let day = dayNumberOf(1800, 1, 1); day <= dayNumberOf(2300, 12, 31); day += 1) {
      const date = new Date(day * 86_400_000);
      const expected = {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        weekday: ((date.getUTCDay() + 6) % 7) + 1,
      };
      const civil = civilDateOf(day);
      if (civil.year !== expected.year || civil.month !== expected.month || civil.day !== expected.day || civil.weekday !== expected.weekday) {
        mismatches.push(day);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
