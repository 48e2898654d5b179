// A PostgreSQL cluster of a test's own, in a temporary directory on a free port, for tests that stop and start the
// database under the app. The shared server on 5432 is never touched: other tests (and other people) rely on it.
import { execFile } from 'node:child_process';
import { chownSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN_DIR = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface ScratchPostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** `fast` stops as a crash would look to clients (connections cut); `immediate` skips the shutdown checkpoint. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` system user instead. */
async function runAsOwner(command: string, args: string[]): Promise<void> {
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
    uid: Number(stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  })) : undefined;
  await run(join(BIN_DIR, command), args, { ...(owner ?? {}), timeout: 60_000 });
}

export async function createScratchPostgres(): Promise<ScratchPostgres> {
  const root = await mkdtemp(join(tmpdir(), 'kneadful-scratch-pg-'));
  if (userInfo().uid === 0) {
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(uid.trim()), Number(gid.trim()));
  }
  const dataDir = join(root, 'data');
  const port = await freePort();
  await runAsOwner('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const cluster: ScratchPostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await runAsOwner('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'log'), '-w', 'start']);
    },
    async stop(mode = 'fast') {
      await runAsOwner('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    },
    async destroy() {
      await cluster.stop('immediate').catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}
