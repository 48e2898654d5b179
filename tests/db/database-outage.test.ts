// The database stops, or crashes, under load: every request in the meantime is a 503 problem with Retry-After
// (never a 500), the log says so once per interval without a stack, and the app serves again once the database is
// back. The test runs a PostgreSQL cluster of its own (tests/helpers/scratch-postgres.ts): the shared server on
// 5432 is never stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedCatalogue } from '../../src/db/seed.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { testConfig } from '../helpers/app.ts';
import { createScratchPostgres, type ScratchPostgres } from '../helpers/scratch-postgres.ts';

const CLIENTS = 20;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Tally {
  statuses: Map<number, number>;
  unavailable: Array<{ retryAfter: string | null; contentType: string | null; body: Record<string, unknown> }>;
}

describe('a database that goes away', () => {
  let cluster: ScratchPostgres;
  let prisma: PrismaClient;
  let app: FastifyInstance;
  let base: string;
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    cluster = await createScratchPostgres();
    await migrateDatabase({ databaseUrl: cluster.url });
    const seeding = createPrismaClient(cluster.url, 1, 0);
    await seedCatalogue(seeding);
    await seeding.$disconnect();
    const config = testConfig({ DATABASE_URL: cluster.url, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '5' });
    prisma = createPrismaClient(cluster.url, config.DATABASE_POOL_SIZE, config.DATABASE_STATEMENT_CACHE_SIZE);
    app = await buildApp({ config, prisma, logStream: { write: (line) => logLines.push(JSON.parse(line)) } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await prisma?.$disconnect();
    await cluster?.destroy();
  });

  /** CLIENTS loops of requests that each touch the database (a read, and a login that reads and writes). */
  async function underLoad(during: () => Promise<void>): Promise<Tally> {
    const tally: Tally = { statuses: new Map(), unavailable: [] };
    let running = true;
    const record = async (response: Response) => {
      tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
      const body = (await response.json()) as Record<string, unknown>;
      if (response.status === 503) {
        tally.unavailable.push({
          retryAfter: response.headers.get('retry-after'),
          contentType: response.headers.get('content-type'),
          body,
        });
      }
    };
    const client = async (index: number) => {
      while (running) {
        const login = index % 2 === 1;
        await record(
          await fetch(`${base}${login ? '/auth/login' : '/massage-types'}`, {
            method: login ? 'POST' : 'GET',
            ...(login
              ? {
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ email: `nobody-${index}@example.test`, password: 'not the password' }),
                }
              : {}),
          }),
        );
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
    try {
      await during();
    } finally {
      running = false;
      await Promise.all(clients);
    }
    return tally;
  }

  const count = (tally: Tally, status: number) => tally.statuses.get(status) ?? 0;

  function expectUnavailableProblems(tally: Tally) {
    expect(tally.unavailable.length).toBeGreaterThan(0);
    for (const response of tally.unavailable) {
      expect(response.contentType).toContain('application/problem+json');
      expect(response.retryAfter).toMatch(/^\d+$/);
      expect(response.body).toMatchObject({
        type: '/problems/database-unavailable',
        title: expect.any(String),
        status: 503,
        detail: expect.any(String),
      });
    }
  }

  it('answers 503 with Retry-After, never 500, when the database stops or crashes under load, then recovers', async () => {
    const before = await fetch(`${base}/massage-types`);
    expect(before.status).toBe(200);

    const stopped = await underLoad(async () => {
      await delay(500);
      await cluster.stop('fast');
      await delay(2_000);
    });
    expect(count(stopped, 500)).toBe(0);
    expectUnavailableProblems(stopped);
    expect(count(stopped, 503)).toBeGreaterThan(CLIENTS);

    // While it stays down, every request is a 503 (the login's 401 needs the database too).
    const down = await underLoad(() => delay(1_000));
    expect([...down.statuses.keys()]).toEqual([503]);
    expectUnavailableProblems(down);

    await cluster.start();
    const recovered = await underLoad(() => delay(1_500));
    expect(count(recovered, 500)).toBe(0);
    expect(count(recovered, 200)).toBeGreaterThan(CLIENTS);
    expect((await fetch(`${base}/massage-types`)).status).toBe(200);

    // A crash: the server dies without a shutdown; connections are cut mid-query.
    const crashed = await underLoad(async () => {
      await delay(500);
      await cluster.stop('immediate');
      await delay(1_500);
    });
    expect(count(crashed, 500)).toBe(0);
    expectUnavailableProblems(crashed);

    await cluster.start();
    await delay(200);
    expect((await fetch(`${base}/massage-types`)).status).toBe(200);
  }, 60_000);

  it('logs the outage once per interval at warn, without a stack, and no request errors', () => {
    const outage = logLines.filter((line) => line.msg === 'database unavailable; answering 503');
    // Two outages within one 10-second interval of each other at most: at most one line each.
    expect(outage.length).toBeGreaterThanOrEqual(1);
    expect(outage.length).toBeLessThanOrEqual(2);
    for (const line of outage) {
      expect(line.level).toBe(40);
      expect(JSON.stringify(line)).not.toMatch(/stack|\n\s+at /);
    }
    expect(logLines.filter((line) => Number(line.level) >= 50)).toEqual([]);
  });
});
