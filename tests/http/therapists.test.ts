import { describe, expect, it } from 'vitest';
import { PrismaPg } from '@prisma/adapter-pg';
import supertest from 'supertest';
import { buildApp } from '../../src/app.ts';
import { poolConfigFromUrl } from '../../src/db/connection.ts';
import { PrismaClient } from '../../src/generated/prisma/client.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { testConfig, workerDatabaseUrl, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0, useClockedTestApp, type TestTherapist } from '../helpers/booking.ts';
import { createAdmin, registerUser, uniqueSlug, type Session } from '../helpers/factories.ts';
import { listTherapistIds, makeVerifiedTherapist, postReview } from '../helpers/therapists.ts';

/** A massage type only this test uses, so filtering by it isolates the test's therapists from everyone else's. */
async function createOwnMassageType(
  ctx: Pick<TestContext, 'http'>,
  admin: Session,
  requiredCertification: string | null = null,
): Promise<string> {
  const slug = uniqueSlug('directory');
  await ctx.http
    .post('/massage-types')
    .set(admin.auth)
    .send({ slug, name: `Test type ${slug}`, durations: [60], priceCents: 6000, requiredCertification })
    .expect(201);
  return slug;
}

describe('therapist profile', () => {
  const ctx = useClockedTestApp();

  it('lets a therapist edit their own profile and shows it publicly', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    const response = await ctx.http
      .patch(`/therapists/${id}`)
      .set(therapist.auth)
      .send({
        name: '  Ines Ortega ',
        bio: ' Sports background. ',
        timeZone: 'Europe/Madrid',
        massageTypes: ['sports', 'swedish'],
      })
      .expect(200);
    const expectedProfile = {
      id,
      name: 'Ines Ortega',
      bio: 'Sports background.',
      timeZone: 'Europe/Madrid',
      massageTypes: ['swedish', 'sports'],
      certifications: [],
      rating: { average: null, count: 0 },
      bookable: [],
      latestReviews: [],
    };
    expect(response.body).toEqual({
      ...expectedProfile,
      notBookable: [
        { massageType: 'swedish', missingCertification: 'licence' },
        { massageType: 'sports', missingCertification: 'licence' },
      ],
    });
    const publicView = await ctx.http.get(`/therapists/${id}`).expect(200);
    expect(publicView.body).toEqual(expectedProfile);
    const me = await ctx.http.get('/me').set(therapist.auth).expect(200);
    expect(me.body.name).toBe('Ines Ortega');
  });

  it('allows offering a type without its certification as a draft, saying what is missing', async () => {
    const { session, therapistId } = await makeVerifiedTherapist(ctx, { massageTypes: ['swedish'] });
    const response = await ctx.http
      .patch(`/therapists/${therapistId}`)
      .set(session.auth)
      .send({ massageTypes: ['swedish', 'prenatal'] })
      .expect(200);
    expect(response.body.massageTypes).toEqual(['swedish', 'prenatal']);
    expect(response.body.bookable).toEqual(['swedish']);
    expect(response.body.certifications).toEqual([{ kind: 'licence', status: 'VERIFIED' }]);
    expect(response.body.notBookable).toEqual([{ massageType: 'prenatal', missingCertification: 'prenatal' }]);
  });

  it('makes a type bookable once its required certification is verified', async () => {
    const { therapistId } = await makeVerifiedTherapist(ctx, {
      massageTypes: ['swedish', 'prenatal', 'deep-tissue'],
      certifications: ['prenatal'],
    });
    const response = await ctx.http.get(`/therapists/${therapistId}`).expect(200);
    expect(response.body.bookable).toEqual(['swedish', 'prenatal']);
    expect(response.body.certifications).toEqual([
      { kind: 'licence', status: 'VERIFIED' },
      { kind: 'prenatal', status: 'VERIFIED' },
    ]);
  });

  it('refuses an unknown massage type with a field error and changes nothing', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    await ctx.http.patch(`/therapists/${id}`).set(therapist.auth).send({ massageTypes: ['swedish'] }).expect(200);
    const response = await ctx.http
      .patch(`/therapists/${id}`)
      .set(therapist.auth)
      .send({ bio: 'New bio', massageTypes: ['shiatsu', 'reiki-magic'] })
      .expect(400);
    expect(response.body).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(response.body.errors).toEqual([
      { path: 'body.massageTypes.1', message: "unknown massage type 'reiki-magic'" },
    ]);
    const unchanged = await ctx.http.get(`/therapists/${id}`).expect(200);
    expect(unchanged.body.massageTypes).toEqual(['swedish']);
    expect(unchanged.body.bio).toBe('');
  });

  it('validates the time zone, repeated types, unknown fields and empty edits', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const path = `/therapists/${therapist.user.therapistId}`;
    const zone = await ctx.http.patch(path).set(therapist.auth).send({ timeZone: 'Mars/Olympus' }).expect(400);
    expect(zone.body.errors).toEqual([
      { path: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Berlin' },
    ]);
    const repeated = await ctx.http
      .patch(path)
      .set(therapist.auth)
      .send({ massageTypes: ['swedish', 'swedish'] })
      .expect(400);
    expect(repeated.body.errors).toEqual([{ path: 'body.massageTypes', message: 'must not repeat a massage type' }]);
    await ctx.http.patch(path).set(therapist.auth).send({ email: 'x@example.test' }).expect(400);
    await ctx.http.patch(path).set(therapist.auth).send({}).expect(400);
  });

  it('lets only the therapist themself edit a profile', async () => {
    const owner = await registerUser(ctx, 'therapist');
    const other = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const admin = await createAdmin(ctx);
    const path = `/therapists/${owner.user.therapistId}`;
    const byOther = await ctx.http.patch(path).set(other.auth).send({ bio: 'hijacked' }).expect(403);
    expect(byOther.body.code).toBe('not-your-profile');
    await ctx.http.patch(path).set(client.auth).send({ bio: 'hijacked' }).expect(403);
    await ctx.http.patch(path).set(admin.auth).send({ bio: 'hijacked' }).expect(403);
    await ctx.http.patch(path).send({ bio: 'hijacked' }).expect(401);
    await ctx.http.patch('/therapists/no-such-therapist').set(other.auth).send({ bio: 'x' }).expect(404);
    const profile = await ctx.http.get(path).expect(200);
    expect(profile.body.bio).toBe('');
  });

  it('answers 404 for an unknown or malformed therapist id', async () => {
    const response = await ctx.http.get('/therapists/0192f000-0000-7000-8000-000000000000').expect(404);
    expect(response.body.code).toBe('therapist-not-found');
    await ctx.http.get(`/therapists/${encodeURIComponent("'; DROP TABLE x")}`).expect(404);
  });

  it('shows the rating over visible reviews and the latest reviews with first names only', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    const { therapistId } = therapist;
    const client = await registerUser(ctx, 'client', { name: 'Harriet Q. Hughes' });
    await postReview(ctx, { therapist, rating: 5, comment: 'Superb' });
    await postReview(ctx, { therapist, rating: 4 });
    await postReview(ctx, { therapist, rating: 4, comment: 'Good', client });
    const response = await ctx.http.get(`/therapists/${therapistId}`).expect(200);
    expect(response.body.rating).toEqual({ average: 4.33, count: 3 });
    expect(response.body.latestReviews.map((review: { rating: number }) => review.rating)).toEqual([4, 4, 5]);
    expect(response.body.latestReviews[0]).toEqual({
      id: expect.any(String),
      rating: 4,
      comment: 'Good',
      reviewerFirstName: 'Harriet',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toContain('Hughes');
  });

  it('shows only the five newest reviews on the profile, and rates over all of them', async () => {
    const therapist = await makeVerifiedTherapist(ctx);
    // Each review is written when its session ends, later than the one before.
    for (const rating of [1, 2, 3, 4, 5, 5]) await postReview(ctx, { therapist, rating });
    const response = await ctx.http.get(`/therapists/${therapist.therapistId}`).expect(200);
    expect(response.body.latestReviews.map((review: { rating: number }) => review.rating)).toEqual([5, 5, 4, 3, 2]);
    expect(response.body.rating).toEqual({ average: 3.33, count: 6 });
  });
});

