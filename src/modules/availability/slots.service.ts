import type { AppDependencies } from '../../app.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { Range } from '../../lib/time-ranges.ts';
import { whyNotBookable } from '../certifications/certifications.rules.ts';
import { findDateRangeProblems, findFreeSlots, localDateRangeToWindow } from './availability.rules.ts';
import type { FreeSlotsDay } from './availability.rules.ts';
import {
  loadCalendarsOfferingType,
  loadTherapistCalendar,
  type TherapistCalendar,
} from './availability.repository.ts';
import { MAX_BUFFER_MINUTES, type SearchSlotsQuery, type SearchSlotsView, type TherapistSlotsQuery, type TherapistSlotsView } from './availability.schemas.ts';
import {
  assertBookableForType,
  findMassageTypeOrFail,
  resolveDuration,
  therapistNotFound,
} from './therapist-access.ts';

const MS_PER_MINUTE = 60_000;

/**
 * What must be loaded for starts inside `window`: a session starting just before the window's end still needs
 * the appointments and time off up to its end plus the longest buffer a schedule may have.
 */
function loadWindowFor(window: Range, durationMinutes: number): Range {
  return { start: window.start, end: window.end + (durationMinutes + MAX_BUFFER_MINUTES) * MS_PER_MINUTE };
}

function slotsOf(
  calendar: TherapistCalendar,
  request: { fromDate: string; toDate: string; displayTimeZone: string; durationMinutes: number; now: Date },
): FreeSlotsDay[] {
  return findFreeSlots({
    weekly: calendar.weekly,
    therapistTimeZone: calendar.timeZone,
    policy: calendar.policy,
    timeOff: calendar.timeOff,
    busy: calendar.busy,
    ...request,
  });
}

export function createSlotsService(deps: Pick<AppDependencies, 'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  /**
   * Free starts of one therapist. A therapist who does not offer the type, or lacks the certification for it,
   * is a 422 with the same codes a booking would get, so a client app can say why rather than show an empty week.
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
    const profile = await prisma.therapistProfile.findUnique({
      where: { id: therapistId },
      select: { timeZone: true },
    });
    if (!profile) throw therapistNotFound();
    const type = await findMassageTypeOrFail(prisma, query.massageType, 'querystring.massageType');
    const durationMinutes = resolveDuration(type, query.duration, 'querystring.duration');
    await assertBookableForType(prisma, therapistId, type, now);

    const displayTimeZone = query.tz ?? profile.timeZone;
    const window = localDateRangeToWindow(query.from, query.to, displayTimeZone);
    const calendar = await loadTherapistCalendar(prisma, therapistId, loadWindowFor(window, durationMinutes));
    if (!calendar) throw therapistNotFound();
    const days = slotsOf(calendar, { fromDate: query.from, toDate: query.to, displayTimeZone, durationMinutes, now });
    return { timeZone: displayTimeZone, days };
  }

  /**
   * Every therapist bookable for the type with at least one free start on `date` (local to `tz`), ordered by
   * their earliest start. All candidates' calendars come from one batch load.
   */
  async function searchSlots(query: SearchSlotsQuery): Promise<SearchSlotsView> {
    const now = clock.now();
    const type = await findMassageTypeOrFail(prisma, query.massageType, 'querystring.massageType');
    const durationMinutes = resolveDuration(type, query.duration, 'querystring.duration');
    const window = localDateRangeToWindow(query.date, query.date, query.tz);
    const kinds = ['licence', ...(type.requiredCertification ? [type.requiredCertification] : [])];
    const candidates = await loadCalendarsOfferingType(prisma, type.id, kinds, loadWindowFor(window, durationMinutes));

    const items = candidates
      .filter((candidate) => whyNotBookable(candidate.certifications, type, now) === null)
      .map((candidate) => {
        const [day] = slotsOf(candidate.calendar, {
          fromDate: query.date,
          toDate: query.date,
          displayTimeZone: query.tz,
          durationMinutes,
          now,
        });
        return { therapistId: candidate.calendar.therapistId, slots: day?.slots ?? [] };
      })
      .filter((item) => item.slots.length > 0);
    // Instants, not strings: the offset of the display zone can change within the day.
    const firstStart = (item: { slots: { startsAt: string }[] }) => Date.parse(item.slots[0]?.startsAt ?? '');
    items.sort((a, b) => firstStart(a) - firstStart(b) || (a.therapistId < b.therapistId ? -1 : 1));
    return { date: query.date, timeZone: query.tz, items };
  }

  return { therapistSlots, searchSlots };
}
