// Property-based fuzzing of every route in Fastify's route table. Requests are generated from each route's zod
// schemas and mutated (see helpers/fuzz.ts): every answer must be a 2xx/3xx, or a 4xx problem document; never a
// 5xx; and the process must still answer afterwards. Bounded: RUNS_PER_ROUTE requests per route.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/app.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, ownDatabaseUrl, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0 } from '../helpers/booking.ts';
import { createAdmin, registerUser, type Session } from '../helpers/factories.ts';
import { bodyArbitrary, queryArbitrary, toJsonSchema, type FuzzBody, type FuzzDictionary } from '../helpers/fuzz.ts';
import { makeVerifiedTherapist } from '../helpers/therapists.ts';

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);

const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kathmandu', 'australia/lord_howe'];
const BAD_ZONES = ['Mars/Olympus_Mons', 'UTC+25', '+01:00', 'Etc/GMT+99', 'Europe/Berlin\u0000', 'Europe/'];
// Well-formed dates at the edges of what PostgreSQL stores (year 0001 east of UTC is year 0 in UTC); malformed
// ones come from the generic hostile values.
const BAD_DATES = ['0000-01-01', '0001-01-01', '9999-12-31'];
const BAD_INSTANTS = ['0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59.999-14:00', '2026-03-29T02:30:00'];

interface RouteSchema {
  body?: unknown;
  querystring?: unknown;
}

