import { z } from 'zod';
import type { DependenciesOf } from '../../deps.ts';
import { recordAudit } from '../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { decodeCursor, toPage, type Page } from '../../lib/pagination.ts';
import type { Principal } from '../../plugins/auth.ts';
import { bookableSlugs, notBookableReasons, verifiedKinds } from '../certifications/certifications.rules.ts';
import {
  findVisibleReviews,
  NO_RATINGS,
  ratingSummaries,
  toPublicReview,
  type RatingSummary,
} from '../reviews/reviews.repository.ts';
import { assertOwnProfile } from './therapist-access.ts';
import {
  findDirectoryPage,
  loadTherapistCards,
  type RankedTherapist,
  type TherapistCardRow,
} from './therapists.repository.ts';
import {
  LATEST_REVIEWS,
  type ListTherapistsQuery,
  type TherapistDetailView,
  type TherapistView,
  type UpdatedTherapistView,
  type UpdateTherapistInput,
} from './therapists.schemas.ts';

const directoryCursorSchema = z.discriminatedUnion('sort', [
  z.object({ sort: z.literal('name'), name: z.string(), id: z.string() }),
  z.object({ sort: z.literal('rating'), average: z.number(), count: z.number().int(), id: z.string() }),
]);

function offeredTypes(card: TherapistCardRow) {
  return card.massageTypes
    .map(({ massageType }) => massageType)
    .sort((a, b) => a.position - b.position || (a.slug < b.slug ? -1 : 1));
}

export function toTherapistView(card: TherapistCardRow, rating: RatingSummary, now: Date): TherapistView {
  const offered = offeredTypes(card);
  return {
    id: card.id,
    name: card.user.name,
    bio: card.bio,
    timeZone: card.timeZone,
    massageTypes: offered.map((type) => type.slug),
    certifications: verifiedKinds(card.certifications, now).map((kind) => ({ kind, status: 'VERIFIED' as const })),
    rating,
    bookable: bookableSlugs(card.certifications, offered, now),
  };
}

function positionOf(row: RankedTherapist, sort: ListTherapistsQuery['sort']): Record<string, string | number> {
  return sort === 'name'
    ? { sort, name: row.sortName, id: row.id }
    : { sort, average: row.average ?? 0, count: row.count, id: row.id };
}

export function createTherapistService(deps: DependenciesOf<'prisma' | 'clock'>) {
  const { prisma, clock } = deps;

  async function list(query: ListTherapistsQuery): Promise<Page<TherapistView>> {
    const after = decodeCursor(query.cursor, directoryCursorSchema);
    if (after && after.sort !== query.sort) {
      throw new ValidationError('The cursor belongs to a list in another order', [
        { path: 'querystring.cursor', message: `was handed out for sort=${after.sort}` },
      ]);
    }
    const now = clock.now();
    const ranked = await findDirectoryPage(prisma, query, query.sort, after, query.limit + 1, now);
    const pageIds = ranked.slice(0, query.limit).map((row) => row.id);
    const [cards, ratings] = await Promise.all([
      loadTherapistCards(prisma, pageIds),
      ratingSummaries(prisma, pageIds),
    ]);
    const page = toPage(
      ranked,
      query.limit,
      (row) => positionOf(row, query.sort),
      (row) => {
        const card = cards.get(row.id);
        return card ? toTherapistView(card, ratings.get(row.id) ?? NO_RATINGS, now) : null;
      },
    );
    // A profile deleted between the two queries simply drops out of the page.
    return { ...page, items: page.items.filter((item): item is TherapistView => item !== null) };
  }

  async function loadDetail(therapistId: string, now: Date) {
    const [cards, ratings, reviews] = await Promise.all([
      loadTherapistCards(prisma, [therapistId]),
      ratingSummaries(prisma, [therapistId]),
      findVisibleReviews(prisma, therapistId, LATEST_REVIEWS),
    ]);
    const card = cards.get(therapistId);
    if (!card) throw new NotFoundError('The therapist', 'therapist-not-found');
    const detail: TherapistDetailView = {
      ...toTherapistView(card, ratings.get(therapistId) ?? NO_RATINGS, now),
      latestReviews: reviews.map(toPublicReview),
    };
    return { card, detail };
  }

  async function get(therapistId: string): Promise<TherapistDetailView> {
    return (await loadDetail(therapistId, clock.now())).detail;
  }

  /**
   * Offering a type the therapist is not yet certified for is allowed (a draft they can complete by submitting
   * the certificate); the answer lists each such type and the certification it still needs.
   */
  async function update(
    therapist: Principal,
    therapistId: string,
    input: UpdateTherapistInput,
  ): Promise<UpdatedTherapistView> {
    await assertOwnProfile(prisma, therapist, therapistId);
    const now = clock.now();
    await prisma.$transaction(async (tx) => {
      // Updating the profile row first locks it, so concurrent edits of the offered types apply one after another.
      const profile = await tx.therapistProfile.update({
        where: { id: therapistId },
        data: {
          ...(input.bio !== undefined ? { bio: input.bio } : {}),
          ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
          updatedAt: now,
        },
        select: { userId: true },
      });
      if (input.name !== undefined) {
        await tx.user.update({ where: { id: profile.userId }, data: { name: input.name, updatedAt: now } });
      }
      if (input.massageTypes !== undefined) {
        const slugs = input.massageTypes;
        const types = await tx.massageType.findMany({
          where: { slug: { in: slugs } },
          select: { id: true, slug: true },
        });
        const known = new Set(types.map((type) => type.slug));
        const unknown = slugs.flatMap((slug, index) =>
          known.has(slug) ? [] : [{ path: `body.massageTypes.${index}`, message: `unknown massage type '${slug}'` }],
        );
        if (unknown.length > 0) throw new ValidationError('Some massage types are not in the catalogue', unknown);
        const ids = types.map((type) => type.id);
        await tx.therapistMassageType.deleteMany({ where: { therapistId, massageTypeId: { notIn: ids } } });
        await tx.therapistMassageType.createMany({
          data: ids.map((massageTypeId) => ({ therapistId, massageTypeId })),
          skipDuplicates: true,
        });
      }
      await recordAudit(tx, {
        actorId: therapist.userId,
        at: now,
        action: 'therapist.profile-updated',
        entityType: 'TherapistProfile',
        entityId: therapistId,
        data: { changed: Object.keys(input) },
      });
    });
    const { card, detail } = await loadDetail(therapistId, now);
    return { ...detail, notBookable: notBookableReasons(card.certifications, offeredTypes(card), now) };
  }

  return { list, get, update };
}
