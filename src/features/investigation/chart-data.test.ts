import { describe, expect, it } from 'vitest';
import { clipIntervals, mergeSeries, nearestIndex, rowsInRange, timeTicks } from './chart-data';

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

  it('keeps null values as null', () => {
    const rows = mergeSeries([series('a', [0, 7000, 14000], [1, null, 3])]);
    expect(rows.map((row) => row.a)).toEqual([1, null, 3]);
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
  it('makes round clock ticks', () => {
    expect(timeTicks({ start: 0, end: 25 * 60_000 })).toEqual([0, 300_000, 600_000, 900_000, 1_200_000, 1_500_000]);
    const eightHours = timeTicks({ start: 0, end: 8 * 3600_000 });
    expect(eightHours.length).toBeGreaterThanOrEqual(4);
    expect(eightHours.length).toBeLessThanOrEqual(9);
  });
  it('clips intervals to the range', () => {
    expect(clipIntervals([{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 50, end: 60 }], { start: 5, end: 25 })).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
  });
});
