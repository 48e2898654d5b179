// PostgreSQL's text and jsonb cannot hold the NUL character: a value carrying one fails deep in a query, long after
// validation said yes. Requests are searched for it once, before validation, so that every route (today's and
// tomorrow's) answers a 400 naming the field instead of a database error.

const NUL = '\u0000';

/** Paths (`body.answers.notes`, `querystring.tz`) of every string, or object key, that contains NUL. */
export function pathsContainingNul(value: unknown, path: string): string[] {
  const found: string[] = [];
  collectNulPaths(value, path, found);
  return found;
}

/** Walks without allocating for clean input, the usual case on every request. */
function collectNulPaths(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (value.includes(NUL)) found.push(path);
  } else if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) collectNulPaths(value[index], `${path}.${index}`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (key.includes(NUL)) found.push(`${path}.${key.replaceAll(NUL, '\\0')}`);
      else collectNulPaths((value as Record<string, unknown>)[key], `${path}.${key}`, found);
    }
  }
}
