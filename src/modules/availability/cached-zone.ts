// Time zones for the slot engine, with memoised offsets and wall-clock conversions. Luxon asks Intl for a zone's
// offset on every conversion (about 10 µs each); a slot search over 200 therapists makes tens of thousands of
// them, almost all for the same few hours and the same few wall-clock times. Every offset is still luxon's; it is
// only remembered.
import { MS_PER_MINUTE, MS_PER_HOUR, MS_PER_DAY, MINUTES_PER_DAY } from '../../lib/durations.ts';
import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { resolveTimeZone } from '../../lib/time.ts';
import type { DayNumber } from './calendar-dates.ts';

/** Hours remembered per zone before the memo starts afresh (a year of hours is about 8,800). */
const MAX_CACHED_HOURS = 50_000;
/** Wall-clock conversions remembered per zone: 200 days of every 5th minute would be 57,600. */
const MAX_CACHED_WALL_CLOCK_TIMES = 100_000;
/**
 * ISO strings remembered per zone (about 100 bytes each): a 62-day listing at a 5-minute step writes at most
 * 17,856 starts, and a 14-day one at 30 minutes 672 starts and as many ends.
 */
const MAX_CACHED_ISO_STRINGS = 20_000;
const CHANGES_WITHIN_HOUR = Number.NaN;

/** As luxon pads: a minus sign, then the digits of the magnitude padded to `width`. */
function pad(value: number, width: number): string {
  return value < 0 ? `-${String(-value).padStart(width, '0')}` : String(value).padStart(width, '0');
}

/**
 * An IANA zone that remembers, per UTC hour, the offset when it is the same at the first and the last
 * millisecond of that hour. An hour in which the offset changes (a DST switch) is marked and answered exactly on
 * every call. Exact for every zone in which two offset changes are more than an hour apart, which is all of them.
 */
class CachedIANAZone extends IANAZone {
  readonly #offsetByHour = new Map<number, number>();

