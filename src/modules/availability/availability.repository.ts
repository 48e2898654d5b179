// Loads what the slot engine needs from the database, as plain data, in one statement per use: one therapist's
// type, bookability and calendar for a slot listing or a booking. The search across therapists has its own loader
// in slot-search.repository.ts.
import { MS_PER_SECOND, MS_PER_DAY, MINUTES_PER_DAY } from '../../lib/durations.ts';
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Range } from '../../lib/time-ranges.ts';
import { formatWallClock } from './availability-schedule.rules.ts';
import type { IsoWeekday, WeeklyInterval } from './availability-schedule.rules.ts';
import type { SchedulePolicy } from './slot-engine.rules.ts';
import { ACTIVE_STATUSES } from '../appointments/appointment-status.ts';
import { MAX_BUFFER_MINUTES } from './availability.schemas.ts';

/** A massage type as booking judges it. */
export interface BookableType {
  id: string;
  slug: string;
  durations: number[];
  priceCents: number;
  currency: string;
  requiredCertification: string | null;
}

export type Db = PrismaClient | Prisma.TransactionClient;

/**
 * No appointment reserves more than this from its start to `blockedUntil` (durations and buffers are each at most
 * 240 minutes), so appointments starting earlier than a window's start minus this cannot reach into it. The bound
 * lets the (therapistId, startsAt, blockedUntil, status) index skip a therapist's whole history: reading a window
 * costs the same at 10,000 appointments as at 1,000,000.
 */
const MAX_BLOCKED_SPAN_MS = MS_PER_DAY;

export function toWeeklyInterval(row: { weekday: number; startMinute: number; endMinute: number }): WeeklyInterval {
  return {
    weekday: row.weekday as IsoWeekday,
    start: formatWallClock(row.startMinute),
    end: formatWallClock(row.endMinute === 0 ? MINUTES_PER_DAY : row.endMinute),
  };
}

export interface TherapistCalendar {
  therapistId: string;
  timeZone: string;
  policy: SchedulePolicy;
  weekly: WeeklyInterval[];
  timeOff: Range[];
  /** Non-cancelled appointments as [startsAt, blockedUntil): each already carries its trailing buffer. */
  busy: Range[];
}

/**
 * Instants travel as epoch seconds in double precision (`date_part('epoch', …)`, exact for timestamptz(3)): the
 * cheapest number PostgreSQL can write, turned into exact milliseconds here.
 */
export const secondsToMs = (seconds: number) => Math.round(seconds * MS_PER_SECOND);

/** One therapist's policy, as the single-therapist queries return it: [timeZone, buffer, notice, horizon, step]. */
type ProfileTuple = [string, number, number, number, number];
/** [weekday, startMinute, endMinute] */
type WeeklyTuple = [number, number, number];
/** [start, end] in epoch seconds */
type SpanTuple = [number, number];

/**
 * Which rows of "TimeOff" `t` and of "Appointment" `a` can matter for session starts from `from` up to `to` (a
 * SQL expression): one definition for the listing, the booking check and the search, so that they cannot drift
 * apart. Appointments starting before `from` minus MAX_BLOCKED_SPAN_MS cannot reach into the window, which bounds
 * the index range scan on (therapistId, startsAt, ...) whatever the length of the history.
 */
export function timeOffWithin(from: Date, to: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`t."startsAt" < ${to} AND t."endsAt" > ${from}::timestamptz`;
}

/** Literals rather than parameters, so the statement text (and its prepared plan) stays the same. */
const ACTIVE_APPOINTMENT = Prisma.raw(`a."status" IN (${ACTIVE_STATUSES.map((status) => `'${status}'`).join(', ')})`);

export function busyWithin(from: Date, to: Prisma.Sql): Prisma.Sql {
  const earliestStart = new Date(from.getTime() - MAX_BLOCKED_SPAN_MS);
  return Prisma.sql`${ACTIVE_APPOINTMENT}
           AND a."startsAt" > ${earliestStart}::timestamptz AND a."startsAt" < ${to}
           AND a."blockedUntil" > ${from}::timestamptz`;
}

/**
 * The weekly hours, time off and busy spans of therapist `therapistId` that can matter for starts in `from`..`to`,
 * each a JSON array of tuples (or null when there are none). `to` is a SQL expression, so a caller can derive it in
 * the same statement.
 */
function calendarColumns(
  therapistId: string,
  from: Date,
  to: Prisma.Sql,
  excludeAppointmentId: string | undefined,
): Prisma.Sql {
  const exclude = excludeAppointmentId ? Prisma.sql`AND a."id" <> ${excludeAppointmentId}` : Prisma.empty;
  return Prisma.sql`
      (SELECT json_agg(json_build_array(w."weekday", w."startMinute", w."endMinute"))
         FROM "WeeklyAvailability" w WHERE w."therapistId" = ${therapistId}) AS "weekly",
      (SELECT json_agg(json_build_array(date_part('epoch', t."startsAt"), date_part('epoch', t."endsAt")))
         FROM "TimeOff" t
         WHERE t."therapistId" = ${therapistId} AND ${timeOffWithin(from, to)}) AS "timeOff",
      (SELECT json_agg(json_build_array(date_part('epoch', a."startsAt"), date_part('epoch', a."blockedUntil")))
         FROM "Appointment" a
         WHERE a."therapistId" = ${therapistId} AND ${busyWithin(from, to)} ${exclude}) AS "busy"`;
}

const profileColumn = (therapistId: string) => Prisma.sql`
      (SELECT json_build_array(p."timeZone", p."bufferMinutes", p."minNoticeMinutes", p."horizonDays",
                               p."slotStepMinutes")
         FROM "TherapistProfile" p WHERE p."id" = ${therapistId}) AS "profile"`;

