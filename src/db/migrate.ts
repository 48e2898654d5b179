import pg from 'pg';
import { poolConfigFromUrl } from './connection.ts';
import { openSchemaEngine, type EngineLog } from './schema-engine.ts';
import { readMigrationsFolder, SCHEMA_PATH, MIGRATIONS_DIR } from './migrations-folder.ts';

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Creates the database named in the URL when it does not exist yet (a fresh machine, a new test worker). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const config = poolConfigFromUrl(databaseUrl);
  const admin = new pg.Client({ ...config, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.database]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(config.database ?? 'postgres')}`);
    }
  } catch (error) {
    // Two processes may race to create it; losing that race is fine.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}

/**
 * Applies every migration in prisma/migrations that the database has not recorded yet, exactly as
 * `prisma migrate deploy` would (same `_prisma_migrations` bookkeeping), and returns the names applied.
 */
export async function migrateDatabase(options: {
  databaseUrl: string;
  migrationsDir?: string;
  schemaPath?: string;
  log?: EngineLog;
}): Promise<string[]> {
  const { engine, close } = await openSchemaEngine({
    databaseUrl: options.databaseUrl,
    schemaPath: options.schemaPath ?? SCHEMA_PATH,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const migrationsList = await readMigrationsFolder(options.migrationsDir ?? MIGRATIONS_DIR);
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  } finally {
    await close();
  }
}
