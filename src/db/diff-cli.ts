// npm run db:diff -- NAME — write prisma/migrations/<timestamp>_NAME/migration.sql from schema.prisma.
// Needs a PostgreSQL server (DATABASE_URL, default the local one) where it may create a throw-away shadow database.
import { loadEnvFileIfPresent } from '../lib/env-file.ts';
import { writeNextMigration } from './diff.ts';

loadEnvFileIfPresent();
const name = process.argv[2];
const databaseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(2);
}
try {
  const written = await writeNextMigration({ databaseUrl, name, now: new Date() });
  console.log(written ? `wrote ${written.folder}/migration.sql` : 'schema.prisma and prisma/migrations agree; nothing written');
  process.exit(0);
} catch (error) {
  console.error('diff failed:', error instanceof Error ? error.message : error);
  process.exit(1);
}
