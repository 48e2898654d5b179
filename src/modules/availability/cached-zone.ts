// Time zones for the slot engine, with memoised offsets and wall-clock conversions. Luxon asks Intl for a zone's
// offset on every conversion (about 10 µs each); a slot search over 200 therapists makes tens of thousands of
// them, almost all for the same few hours and the same few wall-clock times. Every answer is still luxon's; it is
// only remembered.
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { civilDateOf, type DayNumber } from './calendar-dates.ts';

const HOUR_MS = 60 * 60 * 1000;
const MINUTES_PER_DAY = 24 * 60;
/** Hours remembered per zone before the memo starts afresh (a year of hours is about 8,800). */
const MAX_CACHED_HOURS = 50_000;
/** Wall-clock conversions remembered per zone: 200 days of every 5th minute would be 57,600. */
const MAX_CACHED_WALL_CLOCK_TIMES = 100_000;
const CHANGES_WITHIN_HOUR = Number.NaN;

/**
 * An IANA zone that remembers, per UTC hour, the offset when it is the same at the first and the last
 * millisecond of that hour. An hour in which the offset changes (a DST switch) is marked and answered exactly on
 * every call. Exact for every zone in which two offset changes are more than an hour apart, which is all of them.
 */
class CachedIANAZone extends IANAZone {
  readonly #offsetByHour = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / HOUR_MS);
    let known = this.#offsetByHour.get(hour);
    if (known === undefined) {
      const first = super.offset(hour * HOUR_MS);
      const last = super.offset((hour + 1) * HOUR_MS - 1);
      known = first === last ? first : CHANGES_WITHIN_HOUR;
      if (this.#offsetByHour.size >= MAX_CACHED_HOURS) this.#offsetByHour.clear();
      this.#offsetByHour.set(hour, known);
    }
    return Number.isNaN(known) ? super.offset(ts) : known;
  }
}

/** A luxon zone for the slot engine, with its wall-clock conversions remembered. */
export class SlotZone {
  readonly #instantByWallClock = new Map<number, number>();

  constructor(readonly zone: Zone) {}

  /**
   * The instant at which the wall clock here shows `minuteOfDay` (0–1439) on `date`, as luxon resolves it:
   * a time skipped by spring-forward moves forward by the gap, a time that happens twice on fall-back is the
   * later, standard-time instant (see availability-schedule.rules.ts for worked examples).
   */
  instantAt(date: DayNumber, minuteOfDay: number): number {
    const key = date * MINUTES_PER_DAY + minuteOfDay;
    let instant = this.#instantByWallClock.get(key);
    if (instant === undefined) {
      const { year, month, day } = civilDateOf(date);
      instant = DateTime.fromObject(
        { year, month, day, hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 },
        { zone: this.zone },
      ).toMillis();
      if (this.#instantByWallClock.size >= MAX_CACHED_WALL_CLOCK_TIMES) this.#instantByWallClock.clear();
      this.#instantByWallClock.set(key, instant);
    }
    return instant;
  }
}

// Only known zones are kept, so arbitrary names cannot grow the map.
const zones = new Map<string, SlotZone>();

/** Read as luxon reads a zone name: 'UTC' and 'GMT' in any case are its fixed UTC zone (written 'Z'). */
function luxonZoneFor(name: string): Zone | null {
  const lowered = name.toLowerCase();
  if (lowered === 'utc' || lowered === 'gmt') return FixedOffsetZone.utcInstance;
  return IANAZone.isValidZone(name) ? new CachedIANAZone(name) : null;
}

function lookup(name: string): SlotZone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    const luxonZone = luxonZoneFor(name);
    if (luxonZone === null) return null;
    zone = new SlotZone(luxonZone);
    zones.set(name, zone);
  }
  return zone;
}

export function isKnownTimeZone(name: string): boolean {
  return lookup(name) !== null;
}

/** Throws RangeError for an unknown zone: callers validate zones at the edge. */
export function cachedZone(name: string): SlotZone {
  const zone = lookup(name);
  if (zone === null) throw new RangeError(`Unknown time zone: ${name}`);
  return zone;
}
