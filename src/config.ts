import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_STATEMENT_CACHE_SIZE } from './db/statement-names.ts';
import { MINUTES_PER_DAY, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND } from './lib/durations.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const UNIT_MS = { s: MS_PER_SECOND, m: MS_PER_MINUTE, h: MS_PER_HOUR, d: MS_PER_DAY } as const;

export interface RateLimitSpec {
  max: number;
  windowMs: number;
}

/** `10/1h`: at most 10 requests per client address per hour (units s, m, h, d). */
const rateLimitSpec = z
  .string()
  .regex(/^\d+\/\d+[smhd]$/, 'must be <max>/<window>, e.g. 10/1h (window units s, m, h, d)')
  .transform((value): RateLimitSpec => {
    const [max = '', window = ''] = value.split('/');
    const unit = window.slice(-1) as keyof typeof UNIT_MS;
    return { max: Number(max), windowMs: Number(window.slice(0, -1)) * UNIT_MS[unit] };
  })
  .refine((spec) => spec.max >= 1 && spec.windowMs >= 1000, 'needs a max of at least 1 and a window of at least 1s');

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const family = isIP(address);
  if (family === 0) return PROXY_NAMES.has(entry) && prefix === undefined;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/**
 * Which peers may tell us the client address through X-Forwarded-For, in the forms Fastify's `trustProxy` takes:
 * a hop count (`1`: one proxy in front, the safe choice for one load balancer), a list of proxy addresses or CIDRs
 * (`10.0.0.0/8,loopback`), or `true` (trust every hop, so the client picks its own address unless the proxy
 * replaces the header) / `false`. `0` reads as false; `1` is one hop (it used to be an alias of `true`).
 */
const trustProxy = z.string().transform((value, ctx): boolean | number | string[] => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.filter((entry) => !isProxyAddress(entry));
  if (entries.length === 0 || invalid.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `must be true, false, a hop count or a list of proxy addresses/CIDRs (not ${invalid.join(', ') || 'empty'})`,
    });
    return z.NEVER;
  }
  return entries;
});

/** Every environment variable the service reads. Parsed once at start-up; .env.example documents each. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' })
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_CACHE_SIZE: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_STATEMENT_CACHE_SIZE),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_MINUTES: z.coerce.number().int().min(1).max(7 * MINUTES_PER_DAY).default(60),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  /** Password hashes computed at once; the rest wait, logins first (see lib/passwords.ts). */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** New hashes (registration, later reset and change) waiting for a slot before 503. */
  PASSWORD_HASH_QUEUE_LIMIT: z.coerce.number().int().min(0).default(16),
  /** Login checks waiting for a slot before 503: their own budget, so registrations cannot use it up. */
  PASSWORD_VERIFY_QUEUE_LIMIT: z.coerce.number().int().min(0).default(64),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(50),
  LOGIN_ACCOUNT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(MINUTES_PER_DAY),
  RATE_LIMIT_REGISTER: rateLimitSpec.prefault('10/1h'),
  RATE_LIMIT_FORGOT_PASSWORD: rateLimitSpec.prefault('5/1h'),
  RATE_LIMIT_SCREENING_PREVIEW: rateLimitSpec.prefault('60/1m'),
  RATE_LIMIT_THERAPIST_SLOTS: rateLimitSpec.prefault('120/1m'),
  RATE_LIMIT_SLOT_SEARCH: rateLimitSpec.prefault('60/1m'),
  CANCELLATION_WINDOW_HOURS: z.coerce.number().int().min(0).max(24 * 14).default(24),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Default: on, except in production. */
  SEED_DEMO_DATA: booleanFlag.optional(),
  TRUST_PROXY: trustProxy.default(false),
  /** Where users reach the service; links are built from it, never from the Host header. Default: http://HOST:PORT. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  // Connection limits: a client that sends its request slowly (slow loris) must not hold a socket for ever.
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  HTTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1).default(60_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  HTTP_MAX_REQUESTS_PER_SOCKET: z.coerce.number().int().min(0).default(1000),
  /** How long after a session its therapist may still read the client's screening answers. */
  SCREENING_RECORDS_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  MAX_PENDING_BOOKINGS_PER_CLIENT: z.coerce.number().int().min(1).max(1000).default(3),
  /** This process also runs the background workers (messages, reminders, expiry). */
  WORKERS: booleanFlag.default(true),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Kneadful <no-reply@localhost>'),
  REMINDER_LEADS: z
    .string()
    .default('24h')
    .transform((value, context) => {
      const leads = parseLeadTimes(value);
      if (leads === null) {
        context.addIssue({ code: 'custom', message: 'must be lead times such as 24h,2h (units m, h, d), each at most 30d' });
        return z.NEVER;
      }
      return leads;
    }),
  PENDING_EXPIRY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
  /** A job held longer than this by a worker (it died or hung) is handed to another. */
  WORKER_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
});

/** A reminder lead as configured ("24h") and in minutes. */
export interface LeadTime {
  label: string;
  minutes: number;
}

const LEAD_UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60 };

/** "24h,2h" → the leads, longest first, without repeats; null when any part is not a lead time. */
export function parseLeadTimes(value: string): LeadTime[] | null {
  const leads = new Map<number, LeadTime>();
  for (const part of value.split(',').map((text) => text.trim()).filter(Boolean)) {
    const match = /^(\d{1,5})([mhd])$/.exec(part);
    if (!match) return null;
    const minutes = Number(match[1]) * (LEAD_UNIT_MINUTES[match[2]!] ?? 0);
    if (minutes < 1 || minutes > 30 * 24 * 60) return null;
    if (!leads.has(minutes)) leads.set(minutes, { label: part, minutes });
  }
  return [...leads.values()].sort((a, b) => b.minutes - a.minutes);
}

export type AppConfig = Omit<z.infer<typeof configSchema>, 'SEED_DEMO_DATA' | 'PUBLIC_BASE_URL'> & {
  SEED_DEMO_DATA: boolean;
  /** Without a trailing slash. */
  PUBLIC_BASE_URL: string;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; the error names every offending variable so a bad deploy fails loudly. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  // An empty value means "unset": .env files and compose often carry `FOO=` lines.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: is required in production (at least 32 random characters)']);
  }
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    throw new ConfigError(['ADMIN_EMAIL/ADMIN_PASSWORD: set both to create the first admin, or neither']);
  }
  if (config.HTTP_HEADERS_TIMEOUT_MS > config.HTTP_REQUEST_TIMEOUT_MS) {
    // Node refuses this combination: the headers are part of the request.
    throw new ConfigError(['HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS']);
  }
  const publicBaseUrl = (config.PUBLIC_BASE_URL ?? `http://${hostForUrl(config.HOST)}:${config.PORT}`).replace(/\/+$/, '');
  return {
    ...config,
    SEED_DEMO_DATA: config.SEED_DEMO_DATA ?? config.NODE_ENV !== 'production',
    PUBLIC_BASE_URL: publicBaseUrl,
  };
}

/** `0.0.0.0` and `::` are where to listen, not an address to visit; IPv6 literals need brackets in a URL. */
function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
