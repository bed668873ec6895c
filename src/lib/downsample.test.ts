import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleRows, type SeriesRow } from './downsample';

const SEED = 20_260_914;

/** Rows every `step` ms from 0, one column per key, values from `value(index, key)`. */
function makeRows(count: number, keys: readonly string[], value: (index: number, key: string) => number | null, step = 7000): SeriesRow[] {
  return Array.from({ length: count }, (_, index) => {
    const row: SeriesRow = { at: index * step };
    for (const key of keys) row[key] = value(index, key);
    return row;
  });
}

const values = (rows: readonly SeriesRow[], key: string) => rows.map((row) => row[key] ?? null);
const numbers = (rows: readonly SeriesRow[], key: string) => values(rows, key).filter((v): v is number => v !== null);

/** Per series, for each step from one bucket to the next holding a value of it: does the line run on, or break? */
function links(rows: readonly SeriesRow[], key: string, bucketOf: (at: number) => number): string[] {
  const result: string[] = [];
  let lastBucket: number | null = null;
  let broken = false;
  for (const row of rows) {
    const value = row[key];
    if (value === null || value === undefined) {
      broken = true;
      continue;
    }
    const bucket = bucketOf(row.at);
    if (lastBucket !== null && bucket !== lastBucket) result.push(`${lastBucket}->${bucket}:${broken ? 'break' : 'line'}`);
    lastBucket = bucket;
    broken = false;
  }
  return result;
}

