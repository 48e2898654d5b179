import { MS_PER_DAY } from '../../lib/durations.ts';
import type { DependenciesOf } from '../../deps.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Range } from '../../lib/time-ranges.ts';
import { whyNotBookable } from '../certifications/certifications.rules.ts';
import { findFreeSlotsOn, type FreeSlot } from './slot-engine.rules.ts';
import { findDateRangeProblems, listingDays, localDateRangeToWindow } from './slot-window.rules.ts';
import { loadSlotListing } from './availability.repository.ts';
import { loadSearchCandidates } from './slot-search.repository.ts';
import type {
  SearchSlotsQuery,
  SearchSlotsView,
  TherapistSlotsQuery,
  TherapistSlotsView,
} from './availability.schemas.ts';
import {
  refuseUnlessBookable,
  resolveDuration,
  slotRulesFor,
  therapistNotFound,
  unknownMassageType,
} from './bookability.ts';


function widenByADay(window: Range): Range {
  return { start: window.start - MS_PER_DAY, end: window.end + MS_PER_DAY };
}

export function createSlotsService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  /**
   * Free starts of one therapist. A therapist who does not offer the type, or lacks the certification for it,
   * is a 422 with the same codes a booking would get, so a client app can say why rather than show an empty week.
   * Everything comes from one query (a round trip costs more than the slot maths of two weeks).
   */
  async function therapistSlots(therapistId: string, query: TherapistSlotsQuery): Promise<TherapistSlotsView> {
    const now = clock.now();
    const rangeProblems = findDateRangeProblems(query.from, query.to);
    if (rangeProblems.length > 0) {
      throw new ValidationError(
        'The date range is invalid',
        rangeProblems.map((problem) => ({
          path: problem.path === 'fromDate' ? 'querystring.from' : 'querystring.to',
          message: problem.message,
        })),
      );
    }
    // The display zone defaults to the therapist's, which the query itself loads: without `tz`, load for the
    // widest window the dates can mean in any zone, a day either side (offsets run from -12 h to +14 h).
    const startsWithin = query.tz
      ? localDateRangeToWindow(query.from, query.to, query.tz)
      : widenByADay(localDateRangeToWindow(query.from, query.to, 'UTC'));
    const listing = await loadSlotListing(prisma, {
      therapistId,
      massageTypeSlug: query.massageType,
      requestedDuration: query.duration,
      startsWithin,
    });
    // The checks in the order a booking makes them (judgeBooking): unknown type, not bookable, then duration.
    const { calendar, type } = listing;
    if (!calendar) throw therapistNotFound();
    if (!type) throw unknownMassageType(query.massageType, 'querystring.massageType');
    refuseUnlessBookable(listing, type, now);
    const durationMinutes = resolveDuration(type, query.duration, 'querystring.duration');

    const displayTimeZone = query.tz ?? calendar.timeZone;
    const days = findFreeSlotsOn(
      listingDays(query.from, query.to, displayTimeZone),
      slotRulesFor(calendar, listing.certifications, type, durationMinutes, now),
    );
    return { timeZone: displayTimeZone, days };
  }

  /**
   * Every therapist bookable for the type with at least one free start on `date` (local to `tz`), ordered by
   * their earliest start. The type and every candidate's calendar come from one query, whatever their number.
   */
  async function searchSlots(query: SearchSlotsQuery): Promise<SearchSlotsView> {
    const now = clock.now();
    const { type, candidates } = await loadSearchCandidates(prisma, {
      massageTypeSlug: query.massageType,
      requestedDuration: query.duration,
      startsWithin: localDateRangeToWindow(query.date, query.date, query.tz),
    });
    if (!type) throw unknownMassageType(query.massageType, 'querystring.massageType');
    const durationMinutes = resolveDuration(type, query.duration, 'querystring.duration');

    const days = listingDays(query.date, query.date, query.tz);
    const found: { therapistId: string; slots: FreeSlot[]; firstStart: number }[] = [];
    for (const candidate of candidates) {
      if (whyNotBookable(candidate.certifications, type, now) !== null) continue;
      const rules = slotRulesFor(candidate.calendar, candidate.certifications, type, durationMinutes, now);
      const [day] = findFreeSlotsOn(days, rules);
      const first = day?.slots[0];
      // Instants, not strings: the offset of the display zone can change within the day.
      if (first) {
        const { therapistId } = candidate.calendar;
        found.push({ therapistId, slots: day.slots, firstStart: Date.parse(first.startsAt) });
      }
    }
    found.sort((a, b) => a.firstStart - b.firstStart || (a.therapistId < b.therapistId ? -1 : 1));
    const items = found.map(({ therapistId, slots }) => ({ therapistId, slots }));
    return { date: query.date, timeZone: query.tz, items };
  }

  return { therapistSlots, searchSlots };
}
