import fp from 'fastify-plugin';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { poolConfigFromUrl } from '../db/schema-engine.ts';
import { createStatementNamer, DEFAULT_STATEMENT_CACHE_SIZE } from '../db/statement-names.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
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

export interface PrismaPluginOptions {
  databaseUrl: string;
  poolSize: number;
  statementCacheSize: number;
  /** A client the caller owns (tests share one per worker); otherwise the plugin creates and closes its own. */
  client?: PrismaClient;
}

export default fp<PrismaPluginOptions>(
  async (app, options) => {
    const prisma = options.client ?? createPrismaClient(options.databaseUrl, options.poolSize, options.statementCacheSize);
    app.decorate('prisma', prisma);
    if (!options.client) {
      app.addHook('onClose', async () => {
        await prisma.$disconnect();
      });
    }
  },
  { name: 'prisma' },
);
