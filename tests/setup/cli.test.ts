// The command-line entry points as a newcomer meets them: `npm run db:seed` before `npm run db:migrate`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, dropDatabase, withAdminClient } from '../helpers/database.ts';
import { PROJECT_ROOT, cleanEnv, runToEnd } from '../helpers/processes.ts';

// The suite's global setup drops `kneadful_test_<pid>_...` databases whose process has gone, should this file's
// own cleanup not run.
const emptyDatabase = `kneadful_test_${process.pid}_setup_empty`;
const emptyDatabaseUrl = databaseUrl(emptyDatabase);
const missingDatabaseUrl = databaseUrl(`kneadful_test_${process.pid}_setup_missing`);

beforeAll(async () => {
  await withAdminClient(async (client) => {
    await dropDatabase(client, emptyDatabase);
    await client.query(`CREATE DATABASE ${emptyDatabase}`);
  });
});
afterAll(async () => {
  await withAdminClient((client) => dropDatabase(client, emptyDatabase));
});

describe('npm run db:seed before npm run db:migrate', () => {
  it.each([
    ['an empty database', emptyDatabaseUrl, /not migrated/],
    ['a database that does not exist', missingDatabaseUrl, /does not exist/],
  ])('on %s prints one line naming `npm run db:migrate` and exits non-zero', (_, url, reason) => {
    const run = runToEnd('npm', ['run', 'db:seed'], { cwd: PROJECT_ROOT, env: cleanEnv({ DATABASE_URL: url }, { shieldFromDotEnv: true }) });
    expect(run.status).not.toBe(0);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines, run.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
    expect(lines[0]).toContain('npm run db:migrate');
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});
