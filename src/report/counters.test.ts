import { describe, expect, it } from 'vitest';
import { differenceRunningTotal, looksLikeRunningTotal } from './counters.ts';

describe('looksLikeRunningTotal', () => {
  it('recognises a growing total', () => {
    expect(looksLikeRunningTotal([35_000, 70_000, 105_000, 140_000, 175_000, 210_000])).toBe(true);
  });
  it('still recognises a total with one reset', () => {
    expect(looksLikeRunningTotal([100, 200, 300, 400, 500, 600, 50, 150, 250])).toBe(true);
  });
  it('takes wandering per-interval values as deltas', () => {
    expect(looksLikeRunningTotal([35_000, 34_000, 36_500, 35_200, 34_900, 35_800, 35_100])).toBe(false);
  });
  it('takes slowly drifting deltas as deltas', () => {
    expect(looksLikeRunningTotal([43_000, 43_100, 43_200, 43_300, 43_400, 43_500])).toBe(false);
  });
  it('takes sparse loss deltas as deltas', () => {
    expect(looksLikeRunningTotal([0, 0, 5, 0, 0, 3, 0, 7, 0])).toBe(false);
  });
  it('needs enough evidence', () => {
    expect(looksLikeRunningTotal([1, 2, 3])).toBe(false);
    expect(looksLikeRunningTotal([])).toBe(false);
    expect(looksLikeRunningTotal([null, null])).toBe(false);
  });
});

describe('differenceRunningTotal', () => {
  it('differences a total, the first value being only a baseline', () => {
    expect(differenceRunningTotal([100, 250, 400]).deltas).toEqual([null, 150, 150]);
  });
  it('starts a new baseline on a reset: the counter restarted from zero', () => {
    const { deltas, resets } = differenceRunningTotal([100, 200, 300, 40, 90]);
    expect(deltas).toEqual([null, 100, 100, 40, 50]);
    expect(resets).toEqual([3]);
  });
  it('treats the value after a gap as a baseline', () => {
    expect(differenceRunningTotal([100, null, 300, 400]).deltas).toEqual([null, null, null, 100]);
  });
});
