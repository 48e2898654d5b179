// Every route × every kind of caller, with the expected status of each cell written out. The routes come from
// Fastify's own route table (app.routeCatalog), so a route added without a row here fails this test.
//
// Two "worlds" exist: A (client A, therapist A, their appointment, client A's screening...) and B. Every request
// targets A's resources, so client A and therapist A act on their own resource and client B and therapist B on
// someone else's. A cell that succeeds and changes state gets a fresh resource from its row's `prepare`.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0 } from '../helpers/booking.ts';
import { DEFAULT_PASSWORD, createAdmin, registerUser, uniqueEmail, uniqueSlug, type Session } from '../helpers/factories.ts';
import { certificationBody, makeVerifiedTherapist, submitCertification } from '../helpers/therapists.ts';

const ACTORS = ['anonymous', 'clientA', 'clientB', 'therapistA', 'therapistB', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Expected = Record<Actor, number>;

interface PreparedRequest {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  expected: Expected;
  prepare: (actor: Actor) => Promise<PreparedRequest>;
}

/** Shorthand for a row's six cells, in ACTORS order. */
const cells = (anonymous: number, clientA: number, clientB: number, therapistA: number, therapistB: number, admin: number): Expected => ({
  anonymous,
  clientA,
  clientB,
  therapistA,
  therapistB,
  admin,
});
const everyone = (status: number) => cells(status, status, status, status, status, status);

describe('authorisation matrix', () => {
  let ctx: TestContext & { close(): Promise<void> };
  const clock = new ManualClock(T0);
  const sessions = {} as Record<Exclude<Actor, 'anonymous'>, Session>;
  const world = {} as {
    therapistA: string;
    therapistB: string;
    screeningA: string;
    screeningB: string;
    appointmentA: string;
    feedTokenA: string;
  };
  let nextStartOffsetHours = 24;

  /** A fresh start time for each booking, far enough apart that none collide. */
  const nextStart = () => {
    const startsAt = new Date(clock.now().getTime() + nextStartOffsetHours * 3_600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    nextStartOffsetHours += 3;
    return startsAt.toISOString();
  };

  async function book(client: 'clientA' | 'clientB' = 'clientA', therapistId = world.therapistA): Promise<string> {
    const response = await ctx.http
      .post('/appointments')
      .set(sessions[client].auth)
      .set('Idempotency-Key', randomUUID())
      .send({
        therapistId,
        massageType: 'swedish',
        durationMinutes: 60,
        startsAt: nextStart(),
        screeningId: client === 'clientA' ? world.screeningA : world.screeningB,
      })
      .expect(201);
    return response.body.id;
  }

  /**
   * A confirmed appointment whose start has just passed. It is booked 90 minutes ahead (past the 60-minute notice)
   * and the clock then moves 95 minutes, so the other bookings, a day or more ahead, stay in the future and the
   * tokens stay valid.
   */
  async function started(): Promise<string> {
    const startsAt = new Date(clock.now().getTime() + 90 * 60_000);
    startsAt.setUTCMinutes(Math.ceil(startsAt.getUTCMinutes() / 30) * 30, 0, 0);
    const response = await ctx.http
      .post('/appointments')
      .set(sessions.clientA.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ therapistId: world.therapistA, massageType: 'swedish', durationMinutes: 60, startsAt: startsAt.toISOString(), screeningId: world.screeningA })
      .expect(201);
    const id: string = response.body.id;
    await ctx.http.post(`/appointments/${id}/confirm`).set(sessions.therapistA.auth).send({}).expect(200);
    clock.set(new Date(startsAt.getTime() + 5 * 60_000));
    return id;
  }

  async function completed(): Promise<string> {
    const id = await started();
    await ctx.http.post(`/appointments/${id}/complete`).set(sessions.therapistA.auth).expect(200);
    return id;
  }

  async function reviewed(): Promise<{ appointmentId: string; reviewId: string }> {
    const appointmentId = await completed();
    const review = await ctx.http
      .post(`/appointments/${appointmentId}/review`)
      .set(sessions.clientA.auth)
      .send({ rating: 4, comment: 'Good' })
      .expect(201);
    return { appointmentId, reviewId: review.body.id };
  }

  const newMassageType = async () => {
    const slug = uniqueSlug('matrix');
    await ctx.http
      .post('/massage-types')
      .set(sessions.admin.auth)
      .send({ slug, name: 'Matrix', durations: [60], priceCents: 1000 })
      .expect(201);
    return slug;
  };

  const ROUTES: Record<string, Row> = {
    'GET /health': { expected: everyone(200), prepare: async () => ({ path: '/health' }) },
    'GET /ready': { expected: everyone(200), prepare: async () => ({ path: '/ready' }) },
    'GET /openapi.json': { expected: everyone(200), prepare: async () => ({ path: '/openapi.json' }) },
    'GET /docs': { expected: everyone(200), prepare: async () => ({ path: '/docs' }) },
    'GET /docs/json': { expected: everyone(200), prepare: async () => ({ path: '/docs/json' }) },
    'GET /docs/yaml': { expected: everyone(200), prepare: async () => ({ path: '/docs/yaml' }) },
    // The UI's own redirect to /docs/.
    'GET /docs/static/index.html': { expected: everyone(302), prepare: async () => ({ path: '/docs/static/index.html' }) },
    'GET /docs/static/swagger-initializer.js': {
      expected: everyone(200),
      prepare: async () => ({ path: '/docs/static/swagger-initializer.js' }),
    },
    'GET /docs/static/*': { expected: everyone(200), prepare: async () => ({ path: '/docs/static/swagger-ui.css' }) },

    'POST /auth/register': {
      expected: everyone(201),
      prepare: async () => ({
        path: '/auth/register',
        body: { email: uniqueEmail('matrix'), password: DEFAULT_PASSWORD, name: 'Matrix', role: 'client' },
      }),
    },
    'POST /auth/login': {
      expected: everyone(200),
      prepare: async () => ({ path: '/auth/login', body: { email: sessions.clientB.user.email, password: DEFAULT_PASSWORD } }),
    },
    'GET /me': { expected: cells(401, 200, 200, 200, 200, 200), prepare: async () => ({ path: '/me' }) },
    'GET /me/notifications': {
      expected: cells(401, 200, 200, 200, 200, 200),
      prepare: async () => ({ path: '/me/notifications' }),
    },
    'GET /me/notification-preferences': {
      expected: cells(401, 200, 200, 200, 200, 200),
      prepare: async () => ({ path: '/me/notification-preferences' }),
    },
    'PUT /me/notification-preferences': {
      expected: cells(401, 200, 200, 200, 200, 200),
      prepare: async () => ({ path: '/me/notification-preferences', body: { reminders: true } }),
    },
    'GET /admin/notifications': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({ path: '/admin/notifications?status=failed' }),
    },

    'GET /massage-types': { expected: everyone(200), prepare: async () => ({ path: '/massage-types' }) },
    'GET /massage-types/:slug': { expected: everyone(200), prepare: async () => ({ path: '/massage-types/swedish' }) },
    'POST /massage-types': {
      expected: cells(401, 403, 403, 403, 403, 201),
      prepare: async () => ({ path: '/massage-types', body: { slug: uniqueSlug('new'), name: 'New', durations: [60], priceCents: 1 } }),
    },
    'PATCH /massage-types/:slug': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({ path: `/massage-types/${await newMassageType()}`, body: { priceCents: 2000 } }),
    },
    'DELETE /massage-types/:slug': {
      expected: cells(401, 403, 403, 403, 403, 204),
      prepare: async () => ({ path: `/massage-types/${await newMassageType()}` }),
    },

    'GET /therapists': { expected: everyone(200), prepare: async () => ({ path: '/therapists' }) },
    'GET /therapists/:id': { expected: everyone(200), prepare: async () => ({ path: `/therapists/${world.therapistA}` }) },
    'PATCH /therapists/:id': {
      expected: cells(401, 403, 403, 200, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}`, body: { bio: 'Updated in the matrix' } }),
    },
    'POST /therapists/:id/certifications': {
      expected: cells(401, 403, 403, 201, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/certifications`, body: certificationBody('sports') }),
    },
    'GET /therapists/:id/certifications': {
      expected: everyone(200),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/certifications` }),
    },
    'GET /admin/certifications': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({ path: '/admin/certifications?status=PENDING' }),
    },
    'POST /admin/certifications/:id/verify': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({
        path: `/admin/certifications/${await submitCertification(ctx, sessions.therapistA, certificationBody('hot-stone'))}/verify`,
        body: {},
      }),
    },
    'POST /admin/certifications/:id/reject': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({
        path: `/admin/certifications/${await submitCertification(ctx, sessions.therapistA, certificationBody('shiatsu'))}/reject`,
        body: { reason: 'Illegible scan' },
      }),
    },

    'GET /therapists/:id/schedule': {
      expected: everyone(200),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/schedule` }),
    },
    'PUT /therapists/:id/schedule': {
      expected: cells(401, 403, 403, 200, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/schedule`, body: ALWAYS_OPEN }),
    },
    'GET /therapists/:id/time-off': {
      expected: cells(401, 403, 403, 200, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/time-off` }),
    },
    'POST /therapists/:id/time-off': {
      expected: cells(401, 403, 403, 201, 403, 403),
      prepare: async () => {
        const startsAt = new Date(clock.now().getTime() + 200 * 86_400_000);
        return {
          path: `/therapists/${world.therapistA}/time-off`,
          body: { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), reason: 'Matrix' },
        };
      },
    },
    'DELETE /therapists/:id/time-off/:timeOffId': {
      expected: cells(401, 403, 403, 204, 403, 403),
      prepare: async () => {
        const startsAt = new Date(clock.now().getTime() + 300 * 86_400_000 + Math.random() * 86_400_000);
        const created = await ctx.http
          .post(`/therapists/${world.therapistA}/time-off`)
          .set(sessions.therapistA.auth)
          .send({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 60_000).toISOString() })
          .expect(201);
        return { path: `/therapists/${world.therapistA}/time-off/${created.body.id}` };
      },
    },
    'GET /therapists/:id/slots': {
      expected: everyone(200),
      prepare: async () => {
        const day = clock.now().toISOString().slice(0, 10);
        return { path: `/therapists/${world.therapistA}/slots?massageType=swedish&duration=60&from=${day}&to=${day}` };
      },
    },
    'GET /slots': {
      expected: everyone(200),
      prepare: async () => ({ path: `/slots?massageType=swedish&duration=60&date=${clock.now().toISOString().slice(0, 10)}` }),
    },

    'POST /screenings/preview': {
      expected: everyone(200),
      prepare: async () => ({ path: '/screenings/preview', body: { answers: {} } }),
    },
    'POST /screenings': {
      expected: cells(401, 201, 201, 403, 403, 403),
      prepare: async () => ({ path: '/screenings', body: { answers: {} } }),
    },
    'GET /screenings': { expected: cells(401, 200, 200, 403, 403, 403), prepare: async () => ({ path: '/screenings' }) },
    'GET /screenings/:id': {
      // Health data: the owner and the therapist of an appointment that uses it; nobody else, admins included.
      expected: cells(401, 200, 404, 200, 404, 404),
      prepare: async () => ({ path: `/screenings/${world.screeningA}` }),
    },

    'POST /appointments': {
      expected: cells(401, 201, 201, 403, 403, 403),
      prepare: async (actor) => ({
        path: '/appointments',
        headers: { 'Idempotency-Key': randomUUID() },
        body: {
          therapistId: world.therapistA,
          massageType: 'swedish',
          durationMinutes: 60,
          startsAt: nextStart(),
          screeningId: actor === 'clientB' ? world.screeningB : world.screeningA,
        },
      }),
    },
    'GET /appointments': { expected: cells(401, 200, 200, 200, 200, 200), prepare: async () => ({ path: '/appointments' }) },
    'GET /appointments/:id': {
      expected: cells(401, 200, 404, 200, 404, 200),
      prepare: async () => ({ path: `/appointments/${world.appointmentA}` }),
    },
    'POST /appointments/:id/confirm': {
      expected: cells(401, 403, 403, 200, 404, 403),
      prepare: async () => ({ path: `/appointments/${await book()}/confirm`, body: {} }),
    },
    'POST /appointments/:id/cancel': {
      expected: cells(401, 200, 404, 200, 404, 403),
      prepare: async () => ({ path: `/appointments/${await book()}/cancel`, body: { reason: 'Matrix' } }),
    },
    'POST /appointments/:id/reschedule': {
      expected: cells(401, 200, 404, 403, 403, 403),
      prepare: async () => ({ path: `/appointments/${await book()}/reschedule`, body: { startsAt: nextStart() } }),
    },
    'POST /appointments/:id/complete': {
      expected: cells(401, 403, 403, 200, 404, 403),
      prepare: async () => ({ path: `/appointments/${await started()}/complete` }),
    },
    'POST /appointments/:id/no-show': {
      expected: cells(401, 403, 403, 200, 404, 403),
      prepare: async () => ({ path: `/appointments/${await started()}/no-show` }),
    },
    'POST /appointments/:id/review': {
      expected: cells(401, 201, 404, 403, 403, 403),
      prepare: async () => ({ path: `/appointments/${await completed()}/review`, body: { rating: 5 } }),
    },
    'PATCH /appointments/:id/review': {
      expected: cells(401, 200, 404, 403, 403, 403),
      prepare: async () => ({ path: `/appointments/${(await reviewed()).appointmentId}/review`, body: { rating: 3 } }),
    },
    'GET /therapists/:id/reviews': {
      expected: everyone(200),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/reviews` }),
    },
    'POST /admin/reviews/:id/hide': {
      expected: cells(401, 403, 403, 403, 403, 200),
      prepare: async () => ({ path: `/admin/reviews/${(await reviewed()).reviewId}/hide`, body: { reason: 'Off-topic' } }),
    },

    'GET /therapists/:id/calendar.ics': {
      // Whoever holds the feed's secret may read it, with or without an account.
      expected: everyone(200),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/calendar.ics?token=${world.feedTokenA}` }),
    },
    'GET /therapists/:id/calendar-feed': {
      expected: cells(401, 403, 403, 200, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/calendar-feed` }),
    },
    'POST /therapists/:id/calendar-feed/rotate': {
      expected: cells(401, 403, 403, 200, 403, 403),
      prepare: async () => ({ path: `/therapists/${world.therapistA}/calendar-feed/rotate`, body: {} }),
    },
  };

  beforeAll(async () => {
    // One client books a fresh appointment for every cell, far past the pending-bookings limit, which is not what
    // this table is about (tests/http/pending-bookings-limit.test.ts is).
    ctx = await createTestApp({ clock, env: { ...BOOKING_TEST_ENV, MAX_PENDING_BOOKINGS_PER_CLIENT: '1000' } });
    sessions.admin = await createAdmin(ctx);
    sessions.clientA = await registerUser(ctx, 'client');
    sessions.clientB = await registerUser(ctx, 'client');
    for (const side of ['A', 'B'] as const) {
      const { session, therapistId } = await makeVerifiedTherapist(ctx, { admin: sessions.admin, timeZone: 'Europe/Berlin' });
      sessions[`therapist${side}`] = session;
      world[`therapist${side}`] = therapistId;
      await ctx.http.put(`/therapists/${therapistId}/schedule`).set(session.auth).send(ALWAYS_OPEN).expect(200);
      const screening = await ctx.http.post('/screenings').set(sessions[`client${side}`].auth).send({ answers: {} }).expect(201);
      world[`screening${side}`] = screening.body.id;
    }
    world.appointmentA = await book();
    const feed = await ctx.http.get(`/therapists/${world.therapistA}/calendar-feed`).set(sessions.therapistA.auth).expect(200);
    world.feedTokenA = feed.body.token;
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const registered = ctx.app.routeCatalog.map((route) => `${route.method} ${route.url}`).sort();
    expect(Object.keys(ROUTES).sort()).toEqual(registered);
  });

  it('answers every caller of every route as the table says', async () => {
    const mismatches: string[] = [];
    for (const [route, row] of Object.entries(ROUTES)) {
      const method = route.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      // Callers expected to fail share one prepared resource (they must not change it); each caller expected to
      // succeed gets a fresh one.
      let shared: PreparedRequest | undefined;
      for (const actor of ACTORS) {
        const succeeds = row.expected[actor] < 300;
        const prepared = succeeds ? await row.prepare(actor) : (shared ??= await row.prepare(actor));
        let request = ctx.http[method](prepared.path);
        if (actor !== 'anonymous') request = request.set(sessions[actor].auth);
        for (const [name, value] of Object.entries(prepared.headers ?? {})) request = request.set(name, value);
        const response = prepared.body === undefined ? await request : await request.send(prepared.body as object);
        if (response.status !== row.expected[actor]) {
          mismatches.push(`${route} as ${actor}: expected ${row.expected[actor]}, got ${response.status} ${response.text.slice(0, 160)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('keeps someone else’s calendar feed closed: a wrong or missing token is 404', async () => {
    await ctx.http.get(`/therapists/${world.therapistA}/calendar.ics`).expect(404);
    const otherFeed = await ctx.http.get(`/therapists/${world.therapistB}/calendar-feed`).set(sessions.therapistB.auth).expect(200);
    await ctx.http.get(`/therapists/${world.therapistA}/calendar.ics?token=${otherFeed.body.token}`).expect(404);
  });
});

const ALWAYS_OPEN = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
  bufferMinutes: 15,
  minNoticeMinutes: 60,
  horizonDays: 60,
  slotStepMinutes: 30,
};
