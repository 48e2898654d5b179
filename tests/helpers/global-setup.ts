// Once per `vitest run`: migrate a template database with the project's own migration script (the same code
// `npm run db:migrate` runs), load the starter catalogue, and hand its name to the workers, which clone it.
// Names carry this run's pid so parallel runs on one machine never touch each other's databases.
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedCatalogue } from '../../src/db/seed.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { databaseUrl, dropDatabase, withAdminClient } from './database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { runPrefix: string; template: string };
  }
}

const PREFIX = 'kneadful_test_';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function setup(project: TestProject) {
  const runPrefix = `${PREFIX}${process.pid}_`;
  const template = `${runPrefix}template`;

  await withAdminClient(async (client) => {
    // Databases left by runs that were killed before their teardown.
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`,
    );
    for (const { datname } of rows) {
      const pid = Number(datname.slice(PREFIX.length).split('_')[0]);
      if (!isProcessAlive(pid) || pid === process.pid) await dropDatabase(client, datname);
    }
    await client.query(`CREATE DATABASE ${template}`);
  });

  const templateUrl = databaseUrl(template);
  await migrateDatabase({ databaseUrl: templateUrl });
  const prisma = createPrismaClient(templateUrl, 1);
  await seedCatalogue(prisma);
  await prisma.$disconnect();

  project.provide('testDatabase', { runPrefix, template });

  return async () => {
    await withAdminClient(async (client) => {
      const { rows } = await client.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`${runPrefix}%`],
      );
      for (const { datname } of rows) await dropDatabase(client, datname);
    });
  };
}
