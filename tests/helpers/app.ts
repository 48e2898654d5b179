import { afterAll, beforeAll, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { buildApp } from '../../src/app.ts';
import { parseConfig, type AppConfig } from '../../src/config.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { createDatabaseFromTemplate, databaseUrl, withAdminClient } from './database.ts';

let workerDatabase: Promise<string> | undefined;

/**
 * This worker's own database, cloned from the migrated template the first time a file in the worker asks.
 * Files in one worker run one after another, so they share it; every test creates its own rows with unique keys.
 */
export function workerDatabaseUrl(): Promise<string> {
  workerDatabase ??= (async () => {
    const { runPrefix, template } = inject('testDatabase');
    const name = `${runPrefix}w${process.env.VITEST_POOL_ID ?? '0'}`;
    await withAdminClient(async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) await createDatabaseFromTemplate(client, name, template);
    });
    return databaseUrl(name);
  })();
  return workerDatabase;
}

/**
 * A database of the test file's own, cloned from the template, for a test that may change what other files rely
 * on (the fuzzer deletes and edits catalogue entries at random). Dropped with the run's other databases.
 */
export async function ownDatabaseUrl(label: string): Promise<string> {
  const { runPrefix, template } = inject('testDatabase');
  const name = `${runPrefix}${label}_${process.env.VITEST_POOL_ID ?? '0'}`;
  await withAdminClient(async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await createDatabaseFromTemplate(client, name, template);
  });
  return databaseUrl(name);
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
    LOG_LEVEL: 'silent',
    // Cheap hashes keep hundreds of registrations fast; production uses the default cost.
    PASSWORD_HASH_COST: '10',
    // Every test request comes from 127.0.0.1, so the per-address limits would be shared by every test in the run:
    // generous here, and each limit is tested with an app of its own that sets it low.
    LOGIN_MAX_FAILURES_PER_IP: '100000',
    RATE_LIMIT_REGISTER: '100000/1m',
    RATE_LIMIT_FORGOT_PASSWORD: '100000/1m',
    RATE_LIMIT_SCREENING_PREVIEW: '100000/1m',
    RATE_LIMIT_THERAPIST_SLOTS: '100000/1m',
    RATE_LIMIT_SLOT_SEARCH: '100000/1m',
    // Tests register hundreds of users at once (the soak test); the hashing queue's bound has its own test.
    PASSWORD_HASH_QUEUE_LIMIT: '100000',
    PASSWORD_VERIFY_QUEUE_LIMIT: '100000',
    SEED_DEMO_DATA: 'false',
    ...overrides,
  });
}

export interface TestContext {
  app: FastifyInstance;
  prisma: PrismaClient;
  http: ReturnType<typeof supertest>;
  config: AppConfig;
}

export async function createTestApp(
  options: { env?: Record<string, string>; clock?: Clock; databaseUrl?: string } = {},
): Promise<TestContext & { close(): Promise<void> }> {
  const url = options.databaseUrl ?? (await workerDatabaseUrl());
  const config = testConfig({ DATABASE_URL: url, ...options.env });
  const prisma = createPrismaClient(url, config.DATABASE_POOL_SIZE, config.DATABASE_STATEMENT_CACHE_SIZE);
  const app = await buildApp({ config, prisma, logger: false, ...(options.clock ? { clock: options.clock } : {}) });
  await app.ready();
  return {
    app,
    prisma,
    config,
    http: supertest(app.server),
    async close() {
      await app.close();
      await prisma.$disconnect();
    },
  };
}

/**
 * One app for the whole test file, built in beforeAll and closed in afterAll. The returned object is filled in
 * before the first test runs, so tests read `ctx.http`, `ctx.prisma`...
 */
export function useTestApp(options: { env?: Record<string, string>; clock?: Clock } = {}): TestContext {
  const context = {} as TestContext & { close?: () => Promise<void> };
  beforeAll(async () => {
    Object.assign(context, await createTestApp(options));
  });
  afterAll(async () => {
    await context.close?.();
  });
  return context;
}
