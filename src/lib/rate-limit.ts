import type { PrismaClient } from '../generated/prisma/client.ts';

export interface WindowCount {
  count: number;
  windowStartsAt: Date;
}

/**
 * Fixed-window counters kept in PostgreSQL, so every instance of the service shares them.
 * One statement increments atomically and starts a new window when the old one has passed, so concurrent callers
 * each see a distinct count: of 200 simultaneous calls with a limit of 5, exactly 5 see a count of at most 5.
 */
export async function incrementWindow(
  db: Pick<PrismaClient, '$queryRaw'>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<WindowCount> {
  const windowStart = new Date(now.getTime() - windowMs);
  const rows = await db.$queryRaw<WindowCount[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStartsAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitBucket"."windowStartsAt" <= ${windowStart} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "windowStartsAt" = CASE WHEN "RateLimitBucket"."windowStartsAt" <= ${windowStart} THEN ${now} ELSE "RateLimitBucket"."windowStartsAt" END
    RETURNING "count", "windowStartsAt"`;
  const row = rows[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  return row;
}

/** Whole seconds until the window of `count` ends (at least 1, as Retry-After wants). */
export function secondsUntilWindowEnds(count: WindowCount, now: Date, windowMs: number): number {
  return Math.max(1, Math.ceil((count.windowStartsAt.getTime() + windowMs - now.getTime()) / 1000));
}

export async function clearWindows(db: Pick<PrismaClient, 'rateLimitBucket'>, keys: string[]): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key: { in: keys } } });
}

/** Drops counters whose window began before `olderThan`: every key of an address that came once stays otherwise. */
export async function purgeWindows(db: Pick<PrismaClient, 'rateLimitBucket'>, olderThan: Date): Promise<number> {
  const { count } = await db.rateLimitBucket.deleteMany({ where: { windowStartsAt: { lt: olderThan } } });
  return count;
}
