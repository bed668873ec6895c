import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clipIntervals, maxValue, mergeSeries, nearestIndex, nearestRowIndex, niceAxis, rowsFromLayout, rowsInRange, timeTicks } from './chart-data';

const series = (key: string, times: number[], values?: (number | null)[]) => ({
  key,
  points: times.map((at, i) => ({ at, value: values ? (values[i] ?? null) : i })),
});

describe('mergeSeries', () => {
  it('puts samples of one poll a few ms apart into one row', () => {
    const rows = mergeSeries([series('a', [1000, 8000, 15000]), series('b', [1004, 8012, 14990])]);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ at: 1000, a: 0, b: 0 });
    expect(rows[2]).toMatchObject({ a: 2, b: 2 });
  });

  it('gives a series missing from a poll a null there, not a made-up value', () => {
    const rows = mergeSeries([series('a', [0, 7000, 14000, 21000]), series('b', [0, 14000])]);
    expect(rows.map((row) => row.b)).toEqual([0, null, 1, null]);
  });

  it('breaks a line across a long gap instead of bridging it', () => {
    const rows = mergeSeries([series('a', [0, 7000, 14000, 21000, 90000, 97000])]);
    const gapRow = rows.find((row) => row.at > 21000 && row.at < 90000);
    expect(gapRow?.a).toBeNull();
  });

  it('keeps two samples of one series at the same instant as two rows', () => {
    const rows = mergeSeries([series('a', [0, 0, 7000])]);
    expect(rows).toHaveLength(3);
  });

  it('takes samples at the same instant in series order', () => {
    const rows = mergeSeries([series('a', [0, 500], [1, 2]), series('b', [500], [3])]);
    expect(rows).toEqual([
      { at: 0, a: 1, b: null },
      { at: 500, a: 2, b: 3 },
    ]);
  });

  it('gives the rows a sort of every sample would, for any series', () => {
    // The reference: every entry (gap markers included) sorted together, then grouped.
    const reference = (all: { key: string; points: { at: number; value: number | null }[] }[]) => {
      const entries: { at: number; key: string; value: number | null }[] = [];
      for (const { key, points } of all) {
        const sorted = [...points].sort((a, b) => a.at - b.at);
        const steps = sorted.slice(1).map((p, i) => p.at - (sorted[i]?.at ?? 0)).filter((d) => d > 0).sort((a, b) => a - b);
        const gap = sorted.length < 3 ? 0 : (steps[Math.floor(steps.length / 2)] ?? 0) * 2.5;
        sorted.forEach((point, i) => {
          const previous = sorted[i - 1];
          if (previous && gap > 0 && point.at - previous.at > gap) entries.push({ at: (previous.at + point.at) / 2, key, value: null });
          entries.push({ at: point.at, key, value: point.value });
        });
      }
      entries.sort((a, b) => a.at - b.at);
      const rows: Record<string, number | null>[] = [];
      let current: Record<string, number | null> | null = null;
      for (const entry of entries) {
        if (current === null || entry.at - (current.at ?? 0) > 1000 || entry.key in current) {
          current = { at: entry.at };
          rows.push(current);
        }
        current[entry.key] = entry.value;
      }
      for (const row of rows) for (const { key } of all) if (!(key in row)) row[key] = null;
      return rows;
    };
    const points = fc.array(fc.record({ at: fc.integer({ min: 0, max: 30_000 }), value: fc.option(fc.integer({ min: 0, max: 99 })) }), { maxLength: 60 });
    fc.assert(
      fc.property(fc.array(points, { minLength: 1, maxLength: 4 }), (lists) => {
        const all = lists.map((list, i) => ({ key: `s${i}`, points: list }));
        expect(mergeSeries(all)).toEqual(reference(all));
      }),
      { seed: 20_260_915, numRuns: 300 },
    );
  });

  it('keeps null values as null', () => {
    const rows = mergeSeries([series('a', [0, 7000, 14000], [1, null, 3])]);
    expect(rows.map((row) => row.a)).toEqual([1, null, 3]);
  });
});

describe('rowsFromLayout', () => {
  it('gives every metric the rows, gaps and missing samples that merging it on its own would', () => {
    const times = { a: [0, 7000, 14000, 21000, 90000, 97000], b: [3, 7010, 21005] };
    const loss = { a: [1, 2, null, 4, 5, 6], b: [9, 8, 7] };
    const layout = mergeSeries([series('a', times.a), series('b', times.b)]);
    const fromLayout = rowsFromLayout(layout, ['a', 'b'], (key, index) => loss[key as 'a' | 'b'][index] ?? null);
    const direct = mergeSeries([series('a', times.a, loss.a), series('b', times.b, loss.b)]);
    expect(fromLayout).toEqual(direct);
  });
});

describe('ranges and ticks', () => {
  const rows = [0, 10, 20, 30, 40].map((at) => ({ at }));
  it('keeps one row either side of the range', () => {
    expect(rowsInRange(rows, { start: 15, end: 25 }).map((r) => r.at)).toEqual([10, 20, 30]);
    expect(rowsInRange(rows, { start: 0, end: 40 }).map((r) => r.at)).toEqual([0, 10, 20, 30, 40]);
  });
  it('finds the nearest tick', () => {
    expect(nearestIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20], -5)).toBe(0);
    expect(nearestIndex([0, 10, 20], 99)).toBe(2);
    expect(nearestIndex([], 5)).toBe(-1);
  });
  it('finds the nearest row', () => {
    const timed = [0, 10, 20].map((at) => ({ at }));
    expect(nearestRowIndex(timed, 14)).toBe(1);
    expect(nearestRowIndex(timed, 16)).toBe(2);
    expect(nearestRowIndex(timed, -5)).toBe(0);
    expect(nearestRowIndex(timed, 99)).toBe(2);
    expect(nearestRowIndex([], 5)).toBe(-1);
  });
  it('makes round clock ticks', () => {
    expect(timeTicks({ start: 0, end: 25 * 60_000 })).toEqual([0, 300_000, 600_000, 900_000, 1_200_000, 1_500_000]);
    const eightHours = timeTicks({ start: 0, end: 8 * 3600_000 });
    expect(eightHours.length).toBeGreaterThanOrEqual(4);
    expect(eightHours.length).toBeLessThanOrEqual(9);
  });
  it('makes a value axis from 0 to a round number at or above the largest value', () => {
    expect(niceAxis(38.5)).toEqual({ domain: [0, 40], ticks: [0, 10, 20, 30, 40] });
    expect(niceAxis(1480)).toEqual({ domain: [0, 1500], ticks: [0, 500, 1000, 1500] });
    expect(niceAxis(0.7)).toEqual({ domain: [0, 0.8], ticks: [0, 0.2, 0.4, 0.6, 0.8] });
    expect(niceAxis(5, 1)).toEqual({ domain: [1, 5], ticks: [1, 2, 3, 4, 5] });
    // No values at all: still an axis.
    expect(niceAxis(Number.NEGATIVE_INFINITY).domain).toEqual([0, 1]);
    expect(maxValue([{ at: 0, a: 3, b: null }, { at: 1, a: null, b: 7 }], ['a', 'b'])).toBe(7);
  });
  it('clips intervals to the range', () => {
    expect(clipIntervals([{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 50, end: 60 }], { start: 5, end: 25 })).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
  });
});
