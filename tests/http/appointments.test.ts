import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  PREGNANT_AT_10_WEEKS,
  T0,
  bookAppointment,
  clientReadyToBook,
  createBookableTherapist,
  createScreening,
  postBooking,
} from '../helpers/booking.ts';
import { createAdmin, registerUser } from '../helpers/factories.ts';
import { certificationBody, submitCertification } from '../helpers/therapists.ts';

const WED_10 = '2026-12-02T10:00:00.000+01:00';

describe('POST /appointments', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  it('books a free slot as PENDING with the prorated price, the screening summary and an audit entry', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0, { durationMinutes: 90, notes: ' Left shoulder ' });

    const response = await postBooking(ctx, client, body).expect(201);

    expect(response.body).toEqual({
      id: expect.any(String),
      status: 'PENDING',
      therapistId,
      clientId: client.user.id,
      massageType: 'swedish',
      durationMinutes: 90,
      startsAt: '2026-12-02T09:00:00.000Z',
      endsAt: '2026-12-02T10:30:00.000Z',
      priceCents: 10500,
      currency: 'EUR',
      notes: 'Left shoulder',
      lateCancellation: false,
      cancellationReason: null,
      cancelledAt: null,
      confirmedAt: null,
      completedAt: null,
      createdAt: T0.toISOString(),
      screening: { decision: 'ok', requiresClearance: false, flags: [] },
      flagsAcknowledgedAt: null,
      clearanceConfirmedAt: null,
    });
    const row = await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: response.body.id } });
    // The therapist's 15-minute buffer is reserved after the session.
    expect(row.blockedUntil.toISOString()).toBe('2026-12-02T10:45:00.000Z');
    const audit = await ctx.prisma.auditLog.findMany({ where: { entityId: response.body.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.data])).toEqual([
      ['appointment.created', client.user.id, { from: null, to: 'PENDING' }],
    ]);
  });

  it('prices a 45-minute prenatal session at 45/60 of the hourly price', async () => {
    const { therapistId } = await createBookableTherapist(ctx, { massageTypes: ['prenatal'] });
    const { appointment } = await bookAppointment(ctx, therapistId, WED_10, T0, {
      massageType: 'prenatal',
      durationMinutes: 45,
    });
    expect(appointment).toMatchObject({ priceCents: 5625, currency: 'EUR', endsAt: '2026-12-02T09:45:00.000Z' });
  });

  describe('Idempotency-Key', () => {
    it('returns the same appointment with the same status for a retry with the same key and body', async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const key = randomUUID();
      const first = await postBooking(ctx, client, body, key).expect(201);
      // The same instant written in another offset is the same request.
      const retry = await postBooking(ctx, client, { ...body, startsAt: '2026-12-02T09:00:00Z' }, key).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(1);
    });

    it('refuses the same key with a different body with 422 and books nothing', async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const key = randomUUID();
      await postBooking(ctx, client, body, key).expect(201);
      const response = await postBooking(ctx, client, { ...body, startsAt: '2026-12-02T14:00:00+01:00' }, key).expect(422);
      expect(response.body).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
      expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(1);
    });

    it('keeps keys per client: another client may use the same key', async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      const key = randomUUID();
      const first = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const second = await clientReadyToBook(ctx, therapistId, '2026-12-02T14:00:00+01:00', T0);
      const a = await postBooking(ctx, first.client, first.body, key).expect(201);
      const b = await postBooking(ctx, second.client, second.body, key).expect(201);
      expect(b.body.id).not.toBe(a.body.id);
    });

    it('requires the header: 400 naming it', async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const response = await ctx.http.post('/appointments').set(client.auth).send(body).expect(400);
      expect(response.body.errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
      expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(0);
    });
  });

  it('lets only clients book: 401 without a token, 403 for therapists and admins', async () => {
    const therapist = await createBookableTherapist(ctx);
    const { body } = await clientReadyToBook(ctx, therapist.therapistId, WED_10, T0);
    const admin = await createAdmin(ctx);
    await ctx.http.post('/appointments').set('Idempotency-Key', randomUUID()).send(body).expect(401);
    await postBooking(ctx, therapist.session, body).expect(403);
    await postBooking(ctx, admin, body).expect(403);
  });

  it('answers an unknown therapist with 404', async () => {
    const { client, body } = await clientReadyToBook(ctx, 'no-such-therapist', WED_10, T0);
    const response = await postBooking(ctx, client, body).expect(404);
    expect(response.body.code).toBe('therapist-not-found');
  });

  it('refuses a type the therapist does not offer or is not certified for with 422', async () => {
    const swedishOnly = await createBookableTherapist(ctx);
    const uncertified = await createBookableTherapist(ctx, {
      massageTypes: ['swedish', 'deep-tissue'],
      certifications: ['licence'],
    });
    const notOffered = await clientReadyToBook(ctx, swedishOnly.therapistId, WED_10, T0, { massageType: 'shiatsu' });
    const a = await postBooking(ctx, notOffered.client, notOffered.body).expect(422);
    expect(a.body).toMatchObject({ code: 'massage-type-not-offered', massageType: 'shiatsu' });
    const noCertificate = await clientReadyToBook(ctx, uncertified.therapistId, WED_10, T0, { massageType: 'deep-tissue' });
    const b = await postBooking(ctx, noCertificate.client, noCertificate.body).expect(422);
    expect(b.body).toMatchObject({ code: 'therapist-not-bookable', missing: 'deep-tissue' });
  });

  it('refuses a therapist whose verified licence has expired, in slots and in booking, until it is renewed', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    // Verified once, expired the day before T0: it now counts as EXPIRED everywhere.
    await ctx.prisma.certification.updateMany({
      where: { therapistId, kind: 'licence' },
      data: { expiresOn: new Date('2026-11-30T00:00:00Z') },
    });
    const slots = await ctx.http
      .get(`/therapists/${therapistId}/slots?massageType=swedish&from=2026-12-02&to=2026-12-02`)
      .expect(422);
    expect(slots.body).toMatchObject({ code: 'therapist-not-bookable', missing: 'licence' });
    const search = await ctx.http.get('/slots?massageType=swedish&date=2026-12-02&tz=Europe/Berlin').expect(200);
    expect(search.body.items.map((item: { therapistId: string }) => item.therapistId)).not.toContain(therapistId);
    const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
    const refused = await postBooking(ctx, client, body).expect(422);
    expect(refused.body).toMatchObject({ code: 'therapist-not-bookable', missing: 'licence' });
    expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(0);
  });

  it('offers and books no session after the licence runs out, until a renewal is verified', async () => {
    const { therapistId, session } = await createBookableTherapist(ctx);
    // Valid through 2026-12-02 (UTC), i.e. until 01:00 on 12-03 in Berlin.
    await ctx.prisma.certification.updateMany({
      where: { therapistId, kind: 'licence' },
      data: { expiresOn: new Date('2026-12-02T00:00:00Z') },
    });
    const listing = async () => {
      const response = await ctx.http
        .get(`/therapists/${therapistId}/slots?massageType=swedish&duration=60&from=2026-12-02&to=2026-12-04`)
        .expect(200);
      return Object.fromEntries(
        (response.body.days as { date: string; slots: unknown[] }[]).map((day) => [day.date, day.slots.length]),
      );
    };
    expect(await listing()).toEqual({ '2026-12-02': 14, '2026-12-03': 0, '2026-12-04': 0 });
    const searchIds = async (date: string) =>
      ((await ctx.http.get(`/slots?massageType=swedish&date=${date}&tz=Europe/Berlin`).expect(200)).body.items as {
        therapistId: string;
      }[]).map((item) => item.therapistId);
    expect(await searchIds('2026-12-02')).toContain(therapistId);
    expect(await searchIds('2026-12-03')).not.toContain(therapistId);

    const late = await clientReadyToBook(ctx, therapistId, '2026-12-03T10:00:00+01:00', T0);
    const refused = await postBooking(ctx, late.client, late.body).expect(422);
    expect(refused.body).toMatchObject({ code: 'slot-not-bookable', reason: 'certification-expires' });
    expect(refused.body.detail).toMatch(/expires before the session ends/);
    const inTime = await clientReadyToBook(ctx, therapistId, WED_10, T0);
    await postBooking(ctx, inTime.client, inTime.body).expect(201);

    // The therapist renews; once an admin verifies the new licence, the later days open.
    const admin = await createAdmin(ctx);
    const renewal = await submitCertification(ctx, session, certificationBody('licence', { expiresOn: '2028-12-31' }));
    // 10:00 is booked now: its session and buffer rule out the five starts from 09:00 to 11:00.
    expect(await listing()).toEqual({ '2026-12-02': 9, '2026-12-03': 0, '2026-12-04': 0 });
    await ctx.http.post(`/admin/certifications/${renewal}/verify`).set(admin.auth).expect(200);
    expect(await listing()).toEqual({ '2026-12-02': 9, '2026-12-03': 14, '2026-12-04': 14 });
    await postBooking(ctx, late.client, { ...late.body }).expect(201);
  });

  it("refuses an unknown type and a duration the type does not offer with 400 on the field", async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const unknown = await clientReadyToBook(ctx, therapistId, WED_10, T0, { massageType: 'reiki' });
    const a = await postBooking(ctx, unknown.client, unknown.body).expect(400);
    expect(a.body).toMatchObject({ code: 'unknown-massage-type', errors: [{ path: 'body.massageType' }] });
    const odd = await clientReadyToBook(ctx, therapistId, WED_10, T0, { durationMinutes: 45 });
    const b = await postBooking(ctx, odd.client, odd.body).expect(400);
    expect(b.body).toMatchObject({
      code: 'duration-not-offered',
      errors: [{ path: 'body.durationMinutes', message: 'must be one of 30, 60, 90 for swedish' }],
    });
  });

  it('refuses malformed bodies with 400: a start without offset, unknown fields', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
    const noOffset = await postBooking(ctx, client, { ...body, startsAt: '2026-12-02T10:00:00' }).expect(400);
    expect(noOffset.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.startsAt']);
    await postBooking(ctx, client, { ...body, priceCents: 1 } as typeof body).expect(400);
  });

  describe('slot rules', () => {
    it('refuses a taken slot with 409 slot-taken, also when only the buffer would overlap', async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      await bookAppointment(ctx, therapistId, WED_10, T0);
      for (const startsAt of [WED_10, '2026-12-02T10:30:00+01:00', '2026-12-02T11:00:00+01:00']) {
        const { client, body } = await clientReadyToBook(ctx, therapistId, startsAt, T0);
        const response = await postBooking(ctx, client, body).expect(409);
        expect(response.body).toMatchObject({ status: 409, code: 'slot-taken' });
      }
      // 11:00 + 15 min buffer: 11:30 is the next free start.
      await bookAppointment(ctx, therapistId, '2026-12-02T11:30:00+01:00', T0);
      expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(2);
    });

    it.each([
      ['too-soon', '2026-12-01T09:00:00+01:00', 90],
      ['beyond-horizon', '2027-01-30T09:00:00+01:00', 0],
      ['outside-hours', '2026-12-02T08:00:00+01:00', 0],
      ['outside-hours', '2026-12-02T16:30:00+01:00', 0],
      ['off-step', '2026-12-02T10:10:00+01:00', 0],
    ])('refuses a %s start (%s) with 422 naming the reason', async (reason, startsAt, minutesLater) => {
      clock.advanceMinutes(minutesLater);
      const { therapistId } = await createBookableTherapist(ctx);
      const { client, body } = await clientReadyToBook(ctx, therapistId, startsAt, T0);
      const response = await postBooking(ctx, client, body).expect(422);
      expect(response.body).toMatchObject({ status: 422, code: 'slot-not-bookable', reason });
      expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(0);
    });

    it('refuses a start in time off with 422 time-off', async () => {
      const { therapistId, session } = await createBookableTherapist(ctx);
      await ctx.http
        .post(`/therapists/${therapistId}/time-off`)
        .set(session.auth)
        .send({ startsAt: '2026-12-02T00:00:00+01:00', endsAt: '2026-12-03T00:00:00+01:00' })
        .expect(201);
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const response = await postBooking(ctx, client, body).expect(422);
      expect(response.body).toMatchObject({ code: 'slot-not-bookable', reason: 'time-off' });
    });

    it('refuses a client a second appointment overlapping their own with 409 client-overlap', async () => {
      const first = await createBookableTherapist(ctx);
      const second = await createBookableTherapist(ctx);
      const { client } = await bookAppointment(ctx, first.therapistId, WED_10, T0);
      const screeningId = await createScreening(ctx, client.user.id, T0);
      const body = {
        therapistId: second.therapistId,
        massageType: 'swedish',
        durationMinutes: 60,
        startsAt: '2026-12-02T10:30:00+01:00',
        screeningId,
      };
      const response = await postBooking(ctx, client, body).expect(409);
      expect(response.body).toMatchObject({ status: 409, code: 'client-overlap' });
      // Back to back is fine: the buffer is the therapist's business.
      await postBooking(ctx, client, { ...body, startsAt: '2026-12-02T11:00:00+01:00' }).expect(201);
    });
  });

  describe('screening', () => {
    it('refuses a pregnant client swedish massage with 422, the flags and prenatal as the alternative', async () => {
      const { therapistId } = await createBookableTherapist(ctx, { massageTypes: ['swedish', 'prenatal'] });
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0, { answers: PREGNANT_AT_10_WEEKS });
      const response = await postBooking(ctx, client, body).expect(422);
      expect(response.body).toMatchObject({
        status: 422,
        code: 'screening-blocks-treatment',
        massageType: 'swedish',
        flags: [expect.objectContaining({ code: 'pregnancy-prenatal-only', decision: 'blocked' })],
      });
      expect(response.body.alternatives).toContain('prenatal');
      expect(response.body).not.toHaveProperty('answers');
      expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(0);
    });

    it('books prenatal for a client 10 weeks pregnant as PENDING with the clearance flag', async () => {
      const { therapistId } = await createBookableTherapist(ctx, { massageTypes: ['prenatal'] });
      const { appointment } = await bookAppointment(ctx, therapistId, WED_10, T0, {
        massageType: 'prenatal',
        answers: PREGNANT_AT_10_WEEKS,
      });
      expect(appointment.status).toBe('PENDING');
      expect(appointment.screening).toEqual({
        decision: 'caution',
        requiresClearance: true,
        flags: [expect.objectContaining({ code: 'pregnancy-first-trimester', requiresClearance: true })],
      });
      expect(Object.keys(appointment.screening as object).sort()).toEqual(['decision', 'flags', 'requiresClearance']);
    });

    it("refuses someone else's, an unknown and an expired screening with 422", async () => {
      const { therapistId } = await createBookableTherapist(ctx);
      const other = await registerUser(ctx, 'client');
      const othersScreening = await createScreening(ctx, other.user.id, T0);
      const { client, body } = await clientReadyToBook(ctx, therapistId, WED_10, T0);
      const expired = await createScreening(ctx, client.user.id, new Date('2026-10-01T00:00:00Z'));

      const a = await postBooking(ctx, client, { ...body, screeningId: othersScreening }).expect(422);
      expect(a.body.code).toBe('screening-not-usable');
      const b = await postBooking(ctx, client, { ...body, screeningId: 'no-such-screening' }).expect(422);
      expect(b.body.code).toBe('screening-not-usable');
      const c = await postBooking(ctx, client, { ...body, screeningId: expired }).expect(422);
      expect(c.body.code).toBe('screening-expired');
      expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(0);
    });
  });
});

