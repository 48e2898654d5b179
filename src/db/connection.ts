// How the service reaches PostgreSQL: one place that turns a URL into pool settings and a Prisma client, used by
// the HTTP app, the migration tooling, scripts and tests alike.
import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { createStatementNamer, DEFAULT_STATEMENT_CACHE_SIZE } from './statement-names.ts';

/** Splits a postgres:// URL into pg pool fields (a connectionString would win over a separately
 * given `database`, which the schema engine's shadow database relies on: see schema-engine.ts, defect 1). */
export function poolConfigFromUrl(databaseUrl: string): PoolConfig {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    ...(sslmode && sslmode !== 'disable' ? { ssl: { rejectUnauthorized: sslmode === 'verify-full' } } : {}),
  };
}

export function createPrismaClient(
  databaseUrl: string,
  poolSize = 10,
  statementCacheSize = DEFAULT_STATEMENT_CACHE_SIZE,
): PrismaClient {
  const adapter = new PrismaPg(
    { ...poolConfigFromUrl(databaseUrl), max: poolSize },
    statementCacheSize > 0 ? { statementNameGenerator: createStatementNamer(statementCacheSize) } : {},
  );
  return new PrismaClient({ adapter });
}
