import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  T0,
  clientReadyToBook,
  createBookableTherapist,
  postBooking,
  type BookingBody,
} from '../helpers/booking.ts';
import { uniqueSlug, type Session } from '../helpers/factories.ts';

const CONTENDERS = 50;

/** Fires every booking at once and returns the statuses and bodies, in request order. */
async function fireTogether(
  ctx: Parameters<typeof postBooking>[0],
  attempts: { client: Session; body: BookingBody; key?: string }[],
) {
  const responses = await Promise.all(
    attempts.map(({ client, body, key }) => postBooking(ctx, client, body, key ?? randomUUID())),
  );
  return responses.map((response) => ({ status: response.status, body: response.body }));
}

function countBy(statuses: number[]): Record<number, number> {
  return statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
}

describe('booking under concurrency', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });

  it(`lets exactly one of ${CONTENDERS} simultaneous bookings of the same slot win; the rest get 409 slot-taken`, async () => {
    clock.set(T0);
    const { therapistId } = await createBookableTherapist(ctx);
    const startsAt = '2026-12-03T10:00:00.000+01:00';
    const attempts = await Promise.all(
      Array.from({ length: CONTENDERS }, () => clientReadyToBook(ctx, therapistId, startsAt, T0)),
    );

    const results = await fireTogether(ctx, attempts);

    expect(countBy(results.map((result) => result.status))).toEqual({ 201: 1, 409: CONTENDERS - 1 });
    for (const loser of results.filter((result) => result.status === 409)) {
      expect(loser.body).toMatchObject({ status: 409, code: 'slot-taken' });
    }
    const rows = await ctx.prisma.appointment.findMany({ where: { therapistId } });
    expect(rows).toHaveLength(1);
    const winner = results.find((result) => result.status === 201);
    expect(rows[0]?.id).toBe(winner?.body.id);
    expect(rows[0]?.startsAt.toISOString()).toBe('2026-12-03T09:00:00.000Z');
  });

  it(`lets exactly one of ${CONTENDERS} simultaneous bookings with ${CONTENDERS} different, overlapping starts win`, async () => {
    clock.set(T0);
    // Fifty distinct starts on a 5-minute grid that all overlap one another need a session of over 245 minutes
    // including the buffer: a 240-minute type with a 15-minute buffer spans 255.
    const marathon = await ctx.prisma.massageType.create({
      data: { slug: uniqueSlug('marathon'), name: 'Marathon session', durations: [240], priceCents: 20_000 },
    });
    const { therapistId } = await createBookableTherapist(ctx, {
      massageTypes: [marathon.slug],
      weekly: [{ weekday: 4, start: '06:00', end: '22:00' }],
      policy: { slotStepMinutes: 5, bufferMinutes: 15 },
    });
    const firstStart = Date.parse('2026-12-03T08:00:00.000+01:00');
    const starts = Array.from({ length: CONTENDERS }, (_, index) => new Date(firstStart + index * 5 * 60_000).toISOString());
    const attempts = await Promise.all(
      starts.map((start) =>
        clientReadyToBook(ctx, therapistId, start, T0, { massageType: marathon.slug, durationMinutes: 240 }),
      ),
    );

    const results = await fireTogether(ctx, attempts);

    expect(countBy(results.map((result) => result.status))).toEqual({ 201: 1, 409: CONTENDERS - 1 });
    for (const loser of results.filter((result) => result.status === 409)) {
      expect(loser.body).toMatchObject({ status: 409, code: 'slot-taken' });
    }
    expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(1);
  });

  it('answers simultaneous retries with one Idempotency-Key with one booking, created once', async () => {
    clock.set(T0);
    const { therapistId } = await createBookableTherapist(ctx);
    const { client, body } = await clientReadyToBook(ctx, therapistId, '2026-12-03T11:00:00.000+01:00', T0);
    const key = randomUUID();

    const results = await fireTogether(ctx, Array.from({ length: 10 }, () => ({ client, body, key })));

    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 10 }, () => 201));
    expect(new Set(results.map((result) => result.body.id)).size).toBe(1);
    expect(await ctx.prisma.appointment.count({ where: { therapistId } })).toBe(1);
  });

  it('refuses one client two simultaneous bookings with different therapists at the same time', async () => {
    clock.set(T0);
    const [first, second] = await Promise.all([createBookableTherapist(ctx), createBookableTherapist(ctx)]);
    const startsAt = '2026-12-03T12:00:00.000+01:00';
    const { client, body } = await clientReadyToBook(ctx, first!.therapistId, startsAt, T0);

    const results = await fireTogether(ctx, [
      { client, body },
      { client, body: { ...body, therapistId: second!.therapistId } },
    ]);

    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
    expect(results.find((result) => result.status === 409)?.body.code).toBe('client-overlap');
    expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(1);
  });
});
