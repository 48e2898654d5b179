// A client may have at most MAX_PENDING_BOOKINGS_PER_CLIENT bookings waiting for confirmation (issue 14: one client
// could hold any number of slots across the practice). The limit holds for racing bookings with different
// therapists too, which the therapist's calendar lock alone does not serialise.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  T0,
  createBookableTherapist,
  createClientFast,
  createScreening,
  postBooking,
} from '../helpers/booking.ts';

// Thursday 3 December 2026, Berlin (UTC+1), within the test therapists' 09:00–17:00.
const thursdayAt = (hour: number) => `2026-12-03T${String(hour).padStart(2, '0')}:00:00.000+01:00`;

describe('pending bookings per client', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });

  async function bookingClient() {
    const client = await createClientFast(ctx);
    const screeningId = await createScreening(ctx, client.user.id, T0, {});
    const body = (therapistId: string, hour: number) => ({
      therapistId,
      massageType: 'swedish',
      durationMinutes: 60,
      startsAt: thursdayAt(hour),
      screeningId,
    });
    return { client, body };
  }

  it('refuses a fourth pending booking with 422 pending-bookings-limit naming the limit', async () => {
    expect(ctx.config.MAX_PENDING_BOOKINGS_PER_CLIENT).toBe(3);
    const therapist = await createBookableTherapist(ctx);
    const { client, body } = await bookingClient();
    const booked = [];
    for (const hour of [9, 11, 13]) booked.push((await postBooking(ctx, client, body(therapist.therapistId, hour)).expect(201)).body);

    const refused = await postBooking(ctx, client, body(therapist.therapistId, 15)).expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: '/problems/pending-bookings-limit',
      status: 422,
      code: 'pending-bookings-limit',
      limit: 3,
    });
    expect(refused.body.detail).toContain('3');

    // Once the therapist confirms one, another may wait.
    await ctx.http.post(`/appointments/${booked[0].id}/confirm`).set(therapist.session.auth).send({}).expect(200);
    await postBooking(ctx, client, body(therapist.therapistId, 15)).expect(201);
  });

  it('holds under racing bookings with different therapists: exactly the limit succeed', async () => {
    const therapists = await Promise.all(Array.from({ length: 8 }, () => createBookableTherapist(ctx)));
    const { client, body } = await bookingClient();
    // Different therapists and different hours: nothing but the limit stands between these bookings.
    const responses = await Promise.all(
      therapists.map((therapist, index) => postBooking(ctx, client, body(therapist.therapistId, 9 + index))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
    for (const response of responses.filter((each) => each.status === 422)) {
      expect(response.body.code).toBe('pending-bookings-limit');
    }
    expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id, status: 'PENDING' } })).toBe(3);
  });

  it('follows MAX_PENDING_BOOKINGS_PER_CLIENT', async () => {
    const { createTestApp } = await import('../helpers/app.ts');
    const one = await createTestApp({ clock, env: { ...BOOKING_TEST_ENV, MAX_PENDING_BOOKINGS_PER_CLIENT: '1' } });
    try {
      const therapist = await createBookableTherapist(one);
      const { client, body } = await bookingClient();
      await postBooking(one, client, body(therapist.therapistId, 9)).expect(201);
      const refused = await postBooking(one, client, body(therapist.therapistId, 11)).expect(422);
      expect(refused.body).toMatchObject({ code: 'pending-bookings-limit', limit: 1 });
    } finally {
      await one.close();
    }
  });
});