describe('therapist directory', () => {
  const ctx = useClockedTestApp();

  it('filters by offered type and by bookability for that type', async () => {
    const admin = await createAdmin(ctx);
    const type = await createOwnMassageType(ctx, admin, 'hot-stone');
    const bookable = await makeVerifiedTherapist(ctx, { massageTypes: [type], certifications: ['hot-stone'], admin });
    const missingTypeCertificate = await makeVerifiedTherapist(ctx, { massageTypes: [type, 'swedish'], admin });
    const unlicensed = await registerUser(ctx, 'therapist');
    await ctx.http
      .patch(`/therapists/${unlicensed.user.therapistId}`)
      .set(unlicensed.auth)
      .send({ massageTypes: [type] })
      .expect(200);
    await makeVerifiedTherapist(ctx, { massageTypes: ['swedish'], certifications: ['hot-stone'], admin });

    const offering = await listTherapistIds(ctx, { massageType: type });
    expect(offering.sort()).toEqual(
      [bookable.therapistId, missingTypeCertificate.therapistId, unlicensed.user.therapistId].sort(),
    );
    expect(await listTherapistIds(ctx, { massageType: type, bookable: 'true' })).toEqual([bookable.therapistId]);
    expect((await listTherapistIds(ctx, { massageType: type, bookable: 'false' })).sort()).toEqual(
      [missingTypeCertificate.therapistId, unlicensed.user.therapistId].sort(),
    );

    const page = await ctx.http.get('/therapists').query({ massageType: type, bookable: 'true' }).expect(200);
    expect(page.body).toEqual({
      items: [
        {
          id: bookable.therapistId,
          name: 'Terry Therapist',
          bio: '',
          timeZone: 'UTC',
          massageTypes: [type],
          certifications: [
            { kind: 'hot-stone', status: 'VERIFIED' },
            { kind: 'licence', status: 'VERIFIED' },
          ],
          rating: { average: null, count: 0 },
          bookable: [type],
        },
      ],
      nextCursor: null,
    });
  });

  it('without a type, counts a therapist as bookable when any offered type is', async () => {
    const admin = await createAdmin(ctx);
    const licensed = await makeVerifiedTherapist(ctx, { massageTypes: ['swedish'], admin });
    const onlyUncertifiedTypes = await makeVerifiedTherapist(ctx, { massageTypes: ['prenatal'], admin });
    const offersNothing = await makeVerifiedTherapist(ctx, { massageTypes: [], admin });
    const bookable = await listTherapistIds(ctx, { bookable: 'true' });
    expect(bookable).toContain(licensed.therapistId);
    expect(bookable).not.toContain(onlyUncertifiedTypes.therapistId);
    expect(bookable).not.toContain(offersNothing.therapistId);
    const notBookable = await listTherapistIds(ctx, { bookable: 'false' });
    expect(notBookable).toContain(onlyUncertifiedTypes.therapistId);
    expect(notBookable).not.toContain(licensed.therapistId);
  });

  it('filters by minimum rating and sorts by rating, then review count, with unrated therapists last', async () => {
    const admin = await createAdmin(ctx);
    const type = await createOwnMassageType(ctx, admin);
    const make = () => makeVerifiedTherapist(ctx, { massageTypes: [type], admin });
    const excellent = await make();
    const good = await make();
    const goodWithMoreReviews = await make();
    const poor = await make();
    const unrated = await make();
    const review = (therapist: TestTherapist, rating: number) => postReview(ctx, { therapist, rating, massageType: type });
    await review(excellent, 5);
    await review(good, 4);
    await review(goodWithMoreReviews, 4);
    await review(goodWithMoreReviews, 4);
    await review(poor, 2);
    await review(poor, 3);

    const byRating = [excellent, goodWithMoreReviews, good, poor, unrated].map((therapist) => therapist.therapistId);
    expect(await listTherapistIds(ctx, { massageType: type, sort: 'rating' })).toEqual(byRating);
    // A page boundary between every two, including rated to unrated: the cursor carries the sort keys.
    expect(await listTherapistIds(ctx, { massageType: type, sort: 'rating' }, 1)).toEqual(byRating);
    expect(await listTherapistIds(ctx, { massageType: type, sort: 'rating' }, 2)).toEqual(byRating);
    expect(await listTherapistIds(ctx, { massageType: type, sort: 'rating', minRating: '4' })).toEqual(
      [excellent, goodWithMoreReviews, good].map((therapist) => therapist.therapistId),
    );
    expect(await listTherapistIds(ctx, { massageType: type, minRating: '2.5' })).toHaveLength(4);
    expect(await listTherapistIds(ctx, { massageType: type, minRating: '2.51' })).toHaveLength(3);

    const page = await ctx.http.get('/therapists').query({ massageType: type, sort: 'rating', limit: '2' }).expect(200);
    expect(page.body.items.map((item: { rating: unknown }) => item.rating)).toEqual([
      { average: 5, count: 1 },
      { average: 4, count: 2 },
    ]);
  });

  it('pages through every therapist exactly once in name order', async () => {
    const admin = await createAdmin(ctx);
    const type = await createOwnMassageType(ctx, admin);
    const names = ['bea Brown', 'Al Adams', 'Cy Cole', 'al Archer', 'Di Dunn'];
    const ids = new Map<string, string>();
    for (const name of names) {
      const { therapistId } = await makeVerifiedTherapist(ctx, { name, massageTypes: [type], admin });
      ids.set(name, therapistId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await ctx.http
        .get('/therapists')
        .query({ massageType: type, limit: '2', ...(cursor ? { cursor } : {}) })
        .expect(200);
      const body = response.body as { items: { name: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((item) => item.name));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['Al Adams', 'al Archer', 'bea Brown', 'Cy Cole', 'Di Dunn']);
  });

  it('refuses a cursor from another sort order, a malformed cursor and bad filters with 400', async () => {
    const first = await ctx.http.get('/therapists').query({ limit: '1' }).expect(200);
    const otherSort = await ctx.http
      .get('/therapists')
      .query({ sort: 'rating', cursor: first.body.nextCursor })
      .expect(400);
    expect(otherSort.body.errors).toEqual([{ path: 'querystring.cursor', message: 'was handed out for sort=name' }]);
    await ctx.http.get('/therapists').query({ cursor: 'not-a-cursor' }).expect(400);
    await ctx.http.get('/therapists').query({ minRating: '6' }).expect(400);
    await ctx.http.get('/therapists').query({ bookable: 'yes' }).expect(400);
    await ctx.http.get('/therapists').query({ sort: 'price' }).expect(400);
    await ctx.http.get('/therapists').query({ massageType: 'Not A Slug' }).expect(400);
  });

  it('returns an empty page for a type nobody offers', async () => {
    const response = await ctx.http.get('/therapists').query({ massageType: uniqueSlug('nobody') }).expect(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
  });
});

describe('therapist directory efficiency', () => {
  it('runs the same number of queries for a page of 2 as for a page of 20 (no query per therapist)', async () => {
    const url = await workerDatabaseUrl();
    const prisma = new PrismaClient({
      adapter: new PrismaPg({ ...poolConfigFromUrl(url), max: 4 }),
      log: [{ emit: 'event', level: 'query' }],
    });
    let queries = 0;
    prisma.$on('query', () => {
      queries += 1;
    });
    const clock = new ManualClock(T0);
    const app = await buildApp({ config: testConfig({ DATABASE_URL: url, ...BOOKING_TEST_ENV }), prisma, logger: false, clock });
    await app.ready();
    try {
      const http = supertest(app.server);
      const local = { http, prisma, config: app.config, clock };
      const admin = await createAdmin(local);
      const type = await createOwnMassageType(local, admin);
      for (let index = 0; index < 20; index += 1) {
        const therapist = await makeVerifiedTherapist(local, { massageTypes: [type, 'swedish'], admin });
        if (index % 4 === 0) await postReview(local, { therapist, rating: 5 });
      }
      const countQueries = async (limit: number) => {
        queries = 0;
        const response = await http.get('/therapists').query({ massageType: type, limit: String(limit) }).expect(200);
        expect(response.body.items).toHaveLength(limit);
        return queries;
      };
      const small = await countQueries(2);
      const large = await countQueries(20);
      expect(large).toBe(small);
      // One ranking query plus one batched load per relation of the card (profile, user, types, certificates).
      expect(small).toBeLessThanOrEqual(8);
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });
});
