import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleSeries, pointsInRange, type SeriesPoints } from './downsample.ts';

const SEED = 20_260_914;

/** A series of `count` points every `step` ms from 0, values from `value(index)` (null: a break). */
function makeSeries(count: number, value: (index: number) => number | null, step = 7000): SeriesPoints {
  const at = new Float64Array(count);
  const values = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    at[i] = i * step;
    values[i] = value(i) ?? Number.NaN;
  }
  return { at, values };
}

/** The values drawn: finite ones (NaN and ±Infinity are breaks). */
const numbers = (series: SeriesPoints) => [...series.values].filter((v) => Number.isFinite(v));

/** For each step from one bucket to the next holding a value: does the line run on, or break? */
function links(series: SeriesPoints, bucketOf: (at: number) => number): string[] {
  const result: string[] = [];
  let lastBucket: number | null = null;
  let broken = false;
  series.values.forEach((value, i) => {
    if (!Number.isFinite(value)) {
      broken = true;
      return;
    }
    const bucket = bucketOf(series.at[i] ?? 0);
    if (lastBucket !== null && bucket !== lastBucket) result.push(`${lastBucket}->${bucket}:${broken ? 'break' : 'line'}`);
    lastBucket = bucket;
    broken = false;
  });
  return result;
}

const sorted = (series: SeriesPoints) => series.at.every((at, i) => i === 0 || at >= (series.at[i - 1] ?? 0));

