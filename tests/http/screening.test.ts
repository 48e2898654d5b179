import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp, type TestContext } from '../helpers/app.ts';
import { DEFAULT_PASSWORD, createAdmin, login, registerUser, uniqueSlug } from '../helpers/factories.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { SCREENING_DISCLAIMER, SCREENING_RULESET_VERSION } from '../../src/modules/screening/screening.ruleset.ts';

const PREGNANT_24_WEEKS = { pregnancy: { pregnant: true, weeks: 24 } };
const DAY_MS = 24 * 60 * 60 * 1000;

/** The catalogue as the screen must judge it: every type, by position then slug (other files may add types). */
async function catalogueOrder(ctx: TestContext): Promise<string[]> {
  const types = await ctx.prisma.massageType.findMany({ orderBy: [{ position: 'asc' }, { slug: 'asc' }] });
  return types.map((type) => type.slug);
}

interface Outcome {
  massageType: string;
  decision: string;
  flags: { code: string }[];
  alternatives: string[];
}
const decisionOf = (outcomes: Outcome[], slug: string) => outcomes.find((o) => o.massageType === slug)?.decision;

describe('screening preview', () => {
  const ctx = useTestApp();

  it('judges every catalogue type in catalogue order without a login, and stores nothing', async () => {
    const before = await ctx.prisma.screening.count();
    const response = await ctx.http.post('/screenings/preview').send({ answers: PREGNANT_24_WEEKS }).expect(200);

    expect(Object.keys(response.body).sort()).toEqual(['disclaimer', 'outcomes', 'rulesetVersion']);
    expect(response.body.rulesetVersion).toBe(SCREENING_RULESET_VERSION);
    expect(response.body.disclaimer).toBe(SCREENING_DISCLAIMER);
    const outcomes: Outcome[] = response.body.outcomes;
    expect(outcomes.map((outcome) => outcome.massageType)).toEqual(await catalogueOrder(ctx));
    const prenatal = outcomes.find((outcome) => outcome.massageType === 'prenatal');
    // Healthy at 24 weeks: prenatal is ok, with the positioning note for the therapist.
    expect(prenatal).toMatchObject({ decision: 'ok', alternatives: [] });
    expect(prenatal?.flags.map((flag) => flag.code)).toEqual(['pregnancy-left-side-lying']);
    expect(outcomes.find((outcome) => outcome.massageType === 'swedish')).toMatchObject({
      decision: 'blocked',
      flags: [{ code: 'pregnancy-prenatal-only', severity: 'relative', requiresClearance: false }],
      alternatives: ['prenatal'],
    });
    expect(await ctx.prisma.screening.count()).toBe(before);
  });

  it('says ok for every type when nothing is reported', async () => {
    const response = await ctx.http.post('/screenings/preview').send({ answers: {} }).expect(200);
    for (const outcome of response.body.outcomes as Outcome[]) {
      expect(outcome).toEqual({ massageType: outcome.massageType, decision: 'ok', flags: [], alternatives: [] });
    }
  });

  it('judges a massage type an admin has just added, by the rules that cover all types', async () => {
    const admin = await createAdmin(ctx);
    const slug = uniqueSlug('reflexology');
    await ctx.http
      .post('/massage-types')
      .set(admin.auth)
      .send({ slug, name: 'Reflexology', durations: [45], priceCents: 6000, position: 5 })
      .expect(201);
    try {
      const response = await ctx.http
        .post('/screenings/preview')
        .send({ answers: { feverOrContagiousIllness: true } })
        .expect(200);
      const outcomes: Outcome[] = response.body.outcomes;
      expect(outcomes.map((outcome) => outcome.massageType)).toEqual(await catalogueOrder(ctx));
      expect(decisionOf(outcomes, slug)).toBe('blocked');
    } finally {
      // Other files in this worker assert on alternatives drawn from the whole catalogue.
      await ctx.http.delete(`/massage-types/${slug}`).set(admin.auth).expect(204);
    }
  });

  it('rejects an out-of-range answer with the path of the field', async () => {
    const response = await ctx.http
      .post('/screenings/preview')
      .send({ answers: { pregnancy: { pregnant: true, weeks: 50 } } })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual([
      { path: 'body.answers.pregnancy.weeks', message: 'Pregnancy weeks cannot exceed 45' },
    ]);
  });

  it('rejects unknown fields in the answers and in the body with 400', async () => {
    const inAnswers = await ctx.http
      .post('/screenings/preview')
      .send({ answers: { pregnancy: { pregnant: true, trimester: 2 } } })
      .expect(400);
    expect(inAnswers.body.errors).toEqual([{ path: 'body.answers.pregnancy.trimester', message: 'is not a known field' }]);
    const inBody = await ctx.http.post('/screenings/preview').send({ answers: {}, clientId: 'x' }).expect(400);
    expect(inBody.body.errors).toEqual([{ path: 'body.clientId', message: 'is not a known field' }]);
    await ctx.http.post('/screenings/preview').send({}).expect(400);
  });
});

