import fp from 'fastify-plugin';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { poolConfigFromUrl } from '../db/schema-engine.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
}

export function createPrismaClient(databaseUrl: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ ...poolConfigFromUrl(databaseUrl), max: poolSize });
  return new PrismaClient({ adapter });
}

export interface PrismaPluginOptions {
  databaseUrl: string;
  poolSize: number;
  /** A client the caller owns (tests share one per worker); otherwise the plugin creates and closes its own. */
  client?: PrismaClient;
}

export default fp<PrismaPluginOptions>(
  async (app, options) => {
    const prisma = options.client ?? createPrismaClient(options.databaseUrl, options.poolSize);
    app.decorate('prisma', prisma);
    if (!options.client) {
      app.addHook('onClose', async () => {
        await prisma.$disconnect();
      });
    }
  },
  { name: 'prisma' },
);
