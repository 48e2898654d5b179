// The database's refusals as they really arrive through Prisma 7 and the pg adapter, recognised by the
// functions the services and the errors plugin rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { isConcurrencyFailure, isDatabaseBusy, isInvalidDataValue, isUniqueViolation, sqlStateOf } from '../../src/lib/db-errors.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { workerDatabaseUrl } from '../helpers/app.ts';

async function refusalOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the database to refuse');
}

describe('database refusals through Prisma', () => {
  let prisma: PrismaClient;
  beforeAll(async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 2);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });

  it('recognises a value PostgreSQL cannot hold as invalid data, not as a conflict', async () => {
    const notANumber = await refusalOf(() => prisma.$queryRaw`SELECT ${'twelve'}::int`);
    expect(sqlStateOf(notANumber)).toBe('22P02');
    expect(isInvalidDataValue(notANumber)).toBe(true);
    const nul = await refusalOf(() => prisma.$queryRaw`SELECT ${'a\u0000b'}::text`);
    expect(isInvalidDataValue(nul)).toBe(true);
    expect(isConcurrencyFailure(nul)).toBe(false);
  });

  it('recognises a unique violation from a model write', async () => {
    const slug = `dup-${Date.now()}`;
    const data = { slug, name: 'Dup', description: '', durations: [60], priceCents: 1, currency: 'EUR', pressure: 'light' as const };
    await prisma.massageType.create({ data });
    const duplicate = await refusalOf(() => prisma.massageType.create({ data }));
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isInvalidDataValue(duplicate)).toBe(false);
    await prisma.massageType.delete({ where: { slug } });
  });

  it('calls the database busy when a transaction cannot start or outlives its timeout, and not when it is misused', async () => {
    const single = createPrismaClient(await workerDatabaseUrl(), 1);
    try {
      let release: () => void = () => undefined;
      const holding = single.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      });
      const noConnection = await refusalOf(() => single.$transaction(async (tx) => tx.$queryRaw`SELECT 1`, { maxWait: 200 }));
      release();
      await holding;
      expect(isDatabaseBusy(noConnection)).toBe(true);

      const expired = await refusalOf(() =>
        single.$transaction(
          async (tx) => {
            await tx.massageType.count();
            await new Promise((resolve) => setTimeout(resolve, 300));
            await tx.massageType.count();
          },
          { timeout: 100 },
        ),
      );
      expect(isDatabaseBusy(expired)).toBe(true);

      const leaked = await single.$transaction(async (tx) => tx);
      const misuse = await refusalOf(async () => leaked.$queryRaw`SELECT 1`);
      expect(isDatabaseBusy(misuse)).toBe(false);
    } finally {
      await single.$disconnect();
    }
  });
});
