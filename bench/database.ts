// The benchmark's own databases on the local PostgreSQL: dropped, created, migrated and given the catalogue afresh.
import pg from 'pg';
import { createPrismaClient } from '../src/db/connection.ts';
import { ensureDatabaseExists, migrateDatabase } from '../src/db/migrate.ts';
import { seedCatalogue } from '../src/db/seed.ts';

export const SERVER_URL = process.env.BENCH_DATABASE_SERVER_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function resetDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  const url = databaseUrl(name);
  await ensureDatabaseExists(url);
  await migrateDatabase({ databaseUrl: url });
  const prisma = createPrismaClient(url, 1);
  await seedCatalogue(prisma);
  await prisma.$disconnect();
  return url;
}

