// One definition of which appointments hold time: the database's no-overlap constraints, its status enum and the
// code's ACTIVE_STATUSES must agree, so that adding a status (a waitlist hold) is one edit that nothing contradicts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poolConfigFromUrl } from '../../src/db/connection.ts';
import { AppointmentStatus as PrismaAppointmentStatus } from '../../src/generated/prisma/enums.ts';
import { ACTIVE_STATUSES, APPOINTMENT_STATUSES } from '../../src/modules/appointments/appointment-status.ts';
import { workerDatabaseUrl } from '../helpers/app.ts';

describe('appointment statuses', () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = new pg.Client(poolConfigFromUrl(await workerDatabaseUrl()));
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
  });

  it('lists exactly the statuses of the database enum and the Prisma client', async () => {
    const { rows } = await db.query<{ status: string }>(
      `SELECT unnest(enum_range(NULL::"AppointmentStatus"))::text AS status`,
    );
    expect(rows.map((row) => row.status).sort()).toEqual([...APPOINTMENT_STATUSES].sort());
    expect(Object.values(PrismaAppointmentStatus).sort()).toEqual([...APPOINTMENT_STATUSES].sort());
  });

  it.each(['Appointment_therapist_no_overlap', 'Appointment_client_no_overlap'])(
    'has %s apply to exactly the active statuses',
    async (constraint) => {
      const { rows } = await db.query<{ definition: string }>(
        `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1`,
        [constraint],
      );
      const predicate = /WHERE \((.*)\)$/.exec(rows[0]?.definition ?? '')?.[1];
      expect(predicate, `${constraint} has a WHERE predicate`).toBeDefined();
      // The constraint's own predicate, evaluated over every status: the ones it covers are the ones holding time.
      const covered = await db.query<{ status: string }>(
        `SELECT status::text FROM unnest(enum_range(NULL::"AppointmentStatus")) AS t(status) WHERE ${predicate}`,
      );
      expect(covered.rows.map((row) => row.status).sort()).toEqual([...ACTIVE_STATUSES].sort());
    },
  );
});
