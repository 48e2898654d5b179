// What DATABASE_STATEMENT_CACHE_SIZE does on a real connection: which statements PostgreSQL holds prepared, and
// that a failed parse or a rolled-back transaction leaves the connection usable.
import { afterEach, describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { workerDatabaseUrl } from '../helpers/app.ts';

/** The statements this session holds prepared (pg_prepared_statements is per connection: pool size 1). */
async function preparedStatements(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<{ statement: string }[]>(
    `SELECT statement FROM pg_prepared_statements WHERE statement NOT LIKE '%pg_prepared_statements%'`,
  );
  return rows.map((row) => row.statement);
}

describe('prepared statements', () => {
  let prisma: PrismaClient | undefined;
  afterEach(async () => {
    await prisma?.$disconnect();
    prisma = undefined;
  });

  it('prepares each distinct statement once per connection', async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 1, 100);
    for (const value of [1, 2, 3]) await prisma.$queryRaw`SELECT ${value}::int AS "value"`;
    await prisma.massageType.findMany({ where: { slug: 'swedish' } });
    const prepared = await preparedStatements(prisma);
    expect(prepared.filter((text) => text === 'SELECT $1::int AS "value"')).toHaveLength(1);
    expect(prepared.some((text) => text.includes('"MassageType"'))).toBe(true);
  });

  it('prepares nothing when the cache size is 0', async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 1, 0);
    await prisma.$queryRaw`SELECT ${1}::int AS "value"`;
    await prisma.massageType.findMany({ where: { slug: 'swedish' } });
    expect(await preparedStatements(prisma)).toEqual([]);
  });

  it('prepares no more distinct statements than the cache size', async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 1, 2);
    for (const column of ['a', 'b', 'c', 'd']) await prisma.$queryRawUnsafe(`SELECT 1 AS "${column}"`);
    expect(await preparedStatements(prisma)).toHaveLength(2);
  });

  it('keeps the connection usable after a statement fails to parse or to run, and after a rollback', async () => {
    prisma = createPrismaClient(await workerDatabaseUrl(), 1, 100);
    const client = prisma;
    await expect(client.$queryRawUnsafe('SELEC 1')).rejects.toThrow();
    await expect(client.$queryRawUnsafe('SELEC 1')).rejects.toThrow();
    await expect(client.$queryRaw`SELECT ${'twelve'}::int`).rejects.toThrow();
    await expect(
      client.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT ${7}::int AS "inside"`;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await client.$queryRaw`SELECT ${7}::int AS "inside"`).toEqual([{ inside: 7 }]);
    expect(await client.$queryRaw`SELECT ${5}::int AS "value"`).toEqual([{ value: 5 }]);
  });
});
