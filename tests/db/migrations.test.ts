// The offline migration scripts against a real, empty PostgreSQL database.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { writeNextMigration } from '../../src/db/diff.ts';
import { ensureDatabaseExists, migrateDatabase } from '../../src/db/migrate.ts';
import { MIGRATIONS_DIR, readMigrationsFolder } from '../../src/db/migrations-folder.ts';
import { databaseUrl, dropDatabase, withAdminClient } from '../helpers/database.ts';

const name = `${inject('testDatabase').runPrefix}migrations`;
const url = databaseUrl(name);

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('offline migrations', () => {
  afterAll(async () => {
    await withAdminClient((client) => dropDatabase(client, name));
  });

  it('creates a missing database and applies every migration in order, recorded as prisma migrate deploy does', async () => {
    await ensureDatabaseExists(url);
    const folder = await readMigrationsFolder();
    const expected = folder.migrationDirectories.map((directory) => directory.path);
    expect(await migrateDatabase({ databaseUrl: url })).toEqual(expected);

    const recorded = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(recorded.map((row) => row.migration_name)).toEqual(expected);
    for (const row of recorded) {
      expect(row.finished_at).not.toBeNull();
      // The checksum `prisma migrate deploy` compares: SHA-256 of migration.sql.
      const sql = await readFile(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    }
  });

  it('applies nothing the second time', async () => {
    expect(await migrateDatabase({ databaseUrl: url })).toEqual([]);
  });

  it('installs the hand-written no-overlap constraints', async () => {
    const constraints = await query<{ conname: string }>(
      `SELECT conname FROM pg_constraint WHERE contype = 'x' ORDER BY conname`,
    );
    expect(constraints.map((row) => row.conname)).toEqual([
      'Appointment_client_no_overlap',
      'Appointment_therapist_no_overlap',
    ]);
  });

  it('finds schema.prisma and the migrations folder in agreement (no migration left unwritten)', async () => {
    // Diffing replays the migrations into a throw-away shadow database, then compares with schema.prisma.
    const written = await writeNextMigration({ databaseUrl: url, name: 'should_not_exist', now: new Date(), migrationsDir: MIGRATIONS_DIR });
    expect(written).toBeNull();
    const leftovers = await withAdminClient(async (client) =>
      (await client.query(`SELECT datname FROM pg_database WHERE datname LIKE 'kneadful_shadow_%'`)).rows,
    );
    expect(leftovers).toEqual([]);
  });
});
