import type { PrismaClient } from '../generated/prisma/client.ts';

export interface WindowCount {
  count: number;
  windowStartsAt: Date;
}

/**
 * Fixed-window counters kept in PostgreSQL, so every instance of the service shares them.
 * One statement increments atomically and starts a new window when the old one has passed.
 */
export async function incrementWindow(
  db: Pick<PrismaClient, '$queryRaw'>,
  key: string,
  now: Date,
  windowMinutes: number,
): Promise<WindowCount> {
  const windowStart = new Date(now.getTime() - windowMinutes * 60_000);
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

/** The current count in the window, without counting this look. */
export async function readWindow(
  db: Pick<PrismaClient, 'rateLimitBucket'>,
  key: string,
  now: Date,
  windowMinutes: number,
): Promise<WindowCount | null> {
  const bucket = await db.rateLimitBucket.findUnique({ where: { key } });
  if (!bucket || bucket.windowStartsAt.getTime() <= now.getTime() - windowMinutes * 60_000) return null;
  return { count: bucket.count, windowStartsAt: bucket.windowStartsAt };
}

export async function clearWindow(db: Pick<PrismaClient, 'rateLimitBucket'>, key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}
