import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsInRange } from '../../lib/downsample.ts';
import { clipIntervals, maxValue, nearestPointIndex, niceAxis, seriesPoints, timeTicks, valuesAt } from './chart-data.ts';

const samples = (times: number[]) => times.map((at) => ({ at }));
const points = (times: number[], values: (number | null)[]) => ({
  at: Float64Array.from(times),
  values: Float64Array.from(values.map((value) => value ?? Number.NaN)),
});
const plain = (series: { at: Float64Array; values: Float64Array }) => ({
  at: [...series.at],
  values: [...series.values].map((value) => (Number.isNaN(value) ? null : value)),
});

describe('seriesPoints', () => {
  it('takes each sample at its time, with null where it has no value', () => {
    const out = seriesPoints(samples([0, 7000, 14000]), (i) => [1, null, 3][i] ?? null);
    expect(plain(out)).toEqual({ at: [0, 7000, 14000], values: [1, null, 3] });
  });

  it('breaks a line across a long gap instead of bridging it', () => {
    const out = seriesPoints(samples([0, 7000, 14000, 21000, 90000, 97000]), (i) => i);
    expect(plain(out)).toEqual({ at: [0, 7000, 14000, 21000, 55500, 90000, 97000], values: [0, 1, 2, 3, null, 4, 5] });
  });

  it('does not call a step a gap with too few samples to tell the usual one', () => {
    expect(plain(seriesPoints(samples([0, 90000]), () => 1)).at).toEqual([0, 90000]);
  });

  it('gives every point of a gapless call, and a break only where the spacing jumps, for any spacing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 3, maxLength: 80 }), (steps) => {
        let at = 0;
        const times = steps.map((step) => (at += step));
        const out = seriesPoints(samples(times), () => 1);
        const real = [...out.at].filter((_, i) => !Number.isNaN(out.values[i] ?? Number.NaN));
        expect(real).toEqual(times);
        const sortedSteps = times.slice(1).map((t, i) => t - (times[i] ?? 0)).sort((a, b) => a - b);
        const gap = (sortedSteps[Math.floor(sortedSteps.length / 2)] ?? 0) * 2.5;
        const breaks = times.slice(1).filter((t, i) => t - (times[i] ?? 0) > gap).length;
        expect(out.at.length - times.length).toBe(breaks);
      }),
      { seed: 20_260_915, numRuns: 300 },
    );
  });
});

describe('valuesAt', () => {
  const a = points([0, 7000, 14000], [1, 2, 3]);
  const b = points([5, 7400, 21000], [9, null, 7]);

  it("shows the stats poll nearest the pointer, with each series' value in it", () => {
    expect(valuesAt([a, b], 6000)).toEqual({ at: 7000, values: [2, null] });
    expect(valuesAt([a, b], 100)).toEqual({ at: 5, values: [1, 9] });
  });

  it('says "no sample" for a series without one within a second of that poll', () => {
    expect(valuesAt([a, b], 20_000)).toEqual({ at: 21000, values: [null, 7] });
  });

  it('has nothing to show without points', () => {
    expect(valuesAt([], 10)).toBeNull();
    expect(valuesAt([points([], [])], 10)).toBeNull();
  });
});

describe('ranges and ticks', () => {
  it('keeps one point either side of the range', () => {
    const series = points([0, 10, 20, 30, 40], [0, 1, 2, 3, 4]);
    expect([...pointsInRange(series, { start: 15, end: 25 }).at]).toEqual([10, 20, 30]);
    expect([...pointsInRange(series, { start: 0, end: 40 }).at]).toEqual([0, 10, 20, 30, 40]);
  });
  it('finds the nearest point', () => {
    expect(nearestPointIndex([0, 10, 20], 14)).toBe(1);
    expect(nearestPointIndex([0, 10, 20], 16)).toBe(2);
    expect(nearestPointIndex([0, 10, 20], -5)).toBe(0);
    expect(nearestPointIndex([0, 10, 20], 99)).toBe(2);
    expect(nearestPointIndex([], 5)).toBe(-1);
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
    expect(maxValue([points([0, 1], [3, null]), points([0, 1], [null, 7])])).toBe(7);
    expect(maxValue([points([0], [null])])).toBe(Number.NEGATIVE_INFINITY);
    // Infinity is drawn as a break, so the axis ignores it.
    expect(maxValue([points([0, 1, 2], [4, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])])).toBe(4);
  });
  it('clips intervals to the range', () => {
    expect(clipIntervals([{ start: 0, end: 10 }, { start: 20, end: 30 }, { start: 50, end: 60 }], { start: 5, end: 25 })).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
  });
});
