import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

const READY_TIMEOUT_MS = 2_000;

const operationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        operationId: 'health',
        summary: 'The process is up (does not touch the database)',
        description:
          'For liveness probes: answers 200 while the process runs, without touching the database. Needs no ' +
          'login.',
        response: { 200: z.object({ status: z.literal('ok').describe('Always `ok` when the process answers') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    {
      schema: {
        tags: ['operations'],
        operationId: 'ready',
        summary: 'The database answers; load balancers route traffic only when this is 200',
        description:
          'For readiness probes: 200 when the database answers within 2 seconds, else 503 with `status: ' +
          '"unavailable"` (a plain body, not a problem document). Needs no login.',
        response: {
          200: z.object({ status: z.literal('ready').describe('The database answered') }),
          503: z
            .object({
              status: z.literal('unavailable').describe('The database did not answer in time'),
              detail: z.string().describe('What failed, for the operator'),
            })
            .describe('Not ready: keep traffic away until this is 200'),
        },
      },
    },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          app.prisma.$queryRaw`SELECT 1`,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database did not answer in time')), READY_TIMEOUT_MS);
          }),
        ]);
        return { status: 'ready' as const };
      } catch (error) {
        app.log.warn({ err: error }, 'readiness check failed');
        return reply.code(503).send({ status: 'unavailable' as const, detail: 'the database is not answering' });
      } finally {
        clearTimeout(timer);
      }
    },
  );
};

export default operationsRoutes;
