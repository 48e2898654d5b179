// Runs the background workers alone, without the HTTP API: `npm run worker`, for deployments that scale API
// processes (WORKERS=false) and workers separately. Any number may run against one database.
import { resolve } from 'node:path';
import { ConfigError, parseConfig } from './config.ts';
import { createPrismaClient } from './db/connection.ts';
import { systemClock } from './lib/clock.ts';
import { loadEnvFileIfPresent } from './lib/env-file.ts';
import { startBackgroundWork } from './jobs/background-work.ts';
import { createMailTransport } from './modules/messages/mail-transport.ts';

async function main(): Promise<void> {
  loadEnvFileIfPresent();
  const config = parseConfig(process.env);
  const log = {
    info: (message: string) => console.log(`[kneadful-worker] ${message}`),
    warn: (details: object, message: string) => console.warn(`[kneadful-worker] ${message}`, JSON.stringify(details)),
  };
  if (!config.DATABASE_URL) {
    // The embedded database lives inside the API process; a separate worker needs a PostgreSQL server to share.
    throw new ConfigError(['DATABASE_URL: a separate worker needs it (with the embedded database, use npm start)']);
  }
  const prisma = createPrismaClient(config.DATABASE_URL, config.DATABASE_POOL_SIZE, config.DATABASE_STATEMENT_CACHE_SIZE);
  const work = await startBackgroundWork({
    core: { prisma, clock: systemClock, config },
    databaseUrl: config.DATABASE_URL,
    queuePoolSize: 4,
    transport: createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, dataDir: resolve(config.DATA_DIR) }, log.info),
    log,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing the jobs in hand');
    try {
      await work.stop();
      await prisma.$disconnect();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `[kneadful-worker] failed to start: ${String(error)}`);
  process.exit(1);
});