describe('downsampleRows', () => {
  it('returns small inputs unchanged', () => {
    const rows = makeRows(100, ['a'], (i) => i);
    const out = downsampleRows(rows, { range: { start: 0, end: 99 * 7000 }, buckets: 50, keys: ['a'] });
    expect(out).toEqual(rows);
    expect(out).not.toBe(rows);
  });

  it('cuts 4,000 samples to about two per column', () => {
    const rows = makeRows(4000, ['a', 'b'], (i, key) => (key === 'a' ? Math.sin(i / 10) : i % 17));
    const out = downsampleRows(rows, { range: { start: 0, end: 3999 * 7000 }, buckets: 300, keys: ['a', 'b'] });
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out.length).toBeGreaterThan(300);
    expect(out.every((row, i) => i === 0 || row.at >= (out[i - 1]?.at ?? 0))).toBe(true);
  });

  it('keeps a one-sample loss spike and the deepest dip', () => {
    const rows = makeRows(4000, ['loss'], (i) => (i === 2345 ? 38.5 : i === 3001 ? 0 : 0.4 + (i % 3) * 0.1));
    const out = downsampleRows(rows, { range: { start: 0, end: 3999 * 7000 }, buckets: 200, keys: ['loss'] });
    expect(Math.max(...numbers(out, 'loss'))).toBe(38.5);
    expect(Math.min(...numbers(out, 'loss'))).toBe(0);
    // The spike's column still draws up to it and back down.
    const spike = out.findIndex((row) => row.loss === 38.5);
    expect(out[spike - 1]?.loss).toBeLessThan(1);
    expect(out[spike + 1]?.loss).toBeLessThan(1);
  });

  it('keeps every series extremes in every column, each series on its own', () => {
    const keys = ['a', 'b', 'c'];
    const rows = makeRows(1000, keys, (i, key) => ((i * (key.charCodeAt(0) - 90)) % 97) / 3);
    const range = { start: 0, end: 999 * 7000 };
    const buckets = 100;
    const out = downsampleRows(rows, { range, buckets, keys });
    const width = (range.end - range.start) / buckets;
    const bucketOf = (at: number) => Math.min(buckets - 1, Math.floor(at / width));
    for (const key of keys) {
      for (let bucket = 0; bucket < buckets; bucket += 1) {
        const inBucket = (list: readonly SeriesRow[]) => numbers(list.filter((row) => bucketOf(row.at) === bucket), key);
        const before = inBucket(rows);
        const after = inBucket(out);
        expect(Math.min(...after)).toBe(Math.min(...before));
        expect(Math.max(...after)).toBe(Math.max(...before));
      }
    }
  });

  it('never invents a value', () => {
    const rows = makeRows(3000, ['a'], (i) => Math.round(Math.sin(i) * 100) / 10);
    const out = downsampleRows(rows, { range: { start: 0, end: 2999 * 7000 }, buckets: 100, keys: ['a'] });
    const seen = new Set(numbers(rows, 'a'));
    expect(numbers(out, 'a').every((v) => seen.has(v))).toBe(true);
  });

  it('keeps a gap a gap: a disconnect is still a break in the line', () => {
    // Samples 1000-1019 missing (a null row in the middle of a column), and a series that
    // starts late (nulls before it joined).
    const rows = makeRows(3000, ['a', 'late'], (i, key) => {
      if (key === 'a') return i >= 1000 && i < 1020 ? null : 5 + (i % 4);
      return i < 1500 ? null : 2;
    });
    const range = { start: 0, end: 2999 * 7000 };
    const buckets = 150;
    const out = downsampleRows(rows, { range, buckets, keys: ['a', 'late'] });
    const width = (range.end - range.start) / buckets;
    const bucketOf = (at: number) => Math.min(buckets - 1, Math.floor(at / width));
    expect(links(out, 'a', bucketOf)).toEqual(links(rows, 'a', bucketOf));
    expect(links(out, 'a', bucketOf).filter((link) => link.endsWith('break'))).toHaveLength(1);
    expect(links(out, 'late', bucketOf)).toEqual(links(rows, 'late', bucketOf));
    expect(values(out, 'late').slice(0, 10).every((v) => v === null)).toBe(true);
  });

  it('breaks the line where a column starts with a null, even with values between two nulls', () => {
    // Columns of 4 rows: the second is [null, 5, null, 7], so the line from the first column
    // must not run on into the 5.
    const cells = [1, 2, 3, 4, null, 5, null, 7, 8, 9, 10, 11];
    const rows = cells.map((a, i) => ({ at: i * 10, a, b: i }));
    const out = downsampleRows(rows, { range: { start: 0, end: 119 }, buckets: 3, keys: ['a', 'b'] });
    const column = (at: number) => Math.min(2, Math.floor(at / (119 / 3)));
    expect(links(out, 'a', column)).toEqual(['0->1:break', '1->2:line']);
    expect(links(out, 'b', column)).toEqual(['0->1:line', '1->2:line']);
  });

  it('puts a row on a column boundary into the later column, and the range end into the last', () => {
    // 10 columns of 100 ms over [0, 1000]; rows every 10 ms, so rows at 100, 200, ... start columns.
    const rows = makeRows(101, ['a'], (i) => (i % 10 === 0 ? 1000 + i : i), 10);
    const out = downsampleRows(rows, { range: { start: 0, end: 1000 }, buckets: 10, keys: ['a'] });
    // A row on a boundary starts its column: column b holds rows 10b..10b+9 and its maximum
    // is row 10b's. The last column also holds the row at the range's end (1100).
    const column = (at: number) => Math.min(9, Math.floor(at / 100));
    const maxima = Array.from({ length: 10 }, (_, b) => Math.max(...numbers(out.filter((row) => column(row.at) === b), 'a')));
    expect(maxima).toEqual([1000, 1010, 1020, 1030, 1040, 1050, 1060, 1070, 1080, 1100]);
    expect(out.length).toBeLessThanOrEqual(20);
    expect(out.at(-1)?.at).toBe(1000);
  });

  it('downsamples only the zoomed range and keeps the rows either side as they are', () => {
    const rows = makeRows(8000, ['a'], (i) => (i === 5000 ? 99 : 1));
    const range = { start: 4000 * 7000, end: 6000 * 7000 };
    const inRange = rows.filter((row) => row.at >= range.start && row.at <= range.end);
    const withEdges = [rows[3999] as SeriesRow, ...inRange, rows[6001] as SeriesRow];
    const out = downsampleRows(withEdges, { range, buckets: 100, keys: ['a'] });
    expect(out[0]).toBe(withEdges[0]);
    expect(out.at(-1)).toBe(withEdges.at(-1));
    expect(out.length).toBeLessThanOrEqual(202);
    expect(numbers(out, 'a')).toContain(99);
    // Zoomed in far enough, nothing needs dropping.
    const narrow = { start: 5000 * 7000, end: 5100 * 7000 };
    const few = rows.filter((row) => row.at >= narrow.start && row.at <= narrow.end);
    expect(downsampleRows(few, { range: narrow, buckets: 300, keys: ['a'] })).toEqual(few);
  });

  it('for any rows: sorted output, values from the input, extremes and breaks kept', () => {
    const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: -50, max: 50 }) });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), cell, cell), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (steps, buckets, cut) => {
          let at = 0;
          const rows: SeriesRow[] = steps.map(([step, a, b]) => {
            at += step;
            return { at, a, b };
          });
          const total = at;
          const range = { start: Math.floor((total * cut) / 400), end: total - Math.floor((total * cut) / 400) };
          const out = downsampleRows(rows, { range, buckets, keys: ['a', 'b'] });
          expect(out.every((row, i) => i === 0 || row.at >= (out[i - 1]?.at ?? 0))).toBe(true);
          const width = (range.end - range.start) / buckets;
          const bucketOf = (t: number) =>
            t < range.start ? -1 : t > range.end ? buckets : Math.min(buckets - 1, Math.floor((t - range.start) / width));
          for (const key of ['a', 'b']) {
            const input = new Set(numbers(rows, key));
            expect(numbers(out, key).every((v) => input.has(v))).toBe(true);
            if (input.size > 0) {
              expect(Math.max(...numbers(out, key))).toBe(Math.max(...input));
              expect(Math.min(...numbers(out, key))).toBe(Math.min(...input));
            }
            if (width > 0) expect(links(out, key, bucketOf)).toEqual(links(rows, key, bucketOf));
          }
        },
      ),
      { seed: SEED, numRuns: 500 },
    );
  });
});