interface CalendarColumns {
  profile: ProfileTuple | null;
  weekly: WeeklyTuple[] | null;
  timeOff: SpanTuple[] | null;
  busy: SpanTuple[] | null;
}

function toCalendar(therapistId: string, row: CalendarColumns): TherapistCalendar | null {
  if (!row.profile) return null;
  const [timeZone, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes] = row.profile;
  return {
    therapistId,
    timeZone,
    policy: { bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes },
    weekly: (row.weekly ?? []).map(([weekday, startMinute, endMinute]) =>
      toWeeklyInterval({ weekday, startMinute, endMinute }),
    ),
    timeOff: (row.timeOff ?? []).map(([start, end]) => ({ start: secondsToMs(start), end: secondsToMs(end) })),
    busy: (row.busy ?? []).map(([start, end]) => ({ start: secondsToMs(start), end: secondsToMs(end) })),
  };
}


/** Only VERIFIED rows: enough for `whyNotBookable`, which also checks expiry. */
export type VerifiedCertification = { kind: string; status: 'VERIFIED'; expiresOn: Date };

/** [kind, expiresOn 'YYYY-MM-DD'] of a VERIFIED certificate */
export type CertificationTuple = [string, string];

export const toVerifiedCertification = ([kind, expiresOn]: CertificationTuple): VerifiedCertification => ({
  kind,
  status: 'VERIFIED',
  // A DATE column: midnight UTC, as Prisma reads it.
  expiresOn: new Date(`${expiresOn}T00:00:00.000Z`),
});

const verifiedCertificationsColumn = (therapistId: string) => Prisma.sql`
      (SELECT json_agg(json_build_array(k."kind", to_char(k."expiresOn", 'YYYY-MM-DD')))
         FROM "Certification" k
         WHERE k."therapistId" = ${therapistId} AND k."status" = 'VERIFIED') AS "certifications"`;


/** A catalogue entry: [id, slug, durations, priceCents, currency, requiredCertification] */
export type MassageTypeTuple = [string, string, number[], number, string, string | null];

interface ListingRow extends CalendarColumns {
  type: MassageTypeTuple | null;
  offered: boolean;
  certifications: CertificationTuple[] | null;
}

export interface SlotListingData {
  /** Null when the massage type is not in the catalogue. */
  type: BookableType | null;
  /** Null when the therapist does not exist. */
  calendar: TherapistCalendar | null;
  offered: boolean;
  certifications: VerifiedCertification[];
}

/**
 * Everything a slot listing of one therapist, or a booking, needs, in one statement (one round trip instead of
 * eight): the
 * massage type named by `massageTypeSlug`, whether the therapist offers it, their verified certificates, and their
 * calendar for starts in `startsWithin`. The calendar reaches past the last start by the session the request will
 * resolve (`requestedDuration`, or the type's shortest) plus the longest buffer a schedule may have, computed from
 * the type in the same statement so that nothing is assumed about the catalogue.
 */
export async function loadSlotListing(
  db: Db,
  request: {
    therapistId: string;
    massageTypeSlug: string;
    requestedDuration: number | undefined;
    startsWithin: Range;
    /** Left out of the busy spans: a reschedule moves it, so it must not block itself. */
    excludeAppointmentId?: string;
  },
): Promise<SlotListingData> {
  const { therapistId, massageTypeSlug, requestedDuration, startsWithin, excludeAppointmentId } = request;
  const reach = Prisma.sql`(SELECT "reach" FROM "type")`;
  const [row] = await db.$queryRaw<ListingRow[]>`
    WITH "type" AS (${typeWithReach(massageTypeSlug, requestedDuration, startsWithin)})
    SELECT
      (SELECT json_build_array(t."id", t."slug", t."durations", t."priceCents", t."currency", t."requiredCertification")
         FROM "type" t) AS "type",
      EXISTS (SELECT 1 FROM "TherapistMassageType" m
              WHERE m."therapistId" = ${therapistId} AND m."massageTypeId" = (SELECT "id" FROM "type")) AS "offered",
      ${verifiedCertificationsColumn(therapistId)},
      ${profileColumn(therapistId)},
      ${calendarColumns(therapistId, new Date(startsWithin.start), reach, excludeAppointmentId)}`;
  if (!row) throw new Error('The slot listing query returned no row');
  return {
    type: row.type ? toBookableType(row.type) : null,
    calendar: toCalendar(therapistId, row),
    offered: row.offered,
    certifications: (row.certifications ?? []).map(toVerifiedCertification),
  };
}

/**
 * The massage type with the slug, and as "reach" the instant up to which bookings and time off can matter for
 * starts in `startsWithin`: its end plus the session the request resolves (`requestedDuration`, or the type's
 * shortest, as `resolveDuration` picks) plus the longest buffer a schedule may have. Computed from the type in
 * the same statement, so nothing is assumed about the catalogue.
 */
export function typeWithReach(slug: string, requestedDuration: number | undefined, startsWithin: Range): Prisma.Sql {
  return Prisma.sql`
      SELECT t."id", t."slug", t."durations", t."priceCents", t."currency", t."requiredCertification",
             ${new Date(startsWithin.end)}::timestamptz
               + make_interval(mins => COALESCE(${requestedDuration ?? null}::int,
                                                (SELECT min(d) FROM unnest(t."durations") AS d), 0)
                                       + ${MAX_BUFFER_MINUTES}::int) AS "reach"
      FROM "MassageType" t WHERE t."slug" = ${slug}`;
}

export function toBookableType(tuple: MassageTypeTuple): BookableType {
  const [id, slug, durations, priceCents, currency, requiredCertification] = tuple;
  return { id, slug, durations, priceCents, currency, requiredCertification };
}
