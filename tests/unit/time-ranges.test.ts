import { describe, expect, it } from 'vitest';
import {
  clampRange,
  isWithinAnySpan,
  mergeRanges,
  overlapsAnySpan,
  rangesOverlap,
} from '../../src/lib/time-ranges.ts';
import type { Range } from '../../src/lib/time-ranges.ts';

// Small numbers read more easily than epoch ms; the functions do not care.
const r = (start: number, end: number): Range => ({ start, end });

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

describe('overlapsAnySpan and isWithinAnySpan on merged lists', () => {
  const merged = mergeRanges([r(0, 10), r(20, 30), r(40, 50)]);

  it('finds an overlap with any of the ranges', () => {
    expect(overlapsAnySpan(merged, 29, 31)).toBe(true);
    expect(overlapsAnySpan(merged, -5, 1)).toBe(true);
    expect(overlapsAnySpan(merged, 12, 45)).toBe(true);
  });
  it('finds no overlap in gaps or when touching', () => {
    expect(overlapsAnySpan(merged, 10, 20)).toBe(false);
    expect(overlapsAnySpan(merged, 50, 60)).toBe(false);
    expect(overlapsAnySpan([], 0, 1)).toBe(false);
  });
  it('says whether a range fits inside a single range', () => {
    expect(isWithinAnySpan(merged, 20, 30)).toBe(true);
    expect(isWithinAnySpan(merged, 41, 49)).toBe(true);
    expect(isWithinAnySpan(merged, 25, 35)).toBe(false);
    expect(isWithinAnySpan(merged, 5, 25)).toBe(false);
    expect(isWithinAnySpan(merged, -1, 5)).toBe(false);
  });
});
