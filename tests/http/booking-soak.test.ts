// Concurrency soak: randomised book / cancel / reschedule traffic from many clients against few therapists, all
// through the API, then the database is checked with SQL of its own (not the app's code): no two non-cancelled
// appointments overlap for a therapist (with buffers) or for a client, every 201 is stored, every 409 is not,
// and every appointment ends in the state the successful responses imply. Bounded: 24 rounds of 16 requests.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/lib/clock.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { BOOKING_TEST_ENV, T0 } from '../helpers/booking.ts';
import { createAdmin, registerUser, type Session } from '../helpers/factories.ts';
import { makeVerifiedTherapist } from '../helpers/therapists.ts';

const ROUNDS = 24;
const CONCURRENCY = 16;
const SEED = Number(process.env.SOAK_SEED ?? 20261121);

/** mulberry32: a small seeded generator, so a failing run can be replayed with SOAK_SEED. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Booked {
  id: string;
  client: Session;
  therapistId: string;
  expectedStartsAt: string;
  cancelled: boolean;
}

describe('booking under randomised concurrent traffic', () => {
  let ctx: TestContext & { close(): Promise<void> };
  const therapistIds: string[] = [];
  const therapists: Session[] = [];
  const clients: { session: Session; screeningId: string }[] = [];
  const candidateStarts: string[] = [];

  beforeAll(async () => {
    ctx = await createTestApp({ clock: new ManualClock(T0), env: BOOKING_TEST_ENV });
    const admin = await createAdmin(ctx);
    for (let i = 0; i < 3; i += 1) {
      const { session, therapistId } = await makeVerifiedTherapist(ctx, { admin, timeZone: 'Europe/Berlin' });
      await ctx.http
        .put(`/therapists/${therapistId}/schedule`)
        .set(session.auth)
        .send({
          weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
          bufferMinutes: 15,
          minNoticeMinutes: 60,
          horizonDays: 30,
          slotStepMinutes: 30,
        })
        .expect(200);
      therapistIds.push(therapistId);
      therapists.push(session);
    }
    for (let i = 0; i < 14; i += 1) {
      const session = await registerUser(ctx, 'client');
      const screening = await ctx.http.post('/screenings').set(session.auth).send({ answers: {} }).expect(201);
      clients.push({ session, screeningId: screening.body.id });
    }
    // Wed 2 and Thu 3 December 2026, 09:00-16:30 Berlin (UTC+1): every half hour, some too late for 90 minutes.
    for (const day of ['2026-12-02', '2026-12-03']) {
      for (let minute = 8 * 60; minute <= 15 * 60 + 30; minute += 30) {
        const hh = String(Math.floor(minute / 60)).padStart(2, '0');
        const mm = String(minute % 60).padStart(2, '0');
        candidateStarts.push(new Date(`${day}T${hh}:${mm}:00Z`).toISOString());
      }
    }
  }, 120_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('keeps every invariant and never answers 5xx', async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const booked: Booked[] = [];
    const refusedBookingKeys: { clientId: string; key: string }[] = [];
    const statuses: Record<string, number> = {};
    const serverErrors: string[] = [];

    for (let round = 0; round < ROUNDS; round += 1) {
      const busyThisRound = new Set<string>();
      const requests: Promise<void>[] = [];
      for (let slot = 0; slot < CONCURRENCY; slot += 1) {
        const live = booked.filter((appointment) => !appointment.cancelled && !busyThisRound.has(appointment.id));
        const dice = random();
        if (dice < 0.55 || live.length === 0) {
          const client = pick(clients);
          const key = randomUUID();
          const body = {
            therapistId: pick(therapistIds),
            massageType: 'swedish',
            durationMinutes: pick([60, 90]),
            startsAt: pick(candidateStarts),
            screeningId: client.screeningId,
          };
          requests.push(
            (async () => {
              const response = await ctx.http.post('/appointments').set(client.session.auth).set('Idempotency-Key', key).send(body);
              statuses[`book ${response.status}`] = (statuses[`book ${response.status}`] ?? 0) + 1;
              if (response.status >= 500) serverErrors.push(`book: ${response.text}`);
              if (response.status === 201) {
                booked.push({ id: response.body.id, client: client.session, therapistId: body.therapistId, expectedStartsAt: body.startsAt, cancelled: false });
              } else {
                refusedBookingKeys.push({ clientId: client.session.user.id, key });
              }
            })(),
          );
        } else {
          const appointment = pick(live);
          busyThisRound.add(appointment.id);
          if (dice < 0.75) {
            const byTherapist = random() < 0.3;
            const actor = byTherapist ? therapists[therapistIds.indexOf(appointment.therapistId)] : appointment.client;
            requests.push(
              (async () => {
                const response = await ctx.http.post(`/appointments/${appointment.id}/cancel`).set(actor!.auth).send({ reason: 'soak' });
                statuses[`cancel ${response.status}`] = (statuses[`cancel ${response.status}`] ?? 0) + 1;
                if (response.status >= 500) serverErrors.push(`cancel: ${response.text}`);
                if (response.status === 200) appointment.cancelled = true;
              })(),
            );
          } else {
            const startsAt = pick(candidateStarts);
            requests.push(
              (async () => {
                const response = await ctx.http.post(`/appointments/${appointment.id}/reschedule`).set(appointment.client.auth).send({ startsAt });
                statuses[`reschedule ${response.status}`] = (statuses[`reschedule ${response.status}`] ?? 0) + 1;
                if (response.status >= 500) serverErrors.push(`reschedule: ${response.text}`);
                if (response.status === 200) appointment.expectedStartsAt = startsAt;
              })(),
            );
          }
        }
      }
      await Promise.all(requests);
    }

    expect(serverErrors).toEqual([]);
    // The traffic must really contend: successes and refusals of each kind happened.
    expect(statuses['book 201']).toBeGreaterThan(10);
    expect(statuses['book 409']).toBeGreaterThan(10);
    expect(statuses['cancel 200']).toBeGreaterThan(0);
    expect(statuses['reschedule 200']).toBeGreaterThan(0);
    for (const key of Object.keys(statuses)) {
      expect(['book 201', 'book 409', 'book 422', 'cancel 200', 'reschedule 200', 'reschedule 409', 'reschedule 422']).toContain(key);
    }

    const therapistOverlaps = await ctx.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Appointment" a JOIN "Appointment" b
        ON a."therapistId" = b."therapistId" AND a.id < b.id
       AND a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'
       AND tstzrange(a."startsAt", a."blockedUntil") && tstzrange(b."startsAt", b."blockedUntil")
     WHERE a."therapistId" = ANY(${therapistIds})`;
    expect(therapistOverlaps[0]?.n).toBe(0);
    const clientIds = clients.map((client) => client.session.user.id);
    const clientOverlaps = await ctx.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Appointment" a JOIN "Appointment" b
        ON a."clientId" = b."clientId" AND a.id < b.id
       AND a.status <> 'CANCELLED' AND b.status <> 'CANCELLED'
       AND tstzrange(a."startsAt", a."endsAt") && tstzrange(b."startsAt", b."endsAt")
     WHERE a."clientId" = ANY(${clientIds})`;
    expect(clientOverlaps[0]?.n).toBe(0);

    const stored = await ctx.prisma.appointment.findMany({ where: { therapistId: { in: therapistIds } } });
    const storedById = new Map(stored.map((row) => [row.id, row]));
    expect(stored).toHaveLength(booked.length);
    for (const appointment of booked) {
      const row = storedById.get(appointment.id);
      expect(row, `201 ${appointment.id} is stored`).toBeDefined();
      expect(row?.status === 'CANCELLED').toBe(appointment.cancelled);
      expect(row?.startsAt.toISOString()).toBe(appointment.expectedStartsAt);
    }
    for (const refused of refusedBookingKeys) {
      const row = await ctx.prisma.appointment.findFirst({ where: { clientId: refused.clientId, idempotencyKey: refused.key } });
      expect(row, `refused booking ${refused.key} left no row`).toBeNull();
    }
  }, 120_000);
});
