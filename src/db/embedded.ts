// The zero-setup database for `npm start` without DATABASE_URL: PGlite (PostgreSQL compiled to WebAssembly),
// served over the PostgreSQL wire protocol on loopback so the ordinary pg driver, Prisma and the migration
// engine use it exactly like a real server. Data lives in a directory and survives restarts.
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * How the app must use the embedded database. PGlite runs one transaction at a time, so more than one pooled
 * connection would only queue. And it is one backend session behind every socket connection: a prepared statement
 * outlives the connection that made it, so the next connection's driver, which starts with no statements, would
 * prepare the same name again and fail with 42P05 ("prepared statement already exists").
 */
export const EMBEDDED_DATABASE_SETTINGS = { DATABASE_POOL_SIZE: 1, DATABASE_STATEMENT_CACHE_SIZE: 0 } as const;

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

async function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEmbeddedPostgres(dataDir: string, port?: number): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  // btree_gist backs the no-double-booking exclusion constraint.
  const db = await PGlite.create({ dataDir, extensions: { btree_gist } });
  // Loopback only, never configurable: the database has no authentication (see the URL below).
  const host = '127.0.0.1';
  const listenPort = port ?? (await findFreePort(host));
  // PGlite runs one transaction at a time; extra connections queue behind it rather than fail.
  const server = new PGLiteSocketServer({ db, host, port: listenPort, maxConnections: 8 });
  await server.start();
  return {
    // No password: pglite-socket hands the startup message to PGlite, which accepts any user and any password
    // (measured: a wrong one connects as postgres). A password here would only look like protection, and was printed
    // in the start-up log. What protects the data is the loopback-only listener: only processes on this machine
    // can connect, so the embedded database is for one developer's machine, not for a shared host (see README).
    // PGlite ignores the database name; "postgres" keeps the URL conventional.
    url: `postgresql://postgres@${host}:${listenPort}/postgres`,
    dataDir,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
