// The therapist directory's reads. Listing takes a fixed number of queries whatever the page size: one SQL query
// filters, orders and pages the ids; batched loads then fetch the page's profiles, offered types, verified
// certificates and ratings.
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts';
import { earliestValidExpiry } from '../certifications/certifications.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

const LICENCE = 'licence';

export interface DirectoryFilter {
  massageType?: string;
  bookable?: boolean;
  minRating?: number;
}

export type DirectoryCursor =
  | { sort: 'name'; name: string; id: string }
  | { sort: 'rating'; average: number; count: number; id: string };

export interface RankedTherapist {
  id: string;
  /** lower(name) as the database orders it, for the cursor. */
  sortName: string;
  /** The rating the row was ranked by; only computed (else null and 0) when sorting or filtering by rating. */
  average: number | null;
  count: number;
}

/**
 * Ids of the matching therapists in page order. Bookability is decided here in SQL with the same rule as
 * certifications.rules.ts (verified, `expiresOn` on or after the UTC date): a verified licence, and for the type
 * the required certification too. Ratings are aggregated over all visible reviews only when the order or a filter
 * needs them; the default A–Z page reads no review at all.
 */
export async function findDirectoryPage(
  db: Db,
  filter: DirectoryFilter,
  sort: 'name' | 'rating',
  after: DirectoryCursor | undefined,
  take: number,
  now: Date,
): Promise<RankedTherapist[]> {
  const today = earliestValidExpiry(now);
  const holds = (kind: Prisma.Sql) => Prisma.sql`EXISTS (
    SELECT 1 FROM "Certification" c
    WHERE c."therapistId" = tp.id AND c.kind = ${kind} AND c.status = 'VERIFIED' AND c."expiresOn" >= ${today}::date)`;
  const ofType = filter.massageType ? Prisma.sql`AND mt.slug = ${filter.massageType}` : Prisma.empty;
  const requiredOfType = holds(Prisma.sql`mt."requiredCertification"`);
  const typeIsCovered = Prisma.sql`AND (mt."requiredCertification" IS NULL OR ${requiredOfType})`;
  const offers = (bookableOnly: boolean) => Prisma.sql`EXISTS (
    SELECT 1 FROM "TherapistMassageType" tmt JOIN "MassageType" mt ON mt.id = tmt."massageTypeId"
    WHERE tmt."therapistId" = tp.id ${ofType} ${bookableOnly ? typeIsCovered : Prisma.empty})`;
  const bookable = Prisma.sql`(${holds(Prisma.sql`${LICENCE}`)} AND ${offers(true)})`;

  const conditions: Prisma.Sql[] = [];
  if (filter.massageType) conditions.push(offers(false));
  if (filter.bookable === true) conditions.push(bookable);
  if (filter.bookable === false) conditions.push(Prisma.sql`NOT ${bookable}`);
  if (filter.minRating !== undefined) conditions.push(Prisma.sql`ra.average >= ${filter.minRating}::float8`);

  // Descending keys are negated, so one ascending row comparison resumes after the cursor. Unrated sort as 0.
  const ratingKey = [Prisma.sql`-COALESCE(ra.average, 0)`, Prisma.sql`-COALESCE(ra.count, 0)`, Prisma.sql`tp.id`];
  const nameKey = [Prisma.sql`lower(u.name)`, Prisma.sql`tp.id`];
  if (after?.sort === 'name') {
    conditions.push(Prisma.sql`(${Prisma.join(nameKey)}) > (${after.name}::text, ${after.id}::text)`);
  }
  if (after?.sort === 'rating') {
    conditions.push(
      Prisma.sql`(${Prisma.join(ratingKey)}) > (${-after.average}::float8, ${-after.count}::int, ${after.id}::text)`,
    );
  }
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  const orderBy = Prisma.join(sort === 'rating' ? ratingKey : nameKey);

  const ratings =
    sort === 'rating' || filter.minRating !== undefined
      ? Prisma.sql`(
          SELECT r."therapistId", ROUND(AVG(r.rating), 2)::float8 AS average, COUNT(*)::int AS count
          FROM "Review" r
          WHERE r."hiddenAt" IS NULL
          GROUP BY r."therapistId")`
      : Prisma.sql`(SELECT NULL::text AS "therapistId", NULL::float8 AS average, 0 AS count WHERE FALSE)`;

  return db.$queryRaw<RankedTherapist[]>`
    SELECT tp.id, lower(u.name) AS "sortName", ra.average, COALESCE(ra.count, 0)::int AS count
    FROM "TherapistProfile" tp
    JOIN "User" u ON u.id = tp."userId"
    LEFT JOIN ${ratings} ra ON ra."therapistId" = tp.id
    ${where}
    ORDER BY ${orderBy}
    LIMIT ${take}`;
}

/** What a directory card needs; certificates are loaded VERIFIED only (expiry is judged by the rules). */
export const therapistCardSelect = {
  id: true,
  bio: true,
  timeZone: true,
  user: { select: { name: true } },
  massageTypes: {
    select: { massageType: { select: { slug: true, requiredCertification: true, position: true } } },
  },
  certifications: { where: { status: 'VERIFIED' }, select: { kind: true, status: true, expiresOn: true } },
} satisfies Prisma.TherapistProfileSelect;

export type TherapistCardRow = Prisma.TherapistProfileGetPayload<{ select: typeof therapistCardSelect }>;

/** The given therapists' cards in one batched load, keyed by id. */
export async function loadTherapistCards(db: Db, ids: readonly string[]): Promise<Map<string, TherapistCardRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.therapistProfile.findMany({ where: { id: { in: [...ids] } }, select: therapistCardSelect });
  return new Map(rows.map((row) => [row.id, row]));
}
