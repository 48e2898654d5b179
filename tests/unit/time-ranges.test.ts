import { describe, expect, it } from 'vitest';
import {
  clampRange,
  intersectRanges,
  isWithinAnyRange,
  mergeRanges,
  overlapsAnyRange,
  rangeContains,
  rangeFromDates,
  rangesOverlap,
  subtractRanges,
} from '../../src/lib/time-ranges.ts';
import type { Range } from '../../src/lib/time-ranges.ts';

// Small numbers read more easily than epoch ms; the functions do not care.
const r = (start: number, end: number): Range => ({ start, end });

describe('rangeFromDates', () => {
  it('converts Dates to epoch milliseconds', () => {
    expect(rangeFromDates(new Date('2026-12-01T09:00:00Z'), new Date('2026-12-01T10:00:00Z'))).toEqual({
      start: Date.UTC(2026, 11, 1, 9),
      end: Date.UTC(2026, 11, 1, 10),
    });
  });
});

describe('rangesOverlap', () => {
  it('is true when ranges share an instant', () => {
    expect(rangesOverlap(r(0, 10), r(9, 20))).toBe(true);
    expect(rangesOverlap(r(0, 10), r(2, 3))).toBe(true);
  });
  it('treats touching half-open ranges as not overlapping', () => {
    expect(rangesOverlap(r(0, 10), r(10, 20))).toBe(false);
    expect(rangesOverlap(r(10, 20), r(0, 10))).toBe(false);
  });
  it('never lets an empty range overlap', () => {
    expect(rangesOverlap(r(5, 5), r(0, 10))).toBe(false);
    expect(rangesOverlap(r(0, 10), r(8, 2))).toBe(false);
  });
});

describe('rangeContains', () => {
  it('accepts an inner range sharing both edges', () => {
    expect(rangeContains(r(0, 10), r(0, 10))).toBe(true);
  });
  it('rejects an inner range sticking out', () => {
    expect(rangeContains(r(0, 10), r(5, 11))).toBe(false);
  });
  it('rejects an empty inner range', () => {
    expect(rangeContains(r(0, 10), r(5, 5))).toBe(false);
  });
});

describe('clampRange', () => {
  it('cuts a range to the bounds', () => {
    expect(clampRange(r(0, 10), r(5, 20))).toEqual(r(5, 10));
  });
  it('returns the range unchanged when inside the bounds', () => {
    expect(clampRange(r(6, 8), r(5, 20))).toEqual(r(6, 8));
  });
  it('returns null when only touching or apart', () => {
    expect(clampRange(r(0, 5), r(5, 20))).toBeNull();
    expect(clampRange(r(30, 40), r(5, 20))).toBeNull();
  });
});

describe('mergeRanges', () => {
  it('sorts, joins overlapping and touching ranges, and drops empty ones', () => {
    expect(mergeRanges([r(20, 30), r(0, 5), r(5, 10), r(8, 12), r(15, 15), r(40, 35)])).toEqual([
      r(0, 12),
      r(20, 30),
    ]);
  });
  it('keeps a range swallowed by an earlier longer one inside it', () => {
    expect(mergeRanges([r(0, 100), r(10, 20), r(90, 110)])).toEqual([r(0, 110)]);
  });
  it('returns an empty list for no ranges', () => {
    expect(mergeRanges([])).toEqual([]);
  });
  it('does not mutate its input', () => {
    const input = [r(5, 6), r(0, 1)];
    mergeRanges(input);
    expect(input).toEqual([r(5, 6), r(0, 1)]);
  });
});

describe('subtractRanges', () => {
  it('punches holes out of the middle', () => {
    expect(subtractRanges([r(0, 100)], [r(10, 20), r(50, 60)])).toEqual([r(0, 10), r(20, 50), r(60, 100)]);
  });
  it('trims edges and removes fully covered ranges', () => {
    expect(subtractRanges([r(0, 10), r(20, 30), r(40, 50)], [r(5, 25), r(38, 55)])).toEqual([
      r(0, 5),
      r(25, 30),
    ]);
  });
  it('lets one hole cut several ranges and several holes cut one range', () => {
    expect(subtractRanges([r(0, 10), r(12, 20)], [r(8, 14), r(16, 17), r(19, 30)])).toEqual([
      r(0, 8),
      r(14, 16),
      r(17, 19),
    ]);
  });
  it('leaves ranges alone when the holes only touch them', () => {
    expect(subtractRanges([r(10, 20)], [r(0, 10), r(20, 30)])).toEqual([r(10, 20)]);
  });
  it('sorts and merges its input first', () => {
    expect(subtractRanges([r(30, 40), r(0, 10), r(10, 20)], [r(15, 32)])).toEqual([r(0, 15), r(32, 40)]);
  });
});

describe('intersectRanges', () => {
  it('keeps only the shared instants', () => {
    expect(intersectRanges([r(0, 10), r(20, 30)], [r(5, 25)])).toEqual([r(5, 10), r(20, 25)]);
  });
  it('handles one range spanning many', () => {
    expect(intersectRanges([r(0, 100)], [r(90, 95), r(10, 20), r(30, 40)])).toEqual([
      r(10, 20),
      r(30, 40),
      r(90, 95),
    ]);
  });
  it('drops touching-only pairs', () => {
    expect(intersectRanges([r(0, 10)], [r(10, 20)])).toEqual([]);
  });
  it('handles ranges ending together', () => {
    expect(intersectRanges([r(0, 10), r(12, 20)], [r(5, 10), r(10, 15)])).toEqual([r(5, 10), r(12, 15)]);
  });
});

describe('overlapsAnyRange and isWithinAnyRange on merged lists', () => {
  const merged = mergeRanges([r(0, 10), r(20, 30), r(40, 50)]);

  it('finds an overlap with any of the ranges', () => {
    expect(overlapsAnyRange(merged, r(29, 31))).toBe(true);
    expect(overlapsAnyRange(merged, r(-5, 1))).toBe(true);
    expect(overlapsAnyRange(merged, r(12, 45))).toBe(true);
  });
  it('finds no overlap in gaps, when touching, or for empty ranges', () => {
    expect(overlapsAnyRange(merged, r(10, 20))).toBe(false);
    expect(overlapsAnyRange(merged, r(50, 60))).toBe(false);
    expect(overlapsAnyRange(merged, r(5, 5))).toBe(false);
    expect(overlapsAnyRange([], r(0, 1))).toBe(false);
  });
  it('says whether a range fits inside a single range', () => {
    expect(isWithinAnyRange(merged, r(20, 30))).toBe(true);
    expect(isWithinAnyRange(merged, r(41, 49))).toBe(true);
    expect(isWithinAnyRange(merged, r(25, 35))).toBe(false);
    expect(isWithinAnyRange(merged, r(5, 25))).toBe(false);
    expect(isWithinAnyRange(merged, r(-1, 5))).toBe(false);
  });
});
