// Loads what the slot engine needs about one therapist, from the database, as plain data.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import type { Range } from '../../lib/time-ranges.ts';
import type { IsoWeekday, SchedulePolicy, WeeklyInterval } from './availability.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const MINUTES_PER_DAY = 24 * 60;
/**
 * No appointment reserves more than this from its start to `blockedUntil` (durations and buffers are each at most
 * 240 minutes), so appointments starting earlier than a window's start minus this cannot reach into it. The bound
 * lets the (therapistId, startsAt) index skip a therapist's whole history.
 */
const MAX_BLOCKED_SPAN_MS = 24 * 60 * 60 * 1000;

const pad = (value: number) => String(value).padStart(2, '0');

/** 540 → '09:00'; 1440 → '24:00' (midnight at the end of the day). */
export function minuteToWallClock(minute: number): string {
  return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** '09:00' → 540, '24:00' → 1440. Callers validate the format first (findScheduleProblems). */
export function wallClockToMinute(value: string): number {
  const [hours, minutes] = value.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function toWeeklyInterval(row: { weekday: number; startMinute: number; endMinute: number }): WeeklyInterval {
  return {
    weekday: row.weekday as IsoWeekday,
    start: minuteToWallClock(row.startMinute),
    end: minuteToWallClock(row.endMinute === 0 ? MINUTES_PER_DAY : row.endMinute),
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

const policySelect = {
  id: true,
  timeZone: true,
  bufferMinutes: true,
  minNoticeMinutes: true,
  horizonDays: true,
  slotStepMinutes: true,
} as const;

/**
 * The therapist's hours, policy, time off and busy spans that can matter inside `window`.
 * `excludeAppointmentId` leaves one appointment out (rescheduling moves it, so it must not block itself).
 * Returns null when the therapist does not exist.
 *
 * One query per relation, one after the other, rather than one nested select: inside a transaction Prisma would
 * run the nested relation queries concurrently on the transaction's single connection, which pg deprecates.
 */
export async function loadTherapistCalendar(
  db: Db,
  therapistId: string,
  window: Range,
  options: { excludeAppointmentId?: string } = {},
): Promise<TherapistCalendar | null> {
  const from = new Date(window.start);
  const to = new Date(window.end);
  const profile = await db.therapistProfile.findUnique({ where: { id: therapistId }, select: policySelect });
  if (!profile) return null;
  const weeklyHours = await db.weeklyAvailability.findMany({
    where: { therapistId },
    select: { weekday: true, startMinute: true, endMinute: true },
  });
  const timeOff = await db.timeOff.findMany({
    where: { therapistId, startsAt: { lt: to }, endsAt: { gt: from } },
    select: { startsAt: true, endsAt: true },
  });
  const appointments = await db.appointment.findMany({
    where: {
      therapistId,
      status: { not: 'CANCELLED' },
      startsAt: { lt: to, gt: new Date(window.start - MAX_BLOCKED_SPAN_MS) },
      blockedUntil: { gt: from },
      ...(options.excludeAppointmentId ? { id: { not: options.excludeAppointmentId } } : {}),
    },
    select: { startsAt: true, blockedUntil: true },
  });
  return {
    therapistId: profile.id,
    timeZone: profile.timeZone,
    policy: {
      bufferMinutes: profile.bufferMinutes,
      minNoticeMinutes: profile.minNoticeMinutes,
      horizonDays: profile.horizonDays,
      slotStepMinutes: profile.slotStepMinutes,
    },
    weekly: weeklyHours.map(toWeeklyInterval),
    timeOff: timeOff.map((off) => ({ start: off.startsAt.getTime(), end: off.endsAt.getTime() })),
    busy: appointments.map((appointment) => ({
      start: appointment.startsAt.getTime(),
      end: appointment.blockedUntil.getTime(),
    })),
  };
}

export interface CandidateCalendar {
  calendar: TherapistCalendar;
  /** Only VERIFIED rows of the kinds asked for: enough for `whyNotBookable`, which also checks expiry. */
  certifications: { kind: string; status: 'VERIFIED'; expiresOn: Date }[];
}

/** The one row of the candidates query: each column a JSON array of tuples, each tuple led by the therapist id. */
interface CandidatesRow {
  /** [id, timeZone, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes], by id */
  profiles: [string, string, number, number, number, number][] | null;
  /** [therapistId, weekday, startMinute, endMinute] */
  weekly: [string, number, number, number][] | null;
  /** [therapistId, start, end] in epoch ms */
  timeOff: [string, number, number][] | null;
  busy: [string, number, number][] | null;
  /** [therapistId, kind, expiresOn 'YYYY-MM-DD'] of VERIFIED certificates */
  certifications: [string, string, string][] | null;
}

/** Epoch milliseconds in double precision (exact for timestamptz(3)); numeric arithmetic would be slower. */
const epochMs = (column: string) => Prisma.raw(`round(date_part('epoch', ${column}) * 1000)::bigint`);

function groupByTherapist<T extends [string, ...unknown[]]>(tuples: T[] | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const tuple of tuples ?? []) {
    const group = groups.get(tuple[0]);
    if (group) group.push(tuple);
    else groups.set(tuple[0], [tuple]);
  }
  return groups;
}

/**
 * The calendars of every therapist offering a massage type and holding a verified licence (which
 * `whyNotBookable` re-checks with expiry), for a search across therapists.
 *
 * One query and one row whatever the number of therapists: each relation is aggregated once, over all
 * candidates, into a JSON array of plain numbers and strings. Measured with 200 therapists and 100,000
 * appointments, loading rows per relation through the ORM (thousands of rows, each with Dates to parse) cost more
 * than computing every slot, and joining per-therapist aggregates let the planner re-run them per therapist.
 */
export async function loadCalendarsOfferingType(
  db: Db,
  massageTypeId: string,
  certificationKinds: readonly string[],
  window: Range,
): Promise<CandidateCalendar[]> {
  const from = new Date(window.start);
  const to = new Date(window.end);
  const earliestStart = new Date(window.start - MAX_BLOCKED_SPAN_MS);
  const [row] = await db.$queryRaw<CandidatesRow[]>`
    WITH candidates AS (
      SELECT p."id", p."timeZone", p."bufferMinutes", p."minNoticeMinutes", p."horizonDays", p."slotStepMinutes"
      FROM "TherapistProfile" p
      WHERE p."id" IN (SELECT m."therapistId" FROM "TherapistMassageType" m WHERE m."massageTypeId" = ${massageTypeId})
        AND p."id" IN (SELECT l."therapistId" FROM "Certification" l WHERE l."kind" = 'licence' AND l."status" = 'VERIFIED')
    )
    SELECT
      (SELECT json_agg(json_build_array(c."id", c."timeZone", c."bufferMinutes", c."minNoticeMinutes", c."horizonDays",
                                        c."slotStepMinutes") ORDER BY c."id")
         FROM candidates c) AS "profiles",
      (SELECT json_agg(json_build_array(w."therapistId", w."weekday", w."startMinute", w."endMinute"))
         FROM "WeeklyAvailability" w
         WHERE w."therapistId" IN (SELECT "id" FROM candidates)) AS "weekly",
      (SELECT json_agg(json_build_array(t."therapistId", ${epochMs('t."startsAt"')}, ${epochMs('t."endsAt"')}))
         FROM "TimeOff" t
         WHERE t."therapistId" IN (SELECT "id" FROM candidates)
           AND t."startsAt" < ${to}::timestamptz AND t."endsAt" > ${from}::timestamptz) AS "timeOff",
      (SELECT json_agg(json_build_array(a."therapistId", ${epochMs('a."startsAt"')}, ${epochMs('a."blockedUntil"')}))
         FROM "Appointment" a
         WHERE a."therapistId" IN (SELECT "id" FROM candidates) AND a."status" <> 'CANCELLED'
           AND a."startsAt" > ${earliestStart}::timestamptz AND a."startsAt" < ${to}::timestamptz
           AND a."blockedUntil" > ${from}::timestamptz) AS "busy",
      (SELECT json_agg(json_build_array(k."therapistId", k."kind", to_char(k."expiresOn", 'YYYY-MM-DD')))
         FROM "Certification" k
         WHERE k."therapistId" IN (SELECT "id" FROM candidates) AND k."status" = 'VERIFIED'
           AND k."kind" = ANY(${[...certificationKinds]}::text[])) AS "certifications"`;
  if (!row) return [];
  const weekly = groupByTherapist(row.weekly);
  const timeOff = groupByTherapist(row.timeOff);
  const busy = groupByTherapist(row.busy);
  const certifications = groupByTherapist(row.certifications);
  return (row.profiles ?? []).map(([id, timeZone, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes]) => ({
    calendar: {
      therapistId: id,
      timeZone,
      policy: { bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes },
      weekly: (weekly.get(id) ?? []).map(([, weekday, startMinute, endMinute]) =>
        toWeeklyInterval({ weekday, startMinute, endMinute }),
      ),
      timeOff: (timeOff.get(id) ?? []).map(([, start, end]) => ({ start, end })),
      busy: (busy.get(id) ?? []).map(([, start, end]) => ({ start, end })),
    },
    certifications: (certifications.get(id) ?? []).map(([, kind, expiresOn]) => ({
      kind,
      status: 'VERIFIED' as const,
      expiresOn: new Date(`${expiresOn}T00:00:00.000Z`),
    })),
  }));
}
