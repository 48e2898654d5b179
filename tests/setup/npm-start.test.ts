// `npm start` and `npm run dev` as a supervisor meets them: both stop, with everything they started, when the one
// pid that was started gets SIGTERM (systemd, a CI step, `kill`), although npm, a shell and node sit in between.
// One embedded database serves the whole file: creating and migrating one costs far more than a restart.
import { mkdtemp, rm } from 'node:fs/promises';
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

describe('npm start', () => {
  let server: Awaited<ReturnType<typeof startScript>> | undefined;
  beforeAll(async () => {
    server = await startScript('start');
  }, 180_000);
  afterAll(() => server?.started.killGroup());

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
