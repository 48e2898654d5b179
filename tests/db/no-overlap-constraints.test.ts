// The database's own guarantee of no double booking, tested on the rows themselves: the application serialises
// bookings per therapist and checks the slot first, so through the API these constraints only ever catch races.
// Here nothing stands in front of them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { bookingRaceError } from '../../src/modules/appointments/appointment-errors.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { workerDatabaseUrl } from '../helpers/app.ts';

const at = (time: string) => new Date(`2026-12-02T${time}:00.000Z`);

describe('no-overlap constraints', () => {
  let prisma: PrismaClient;
  let massageTypeId: string;
  beforeAll(async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 2);
    massageTypeId = (await prisma.massageType.findUniqueOrThrow({ where: { slug: 'swedish' } })).id;
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  async function user(role: 'CLIENT' | 'THERAPIST') {
    return prisma.user.create({
      data: { email: `${randomUUID()}@constraints.test`, passwordHash: 'unused', name: 'Row Only', role },
    });
  }
  async function therapist(): Promise<string> {
    const { id } = await user('THERAPIST');
    return (await prisma.therapistProfile.create({ data: { userId: id } })).id;
  }
  async function client(): Promise<string> {
    return (await user('CLIENT')).id;
  }

  /** An appointment row from `start` to `end`, reserving the therapist until `blockedUntil` (default: `end`). */
  interface Row {
    therapistId: string;
    clientId: string;
    start: string;
    end: string;
    blockedUntil?: string;
    status?: 'CANCELLED';
  }
  function insert(row: Row) {
    return prisma.appointment.create({
      data: {
        therapistId: row.therapistId,
        clientId: row.clientId,
        massageTypeId,
        durationMinutes: 60,
        startsAt: at(row.start),
        endsAt: at(row.end),
        blockedUntil: at(row.blockedUntil ?? row.end),
        priceCents: 8000,
        currency: 'EUR',
        ...(row.status ? { status: row.status } : {}),
      },
    });
  }

  async function refusal(work: Promise<unknown>): Promise<unknown> {
    try {
      await work;
    } catch (error) {
      return error;
    }
    throw new Error('expected the database to refuse the row');
  }

  it("refuses a therapist's second session overlapping the first or its buffer, as a 409 slot-taken", async () => {
    const therapistId = await therapist();
    await insert({ therapistId, clientId: await client(), start: '09:00', end: '10:00', blockedUntil: '10:15' });
    for (const [start, end] of [['09:00', '10:00'], ['09:59', '10:59'], ['10:00', '11:00'], ['08:30', '09:01']]) {
      const error = await refusal(insert({ therapistId, clientId: await client(), start: start!, end: end! }));
      expect(bookingRaceError(error)).toMatchObject({ status: 409, code: 'slot-taken' });
    }
    // Half-open ranges: a session may start exactly when the buffer ends, or end exactly when the other starts.
    await insert({ therapistId, clientId: await client(), start: '10:15', end: '11:15' });
    await insert({ therapistId, clientId: await client(), start: '08:00', end: '09:00' });
    expect(await prisma.appointment.count({ where: { therapistId } })).toBe(3);
  });

  it('lets a cancelled appointment give its time back', async () => {
    const therapistId = await therapist();
    await insert({ therapistId, clientId: await client(), start: '09:00', end: '10:00', status: 'CANCELLED' });
    await insert({ therapistId, clientId: await client(), start: '09:00', end: '10:00' });
    await insert({ therapistId, clientId: await client(), start: '12:00', end: '13:00', status: 'CANCELLED' });
    expect(await prisma.appointment.count({ where: { therapistId } })).toBe(3);
  });

  it('keeps therapists apart: two therapists may hold the same hour', async () => {
    const [first, second] = [await therapist(), await therapist()];
    await insert({ therapistId: first, clientId: await client(), start: '09:00', end: '10:00' });
    await insert({ therapistId: second, clientId: await client(), start: '09:00', end: '10:00' });
  });

  it("refuses a client's second session at the same time with another therapist, as a 409 client-overlap", async () => {
    const clientId = await client();
    await insert({ therapistId: await therapist(), clientId, start: '09:00', end: '10:00', blockedUntil: '10:30' });
    const error = await refusal(insert({ therapistId: await therapist(), clientId, start: '09:30', end: '10:30' }));
    expect(bookingRaceError(error)).toMatchObject({ status: 409, code: 'client-overlap' });
    // The therapist's buffer is not the client's: the client may start elsewhere when the session ends.
    await insert({ therapistId: await therapist(), clientId, start: '10:00', end: '11:00' });
  });
});
