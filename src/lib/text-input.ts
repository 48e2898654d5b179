// PostgreSQL's text and jsonb cannot hold the NUL character: a value carrying one fails deep in a query, long after
// validation said yes. Requests are searched for it once, before validation, so that every route (today's and
// tomorrow's) answers a 400 naming the field instead of a database error.
//
// The same walk bounds nesting. A 60 KB body of `[[[[...]]]]` is 5,000 levels deep: JSON.parse copes, but any
// recursive walk after it (this one used to be) overflows the stack and answers 500. No request of ours nests more
// than a few levels, so anything past MAX_INPUT_DEPTH is refused as a 400, and the walk is iterative regardless.
import { ValidationError } from './errors.ts';

const NUL = '\u0000';

/** Objects and arrays inside one another, counting the outermost; the screening answers need about four. */
export const MAX_INPUT_DEPTH = 64;

function tooDeep(path: string): ValidationError {
  return new ValidationError(
    `The request nests objects or arrays more than ${MAX_INPUT_DEPTH} levels deep`,
    [{ path, message: `must not nest deeper than ${MAX_INPUT_DEPTH} levels` }],
    'nesting-too-deep',
  );
}

/**
 * Paths (`body.answers.notes`, `querystring.tz`) of every string, or object key, that contains NUL, in document
 * order. Throws a ValidationError (`nesting-too-deep`, naming the path where the limit was passed) for input nested
 * deeper than MAX_INPUT_DEPTH.
 */
export function pathsContainingNul(value: unknown, path: string): string[] {
  const found: string[] = [];
  // Depth-first with an explicit stack; children are pushed last-first so they come off in document order.
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path: currentPath, depth } = next;
    if (typeof current === 'string') {
      if (current.includes(NUL)) found.push(currentPath);
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw tooDeep(currentPath);
    const children: Array<{ value: unknown; path: string; depth: number }> = [];
    if (Array.isArray(current)) {
      for (let index = 0; index < current.length; index++) {
        children.push({ value: current[index], path: `${currentPath}.${index}`, depth: depth + 1 });
      }
    } else {
      for (const key in current) {
        if (!Object.hasOwn(current, key)) continue;
        // A NUL in a key is reported at the key's place in the order (as a string holding NUL would be).
        const child = (current as Record<string, unknown>)[key];
        if (key.includes(NUL)) children.push({ value: NUL, path: `${currentPath}.${key.replaceAll(NUL, '\\0')}`, depth });
        else children.push({ value: child, path: `${currentPath}.${key}`, depth: depth + 1 });
      }
    }
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
  }
  return found;
}