describe('API fuzzing', () => {
  let ctx: TestContext & { close(): Promise<void> };
  const sessions: Session[] = [];
  const ids: string[] = [];
  let dictionary: FuzzDictionary;

  beforeAll(async () => {
    // Its own database: admin requests at random delete and edit catalogue entries other files rely on.
    ctx = await createTestApp({ clock: new ManualClock(T0), env: BOOKING_TEST_ENV, databaseUrl: await ownDatabaseUrl('fuzz') });
    const admin = await createAdmin(ctx);
    const client = await registerUser(ctx, 'client');
    const { session: therapist, therapistId } = await makeVerifiedTherapist(ctx, { admin });
    await ctx.http
      .put(`/therapists/${therapistId}/schedule`)
      .set(therapist.auth)
      .send({
        weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
        bufferMinutes: 10,
        minNoticeMinutes: 30,
        horizonDays: 90,
        slotStepMinutes: 30,
      })
      .expect(200);
    const screening = await ctx.http.post('/screenings').set(client.auth).send({ answers: {} }).expect(201);
    const appointment = await ctx.http
      .post('/appointments')
      .set(client.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ therapistId, massageType: 'swedish', durationMinutes: 60, startsAt: '2026-12-02T10:00:00.000Z', screeningId: screening.body.id })
      .expect(201);
    sessions.push(admin, client, therapist);
    ids.push(therapistId, screening.body.id, appointment.body.id, client.user.id);
    const slugs = ['swedish', 'prenatal', 'deep-tissue', 'hot-stone'];
    dictionary = {
      now: T0.getTime(),
      valid: {
        massageType: slugs,
        massageTypes: [slugs.slice(0, 2), ['swedish']],
        tz: ZONES,
        timeZone: ZONES,
        therapistId: [therapistId],
        screeningId: [screening.body.id],
        startsAt: ['2026-12-02T09:00:00.000Z', '2026-12-03T10:00:00+01:00', '2026-12-04T15:30:00.000Z'],
        durationMinutes: [60, 90],
        duration: [60, 90],
      },
      hostile: {
        tz: BAD_ZONES,
        timeZone: BAD_ZONES,
        date: BAD_DATES,
        from: [...BAD_DATES, ...BAD_INSTANTS],
        to: [...BAD_DATES, ...BAD_INSTANTS],
        issuedOn: BAD_DATES,
        expiresOn: BAD_DATES,
        startsAt: BAD_INSTANTS,
        endsAt: BAD_INSTANTS,
        cursor: ['eyJzdGFydHNBdCI6IjAwMDAtMDEtMDFUMDA6MDA6MDBaIiwiaWQiOiJ4In0', 'eyJwb3NpdGlvbiI6MWUzMDksInNsdWciOjF9'],
      },
    };
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  const pathParam = () =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 4 },
      { arbitrary: fc.constantFrom('swedish', 'prenatal', 'no-such-thing'), weight: 1 },
      { arbitrary: fc.string({ minLength: 1, maxLength: 30 }), weight: 1 },
      { arbitrary: fc.constantFrom('😀', '..', '%', "' OR 1=1 --", 'a'.repeat(300), '00000000-0000-7000-8000-000000000000'), weight: 1 },
    );

  const auth = () =>
    fc.oneof(
      fc.constant<Record<string, string>>({}),
      fc.constantFrom(...sessions).map((session) => session.auth),
      fc.constantFrom({ Authorization: 'Bearer not.a.jwt' }, { Authorization: 'Basic dXNlcjpwYXNz' }, { Authorization: 'Bearer ' }),
    );

  async function send(route: RouteEntry, path: string, query: string, headers: Record<string, string>, body: FuzzBody) {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let request = ctx.http[method](query ? `${path}?${query}` : path);
    for (const [name, value] of Object.entries(headers)) request = request.set(name, value);
    if (body.kind === 'json') return request.set('Content-Type', 'application/json').send(JSON.stringify(body.value));
    if (body.kind === 'raw') return request.set('Content-Type', body.contentType).send(body.text);
    return request;
  }

  it('answers every generated request with a success or a 4xx problem document, never a 5xx', async () => {
    const routes = ctx.app.routeCatalog.filter((route) => !route.url.startsWith('/docs'));
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const route of routes) {
      const schema = (route.schema ?? {}) as RouteSchema;
      const paramNames = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      const arbitrary = fc.record({
        params: fc.tuple(...paramNames.map(() => pathParam())),
        query: queryArbitrary(toJsonSchema(schema.querystring), dictionary),
        headers: fc.tuple(auth(), fc.oneof(fc.constant(undefined), fc.uuid(), fc.constantFrom('', ' ', 'key with spaces', '"quoted";,', 'x'.repeat(500)))),
        body:
          route.method === 'GET' || route.method === 'DELETE'
            ? fc.constant<FuzzBody>({ kind: 'none' })
            : bodyArbitrary(toJsonSchema(schema.body), dictionary),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ params, query, headers: [authHeaders, idempotencyKey], body }) => {
          let index = 0;
          const path = route.url.replace(/:(\w+)/g, () => encodeURIComponent(String(params[index++])));
          const headers: Record<string, string> = { ...authHeaders };
          if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
          const response = await send(route, path, query, headers, body);
          const where = `${route.method} ${route.url} → ${response.status} for ${path}?${query} ${JSON.stringify(body).slice(0, 200)}`;
          if (response.status >= 500) {
            failures.push(`${where}: ${response.text.slice(0, 300)}`);
            return false;
          }
          if (response.status >= 400) {
            const problem = response.body as Record<string, unknown>;
            const isProblem =
              String(response.headers['content-type']).includes('application/problem+json') &&
              typeof problem.type === 'string' &&
              typeof problem.title === 'string' &&
              problem.status === response.status &&
              typeof problem.detail === 'string';
            if (!isProblem) failures.push(`${where}: not a problem document: ${response.text.slice(0, 200)}`);
            return isProblem;
          }
          return true;
        }),
        { numRuns: RUNS_PER_ROUTE, ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
      ).catch((error: unknown) => {
        failures.push(`${route.method} ${route.url}: ${error instanceof Error ? error.message.split('\n').slice(0, 6).join(' | ') : String(error)}`);
      });
    }
    expect(failures).toEqual([]);
    // The process is still up and the database still answers.
    await ctx.http.get('/ready').expect(200);
  }, 180_000);
});
