// Starts Kneadful: parse the environment, bring up the database (DATABASE_URL, or an embedded PostgreSQL kept
// under DATA_DIR), apply migrations, seed what is missing, listen, and close cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, parseConfig, type AppConfig } from './config.ts';
import { loadEnvFileIfPresent } from './lib/env-file.ts';
import { EMBEDDED_DATABASE_SETTINGS, startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.ts';
import { ensureDatabaseExists, migrateDatabase } from './db/migrate.ts';
import { ensureAdmin, seedCatalogue, seedDemoTherapists } from './db/seed.ts';
import { createPrismaClient } from './db/connection.ts';
import { startBackgroundWork } from './jobs/background-work.ts';
import { createMailTransport } from './modules/messages/mail-transport.ts';

/** Development convenience: a signing secret generated once and kept with the data, so logins survive restarts. */
async function developmentJwtSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

async function prepareDatabase(config: AppConfig, databaseUrl: string, log: (message: string) => void) {
  const applied = await migrateDatabase({ databaseUrl });
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  // One-off work: nothing to gain from prepared statements, and on the embedded database they would outlive
  // this client (see EMBEDDED_DATABASE_SETTINGS).
  const prisma = createPrismaClient(databaseUrl, 1, 0);
  try {
    const added = await seedCatalogue(prisma);
    if (added) log(`loaded the starter catalogue (${added} massage types)`);
    // Demo therapists only into a database nobody has used yet, never into a practice's real one.
    if (config.SEED_DEMO_DATA && (await prisma.user.count()) === 0) {
      log(`added ${await seedDemoTherapists(prisma, config.PASSWORD_HASH_COST, new Date())} demo therapists`);
    }
    if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
      const outcome = await ensureAdmin(prisma, {
        email: config.ADMIN_EMAIL,
        password: config.ADMIN_PASSWORD,
        passwordCost: config.PASSWORD_HASH_COST,
      });
      if (outcome === 'created') log(`created admin ${config.ADMIN_EMAIL}`);
    }
  } finally {
    await prisma.$disconnect();
  }
}

/** Long enough for in-flight requests to finish; a request still running after it is cut off. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const config = parseConfig(process.env);
  const log = (message: string) => console.log(`[kneadful] ${message}`);
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (databaseUrl) {
    await ensureDatabaseExists(databaseUrl);
  } else {
    const dataDir = resolve(config.DATA_DIR, 'pg');
    embedded = await startEmbeddedPostgres(dataDir);
    databaseUrl = embedded.url;
    log(`no DATABASE_URL: embedded PostgreSQL (PGlite) with data in ${dataDir}, listening at ${embedded.url}`);
  }
  await prepareDatabase(config, databaseUrl, log);

  const app = await buildApp({
    config: {
      ...config,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: config.JWT_SECRET ?? (await developmentJwtSecret(resolve(config.DATA_DIR))),
      ...(embedded ? EMBEDDED_DATABASE_SETTINGS : {}),
    },
  });

  // Background workers in this process unless WORKERS=false (then `npm run worker` runs them elsewhere).
  const background = config.WORKERS
    ? await startBackgroundWork({
        core: { prisma: app.prisma, clock: app.clock, config: app.config },
        databaseUrl,
        // The embedded database serves few connections, and one transaction at a time anyway.
        queuePoolSize: embedded ? 1 : 4,
        transport: createMailTransport(
          { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, dataDir: resolve(config.DATA_DIR) },
          (message) => app.log.info(message),
        ),
        log: { info: (message) => app.log.info(message), warn: (details, message) => app.log.warn(details, message) },
      })
    : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Meanwhile new requests get a 503 problem with Retry-After (plugins/errors.ts), so a balancer moves them on.
    setTimeout(() => {
      app.log.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'requests still running at the end of the grace period; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      await background?.stop();
      await app.close();
      await embedded?.stop();
    } finally {
      // Exit even if a client library left a timer or socket behind: shutdown must not hang.
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.HOST, port: config.PORT });
  log(`API docs at ${config.PUBLIC_BASE_URL}/docs`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('[kneadful] failed to start:', error);
  }
  process.exit(1);
});
