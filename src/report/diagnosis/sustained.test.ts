import { describe, expect, it } from 'vitest';
import {
  sampleSeries,
  sustainedRuns,
  usableValues,
  type Beyond,
  type SustainWindow,
} from './sustained.ts';

const STEP = 7000;
type Point = { at: number; v: number | null };

/** Points every 7 s from t = 7 s; `at` overrides times. */
function points(values: readonly (number | null)[], at?: readonly number[]): Point[] {
  return values.map((v, i) => ({ at: at?.[i] ?? (i + 1) * STEP, v }));
}

interface RunOptions {
  qualifies?: Beyond;
  window?: SustainWindow;
  /** Samples to leave out, by their index in `series`. */
  excluded?: (index: number) => boolean;
  intervalMs?: number;
}

/** One threshold over one series, as the rules run it: over 1, 3 of every 5 samples. */
function run(series: Point[], { qualifies = { limit: 1, lowerIsWorse: false }, window = { k: 3, n: 5 }, excluded, intervalMs }: RunOptions = {}) {
  const prepared = sampleSeries(series, intervalMs);
  const mask = excluded ? Uint8Array.from(series, (_, i) => (excluded(i) ? 1 : 0)) : null;
  return sustainedRuns(prepared, usableValues(prepared, (p) => p.v, mask), qualifies, window);
}

describe('sustained windows', () => {
  it('does not fire on 2 of 5 qualifying samples', () => {
    expect(run(points([0, 5, 0, 5, 0, 0, 0])).intervals).toEqual([]);
  });

  it('fires on 3 of 5, from one interval before the first qualifying sample to the last', () => {
    const result = run(points([0, 5, 0, 5, 5, 0, 0]));
    // Samples 2, 4, 5 (at 14, 28, 35 s) qualify; sample 2 measured the 7 s before it.
    expect(result.intervals).toEqual([{ start: 7000, end: 35000 }]);
    expect(result.hits).toEqual([1, 3, 4]);
  });

  it('merges overlapping windows into one stretch', () => {
    const result = run(points([5, 5, 5, 0, 5, 5, 5, 0, 0]));
    expect(result.intervals).toEqual([{ start: 0, end: 49000 }]);
  });

  it('keeps stretches apart when no window joins them', () => {
    const result = run(points([5, 5, 5, 0, 0, 0, 0, 0, 0, 5, 5, 5]));
    expect(result.intervals).toEqual([
      { start: 0, end: 21000 },
      { start: 63000, end: 84000 },
    ]);
  });

  it('fires on a short series that is bad throughout', () => {
    expect(run(points([5, 5, 5])).intervals).toEqual([{ start: 0, end: 21000 }]);
    expect(run(points([5, 5])).intervals).toEqual([]);
  });

  it('skips null values: they neither count as good nor break a window', () => {
    expect(run(points([5, null, 5, null, 5])).intervals).toEqual([{ start: 0, end: 35000 }]);
  });

  it('leaves out excluded samples and does not join stretches across them', () => {
    const series = points([5, 5, 0, 5, 5]);
    expect(run(series).intervals.length).toBe(1);
    expect(run(series, { excluded: (i) => i === 2 }).intervals).toEqual([]);
  });

  it('does not join samples across a gap in the data', () => {
    const series = points([5, 5, 5], [7000, 14000, 14000 + 60_000]);
    expect(run(series, { intervalMs: STEP }).intervals).toEqual([]);
  });

  it('counts a duplicated timestamp once', () => {
    const series = points([5, 5, 5, 0, 0, 0, 0], [7000, 7000, 7000, 14000, 21000, 28000, 35000]);
    expect(run(series).intervals).toEqual([]);
  });

  it('after a gap, a stretch starts one usual interval back, not at the previous sample', () => {
    const series = points([0, 5, 5, 5], [7000, 200_000, 207_000, 214_000]);
    expect(run(series, { intervalMs: STEP }).intervals).toEqual([{ start: 193_000, end: 214_000 }]);
  });

  it('sorts an unsorted series and reports hits by the original index', () => {
    const series = points([5, 5, 5], [21000, 7000, 14000]);
    const result = run(series);
    expect(result.intervals).toEqual([{ start: 0, end: 21000 }]);
    expect(result.hits).toEqual([0, 1, 2]);
  });

  it('leaves out excluded samples by their index in the caller\'s array, also when the series was unsorted', () => {
    // In time order: 7 s (index 1), 14 s (index 2), 21 s (index 0), 28 s (index 3).
    const series = points([5, 5, 5, 5], [21000, 7000, 14000, 28000]);
    expect(run(series, { window: { k: 3, n: 3 } }).hits).toEqual([0, 1, 2, 3]);
    expect(run(series, { window: { k: 3, n: 3 }, excluded: (i) => i === 0 }).intervals).toEqual([]);
    expect(run(series, { window: { k: 2, n: 2 }, excluded: (i) => i === 0 }).hits).toEqual([1, 2]);
  });

  it('gives the same stretches when several thresholds share one reading of the samples', () => {
    const series = points([0, 2, 6, 6, 2, 0, 0, 0, 2, 2, 6, 0, null, 2, 6, 6]);
    const excluded = (i: number) => i === 5;
    const mask = Uint8Array.from(series, (_, i) => (excluded(i) ? 1 : 0));
    const prepared = sampleSeries(series);
    const usable = usableValues(prepared, (p) => p.v, mask);
    const over = (limit: number) => sustainedRuns(prepared, usable, { limit, lowerIsWorse: false }, { k: 3, n: 5 });
    expect(over(1)).toEqual({
      intervals: [
        { start: 7000, end: 35000 },
        { start: 56000, end: 112000 },
      ],
      hits: [1, 2, 3, 4, 8, 9, 10, 13, 14, 15],
    });
    expect(over(5)).toEqual({ intervals: [{ start: 70000, end: 112000 }], hits: [10, 14, 15] });
    expect(over(5)).toEqual(run(series, { qualifies: { limit: 5, lowerIsWorse: false }, excluded }));
    // Strict: a value at the limit is not past it.
    expect(over(6)).toEqual({ intervals: [], hits: [] });
    expect(sustainedRuns(prepared, usable, { limit: 3, lowerIsWorse: true }, { k: 3, n: 5 })).toEqual({
      intervals: [
        { start: 0, end: 35000 },
        { start: 42000, end: 98000 },
      ],
      hits: [0, 1, 4, 6, 7, 8, 9, 11, 13],
    });
  });

  it('is linear: 100 000 samples in well under two seconds (quadratic would take minutes)', () => {
    const series = points(Array.from({ length: 100_000 }, (_, i) => (i % 7 < 3 ? 5 : 0)));
    const started = performance.now();
    const result = run(series);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.intervals.length).toBeGreaterThan(0);
  });
});
