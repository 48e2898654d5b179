// npm run db:seed — load the starter catalogue (if empty), demo therapists (SEED_DEMO_DATA) and the first admin
// (ADMIN_EMAIL / ADMIN_PASSWORD) into DATABASE_URL. Safe to run again: it only adds what is missing.
// A database that is not ready for it (missing, unmigrated, unreachable) gets one line that says what to run,
// not a stack trace: this is one of the first commands a newcomer types.
import { ConfigError, parseConfig, type AppConfig } from '../config.ts';
import { loadEnvFileIfPresent } from '../lib/env-file.ts';
import { createPrismaClient, poolConfigFromUrl } from './connection.ts';
import { pendingMigrations } from './migration-status.ts';
import { ensureAdmin, seedCatalogue, seedDemoTherapists } from './seed.ts';

function fail(message: string, exitCode = 1): never {
  console.error(message);
  process.exit(exitCode);
}

/** The reason a database cannot be seeded yet, as one line naming the command that fixes it; null when ready. */
async function notReadyReason(databaseUrl: string): Promise<string | null> {
  const { host, port, database } = poolConfigFromUrl(databaseUrl);
  try {
    const pending = await pendingMigrations(databaseUrl);
    if (pending.length === 0) return null;
    return `database "${database}" is not migrated (${pending.length} migration(s) pending): run \`npm run db:migrate\` first`;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') return `database "${database}" does not exist: run \`npm run db:migrate\` first (it creates it)`;
    if (code === 'ECONNREFUSED') return `no PostgreSQL answers at ${host}:${port}: start it, or fix DATABASE_URL`;
    return `cannot check database "${database}": ${error instanceof Error ? error.message : String(error)}`;
  }
}

function configFromEnvironment(): AppConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

loadEnvFileIfPresent();
const config = configFromEnvironment();
if (!config.DATABASE_URL) fail('DATABASE_URL is not set (npm start seeds the embedded database by itself)', 2);
const reason = await notReadyReason(config.DATABASE_URL);
if (reason) fail(reason);

const prisma = createPrismaClient(config.DATABASE_URL, 2, 0);
try {
  console.log(`catalogue: ${await seedCatalogue(prisma)} type(s) added`);
  if (config.SEED_DEMO_DATA) {
    console.log(`demo therapists: ${await seedDemoTherapists(prisma, config.PASSWORD_HASH_COST, new Date())} added`);
  }
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await ensureAdmin(prisma, {
      email: config.ADMIN_EMAIL,
      password: config.ADMIN_PASSWORD,
      passwordCost: config.PASSWORD_HASH_COST,
    });
    console.log(`admin ${config.ADMIN_EMAIL}: ${outcome}`);
  } else {
    console.log('no ADMIN_EMAIL/ADMIN_PASSWORD: no admin created');
  }
} catch (error) {
  fail(`seeding failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await prisma.$disconnect();
}