describe('creating a screening', () => {
  const ctx = useTestApp();

  it('stores answers, outcomes and ruleset version, valid for 30 days, and answers 201 without the answers', async () => {
    const client = await registerUser(ctx, 'client');
    const response = await ctx.http.post('/screenings').set(client.auth).send({ answers: PREGNANT_24_WEEKS }).expect(201);

    expect(Object.keys(response.body).sort()).toEqual(
      ['createdAt', 'disclaimer', 'expired', 'expiresAt', 'id', 'outcomes', 'rulesetVersion'].sort(),
    );
    expect(response.body).toMatchObject({
      expired: false,
      rulesetVersion: SCREENING_RULESET_VERSION,
      disclaimer: SCREENING_DISCLAIMER,
    });
    expect(Date.parse(response.body.expiresAt) - Date.parse(response.body.createdAt)).toBe(30 * DAY_MS);
    const preview = await ctx.http.post('/screenings/preview').send({ answers: PREGNANT_24_WEEKS }).expect(200);
    expect(response.body.outcomes).toEqual(preview.body.outcomes);

    const stored = await ctx.prisma.screening.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(stored).toMatchObject({ clientId: client.user.id, rulesetVersion: SCREENING_RULESET_VERSION });
    expect(stored.answers).toEqual({ pregnancy: { pregnant: true, weeks: 24, highRisk: false, warningSigns: [] } });
    expect(stored.outcomes).toEqual(response.body.outcomes);
    expect(stored.createdAt.toISOString()).toBe(response.body.createdAt);
  });

  it('is for clients: a therapist gets 403 and an anonymous caller 401, and nothing is stored', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const before = await ctx.prisma.screening.count();
    const forbidden = await ctx.http.post('/screenings').set(therapist.auth).send({ answers: {} }).expect(403);
    expect(forbidden.body.code).toBe('role-not-allowed');
    await ctx.http.post('/screenings').send({ answers: {} }).expect(401);
    expect(await ctx.prisma.screening.count()).toBe(before);
  });

  it('rejects invalid answers with 400 and stores nothing', async () => {
    const client = await registerUser(ctx, 'client');
    const response = await ctx.http
      .post('/screenings')
      .set(client.auth)
      .send({ answers: { fracture: { weeksSince: 2, region: 'tail' } } })
      .expect(400);
    expect(response.body.errors).toEqual([
      { path: 'body.answers.fracture.region', message: expect.stringContaining('Body region must be one of') },
    ]);
    expect(await ctx.prisma.screening.count({ where: { clientId: client.user.id } })).toBe(0);
  });
});

describe('listing screenings and expiry (app clock)', () => {
  it('lists the client’s own screenings newest first, a page at a time', async () => {
    const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
    const app = await createTestApp({ clock });
    try {
      const client = await registerUser(app, 'client');
      const stranger = await registerUser(app, 'client');
      await app.http.post('/screenings').set(stranger.auth).send({ answers: {} }).expect(201);
      const ids: string[] = [];
      for (const answers of [{}, { heartCondition: true }, { osteoporosis: 'mild' }]) {
        const created = await app.http.post('/screenings').set(client.auth).send({ answers }).expect(201);
        ids.push(created.body.id);
        clock.advanceMinutes(1);
      }

      const first = await app.http.get('/screenings?limit=2').set(client.auth).expect(200);
      expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
      expect(first.body.items[0]).toMatchObject({
        createdAt: '2026-12-01T09:02:00.000Z',
        expiresAt: '2026-12-31T09:02:00.000Z',
        expired: false,
        rulesetVersion: SCREENING_RULESET_VERSION,
      });
      expect(Object.keys(first.body.items[0]).sort()).toEqual(
        ['createdAt', 'expired', 'expiresAt', 'id', 'outcomes', 'rulesetVersion'].sort(),
      );
      const second = await app.http
        .get(`/screenings?limit=2&cursor=${first.body.nextCursor}`)
        .set(client.auth)
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });

      const badCursor = await app.http.get('/screenings?cursor=bm9wZQ').set(client.auth).expect(400);
      expect(badCursor.body.errors).toEqual([{ path: 'querystring.cursor', message: 'unknown or malformed cursor' }]);
      const therapist = await registerUser(app, 'therapist');
      await app.http.get('/screenings').set(therapist.auth).expect(403);
    } finally {
      await app.close();
    }
  });

  it('expires a screening 30 days after it was made; its owner can still read it, marked expired', async () => {
    const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
    const app = await createTestApp({ clock });
    try {
      const client = await registerUser(app, 'client');
      const created = await app.http.post('/screenings').set(client.auth).send({ answers: {} }).expect(201);
      expect(created.body).toMatchObject({
        createdAt: '2026-12-01T09:00:00.000Z',
        expiresAt: '2026-12-31T09:00:00.000Z',
        expired: false,
      });

      clock.advanceMinutes(30 * 24 * 60 - 1);
      const session = await login(app, client.user.email, DEFAULT_PASSWORD);
      const lastMinute = await app.http.get(`/screenings/${created.body.id}`).set(session.auth).expect(200);
      expect(lastMinute.body.expired).toBe(false);

      clock.advanceMinutes(1);
      const expired = await app.http.get(`/screenings/${created.body.id}`).set(session.auth).expect(200);
      expect(expired.body).toMatchObject({ id: created.body.id, expired: true, answers: {} });
      const list = await app.http.get('/screenings').set(session.auth).expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, expired: true })]);
    } finally {
      await app.close();
    }
  });
});
