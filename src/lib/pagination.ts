import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { instantSchema } from './time.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` as every list endpoint accepts them. */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})`),
  cursor: z.string().min(1).max(500).optional().describe('`nextCursor` of the previous page; omit for the first'),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).describe('This page of results, in the list’s order'),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** Cursors are opaque to clients: base64url JSON of the sort key of the last item on the page. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: any undecodable cursor is the same client mistake
  }
  throw new ValidationError('The cursor is not one this list handed out', [
    { path: 'querystring.cursor', message: 'unknown or malformed cursor' },
  ]);
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only proves there is a next page.
 * `positionOf` gives the sort key to resume after.
 */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  positionOf: (row: Row) => Record<string, string | number>,
  present: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}

/**
 * A keyset order: by `key`, then by a unique `tieBreaker` (default `id`), both in one direction. Keyset rather
 * than offset pages, so a page costs the same however deep it is and rows added meanwhile neither repeat nor skip.
 */
export interface KeysetOrder {
  key: string;
  tieBreaker?: string;
  direction?: 'asc' | 'desc';
}

/** Where a page resumes: the last row's sort value and its tie-breaker, as `decodeCursor` validated them. */
export interface KeysetPosition<Key> {
  key: Key;
  tie: string;
}

/** The cursor of a keyset list whose sort values `key` validates (as the API validates such values anywhere). */
export function keysetCursorSchema<Key extends z.ZodType>(key: Key) {
  return z.object({ key, tie: z.string().min(1).max(200) });
}

/** The cursor of a list ordered by an instant: range-checked like every instant the API accepts. */
export const instantCursorSchema = keysetCursorSchema(instantSchema);

/** Id-ordered cursors (ids are time-ordered UUIDv7, so this is also creation order). */
export const idCursorSchema = z.object({ id: z.string().min(1).max(200) });

/** A Prisma condition for the rows strictly after `after` in `order`; no condition on the first page. */
export function rowsAfter<Where>(order: KeysetOrder, after: KeysetPosition<unknown> | undefined): Where {
  if (!after) return {} as Where;
  const comparison = order.direction === 'desc' ? 'lt' : 'gt';
  const tieBreaker = order.tieBreaker ?? 'id';
  return {
    OR: [{ [order.key]: { [comparison]: after.key } }, { [order.key]: after.key, [tieBreaker]: { [comparison]: after.tie } }],
  } as Where;
}

/** Lists that show the latest first (reviews, a client's screenings). */
export const NEWEST_FIRST: KeysetOrder = { key: 'createdAt', direction: 'desc' };

/** The Prisma `orderBy` of a keyset order. */
export function keysetOrderBy(order: KeysetOrder): Record<string, 'asc' | 'desc'>[] {
  const direction = order.direction ?? 'asc';
  return [{ [order.key]: direction }, { [order.tieBreaker ?? 'id']: direction }];
}
