// Real processes for the setup tests: the project's own npm scripts and CLIs, started as a newcomer would start
// them, with ports, data folders and databases of their own.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
/** The tsx CLI by absolute path, so a CLI can run with a working directory outside the project. */
export const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

/** The variables the service reads, which a child must not inherit from the test run. */
const SERVICE_VARIABLES = ['NODE_ENV', 'HOST', 'PORT', 'DATABASE_URL', 'DATA_DIR', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'SEED_DEMO_DATA'];

/**
 * The environment of this test run, less vitest's and npm's variables and those the service reads, plus `extra`.
 * With `shieldFromDotEnv`, the service's variables are set empty instead (which it takes as unset): set variables
 * win over .env, so a developer's own .env in the project cannot point a child at their database.
 */
export function cleanEnv(extra: Record<string, string> = {}, options: { shieldFromDotEnv?: boolean } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VITEST|TEST_|npm_)/.test(key) || SERVICE_VARIABLES.includes(key)) continue;
    env[key] = value;
  }
  const shield = options.shieldFromDotEnv ? Object.fromEntries(SERVICE_VARIABLES.map((key) => [key, ''])) : {};
  return { ...env, ...shield, ...extra };
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function isAnswering(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` is true; throws with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

/** Every process below `pid`, read from /proc (Linux). */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses: the parent pid is the second field after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // The process ended while we were reading.
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie is dead but still signals: only its parent can reap it.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** Ends the whole process group, whatever state the test left it in. */
  killGroup: () => void;
}

/**
 * Spawns `command` in a process group of its own, so that cleanup can reach every process it started without
 * touching the test runner, while the test signals only the one pid it holds, as a supervisor would.
 */
export function startProcess(command: string, args: string[], options: SpawnOptions): Started {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    output: () => output,
    killGroup: () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/** Runs a command to completion and returns its exit code and what it printed. */
export function runToEnd(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }) {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
