// Races that random traffic hits only now and then, staged step by step: a second connection plays the other
// transaction and holds its locks exactly as long as the race needs, and the test waits until the request under
// test is really blocked on it (pg_stat_activity) before the next step.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '../../src/db/connection.ts';
import { ManualClock } from '../../src/lib/clock.ts';
import { useTestApp, workerDatabaseUrl } from '../helpers/app.ts';
import {
  BOOKING_TEST_ENV,
  T0,
  clientReadyToBook,
  createBookableTherapist,
  createClientFast,
  postBooking,
} from '../helpers/booking.ts';

const THU_10 = '2026-12-03T10:00:00.000+01:00';

describe('booking races', () => {
  const clock = new ManualClock(T0);
  const ctx = useTestApp({ clock, env: BOOKING_TEST_ENV });
  let other: pg.Client;

  beforeAll(async () => {
    other = new pg.Client(poolConfigFromUrl(await workerDatabaseUrl()));
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
  });

  /**
   * Resolves once `count` sessions of this database (other than `other`) wait for a lock, or as soon as
   * `settled()` says the request under test has already been answered (so a failure shows as its answer).
   */
  async function untilWaitingForLocks(count: number, settled: () => boolean = () => false): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      if (settled()) return;
      const { rows } = await other.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      );
      if ((rows[0]?.waiting ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`no ${count} sessions waiting for a lock after 5 s`);
  }

  /** An appointment row written by the other transaction, as a booking would write it (swedish, 60 minutes). */
  function insertAppointment(clientId: string, therapistId: string, startsAt: string) {
    return other.query(
      `INSERT INTO "Appointment" (id, "clientId", "therapistId", "massageTypeId", "durationMinutes", "startsAt",
                                  "endsAt", "blockedUntil", "priceCents", currency, "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2, id, 60, $3::timestamptz, $3::timestamptz + interval '60 minutes',
              $3::timestamptz + interval '75 minutes', 7000, 'EUR', now()
       FROM "MassageType" WHERE slug = 'swedish'`,
      [clientId, therapistId, startsAt],
    );
  }

  it('retries a booking PostgreSQL aborts to break a deadlock, instead of answering 5xx', async () => {
    clock.set(T0);
    const [therapist, elsewhere] = await Promise.all([createBookableTherapist(ctx), createBookableTherapist(ctx)]);
    const { client, body } = await clientReadyToBook(ctx, therapist.therapistId, THU_10, T0);
    const someoneElse = await createClientFast(ctx);

    // The other transaction books the client elsewhere at the same time, uncommitted.
    await other.query('BEGIN');
    await insertAppointment(client.user.id, elsewhere.therapistId, THU_10);
    // The booking reaches its insert and waits to learn whether that client booking commits.
    let answered = false;
    const booking = postBooking(ctx, client, body).then((response) => {
      answered = true;
      return response;
    });
    await untilWaitingForLocks(1);
    // The other transaction now books someone else with this therapist at this time, and waits for the booking:
    // each waits for the other, and PostgreSQL aborts the booking, which waited first.
    await insertAppointment(someoneElse.user.id, therapist.therapistId, THU_10);
    // The retried booking waits again; the other transaction gives everything up, and the booking goes through.
    await untilWaitingForLocks(1, () => answered);
    await other.query('ROLLBACK');

    const response = await booking;
    expect(response.status).toBe(201);
    expect(await ctx.prisma.appointment.count({ where: { clientId: client.user.id } })).toBe(1);
  });

  it("makes a confirm wait for a concurrent change to the appointment and judge the changed screening's flags", async () => {
    clock.set(T0);
    const therapist = await createBookableTherapist(ctx);
    const { client, body } = await clientReadyToBook(ctx, therapist.therapistId, THU_10, T0);
    const booked = await postBooking(ctx, client, body).expect(201);
    expect(booked.body.screening).toMatchObject({ decision: 'ok', flags: [] });

    // A reschedule in flight: it has moved the appointment and re-judged the screening at the new date, where a
    // flag now needs medical clearance, but it has not committed yet.
    const clearanceFlag = {
      code: 'blood-clot-history',
      severity: 'relative',
      decision: 'caution',
      clientMessage: 'Your therapist will adapt the massage.',
      therapistNote: 'History of blood clots: medical clearance needed.',
      avoidRegions: [],
      requiresClearance: true,
      source: 'werner-benjamin',
    };
    await other.query('BEGIN');
    await other.query(
      `UPDATE "Appointment" SET "startsAt" = "startsAt" + interval '1 day', "endsAt" = "endsAt" + interval '1 day',
              "blockedUntil" = "blockedUntil" + interval '1 day', "screeningFlags" = $2::jsonb, "updatedAt" = now()
        WHERE id = $1`,
      [booked.body.id, JSON.stringify({ rulesetVersion: 'test', decision: 'caution', flags: [clearanceFlag] })],
    );
    const confirm = ctx.http.post(`/appointments/${booked.body.id}/confirm`).set(therapist.session.auth).send({}).then((response) => response);
    await untilWaitingForLocks(1);
    await other.query('COMMIT');

    // Judged on what it confirms: the moved appointment, whose flag needs acknowledging and clearance.
    const response = await confirm;
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'confirmation-incomplete', missing: ['acknowledgeFlags', 'clearanceConfirmed'] });
    expect((await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: booked.body.id } })).status).toBe('PENDING');
  });
});
