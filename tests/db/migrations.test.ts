// The offline migration scripts against a real, empty PostgreSQL database.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import pg from 'pg';
import { writeNextMigration } from '../../src/db/diff.ts';
import { ensureDatabaseExists, migrateDatabase } from '../../src/db/migrate.ts';
import { MIGRATIONS_DIR, PROJECT_ROOT, SCHEMA_PATH, readMigrationsFolder } from '../../src/db/migrations-folder.ts';
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

const runFile = promisify(execFile);

describe('offline migrations', () => {
  afterAll(async () => {
    await withAdminClient(async (client) => {
      await dropDatabase(client, name);
      await dropDatabase(client, `${name}_cli`);
      await dropDatabase(client, `${name}_diff`);
    });
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

  it('runs as `npm run db:migrate` does: creates the database, migrates it, and reports nothing to do the second time', async () => {
    // The command itself, in its own process, as a user or CI runs it (package.json: tsx src/db/migrate-cli.ts).
    const cli = join(PROJECT_ROOT, 'src', 'db', 'migrate-cli.ts');
    const env = { ...process.env, DATABASE_URL: databaseUrl(`${name}_cli`) };
    const first = await runFile(process.execPath, ['--import', 'tsx', cli], { cwd: PROJECT_ROOT, env });
    const count = (await readMigrationsFolder()).migrationDirectories.length;
    expect(first.stdout).toMatch(new RegExp(`^applied ${count}: `));
    const second = await runFile(process.execPath, ['--import', 'tsx', cli], { cwd: PROJECT_ROOT, env });
    expect(second.stdout.trim()).toBe('database is up to date');
  });

  it('writes the next migration from a changed schema, and that migration applies on top of the others', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'kneadful-diff-'));
    try {
      const migrationsDir = join(workspace, 'migrations');
      await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
      const schemaPath = join(workspace, 'schema.prisma');
      const schema = await readFile(SCHEMA_PATH, 'utf8');
      await writeFile(schemaPath, `${schema}\nmodel GiftVoucher {\n  id   String @id\n  code String @unique\n}\n`);

      const written = await writeNextMigration({
        databaseUrl: url,
        name: 'add gift vouchers',
        now: new Date('2027-01-02T03:04:05Z'),
        migrationsDir,
        schemaPath,
      });

      expect(written?.folder).toBe(join(migrationsDir, '20270102030405_add_gift_vouchers'));
      expect(written?.sql).toContain('CREATE TABLE "GiftVoucher"');
      // Only the new table: the hand-written constraints of earlier migrations are left alone.
      expect(written?.sql).not.toMatch(/DROP|no_overlap/);
      expect(await readdir(migrationsDir)).toContain('20270102030405_add_gift_vouchers');

      const target = databaseUrl(`${name}_diff`);
      await ensureDatabaseExists(target);
      const applied = await migrateDatabase({ databaseUrl: target, migrationsDir, schemaPath });
      expect(applied.at(-1)).toBe('20270102030405_add_gift_vouchers');
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT to_regclass('"GiftVoucher"')::text AS name`);
        expect(rows).toEqual([{ name: '"GiftVoucher"' }]);
      } finally {
        await client.end();
      }
    } finally {
      await rm(workspace, { recursive: true, force: true });
    }
  });
});
