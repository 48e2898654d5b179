// The search across therapists (GET /slots) loads every candidate's calendar, and the massage type, in one
// statement whatever the number of therapists.
import { Prisma } from '../../generated/prisma/client.ts';
import type { Range } from '../../lib/time-ranges.ts';
import {
  busyWithin,
  secondsToMs,
  toBookableType,
  toVerifiedCertification,
  timeOffWithin,
  toWeeklyInterval,
  typeWithReach,
  type Db,
  type MassageTypeTuple,
  type TherapistCalendar,
  type VerifiedCertification,
} from './availability.repository.ts';
import type { BookableType } from './availability.repository.ts';

export interface CandidateCalendar {
  calendar: TherapistCalendar;
  /** Only VERIFIED rows of the kinds asked for: enough for `whyNotBookable`, which also checks expiry. */
  certifications: VerifiedCertification[];
}

/**
 * The one row of the search query. Each relation comes as parallel JSON arrays, one per column, the first naming
 * the candidate by its position in `profiles` (a small number rather than a repeated id): PostgreSQL writes a JSON
 * array of scalars at about half the cost of an array of per-row arrays.
 */
interface CandidatesRow {
  type: MassageTypeTuple | null;
  /** ids, timeZones, bufferMinutes, minNoticeMinutes, horizonDays, slotStepMinutes */
  profiles: [string[] | null, string[], number[], number[], number[], number[]];
  /** candidates, weekdays, startMinutes, endMinutes */
  weekly: [number[] | null, number[], number[], number[]];
  /** candidates, starts, ends in epoch seconds */
  timeOff: [number[] | null, number[], number[]];
  busy: [number[] | null, number[], number[]];
  /** candidates, kinds, expiresOn 'YYYY-MM-DD' */
  certifications: [number[] | null, string[], string[]];
}

/** `make(i)` for each row i, in one list per candidate: `lists[candidates[i]]`. */
function groupByCandidate<T>(count: number, candidates: number[] | null, make: (row: number) => T): T[][] {
  const lists = Array.from({ length: count }, (): T[] => []);
  if (candidates === null) return lists;
  for (let row = 0; row < candidates.length; row++) lists[candidates[row] as number]?.push(make(row));
  return lists;
}

export interface SearchCandidates {
  /** Null when the massage type is not in the catalogue. */
  type: BookableType | null;
  candidates: CandidateCalendar[];
}

/**
 * The massage type named by `massageTypeSlug` and the calendars of every therapist offering it and holding a
 * verified licence (which `whyNotBookable` re-checks with expiry, and with the type's required certification),
 * for starts in `startsWithin` and as far past them as the session the request resolves (`requestedDuration`, or
 * the type's shortest) plus the longest buffer a schedule may have.
 *
 * One query and one row whatever the number of therapists: each relation is aggregated once, over all
 * candidates, into JSON arrays of plain numbers and strings. Measured with 200 therapists and 100,000
 * appointments: loading rows per relation through the ORM (thousands of rows, each with Dates to parse) cost more
 * than computing every slot; one JSON array per row cost PostgreSQL twice what one array per column does; and
 * joining per-therapist aggregates let the planner re-run them per therapist.
 */
