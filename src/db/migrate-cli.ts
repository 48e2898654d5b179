// npm run db:migrate — apply prisma/migrations to DATABASE_URL (creating the database if needed).
import { loadEnvFileIfPresent } from '../lib/env-file.ts';
import { ensureDatabaseExists, migrateDatabase } from './migrate.ts';

loadEnvFileIfPresent();
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is not set. Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kneadful');
  process.exit(2);
}
try {
  await ensureDatabaseExists(databaseUrl);
  const applied = await migrateDatabase({ databaseUrl, log: (message) => process.env.DEBUG && console.error(message) });
  console.log(applied.length ? `applied ${applied.length}: ${applied.join(', ')}` : 'database is up to date');
  process.exit(0);
} catch (error) {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
