// PostgreSQL's text and jsonb cannot hold the NUL character: a value carrying one fails deep in a query, long after
// validation said yes. Requests are searched for it once, before validation, so the answer is a 400 naming the
// field instead of a database error.

const NUL = '\u0000';

/** Paths (`body.answers.notes`, `querystring.tz`) of every string, or object key, that contains NUL. */
export function pathsContainingNul(value: unknown, path: string): string[] {
  if (typeof value === 'string') return value.includes(NUL) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => pathsContainingNul(item, `${path}.${index}`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key.includes(NUL) ? [`${path}.${key.replaceAll(NUL, '\\0')}`] : pathsContainingNul(item, `${path}.${key}`),
    );
  }
  return [];
}
