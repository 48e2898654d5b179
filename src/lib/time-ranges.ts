/**
 * Half-open ranges of instants, `[start, end)`, as epoch milliseconds.
 *
 * Why numbers rather than `Date`: availability maths compares and sorts tens of
 * thousands of these per request, and plain numbers are immutable, cheap and
 * compare with `<`. Convert at the edges with `getTime()`.
 *
 * Half-open means a range ending at 10:00 and one starting at 10:00 touch but do
 * not overlap, so back-to-back appointments never conflict with each other.
 * A range with `end <= start` is empty: it overlaps nothing and is dropped from
 * every list-returning function.
 *
 * Every function returning a list returns it sorted by `start`, with empty
 * ranges removed; the set operations also return disjoint, non-adjacent ranges.
 */

export type Range = { readonly start: number; readonly end: number };

export function isEmptyRange(range: Range): boolean {
  return !(range.end > range.start);
}

/** True when the two ranges share at least one instant. Touching is not overlapping. */
export function rangesOverlap(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end && !isEmptyRange(a) && !isEmptyRange(b);
}

/** The part of `range` inside `bounds`, or `null` when they do not overlap. */
export function clampRange(range: Range, bounds: Range): Range | null {
  const start = Math.max(range.start, bounds.start);
  const end = Math.min(range.end, bounds.end);
  return end > start ? { start, end } : null;
}

function byStartThenEnd(a: Range, b: Range): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Sorts and unions the ranges. Overlapping AND touching ranges are joined, so
 * 09:00–12:00 plus 12:00–17:00 becomes 09:00–17:00.
 */
export function mergeRanges(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => !isEmptyRange(r)).sort(byStartThenEnd);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.start <= last.end) {
      if (range.end > last.end) merged[merged.length - 1] = { start: last.start, end: range.end };
    } else {
      merged.push({ start: range.start, end: range.end });
    }
  }
  return merged;
}

/**
 * Index of the last range in `sortedDisjoint` whose start is <= `instant`, or -1.
 * `sortedDisjoint` must be the output of `mergeRanges` (sorted, non-overlapping).
 */
function lastStartingAtOrBefore(sortedDisjoint: readonly Range[], instant: number): number {
  let low = 0;
  let high = sortedDisjoint.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((sortedDisjoint[mid] as Range).start <= instant) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Whether the non-empty span [start, end), given as two numbers, overlaps any of the ranges; numbers, so that a loop over thousands of
 * candidate starts builds no object for each.
 */
export function overlapsAnySpan(sortedDisjoint: readonly Range[], start: number, end: number): boolean {
  // Only the last range starting before `end` can reach into the span: any
  // earlier one ends before that one starts.
  const candidate = sortedDisjoint[lastStartingAtOrBefore(sortedDisjoint, end - 1)];
  return candidate !== undefined && start < candidate.end;
}

/** Whether the span [start, end) lies inside one of the ranges. */
export function isWithinAnySpan(sortedDisjoint: readonly Range[], start: number, end: number): boolean {
  const candidate = sortedDisjoint[lastStartingAtOrBefore(sortedDisjoint, start)];
  return candidate !== undefined && candidate.start <= start && end <= candidate.end;
}
