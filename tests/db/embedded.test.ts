// The embedded database `npm start` runs on without DATABASE_URL: PGlite behind the wire protocol, used by the app
// with EMBEDDED_DATABASE_SETTINGS. Every socket connection shares PGlite's one session, which is what makes
// those settings necessary.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { EMBEDDED_DATABASE_SETTINGS, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedCatalogue } from '../../src/db/seed.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { testConfig } from '../helpers/app.ts';

describe('the embedded database', () => {
  let dataDir: string;
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kneadful-embedded-'));
    embedded = await startEmbeddedPostgres(dataDir);
    await migrateDatabase({ databaseUrl: embedded.url });
    const seeding = createPrismaClient(embedded.url, 1, 0);
    await seedCatalogue(seeding);
    await seeding.$disconnect();
  }, 120_000);
  afterAll(async () => {
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function servedCatalogueTwice(): Promise<number[]> {
    const config = testConfig({ DATABASE_URL: embedded.url });
    const app = await buildApp({ config: { ...config, ...EMBEDDED_DATABASE_SETTINGS }, logger: false });
    try {
      await app.ready();
      const statuses = [];
      for (let i = 0; i < 2; i++) statuses.push((await supertest(app.server).get('/massage-types')).status);
      return statuses;
    } finally {
      await app.close();
    }
  }

  it('listens on loopback only and carries no password in its URL (PGlite would not check one)', async () => {
    const url = new URL(embedded.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.password).toBe('');
    expect(embedded.url).not.toContain('postgres:postgres@');
  });

  it('serves the app again after its connection closes and a new one opens', async () => {
    // Two apps in a row: the second connects afresh to the session the first one used, as the app does after a
    // restart of the pool's connection (idle timeout) or after the start-up seeding.
    expect(await servedCatalogueTwice()).toEqual([200, 200]);
    expect(await servedCatalogueTwice()).toEqual([200, 200]);
  });

  it('would fail a new connection with prepared statements on, which is why they are off', async () => {
    const query = (prisma: ReturnType<typeof createPrismaClient>) => prisma.$queryRaw`SELECT ${1}::int AS "embedded"`;
    const first = createPrismaClient(embedded.url, 1, 100);
    await query(first);
    await first.$disconnect();
    const second = createPrismaClient(embedded.url, 1, 100);
    try {
      await expect(query(second)).rejects.toThrow(/42P05|already exists/);
    } finally {
      await second.$disconnect();
    }
    expect(EMBEDDED_DATABASE_SETTINGS.DATABASE_STATEMENT_CACHE_SIZE).toBe(0);
  });
});
