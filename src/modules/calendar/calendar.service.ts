import { MS_PER_DAY } from '../../lib/durations.ts';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DependenciesOf } from '../../deps.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Principal } from '../../plugins/auth.ts';
import { assertOwnProfile } from '../therapists/therapist-access.ts';
import { renderCalendar } from './ics.rules.ts';

/** Sessions that ended longer ago than this drop out of the feed (calendar apps keep what they already have). */
const FEED_PAST_DAYS = 30;
const FEED_MAX_EVENTS = 2000;
/** Sessions the therapist confirmed: still ahead, or since held or missed. Never PENDING or CANCELLED. */
const FEED_STATUSES = ['CONFIRMED', 'COMPLETED', 'NO_SHOW'] as const;

export interface CalendarFeed {
  token: string;
  /** Path of the feed, token included; the route makes it absolute. */
  path: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so the time taken says nothing about how much of a guessed token was right. */
function tokensMatch(expected: string, given: string): boolean {
  return timingSafeEqual(digest(expected), digest(given));
}

function feedPath(therapistId: string, token: string): string {
  return `/therapists/${encodeURIComponent(therapistId)}/calendar.ics?token=${encodeURIComponent(token)}`;
}

export function createCalendarService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  /**
   * The therapist's confirmed sessions as iCalendar, staying after they are marked COMPLETED or NO_SHOW (a
   * subscribed calendar should not lose a session for having happened). Deliberately thin: the time of each session
   * and nothing else, since feed URLs end up in third-party calendar services. Not even the massage type:
   * "Prenatal massage" would tell the calendar's host that the client is pregnant; nor the minutes in the title,
   * which for a length only one type offers would say the same. Any token problem is a 404, like an unknown
   * therapist.
   */
  async function renderFeed(therapistId: string, token: string | undefined): Promise<string> {
    const profile = await prisma.therapistProfile.findUnique({
      where: { id: therapistId },
      select: { calendarToken: true, user: { select: { name: true } } },
    });
    if (!profile || token === undefined || !tokensMatch(profile.calendarToken, token)) {
      throw new NotFoundError('The calendar feed', 'calendar-feed-not-found');
    }
    const since = new Date(clock.now().getTime() - FEED_PAST_DAYS * MS_PER_DAY);
    const sessions = await prisma.appointment.findMany({
      where: { therapistId, status: { in: [...FEED_STATUSES] }, endsAt: { gte: since } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: FEED_MAX_EVENTS,
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        updatedAt: true,
      },
    });
    return renderCalendar({
      productId: '-//Kneadful//Therapist sessions//EN',
      name: `Kneadful sessions: ${profile.user.name}`,
      events: sessions.map((session) => ({
        uid: `${session.id}@kneadful`,
        updatedAt: session.updatedAt,
        start: session.startsAt,
        end: session.endsAt,
        summary: 'Massage session',
      })),
    });
  }

  async function getFeed(actor: Principal, therapistId: string): Promise<CalendarFeed> {
    await assertOwnProfile(prisma, actor, therapistId);
    const profile = await prisma.therapistProfile.findUniqueOrThrow({
      where: { id: therapistId },
      select: { calendarToken: true },
    });
    return { token: profile.calendarToken, path: feedPath(therapistId, profile.calendarToken) };
  }

  /** A new secret; every subscription using the old URL stops working at once. */
  async function rotate(actor: Principal, therapistId: string): Promise<CalendarFeed> {
    const token = randomBytes(24).toString('base64url');
    await prisma.$transaction(async (tx) => {
      await assertOwnProfile(tx, actor, therapistId);
      await tx.therapistProfile.update({ where: { id: therapistId }, data: { calendarToken: token } });
      await recordAudit(tx, {
        actorId: actor.userId,
        at: clock.now(),
        action: 'calendar-feed.rotated',
        entityType: 'TherapistProfile',
        entityId: therapistId,
      });
    });
    return { token, path: feedPath(therapistId, token) };
  }

  return { renderFeed, getFeed, rotate };
}
