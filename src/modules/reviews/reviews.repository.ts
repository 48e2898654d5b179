// Reads of reviews that other modules share: rating summaries and the public list.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { keysetOrderBy, NEWEST_FIRST, rowsAfter, type KeysetPosition } from '../../lib/pagination.ts';
import { formatInstant } from '../../lib/time.ts';
import { averageRating, firstNameOf } from './reviews.rules.ts';
import type { PublicReviewView } from './reviews.schemas.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface RatingSummary {
  average: number | null;
  count: number;
}

export const NO_RATINGS: RatingSummary = { average: null, count: 0 };

/** Only reviews nobody has hidden count, in the averages as in the lists. */
export const visibleReview = { hiddenAt: null } satisfies Prisma.ReviewWhereInput;

/**
 * Average and count over visible reviews for several therapists in one grouped query. Computed from the rows on
 * every read, so concurrent reviews can never leave a stored counter out of step.
 */
export async function ratingSummaries(db: Db, therapistIds: readonly string[]): Promise<Map<string, RatingSummary>> {
  if (therapistIds.length === 0) return new Map();
  const groups = await db.review.groupBy({
    by: ['therapistId'],
    where: { ...visibleReview, therapistId: { in: [...therapistIds] } },
    _sum: { rating: true },
    _count: { _all: true },
  });
  return new Map(
    groups.map((group) => [
      group.therapistId,
      { average: averageRating(group._sum.rating ?? 0, group._count._all), count: group._count._all },
    ]),
  );
}

export const publicReviewSelect = {
  id: true,
  rating: true,
  comment: true,
  createdAt: true,
  updatedAt: true,
  client: { select: { name: true } },
} satisfies Prisma.ReviewSelect;

type PublicReviewRow = Prisma.ReviewGetPayload<{ select: typeof publicReviewSelect }>;

export function toPublicReview(row: PublicReviewRow): PublicReviewView {
  return {
    id: row.id,
    rating: row.rating,
    comment: row.comment,
    reviewerFirstName: firstNameOf(row.client.name),
    createdAt: formatInstant(row.createdAt),
    updatedAt: formatInstant(row.updatedAt),
  };
}

/** Newest first; `after` resumes after the last review of the previous page. */
export async function findVisibleReviews(
  db: Db,
  therapistId: string,
  take: number,
  after?: KeysetPosition<Date>,
): Promise<PublicReviewRow[]> {
  return db.review.findMany({
    where: {
      ...visibleReview,
      therapistId,
      ...rowsAfter<Prisma.ReviewWhereInput>(NEWEST_FIRST, after),
    },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take,
    select: publicReviewSelect,
  });
}