describe('reading appointments', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  it('shows an appointment to its client and therapist with the screening summary, to admins without it', async () => {
    const therapist = await createBookableTherapist(ctx, { massageTypes: ['prenatal'] });
    const { client, appointment } = await bookAppointment(ctx, therapist.therapistId, WED_10, T0, {
      massageType: 'prenatal',
      answers: PREGNANT_AT_10_WEEKS,
    });
    const admin = await createAdmin(ctx);
    const path = `/appointments/${appointment.id}`;

    const byClient = await ctx.http.get(path).set(client.auth).expect(200);
    expect(byClient.body).toEqual(appointment);
    const byTherapist = await ctx.http.get(path).set(therapist.session.auth).expect(200);
    expect(byTherapist.body).toEqual(appointment);
    const byAdmin = await ctx.http.get(path).set(admin.auth).expect(200);
    expect(byAdmin.body).not.toHaveProperty('screening');
    expect(byAdmin.body.id).toBe(appointment.id);
  });

  it('hides an appointment from other clients and therapists with 404, like an unknown id', async () => {
    const { therapistId } = await createBookableTherapist(ctx);
    const { appointment } = await bookAppointment(ctx, therapistId, WED_10, T0);
    const otherClient = await registerUser(ctx, 'client');
    const otherTherapist = await registerUser(ctx, 'therapist');
    for (const session of [otherClient, otherTherapist]) {
      const response = await ctx.http.get(`/appointments/${appointment.id}`).set(session.auth).expect(404);
      expect(response.body.code).toBe('appointment-not-found');
    }
    await ctx.http.get('/appointments/no-such-id').set(otherClient.auth).expect(404);
    await ctx.http.get(`/appointments/${appointment.id}`).expect(401);
  });

  it("lists a client's bookings and a therapist's sessions only, by start, with status and range filters", async () => {
    const therapist = await createBookableTherapist(ctx);
    const other = await createBookableTherapist(ctx);
    const { client, appointment: later } = await bookAppointment(ctx, therapist.therapistId, '2026-12-04T10:00:00+01:00', T0);
    const screeningId = await createScreening(ctx, client.user.id, T0);
    const base = { massageType: 'swedish', durationMinutes: 60, screeningId };
    const earlier = (await postBooking(ctx, client, { ...base, therapistId: other.therapistId, startsAt: WED_10 }).expect(201)).body;
    const { appointment: someoneElses } = await bookAppointment(ctx, therapist.therapistId, WED_10, T0);
    await ctx.http.post(`/appointments/${earlier.id}/cancel`).set(client.auth).send({}).expect(200);

    const mine = await ctx.http.get('/appointments').set(client.auth).expect(200);
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([earlier.id, later.id]);
    expect(mine.body.nextCursor).toBeNull();

    const sessions = await ctx.http.get('/appointments').set(therapist.session.auth).expect(200);
    expect(sessions.body.items.map((item: { id: string }) => item.id)).toEqual([someoneElses.id, later.id]);

    const cancelled = await ctx.http.get('/appointments?status=CANCELLED').set(client.auth).expect(200);
    expect(cancelled.body.items.map((item: { id: string }) => item.id)).toEqual([earlier.id]);
    const fromThursday = await ctx.http
      .get(`/appointments?from=${encodeURIComponent('2026-12-03T00:00:00+01:00')}&to=2026-12-05T00:00:00Z`)
      .set(client.auth)
      .expect(200);
    expect(fromThursday.body.items.map((item: { id: string }) => item.id)).toEqual([later.id]);

    const firstPage = await ctx.http.get('/appointments?limit=1').set(client.auth).expect(200);
    expect(firstPage.body.items.map((item: { id: string }) => item.id)).toEqual([earlier.id]);
    const secondPage = await ctx.http.get(`/appointments?limit=1&cursor=${firstPage.body.nextCursor}`).set(client.auth).expect(200);
    expect(secondPage.body).toMatchObject({ items: [{ id: later.id }], nextCursor: null });

    await ctx.http.get('/appointments?status=DONE').set(client.auth).expect(400);
    await ctx.http.get('/appointments?cursor=garbage').set(client.auth).expect(400);
    // A well-formed cursor with an instant PostgreSQL cannot store is a client mistake too, not a 500.
    const yearZero = Buffer.from(JSON.stringify({ startsAt: '0000-01-01T00:00:00.000Z', id: 'x' })).toString('base64url');
    const refused = await ctx.http.get(`/appointments?cursor=${yearZero}`).set(client.auth).expect(400);
    expect(refused.body.errors).toEqual([{ path: 'querystring.cursor', message: 'unknown or malformed cursor' }]);
  });

  it('lists every appointment for admins, of every client and therapist, page by page, without screening summaries', async () => {
    const [first, second] = await Promise.all([createBookableTherapist(ctx), createBookableTherapist(ctx)]);
    const booked = await Promise.all([
      bookAppointment(ctx, first!.therapistId, '2026-12-05T10:00:00+01:00', T0),
      bookAppointment(ctx, second!.therapistId, '2026-12-05T10:00:00+01:00', T0),
    ]);
    const admin = await createAdmin(ctx);
    const seen: { id: string; therapistId: string; clientId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: typeof seen; nextCursor: string | null } = (
        await ctx.http
          .get(`/appointments?from=2026-12-05T09:00:00Z&to=2026-12-05T09:00:00.001Z&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set(admin.auth)
          .expect(200)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(1);
      for (const item of page.items) expect(item).not.toHaveProperty('screening');
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    for (const { client, appointment } of booked) {
      expect(seen).toContainEqual(expect.objectContaining({ id: appointment.id, clientId: client.user.id }));
    }
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    expect(seen.map((item) => item.therapistId)).toEqual(expect.arrayContaining([first!.therapistId, second!.therapistId]));
  });
});
