// `npm start` and `npm run dev` as a newcomer and a supervisor meet them: the README's walk-through runs as written
// against a freshly started server, and both scripts stop, with everything they started, when the one pid that
// was started gets SIGTERM (systemd, a CI step, `kill`), although npm, a shell and node sit in between.
// One embedded database serves the whole file: creating and migrating one costs far more than a restart.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROJECT_ROOT,
  cleanEnv,
  descendantsOf,
  freePort,
  isAlive,
  isAnswering,
  startProcess,
  waitFor,
  type Started,
} from '../helpers/processes.ts';
import { readWalkthrough } from '../helpers/walkthrough.ts';

const walkthrough = readWalkthrough(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'kneadful-npm-start-'));
});
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function startScript(script: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const started = startProcess('npm', ['run', script], {
    cwd: PROJECT_ROOT,
    env: cleanEnv(
      { ...env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', PASSWORD_HASH_COST: '10' },
      { shieldFromDotEnv: true },
    ),
  });
  const health = `http://127.0.0.1:${port}/health`;
  await waitFor(`${health} (output so far: ${started.output()})`, () => isAnswering(health), 150_000);
  return { started, port, health };
}

async function expectStopsOnSigterm(started: Started, health: string): Promise<void> {
  const pid = started.child.pid!;
  const tree = descendantsOf(pid);
  expect(tree.length).toBeGreaterThan(0);

  process.kill(pid, 'SIGTERM');

  await waitFor('the port to stop answering', async () => !(await isAnswering(health)), 10_000);
  await waitFor(
    `every process to end (left: ${[pid, ...tree].filter(isAlive).join(', ')})`,
    () => [pid, ...tree].every((process) => !isAlive(process)),
    10_000,
  );
}

/** The README's commands with the test server's port, failing at the first step whose HTTP status is not 2xx. */
function runSteps(script: string, port: number, curlOptions: string) {
  const prelude = `set -euo pipefail\ncurl() { command curl ${curlOptions} "$@"; }\n`;
  const result = spawnSync('bash', ['-c', prelude + script.replaceAll('localhost:3000', `localhost:${port}`)], {
    encoding: 'utf8',
    env: cleanEnv(),
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm start', () => {
  let server: Awaited<ReturnType<typeof startScript>> | undefined;
  beforeAll(async () => {
    server = await startScript('start', walkthrough.serverEnv);
  }, 180_000);
  afterAll(() => server?.started.killGroup());

  it("runs the README's walk-through as written, up to the session, and refuses completion before the start", () => {
    const { port } = server!;
    // The variables the walk-through sets must reach the after-session steps, so both run in one shell; the
    // after-session steps print their status instead of failing, since 409 is what they answer now.
    const script = `${walkthrough.steps}\necho; echo '--- after the session ---'\n` +
      `curl() { command curl --write-out '\\nHTTP %{http_code}\\n' "$@"; }\n${walkthrough.afterSession}`;
    const run = runSteps(script, port, '--fail-with-body');
    expect(run.status, run.output).toBe(0);
    const [before, after] = run.output.split('--- after the session ---');
    expect(before).toContain('"status":"CONFIRMED"');
    expect(before).toContain('"bookable":["swedish"]');
    expect(after?.match(/^HTTP \d+$/gm)).toEqual(['HTTP 409', 'HTTP 409']);
    expect(after).toContain('"code":"appointment-not-started"');
    expect(after).toContain('"code":"appointment-not-completed"');
  }, 120_000);

  it("writes the walk-through's messages as .eml files under DATA_DIR/mail, the confirmation with its invite", async () => {
    // No SMTP_URL: the workers running in `npm start` write each message to a file.
    const mailDir = join(dataDir, 'mail');
    const confirmation = async () => {
      const names = await readdir(mailDir).catch(() => [] as string[]);
      for (const name of names.filter((file) => file.endsWith('.eml'))) {
        const text = await readFile(join(mailDir, name), 'utf8');
        if (/^Subject: Confirmed/m.test(text)) return text;
      }
      return undefined;
    };
    await waitFor('a confirmation .eml file', async () => (await confirmation()) !== undefined, 30_000);
    const text = (await confirmation())!;
    expect(text).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(text).toContain('METHOD:REQUEST');
  }, 60_000);

  it('stops serving, with every process it started, when the pid it was started as gets SIGTERM', async () => {
    await expectStopsOnSigterm(server!.started, server!.health);
  }, 60_000);
});

describe('npm run dev', () => {
  it('stops serving, with every process it started, when the pid it was started as gets SIGTERM', async () => {
    const { started, health } = await startScript('dev');
    try {
      await expectStopsOnSigterm(started, health);
    } finally {
      started.killGroup();
    }
  }, 240_000);
});