export async function loadSearchCandidates(
  db: Db,
  request: { massageTypeSlug: string; requestedDuration: number | undefined; startsWithin: Range },
): Promise<SearchCandidates> {
  const { massageTypeSlug, requestedDuration, startsWithin } = request;
  const from = new Date(startsWithin.start);
  const reach = Prisma.sql`(SELECT "reach" FROM "type")`;
  const [row] = await db.$queryRaw<CandidatesRow[]>`
    WITH "type" AS (${typeWithReach(massageTypeSlug, requestedDuration, startsWithin)}),
    candidates AS MATERIALIZED (
      SELECT (row_number() OVER ())::int - 1 AS "index",
             p."id", p."timeZone", p."bufferMinutes", p."minNoticeMinutes", p."horizonDays", p."slotStepMinutes"
      FROM "TherapistProfile" p
      WHERE p."id" IN (SELECT m."therapistId" FROM "TherapistMassageType" m
                       WHERE m."massageTypeId" = (SELECT "id" FROM "type"))
        AND p."id" IN (SELECT l."therapistId" FROM "Certification" l
                       WHERE l."kind" = 'licence' AND l."status" = 'VERIFIED')
    )
    SELECT
      (SELECT json_build_array(t."id", t."slug", t."durations", t."priceCents", t."currency", t."requiredCertification")
         FROM "type" t) AS "type",
      (SELECT json_build_array(json_agg(c."id" ORDER BY c."index"),
                               json_agg(c."timeZone" ORDER BY c."index"),
                               json_agg(c."bufferMinutes" ORDER BY c."index"),
                               json_agg(c."minNoticeMinutes" ORDER BY c."index"),
                               json_agg(c."horizonDays" ORDER BY c."index"),
                               json_agg(c."slotStepMinutes" ORDER BY c."index"))
         FROM candidates c) AS "profiles",
      (SELECT json_build_array(json_agg(c."index"), json_agg(w."weekday"), json_agg(w."startMinute"),
                               json_agg(w."endMinute"))
         FROM "WeeklyAvailability" w JOIN candidates c ON c."id" = w."therapistId") AS "weekly",
      (SELECT json_build_array(json_agg(c."index"), json_agg(date_part('epoch', t."startsAt")),
                               json_agg(date_part('epoch', t."endsAt")))
         FROM "TimeOff" t JOIN candidates c ON c."id" = t."therapistId"
         WHERE ${timeOffWithin(from, reach)}) AS "timeOff",
      (SELECT json_build_array(json_agg(c."index"), json_agg(date_part('epoch', a."startsAt")),
                               json_agg(date_part('epoch', a."blockedUntil")))
         FROM candidates c JOIN "Appointment" a ON a."therapistId" = c."id"
         WHERE ${busyWithin(from, reach)}) AS "busy",
      (SELECT json_build_array(json_agg(c."index"), json_agg(k."kind"), json_agg(to_char(k."expiresOn", 'YYYY-MM-DD')))
         FROM "Certification" k JOIN candidates c ON c."id" = k."therapistId"
         WHERE k."status" = 'VERIFIED'
           AND (k."kind" = 'licence' OR k."kind" = (SELECT "requiredCertification" FROM "type"))) AS "certifications"`;
  if (!row) throw new Error('The search query returned no row');
  const type = row.type ? toBookableType(row.type) : null;
  const [ids, timeZones, buffers, notices, horizons, steps] = row.profiles;
  if (type === null || ids === null) return { type, candidates: [] };

  const count = ids.length;
  const [weeklyOf, weekdays, startMinutes, endMinutes] = row.weekly;
  const weekly = groupByCandidate(count, weeklyOf, (i) =>
    toWeeklyInterval({ weekday: weekdays[i]!, startMinute: startMinutes[i]!, endMinute: endMinutes[i]! }),
  );
  const [timeOffOf, timeOffStarts, timeOffEnds] = row.timeOff;
  const timeOff = groupByCandidate(count, timeOffOf, (i) => ({
    start: secondsToMs(timeOffStarts[i]!),
    end: secondsToMs(timeOffEnds[i]!),
  }));
  const [busyOf, busyStarts, busyEnds] = row.busy;
  const busy = groupByCandidate(count, busyOf, (i) => ({
    start: secondsToMs(busyStarts[i]!),
    end: secondsToMs(busyEnds[i]!),
  }));
  const [certificationsOf, kinds, expiries] = row.certifications;
  const certifications = groupByCandidate(count, certificationsOf, (i) =>
    toVerifiedCertification([kinds[i]!, expiries[i]!]),
  );
  const candidates = ids.map((id, i) => ({
    calendar: {
      therapistId: id,
      timeZone: timeZones[i]!,
      policy: {
        bufferMinutes: buffers[i]!,
        minNoticeMinutes: notices[i]!,
        horizonDays: horizons[i]!,
        slotStepMinutes: steps[i]!,
      },
      weekly: weekly[i]!,
      timeOff: timeOff[i]!,
      busy: busy[i]!,
    },
    certifications: certifications[i]!,
  }));
  return { type, candidates };
}
