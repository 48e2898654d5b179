// The command-line entry points as a newcomer meets them: `npm run db:seed` before `npm run db:migrate`, and a
// .env file that the server and the db:* scripts read (the variables already set winning over it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvFileIfPresent } from '../../src/lib/env-file.ts';
import { databaseUrl, dropDatabase, withAdminClient } from '../helpers/database.ts';
import { PROJECT_ROOT, TSX, cleanEnv, freePort, runToEnd } from '../helpers/processes.ts';

// The suite's global setup drops `kneadful_test_<pid>_...` databases whose process has gone, should this file's
// own cleanup not run.
const emptyDatabase = `kneadful_test_${process.pid}_setup_empty`;
const emptyDatabaseUrl = databaseUrl(emptyDatabase);
const missingDatabaseUrl = databaseUrl(`kneadful_test_${process.pid}_setup_missing`);
/** Nothing listens on port 1: a URL that can only have come from where the test put it. */
const UNREACHABLE_URL = 'postgresql://postgres@127.0.0.1:1/from_dotenv';

const folders: string[] = [];
/** A working directory holding only a .env with `lines`. */
function folderWithDotEnv(...lines: string[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'kneadful-dotenv-'));
  folders.push(folder);
  writeFileSync(join(folder, '.env'), `# written by tests/setup/cli.test.ts\n${lines.join('\n')}\n`);
  return folder;
}

const cli = (script: string, cwd: string, env: Record<string, string> = {}, args: string[] = []) =>
  runToEnd(TSX, [join(PROJECT_ROOT, 'src', script), ...args], { cwd, env: cleanEnv(env), timeoutMs: 90_000 });

beforeAll(async () => {
  await withAdminClient(async (client) => {
    await dropDatabase(client, emptyDatabase);
    await client.query(`CREATE DATABASE ${emptyDatabase}`);
  });
});
afterAll(async () => {
  await withAdminClient((client) => dropDatabase(client, emptyDatabase));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
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

describe('.env', () => {
  it('is read by db:seed, and a variable set in the environment wins over it', () => {
    const fromFile = cli('db/seed-cli.ts', folderWithDotEnv(`DATABASE_URL=${emptyDatabaseUrl}`));
    expect(fromFile.stderr).toContain(`database "${emptyDatabase}" is not migrated`);

    const overridden = cli('db/seed-cli.ts', folderWithDotEnv(`DATABASE_URL=${UNREACHABLE_URL}`), {
      DATABASE_URL: emptyDatabaseUrl,
    });
    expect(overridden.stderr).toContain(`database "${emptyDatabase}" is not migrated`);
  }, 120_000);

  it('is read by db:migrate', () => {
    const run = cli('db/migrate-cli.ts', folderWithDotEnv(`DATABASE_URL=${UNREACHABLE_URL}`));
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/migration failed: .*127\.0\.0\.1:1/);
  }, 120_000);

  it('is read by db:diff', () => {
    // Without the file, db:diff would fall back to the local server and succeed.
    const run = cli('db/diff-cli.ts', folderWithDotEnv(`DATABASE_URL=${UNREACHABLE_URL}`), {}, ['probe_only']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/diff failed: .*127\.0\.0\.1:1/);
  }, 120_000);

  it('is read by the server, and a variable set in the environment wins over it', async () => {
    const folder = folderWithDotEnv('PORT=not-a-port', 'LOG_LEVEL=silent');
    const fromFile = cli('server.ts', folder);
    expect(fromFile.status).toBe(1);
    expect(fromFile.stderr).toMatch(/Invalid configuration:\n\s+- PORT:/);

    // With PORT from the environment the configuration is valid, and start-up gets as far as the database.
    const overridden = cli('server.ts', folder, { PORT: String(await freePort()), DATABASE_URL: UNREACHABLE_URL });
    expect(overridden.status).toBe(1);
    expect(overridden.stderr).not.toContain('Invalid configuration');
    expect(overridden.stderr).toMatch(/failed to start: .*ECONNREFUSED 127\.0\.0\.1:1/);
  }, 120_000);

  it('is optional, and is read with Node’s own parser into process.env without replacing what is set', () => {
    expect(loadEnvFileIfPresent(join(folderWithDotEnv(), 'no-such.env'))).toBe(false);
    const folder = folderWithDotEnv(
      'KNEADFUL_ENV_FILE_TEST_NEW="a quoted value"',
      'KNEADFUL_ENV_FILE_TEST_SET=from the file',
      'KNEADFUL_ENV_FILE_TEST_EMPTY=from the file',
    );
    process.env.KNEADFUL_ENV_FILE_TEST_SET = 'from the environment';
    process.env.KNEADFUL_ENV_FILE_TEST_EMPTY = '';
    try {
      expect(loadEnvFileIfPresent(join(folder, '.env'))).toBe(true);
      expect(process.env.KNEADFUL_ENV_FILE_TEST_NEW).toBe('a quoted value');
      expect(process.env.KNEADFUL_ENV_FILE_TEST_SET).toBe('from the environment');
      expect(process.env.KNEADFUL_ENV_FILE_TEST_EMPTY).toBe('');
    } finally {
      for (const key of ['NEW', 'SET', 'EMPTY']) delete process.env[`KNEADFUL_ENV_FILE_TEST_${key}`];
    }
  });
});
