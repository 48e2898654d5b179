import { beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0, bookAppointment, createBookableTherapist } from '../helpers/booking.ts';
import { createAdmin, registerUser } from '../helpers/factories.ts';

const SCHEDULE = {
  weekly: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '17:00' },
    { weekday: 5, start: '22:00', end: '02:00' },
    { weekday: 6, start: '18:00', end: '00:00' },
  ],
  bufferMinutes: 10,
  minNoticeMinutes: 720,
  horizonDays: 30,
  slotStepMinutes: 15,
};

describe('weekly schedule', () => {
  const ctx = useTestApp();

  it('stores the schedule and returns it in the same shape, a 00:00 end read back as 24:00', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    const expected = {
      ...SCHEDULE,
      weekly: [
        { weekday: 1, start: '09:00', end: '12:00' },
        { weekday: 1, start: '13:00', end: '17:00' },
        { weekday: 5, start: '22:00', end: '02:00' },
        { weekday: 6, start: '18:00', end: '24:00' },
      ],
    };

    const saved = await ctx.http.put(`/therapists/${id}/schedule`).set(therapist.auth).send(SCHEDULE).expect(200);
    expect(saved.body).toEqual(expected);
    const read = await ctx.http.get(`/therapists/${id}/schedule`).expect(200);
    expect(read.body).toEqual(expected);
    expect(
      await ctx.prisma.auditLog.count({ where: { action: 'schedule.updated', entityId: id, actorId: therapist.user.id } }),
    ).toBe(1);
  });

  it('replaces every earlier interval on a second PUT', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    await ctx.http.put(`/therapists/${id}/schedule`).set(therapist.auth).send(SCHEDULE).expect(200);
    const second = { ...SCHEDULE, weekly: [{ weekday: 3, start: '10:00', end: '11:00' }] };
    await ctx.http.put(`/therapists/${id}/schedule`).set(therapist.auth).send(second).expect(200);
    const read = await ctx.http.get(`/therapists/${id}/schedule`).expect(200);
    expect(read.body.weekly).toEqual([{ weekday: 3, start: '10:00', end: '11:00' }]);
  });

  it('reports overlapping and malformed intervals as field errors and keeps the old schedule', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    await ctx.http.put(`/therapists/${id}/schedule`).set(therapist.auth).send(SCHEDULE).expect(200);
    const response = await ctx.http
      .put(`/therapists/${id}/schedule`)
      .set(therapist.auth)
      .send({
        ...SCHEDULE,
        weekly: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 2, start: '11:00', end: '14:00' },
          { weekday: 3, start: '9:00', end: '25:00' },
        ],
      })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual([
      { path: 'body.weekly.2.start', message: 'must be a time HH:mm from 00:00 to 23:59' },
      { path: 'body.weekly.2.end', message: 'must be a time HH:mm from 00:00 to 23:59, or 24:00' },
      { path: 'body.weekly.1', message: 'overlaps weekly.0 (Tue 09:00–12:00)' },
    ]);
    const read = await ctx.http.get(`/therapists/${id}/schedule`).expect(200);
    expect(read.body.weekly).toHaveLength(4);
  });

  it('refuses a weekday outside 1..7, a step off the 5-minute grid and unknown fields with 400', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const id = therapist.user.therapistId;
    const badWeekday = await ctx.http
      .put(`/therapists/${id}/schedule`)
      .set(therapist.auth)
      .send({ ...SCHEDULE, weekly: [{ weekday: 8, start: '09:00', end: '10:00' }] })
      .expect(400);
    expect(badWeekday.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.weekly.0.weekday']);
    const badStep = await ctx.http
      .put(`/therapists/${id}/schedule`)
      .set(therapist.auth)
      .send({ ...SCHEDULE, slotStepMinutes: 7 })
      .expect(400);
    expect(badStep.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.slotStepMinutes']);
    await ctx.http.put(`/therapists/${id}/schedule`).set(therapist.auth).send({ ...SCHEDULE, timeZone: 'UTC' }).expect(400);
  });

  it("lets only the therapist change a schedule: 403 for another therapist, a client or an admin, 401 without a token", async () => {
    const owner = await registerUser(ctx, 'therapist');
    const other = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const admin = await createAdmin(ctx);
    const path = `/therapists/${owner.user.therapistId}/schedule`;
    const forbidden = await ctx.http.put(path).set(other.auth).send(SCHEDULE).expect(403);
    expect(forbidden.body.code).toBe('not-your-profile');
    await ctx.http.put(path).set(client.auth).send(SCHEDULE).expect(403);
    await ctx.http.put(path).set(admin.auth).send(SCHEDULE).expect(403);
    await ctx.http.put(path).send(SCHEDULE).expect(401);
  });

  it('answers an unknown therapist with 404', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    await ctx.http.get('/therapists/no-such-therapist/schedule').expect(404);
    const response = await ctx.http
      .put('/therapists/no-such-therapist/schedule')
      .set(therapist.auth)
      .send(SCHEDULE)
      .expect(404);
    expect(response.body.code).toBe('therapist-not-found');
  });
});

