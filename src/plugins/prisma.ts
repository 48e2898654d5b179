import fp from 'fastify-plugin';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createPrismaClient } from '../db/connection.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
  }
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
