import pg from 'pg';
import { poolConfigFromUrl } from './connection.ts';
import { readMigrationsFolder, MIGRATIONS_DIR } from './migrations-folder.ts';

/**
 * The migrations in prisma/migrations that the database has not finished applying, in order, read from the same
 * `_prisma_migrations` table `prisma migrate deploy` and `npm run db:migrate` keep. A database without that table
 * has every migration pending. Connection errors (no server, no such database) are thrown as pg reports them.
 */
export async function pendingMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const folder = (await readMigrationsFolder(migrationsDir)).migrationDirectories.map((migration) => migration.path);
  const client = new pg.Client(poolConfigFromUrl(databaseUrl));
  await client.connect();
  try {
    const table = await client.query<{ found: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS found`);
    if (!table.rows[0]?.found) return folder;
    const applied = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return folder.filter((name) => !done.has(name));
  } finally {
    await client.end();
  }
}