describe('downsampleSeries', () => {
  it('returns small inputs as they are', () => {
    const series = makeSeries(100, (i) => i);
    const out = downsampleSeries(series, { range: { start: 0, end: 99 * 7000 }, buckets: 50 });
    expect([...out.at]).toEqual([...series.at]);
    expect([...out.values]).toEqual([...series.values]);
  });

  it('cuts 4,000 samples to about two per column, each at its own time', () => {
    const series = makeSeries(4000, (i) => Math.sin(i / 10));
    const out = downsampleSeries(series, { range: { start: 0, end: 3999 * 7000 }, buckets: 300 });
    expect(out.at.length).toBeLessThanOrEqual(600);
    expect(out.at.length).toBeGreaterThan(300);
    expect(sorted(out)).toBe(true);
    // Every point drawn is a sample where it was taken.
    const valueAt = new Map([...series.at].map((at, i) => [at, series.values[i]]));
    expect([...out.at].every((at, i) => valueAt.get(at) === out.values[i])).toBe(true);
  });

  it('keeps a one-sample loss spike and the deepest dip', () => {
    const series = makeSeries(4000, (i) => (i === 2345 ? 38.5 : i === 3001 ? 0 : 0.4 + (i % 3) * 0.1));
    const out = downsampleSeries(series, { range: { start: 0, end: 3999 * 7000 }, buckets: 200 });
    expect(Math.max(...numbers(out))).toBe(38.5);
    expect(Math.min(...numbers(out))).toBe(0);
    // The spike's column still draws up to it and back down.
    const spike = out.values.indexOf(38.5);
    expect(out.values[spike - 1]).toBeLessThan(1);
    expect(out.values[spike + 1]).toBeLessThan(1);
  });

  it("keeps each column's extremes", () => {
    const series = makeSeries(1000, (i) => ((i * 7) % 97) / 3);
    const range = { start: 0, end: 999 * 7000 };
    const buckets = 100;
    const out = downsampleSeries(series, { range, buckets });
    const width = (range.end - range.start) / buckets;
    const bucketOf = (at: number) => Math.min(buckets - 1, Math.floor(at / width));
    for (let bucket = 0; bucket < buckets; bucket += 1) {
      const inBucket = (s: SeriesPoints) => [...s.values].filter((v, i) => !Number.isNaN(v) && bucketOf(s.at[i] ?? 0) === bucket);
      expect(Math.min(...inBucket(out))).toBe(Math.min(...inBucket(series)));
      expect(Math.max(...inBucket(out))).toBe(Math.max(...inBucket(series)));
    }
  });

  it('never invents a value', () => {
    const series = makeSeries(3000, (i) => Math.round(Math.sin(i) * 100) / 10);
    const out = downsampleSeries(series, { range: { start: 0, end: 2999 * 7000 }, buckets: 100 });
    const seen = new Set(numbers(series));
    expect(numbers(out).every((v) => seen.has(v))).toBe(true);
  });

  it('keeps a gap a gap: a disconnect is still a break in the line', () => {
    // Samples 1000-1019 missing (breaks in the middle of a column), and a series that starts late.
    const a = makeSeries(3000, (i) => (i >= 1000 && i < 1020 ? null : 5 + (i % 4)));
    const late = makeSeries(3000, (i) => (i < 1500 ? null : 2));
    const range = { start: 0, end: 2999 * 7000 };
    const buckets = 150;
    const width = (range.end - range.start) / buckets;
    const bucketOf = (at: number) => Math.min(buckets - 1, Math.floor(at / width));
    const outA = downsampleSeries(a, { range, buckets });
    expect(links(outA, bucketOf)).toEqual(links(a, bucketOf));
    expect(links(outA, bucketOf).filter((link) => link.endsWith('break'))).toHaveLength(1);
    const outLate = downsampleSeries(late, { range, buckets });
    expect(links(outLate, bucketOf)).toEqual(links(late, bucketOf));
    expect(numbers(outLate).every((v) => v === 2)).toBe(true);
  });

  it('breaks the line where a column starts with a break, even with values between two breaks', () => {
    // Columns of 4 points: the second is [break, 5, break, 7], so the line from the first
    // column must not run on into the 5.
    const cells = [1, 2, 3, 4, null, 5, null, 7, 8, 9, 10, 11];
    const series = makeSeries(cells.length, (i) => cells[i] ?? null, 10);
    const out = downsampleSeries(series, { range: { start: 0, end: 119 }, buckets: 3 });
    const column = (at: number) => Math.min(2, Math.floor(at / (119 / 3)));
    expect(links(out, column)).toEqual(['0->1:break', '1->2:line']);
  });

  it('puts a point on a column boundary into the later column, and the range end into the last', () => {
    // 10 columns of 100 ms over [0, 1000]; points every 10 ms, so points at 100, 200, ... start columns.
    const series = makeSeries(101, (i) => (i % 10 === 0 ? 1000 + i : i), 10);
    const out = downsampleSeries(series, { range: { start: 0, end: 1000 }, buckets: 10 });
    const column = (at: number) => Math.min(9, Math.floor(at / 100));
    const maxima = Array.from({ length: 10 }, (_, b) => Math.max(...[...out.values].filter((_, i) => column(out.at[i] ?? 0) === b)));
    expect(maxima).toEqual([1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1100]);
    expect(out.at.length).toBeLessThanOrEqual(20);
    expect(out.at.at(-1)).toBe(1000);
  });

  it('thins only the zoomed range and keeps the point either side as it is', () => {
    const series = makeSeries(8000, (i) => (i === 5000 ? 99 : 1));
    const range = { start: 4000 * 7000, end: 6000 * 7000 };
    const out = downsampleSeries(series, { range, buckets: 100 });
    expect(out.at[0]).toBe(3999 * 7000);
    expect(out.at.at(-1)).toBe(6001 * 7000);
    expect(out.at.length).toBeLessThanOrEqual(202);
    expect(numbers(out)).toContain(99);
    // Zoomed in far enough, nothing needs dropping.
    const narrow = { start: 5000 * 7000, end: 5100 * 7000 };
    expect([...downsampleSeries(series, { range: narrow, buckets: 300 }).at]).toEqual([...pointsInRange(series, narrow).at]);
    expect(pointsInRange(series, narrow).at.length).toBe(103);
  });

  it('keeps the real maximum of a column that holds Infinity, and hands Infinity on as a break', () => {
    // Columns of 40 samples; the spike's column also holds +Infinity and -Infinity.
    const series = makeSeries(4000, (i) => (i === 2345 ? 38.5 : i === 2350 ? Number.POSITIVE_INFINITY : i === 2360 ? Number.NEGATIVE_INFINITY : 1 + (i % 3) * 0.1));
    const out = downsampleSeries(series, { range: { start: 0, end: 3999 * 7000 }, buckets: 100 });
    const values = [...out.values];
    expect(values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)).toBe(false);
    expect(Math.max(...numbers(out))).toBe(38.5);
    expect(Math.min(...numbers(out))).toBe(1);
    // Where the infinite samples were, the line breaks as at any gap.
    expect([...out.at].filter((_, i) => Number.isNaN(values[i]))).toEqual([2350 * 7000, 2360 * 7000]);
  });

  it('hands Infinity on as a break when there are too few points to thin, and leaves the input as it was', () => {
    const series = makeSeries(5, (i) => [3, Number.POSITIVE_INFINITY, 4, Number.NEGATIVE_INFINITY, 5][i] ?? null);
    const out = downsampleSeries(series, { range: { start: 0, end: 4 * 7000 }, buckets: 50 });
    expect([...out.values]).toEqual([3, Number.NaN, 4, Number.NaN, 5]);
    expect(series.values[1]).toBe(Number.POSITIVE_INFINITY);
    const finite = makeSeries(3, (i) => i);
    expect(downsampleSeries(finite, { range: { start: 0, end: 2 * 7000 }, buckets: 50 }).values.buffer).toBe(finite.values.buffer);
  });

  it('for any series: sorted output, values from the input, extremes and breaks kept', () => {
    // Cells: a value, a break, or an infinity (drawn as a break).
    const cell = fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
      { weight: 6, arbitrary: fc.integer({ min: -50, max: 50 }) },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), cell), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (steps, buckets, cut) => {
          const at = new Float64Array(steps.length);
          const values = new Float64Array(steps.length);
          let time = 0;
          steps.forEach(([step, value], i) => {
            time += step;
            at[i] = time;
            values[i] = value ?? Number.NaN;
          });
          const series = { at, values };
          const range = { start: Math.floor((time * cut) / 400), end: time - Math.floor((time * cut) / 400) };
          const out = downsampleSeries(series, { range, buckets });
          const within = pointsInRange(series, range);
          expect(sorted(out)).toBe(true);
          expect([...out.values].every((v) => Number.isFinite(v) || Number.isNaN(v))).toBe(true);
          const input = new Set(numbers(within));
          expect(numbers(out).every((v) => input.has(v))).toBe(true);
          if (input.size > 0) {
            expect(Math.max(...numbers(out))).toBe(Math.max(...input));
            expect(Math.min(...numbers(out))).toBe(Math.min(...input));
          }
          const width = (range.end - range.start) / buckets;
          const bucketOf = (t: number) =>
            t < range.start ? -1 : t > range.end ? buckets : Math.min(buckets - 1, Math.floor((t - range.start) / width));
          if (width > 0) expect(links(out, bucketOf)).toEqual(links(within, bucketOf));
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