describe('time off', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  beforeEach(() => clock.set(T0));

  it('creates time off with 201, lists it for the therapist and deletes it with 204', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const base = `/therapists/${therapist.user.therapistId}/time-off`;
    const created = await ctx.http
      .post(base)
      .set(therapist.auth)
      .send({ startsAt: '2026-12-24T00:00:00+01:00', endsAt: '2026-12-27T00:00:00+01:00', reason: 'Holidays' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      startsAt: '2026-12-23T23:00:00.000Z',
      endsAt: '2026-12-26T23:00:00.000Z',
      reason: 'Holidays',
    });

    const listed = await ctx.http.get(base).set(therapist.auth).expect(200);
    expect(listed.body).toEqual({ items: [created.body], nextCursor: null });

    await ctx.http.delete(`${base}/${created.body.id}`).set(therapist.auth).expect(204);
    await ctx.http.delete(`${base}/${created.body.id}`).set(therapist.auth).expect(404);
    expect((await ctx.http.get(base).set(therapist.auth).expect(200)).body.items).toEqual([]);
    const actions = await ctx.prisma.auditLog.findMany({ where: { entityId: created.body.id }, orderBy: { id: 'asc' } });
    expect(actions.map((entry) => entry.action)).toEqual(['time-off.created', 'time-off.deleted']);
  });

  it('lists only time off that has not ended by default, by start, a page at a time', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const base = `/therapists/${therapist.user.therapistId}/time-off`;
    const periods = [
      ['2026-11-20T08:00:00Z', '2026-11-20T12:00:00Z'],
      ['2026-12-10T08:00:00Z', '2026-12-10T12:00:00Z'],
      ['2026-12-05T08:00:00Z', '2026-12-05T12:00:00Z'],
    ];
    for (const [startsAt, endsAt] of periods) {
      await ctx.http.post(base).set(therapist.auth).send({ startsAt, endsAt }).expect(201);
    }
    const first = await ctx.http.get(`${base}?limit=1`).set(therapist.auth).expect(200);
    expect(first.body.items.map((item: { startsAt: string }) => item.startsAt)).toEqual(['2026-12-05T08:00:00.000Z']);
    const second = await ctx.http.get(`${base}?limit=1&cursor=${first.body.nextCursor}`).set(therapist.auth).expect(200);
    expect(second.body).toEqual({
      items: [expect.objectContaining({ startsAt: '2026-12-10T08:00:00.000Z', reason: null })],
      nextCursor: null,
    });
  });

  it('refuses an end not after the start with a field error', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const response = await ctx.http
      .post(`/therapists/${therapist.user.therapistId}/time-off`)
      .set(therapist.auth)
      .send({ startsAt: '2026-12-24T10:00:00Z', endsAt: '2026-12-24T10:00:00Z' })
      .expect(400);
    expect(response.body.errors).toEqual([{ path: 'body.endsAt', message: 'must be after startsAt' }]);
  });

  it('refuses time off over booked appointments with 409 naming them, and allows it once they are cancelled', async () => {
    const therapist = await createBookableTherapist(ctx);
    const { appointment, client } = await bookAppointment(ctx, therapist.therapistId, '2026-12-03T10:00:00+01:00', T0);
    const base = `/therapists/${therapist.therapistId}/time-off`;
    const sickDay = { startsAt: '2026-12-03T00:00:00+01:00', endsAt: '2026-12-04T00:00:00+01:00' };

    const refused = await ctx.http.post(base).set(therapist.session.auth).send(sickDay).expect(409);
    expect(refused.body).toMatchObject({ code: 'time-off-overlaps-appointments', appointmentIds: [appointment.id] });
    expect(await ctx.prisma.timeOff.count({ where: { therapistId: therapist.therapistId } })).toBe(0);

    // Touching the session (ending at its start) is fine.
    await ctx.http
      .post(base)
      .set(therapist.session.auth)
      .send({ startsAt: '2026-12-03T08:00:00+01:00', endsAt: '2026-12-03T10:00:00+01:00' })
      .expect(201);
    await ctx.http.post(`/appointments/${appointment.id}/cancel`).set(client.auth).send({}).expect(200);
    await ctx.http.post(base).set(therapist.session.auth).send(sickDay).expect(201);
  });

  it("keeps a therapist's time off to themselves: 403 for others, 404 for an unknown therapist or time off", async () => {
    const owner = await registerUser(ctx, 'therapist');
    const other = await registerUser(ctx, 'therapist');
    const client = await registerUser(ctx, 'client');
    const base = `/therapists/${owner.user.therapistId}/time-off`;
    const created = await ctx.http
      .post(base)
      .set(owner.auth)
      .send({ startsAt: '2026-12-24T10:00:00Z', endsAt: '2026-12-24T12:00:00Z' })
      .expect(201);

    await ctx.http.get(base).set(other.auth).expect(403);
    await ctx.http.get(base).set(client.auth).expect(403);
    await ctx.http.post(base).set(other.auth).send({ startsAt: '2026-12-24T10:00:00Z', endsAt: '2026-12-24T12:00:00Z' }).expect(403);
    await ctx.http.delete(`${base}/${created.body.id}`).set(other.auth).expect(403);
    // Someone else's time off through one's own path does not exist.
    await ctx.http.delete(`/therapists/${other.user.therapistId}/time-off/${created.body.id}`).set(other.auth).expect(404);
    await ctx.http.get('/therapists/nobody/time-off').set(other.auth).expect(404);
    expect(await ctx.prisma.timeOff.count({ where: { id: created.body.id } })).toBe(1);
  });
});
