import fp from 'fastify-plugin';
import fastifyRateLimit, { type FastifyRateLimitStore, type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyServerOptions, RouteOptions } from 'fastify';
import type { AppConfig, RateLimitSpec } from '../config.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Clock } from '../lib/clock.ts';
import { MS_PER_MINUTE } from '../lib/durations.ts';
import { RateLimitedError } from '../lib/errors.ts';
import { incrementWindow, purgeWindows } from '../lib/rate-limit.ts';

/** The per-address limits a route opts into with `config: { rateLimit: app.rateLimits.<name> }`. */
export interface RouteRateLimits {
  register: RateLimitOptions;
  forgotPassword: RateLimitOptions;
  screeningPreview: RateLimitOptions;
  therapistSlots: RateLimitOptions;
  slotSearch: RateLimitOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    rateLimits: RouteRateLimits;
  }
}

const PURGE_EVERY_MS = 10 * MS_PER_MINUTE;

/**
 * @fastify/rate-limit's store contract (`incr` with a callback, `child` per route) over the same RateLimitBucket
 * table and atomic upsert as the login limits, so every instance counts into one place. Its in-memory default
 * would give each instance its own budget, and the Redis one needs a server we do not run.
 */
class PostgresRateLimitStore implements FastifyRateLimitStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly clock: Clock,
    private readonly prefix: string,
  ) {}

  incr(
    key: string,
    callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
    timeWindow: number,
  ): void {
    const now = this.clock.now();
    incrementWindow(this.db, this.prefix + key, now, timeWindow).then(
      ({ count, windowStartsAt }) =>
        callback(null, { current: count, ttl: Math.max(0, windowStartsAt.getTime() + timeWindow - now.getTime()) }),
      (error: Error) => callback(error),
    );
  }

  child(options: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // The plugin passes the route's merged limit settings with the route under `routeInfo` (11.2's typings say
    // route options). One counter per route, not per resource: the slots of 1,000 therapists are 1,000 requests.
    const route = (options as unknown as { routeInfo?: Partial<RouteOptions> }).routeInfo ?? options;
    const method = [route.method ?? 'ALL'].flat().join(',');
    return new PostgresRateLimitStore(this.db, this.clock, `route:${method} ${route.url ?? ''}:`);
  }
}

const limit = ({ max, windowMs }: RateLimitSpec): RateLimitOptions => ({ max, timeWindow: windowMs });

/**
 * Fastify's `trustProxy` for TRUST_PROXY. Fastify 5.12 refuses a bare hop count (it fails closed, since a client
 * reaching the port directly could forge the header), so a count becomes a function trusting the nearest `hops`
 * peers: right when the port is reachable only through the proxies; otherwise list their addresses instead.
 */
export function trustProxyOption(value: AppConfig['TRUST_PROXY']): FastifyServerOptions['trustProxy'] {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return value;
}

export default fp(
  async (app) => {
    const { config, prisma, clock } = app;
    if (config.TRUST_PROXY === true) {
      app.log.warn(
        'TRUST_PROXY=true takes the client address from the left-most X-Forwarded-For entry, which the client writes; ' +
          'per-address limits can then be dodged. Set the hop count or the proxy addresses instead.',
      );
    }
    await app.register(fastifyRateLimit, {
      global: false,
      store: class extends PostgresRateLimitStore {
        constructor() {
          super(prisma, clock, 'route:');
        }
      },
      // Thrown into the errors plugin, so a 429 is a problem document like every other error (with Retry-After).
      errorResponseBuilder: (_request, context) =>
        new RateLimitedError(
          `Too many requests from this address; try again in ${context.after}`,
          Math.max(1, Math.ceil(context.ttl / 1000)),
        ),
    });
    app.decorate('rateLimits', {
      register: limit(config.RATE_LIMIT_REGISTER),
      forgotPassword: limit(config.RATE_LIMIT_FORGOT_PASSWORD),
      screeningPreview: limit(config.RATE_LIMIT_SCREENING_PREVIEW),
      therapistSlots: limit(config.RATE_LIMIT_THERAPIST_SLOTS),
      slotSearch: limit(config.RATE_LIMIT_SLOT_SEARCH),
    } satisfies RouteRateLimits);

    const longestWindowMs = Math.max(
      config.LOGIN_WINDOW_MINUTES * MS_PER_MINUTE,
      config.LOGIN_ACCOUNT_WINDOW_MINUTES * MS_PER_MINUTE,
      ...[
        config.RATE_LIMIT_REGISTER,
        config.RATE_LIMIT_FORGOT_PASSWORD,
        config.RATE_LIMIT_SCREENING_PREVIEW,
        config.RATE_LIMIT_THERAPIST_SLOTS,
        config.RATE_LIMIT_SLOT_SEARCH,
      ].map((spec) => spec.windowMs),
    );
    const purge = setInterval(() => {
      purgeWindows(prisma, new Date(clock.now().getTime() - longestWindowMs)).catch((error: unknown) =>
        app.log.warn({ err: error }, 'could not purge expired rate-limit counters'),
      );
    }, PURGE_EVERY_MS);
    purge.unref();
    app.addHook('onClose', async () => clearInterval(purge));
  },
  { name: 'rate-limit', dependencies: ['prisma', 'errors'] },
);