  override offset(ts: number): number {
    const hour = Math.floor(ts / MS_PER_HOUR);
    let known = this.#offsetByHour.get(hour);
    if (known === undefined) {
      const first = super.offset(hour * MS_PER_HOUR);
      const last = super.offset((hour + 1) * MS_PER_HOUR - 1);
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
  readonly #isoByInstant = new Map<number, string>();

  constructor(readonly zone: Zone) {}

  /**
   * The instant at which the wall clock here shows `minuteOfDay` (0–1439) on `date`. The two DST cases are
   * decided here, explicitly, so that the answer never depends on when it is asked:
   * - a time that happens twice on fall-back is the later, standard-time instant:
   *   Europe/Berlin 2026-10-25 02:30 → 02:30+01:00 (01:30Z), America/New_York 2026-11-01 01:00 → 01:00-05:00;
   * - a time skipped by spring-forward is the instant the clock jumps past it:
   *   Europe/Berlin 2026-03-29 02:00 and 02:30 → 03:00+02:00 (01:00Z). Hours "until 02:30" end at the jump,
   *   hours "from 02:30" start there, and no local time that does not exist is ever produced.
   */
  instantAt(date: DayNumber, minuteOfDay: number): number {
    const key = date * MINUTES_PER_DAY + minuteOfDay;
    let instant = this.#instantByWallClock.get(key);
    if (instant === undefined) {
      instant = this.#resolveWallClock(date * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE);
      if (this.#instantByWallClock.size >= MAX_CACHED_WALL_CLOCK_TIMES) this.#instantByWallClock.clear();
      this.#instantByWallClock.set(key, instant);
    }
    return instant;
  }

  /**
   * `instant` as luxon's `DateTime.fromMillis(instant, { zone }).toISO()` writes it, e.g.
   * '2026-12-01T09:00:00.000+01:00', and 'Z' for the UTC zone: the same fields from the same offset, by the same
   * rules (four-digit years, offsets as ±HH:mm truncated to whole minutes), without building a DateTime. A slot
   * listing writes two of these per free start, mostly the same few instants for every therapist, so they are
   * remembered.
   */
  formatIso(instant: number): string {
    let iso = this.#isoByInstant.get(instant);
    if (iso === undefined) {
      iso = this.#writeIso(instant);
      if (this.#isoByInstant.size >= MAX_CACHED_ISO_STRINGS) this.#isoByInstant.clear();
      this.#isoByInstant.set(instant, iso);
    }
    return iso;
  }

  #writeIso(instant: number): string {
    const offset = this.zone.offset(instant);
    const local = new Date(instant + offset * MS_PER_MINUTE);
    const year = local.getUTCFullYear();
    const longYear = year > 9999 || year < 0;
    const date =
      (longYear && year >= 0 ? '+' : '') +
      pad(year, longYear ? 6 : 4) +
      '-' +
      pad(local.getUTCMonth() + 1, 2) +
      '-' +
      pad(local.getUTCDate(), 2);
    const time =
      pad(local.getUTCHours(), 2) +
      ':' +
      pad(local.getUTCMinutes(), 2) +
      ':' +
      pad(local.getUTCSeconds(), 2) +
      '.' +
      pad(local.getUTCMilliseconds(), 3);
    return `${date}T${time}${this.#offsetSuffix(offset)}`;
  }

  #offsetSuffix(offset: number): string {
    if (this.zone.isUniversal && offset === 0) return 'Z';
    const sign = offset < 0 ? '-' : '+';
    const magnitude = Math.abs(offset);
    return `${sign}${pad(Math.trunc(magnitude / 60), 2)}:${pad(Math.trunc(magnitude % 60), 2)}`;
  }

  /** `wall` is the wall-clock reading written as if it were UTC milliseconds. */
  #resolveWallClock(wall: number): number {
    // The true instant lies within 14 hours of `wall`, and no zone changes its offset twice within two days, so
    // the offsets a day either side are the only two that can apply.
    const offsetBefore = this.zone.offset(wall - MS_PER_DAY) * MS_PER_MINUTE;
    const offsetAfter = this.zone.offset(wall + MS_PER_DAY) * MS_PER_MINUTE;
    const readsAsWall = (instant: number) => this.zone.offset(instant) * MS_PER_MINUTE === wall - instant;
    const underBefore = wall - offsetBefore;
    const underAfter = wall - offsetAfter;
    const candidates = [underBefore, underAfter].filter(readsAsWall);
    if (candidates.length > 0) return Math.max(...candidates);
    // In a gap the offset grows, so `underAfter` lies before the jump and `underBefore` after it: find the
    // first millisecond at which the new offset holds.
    let lastOld = underAfter;
    let firstNew = underBefore;
    while (firstNew - lastOld > 1) {
      const middle = Math.floor((lastOld + firstNew) / 2);
      if (this.zone.offset(middle) * MS_PER_MINUTE === offsetAfter) firstNew = middle;
      else lastOld = middle;
    }
    return firstNew;
  }
}

/** One SlotZone per zone, keyed by Intl's canonical name, so links and spellings share their memos. */
const zonesByCanonicalName = new Map<string, SlotZone>();

/**
 * UTC is luxon's fixed UTC zone, so its instants are written with 'Z' (as luxon writes them for the name 'UTC';
 * the links Etc/UTC and Zulu resolve to it too, and are written with 'Z' where luxon would write +00:00).
 */
function slotZoneFor(canonicalName: string): SlotZone {
  let zone = zonesByCanonicalName.get(canonicalName);
  if (zone === undefined) {
    zone = new SlotZone(canonicalName === 'UTC' ? FixedOffsetZone.utcInstance : new CachedIANAZone(canonicalName));
    zonesByCanonicalName.set(canonicalName, zone);
  }
  return zone;
}

/** Throws RangeError for an unknown zone: callers validate zones at the edge. */
export function cachedZone(name: string): SlotZone {
  const resolved = resolveTimeZone(name);
  if (resolved === null) throw new RangeError(`Unknown time zone: ${name}`);
  return slotZoneFor(resolved.zone);
}
