import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { useClockedTestApp } from '../helpers/booking.ts';
import { createAdmin, registerUser, uniqueSlug } from '../helpers/factories.ts';
import { makeAppointment, makeVerifiedTherapist } from '../helpers/therapists.ts';
import { STARTER_CATALOGUE } from '../../src/db/catalogue.ts';

const newType = (slug: string) => ({
  slug,
  name: 'Lomi lomi',
  description: 'Hawaiian massage with long flowing strokes.',
  durations: [90, 60],
  priceCents: 9500,
  currency: 'EUR',
  pressure: 'medium',
  requiredCertification: null,
});

describe('massage types catalogue', () => {
  const ctx = useTestApp();

  it('lists the seeded catalogue publicly, in catalogue order, with the contract fields', async () => {
    const response = await ctx.http.get('/massage-types?limit=100').expect(200);
    const seeded = response.body.items.filter((item: { slug: string }) =>
      STARTER_CATALOGUE.some((entry) => entry.slug === item.slug),
    );
    expect(seeded.map((item: { slug: string }) => item.slug)).toEqual(STARTER_CATALOGUE.map((entry) => entry.slug));
    expect(seeded[5]).toEqual({
      slug: 'prenatal',
      name: 'Prenatal massage',
      description: expect.any(String),
      durations: [45, 60, 75],
      priceCents: 7500,
      currency: 'EUR',
      pressure: 'light',
      requiredCertification: 'prenatal',
    });
  });

  it('pages through the catalogue with an opaque cursor, without repeats or gaps', async () => {
    const all = (await ctx.http.get('/massage-types?limit=100').expect(200)).body.items.map((item: { slug: string }) => item.slug);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { slug: string }[]; nextCursor: string | null } } = await ctx.http
        .get('/massage-types')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((item) => item.slug));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('rejects a limit outside 1..100 and a forged cursor with 400', async () => {
    await ctx.http.get('/massage-types?limit=0').expect(400);
    await ctx.http.get('/massage-types?limit=101').expect(400);
    const forged = await ctx.http.get('/massage-types?cursor=not-a-cursor').expect(400);
    expect(forged.body.errors).toEqual([{ path: 'querystring.cursor', message: 'unknown or malformed cursor' }]);
  });

  it('gets one type by slug, and 404s an unknown slug with a problem document', async () => {
    const swedish = await ctx.http.get('/massage-types/swedish').expect(200);
    expect(swedish.body.slug).toBe('swedish');
    const missing = await ctx.http.get('/massage-types/no-such-type').expect(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 404, code: 'massage-type-not-found', type: '/problems/massage-type-not-found' });
  });

  it('lets an admin create, update and delete a type, sorting durations and auditing each change', async () => {
    const admin = await createAdmin(ctx);
    const slug = uniqueSlug('lomi');
    const created = await ctx.http.post('/massage-types').set(admin.auth).send(newType(slug)).expect(201);
    expect(created.body).toEqual({ ...newType(slug), durations: [60, 90] });

    const updated = await ctx.http
      .patch(`/massage-types/${slug}`)
      .set(admin.auth)
      .send({ priceCents: 9900, requiredCertification: 'licence' })
      .expect(200);
    expect(updated.body).toMatchObject({ priceCents: 9900, requiredCertification: 'licence', name: 'Lomi lomi' });

    await ctx.http.delete(`/massage-types/${slug}`).set(admin.auth).expect(204);
    await ctx.http.get(`/massage-types/${slug}`).expect(404);
    const audit = await ctx.prisma.auditLog.findMany({ where: { actorId: admin.user.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((entry) => entry.action)).toEqual([
      'massage-type.created',
      'massage-type.updated',
      'massage-type.deleted',
    ]);
  });

  it('refuses a duplicate slug with 409', async () => {
    const admin = await createAdmin(ctx);
    const response = await ctx.http.post('/massage-types').set(admin.auth).send(newType('swedish')).expect(409);
    expect(response.body.code).toBe('slug-taken');
  });

  it('keeps the catalogue admin-only: 401 anonymous, 403 for clients and therapists', async () => {
    const slug = uniqueSlug('nope');
    await ctx.http.post('/massage-types').send(newType(slug)).expect(401);
    const client = await registerUser(ctx, 'client');
    const therapist = await registerUser(ctx, 'therapist');
    await ctx.http.post('/massage-types').set(client.auth).send(newType(slug)).expect(403);
    await ctx.http.patch('/massage-types/swedish').set(therapist.auth).send({ priceCents: 1 }).expect(403);
    await ctx.http.delete('/massage-types/swedish').set(client.auth).expect(403);
    expect(await ctx.prisma.massageType.count({ where: { slug } })).toBe(0);
  });

  it('validates the fields of a new type and names each problem', async () => {
    const admin = await createAdmin(ctx);
    const response = await ctx.http
      .post('/massage-types')
      .set(admin.auth)
      .send({ ...newType('Bad Slug'), durations: [60, 60, 7], priceCents: -1, currency: 'euro', requiredCertification: 'reiki' })
      .expect(400);
    const paths = response.body.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual(
      expect.arrayContaining(['body.currency', 'body.durations', 'body.priceCents', 'body.requiredCertification', 'body.slug']),
    );
  });

  it('refuses an empty PATCH and a PATCH of the slug', async () => {
    const admin = await createAdmin(ctx);
    await ctx.http.patch('/massage-types/swedish').set(admin.auth).send({}).expect(400);
    const renamed = await ctx.http.patch('/massage-types/swedish').set(admin.auth).send({ slug: 'swedish-2' }).expect(400);
    expect(renamed.body.errors[0]).toEqual({ path: 'body.slug', message: 'is not a known field' });
  });
});

describe('massage types in use', () => {
  const ctx = useClockedTestApp();

  it('refuses to delete a type that an appointment refers to, and keeps it', async () => {
    const admin = await createAdmin(ctx);
    const slug = uniqueSlug('used');
    await ctx.http.post('/massage-types').set(admin.auth).send(newType(slug)).expect(201);
    const therapist = await makeVerifiedTherapist(ctx, { massageTypes: [slug], admin });
    // A booking still waiting for the therapist's confirmation refers to its type as much as any other.
    await makeAppointment(ctx, { therapist, status: 'PENDING', massageType: slug });
    const response = await ctx.http.delete(`/massage-types/${slug}`).set(admin.auth).expect(409);
    expect(response.body).toMatchObject({ code: 'massage-type-in-use', status: 409 });
    await ctx.http.get(`/massage-types/${slug}`).expect(200);
  });
});
