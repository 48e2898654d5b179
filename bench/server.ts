// The benchmark's server process: the real app plus one bare "ceiling" route that runs a trivial query through the
// same Prisma client, so every scenario can be read as a fraction of what the stack itself allows.
//
// BENCH_STATEMENT_CACHE=1 gives the app a client whose pg connections keep each SQL text as a named prepared
// statement (PrismaPg's `statementNameGenerator`), so PostgreSQL parses and plans it once per connection rather
// than on every execution: a what-if for src/plugins/prisma.ts, off by default so the bench measures the app as
// it ships.
import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { buildApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { poolConfigFromUrl } from '../src/db/schema-engine.ts';
import { PrismaClient } from '../src/generated/prisma/client.ts';

const config = parseConfig({ ...process.env, LOG_LEVEL: 'silent' });

function statementCachingClient(databaseUrl: string, poolSize: number): PrismaClient {
  const names = new Map<string, string>();
  const adapter = new PrismaPg(
    { ...poolConfigFromUrl(databaseUrl), max: poolSize },
    {
      statementNameGenerator: (query) => {
        let name = names.get(query.sql);
        if (name === undefined) {
          name = `q${createHash('sha1').update(query.sql).digest('hex').slice(0, 24)}`;
          names.set(query.sql, name);
        }
        return name;
      },
    },
  );
  return new PrismaClient({ adapter });
}

const prisma =
  process.env.BENCH_STATEMENT_CACHE === '1' && config.DATABASE_URL
    ? statementCachingClient(config.DATABASE_URL, config.DATABASE_POOL_SIZE)
    : undefined;
const app = await buildApp({ config, ...(prisma ? { prisma } : {}) });
app.get('/__bench/ceiling', { schema: { hide: true } }, async () => {
  await app.prisma.$queryRaw`SELECT 1`;
  return { ok: true };
});
await app.listen({ host: '127.0.0.1', port: config.PORT });
process.stdout.write(`listening ${config.PORT}\n`);
const stop = async () => {
  await app.close();
  await prisma?.$disconnect();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
