import Fastify, { type FastifyInstance, type FastifySchema } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import type { PrismaClient } from './generated/prisma/client.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { ValidationError } from './lib/errors.ts';
import { serializeRequestForLog } from './lib/logging.ts';
import { requestIdFor } from './lib/request-id.ts';
import { pathsContainingNul } from './lib/text-input.ts';
import authPlugin from './plugins/auth.ts';
import errorsPlugin, { sendFrameworkError } from './plugins/errors.ts';
import openapiPlugin from './plugins/openapi.ts';
import prismaPlugin from './plugins/prisma.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import rateLimitPlugin, { trustProxyOption } from './plugins/rate-limit.ts';
import { registerModules } from './modules/index.ts';
import { createServices } from './services.ts';

/** One registered route, as the fuzz and authorisation tests enumerate them. */
export interface RouteEntry {
  method: string;
  url: string;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    clock: Clock;
    /** Every route the app registered (HEAD twins excluded). */
    routeCatalog: RouteEntry[];
  }
}

export interface BuildAppOptions {
  config: AppConfig;
  /** A client owned by the caller (tests); by default the app opens and closes its own from DATABASE_URL. */
  prisma?: PrismaClient;
  clock?: Clock;
  /** Overrides the config's log level; tests pass false. */
  logger?: boolean;
  /** Where log lines go instead of standard output (a test that reads the logs). */
  logStream?: { write(line: string): void };
}

/** Builds the whole service without listening: used by server.ts and by every HTTP test. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  if (!config.JWT_SECRET) throw new Error('buildApp needs config.JWT_SECRET (server.ts provides one in development)');
  if (!config.DATABASE_URL && !options.prisma) throw new Error('buildApp needs config.DATABASE_URL or a prisma client');

  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            serializers: { req: serializeRequestForLog },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    // The incoming x-request-id is read by requestIdFor, which keeps only a safe one.
    requestIdHeader: false,
    genReqId: requestIdFor,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    bodyLimit: 64 * 1024,
    // Ids are opaque: a long unknown one should read as "not found", not as "URI too long".
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: sendFrameworkError,
    // A slow or silent client must not hold a connection (Fastify's 0s turn Node's own limits off as well).
    connectionTimeout: config.HTTP_CONNECTION_TIMEOUT_MS,
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxRequestsPerSocket: config.HTTP_MAX_REQUESTS_PER_SOCKET,
    // Node enforces the header and request deadlines only when it checks its connections (every 30 s by default).
    http: { headersTimeout: config.HTTP_HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    // The errors plugin answers while closing, as a problem with Retry-After, instead of Fastify's bare JSON.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  const clock = options.clock ?? systemClock;
  app.decorate('clock', clock);
  const routeCatalog: RouteEntry[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeCatalog.push({ method, url: route.url, schema: route.schema });
    }
  });
  app.addHook('preValidation', async (request) => {
    const paths = [
      ...pathsContainingNul(request.params, 'params'),
      ...pathsContainingNul(request.query, 'querystring'),
      ...pathsContainingNul(request.body, 'body'),
    ];
    if (paths.length > 0) {
      throw new ValidationError(
        'Text in the request contains the NUL character, which cannot be stored',
        paths.map((path) => ({ path, message: 'must not contain the NUL character (\\u0000)' })),
      );
    }
  });
  // Echo the request id so a client's bug report can be matched to our logs.
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, { production: config.NODE_ENV === 'production' });
  await app.register(prismaPlugin, {
    databaseUrl: config.DATABASE_URL ?? '',
    poolSize: config.DATABASE_POOL_SIZE,
    statementCacheSize: config.DATABASE_STATEMENT_CACHE_SIZE,
    ...(options.prisma ? { client: options.prisma } : {}),
  });
  await app.register(authPlugin, {
    secret: config.JWT_SECRET,
    accessTokenTtlMinutes: config.ACCESS_TOKEN_TTL_MINUTES,
    clock,
  });
  await app.register(rateLimitPlugin);
  await app.register(openapiPlugin);
  app.decorate('services', createServices({ prisma: app.prisma, clock, config }));
  await registerModules(app);
  return app;
}
