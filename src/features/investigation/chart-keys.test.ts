import { describe, expect, it } from 'vitest';
import { pinchRange, stepCursor, zoomAround } from './chart-keys.ts';

const series = (at: number[], values: number[]) => ({ at: Float64Array.from(at), values: Float64Array.from(values) });

describe('stepCursor', () => {
  const a = series([10, 20, 30, 40], [1, Number.NaN, 3, 4]);
  const b = series([15, 30], [5, 6]);
  const view = { start: 0, end: 35 };

  it('starts at the first or last sample in view', () => {
    expect(stepCursor([a, b], view, null, 1)).toBe(10);
    expect(stepCursor([a, b], view, null, -1)).toBe(30);
  });

  it('steps over every series’ samples, skipping breaks and what is out of view', () => {
    expect(stepCursor([a, b], view, 10, 1)).toBe(15);
    expect(stepCursor([a, b], view, 15, 1)).toBe(30);
    expect(stepCursor([a, b], view, 30, 1)).toBe(30);
    expect(stepCursor([a, b], view, 30, -2)).toBe(10);
    // From between two samples, one step goes to the next (or previous) one.
    expect(stepCursor([a, b], view, 12, 1)).toBe(15);
    expect(stepCursor([a, b], view, 12, -1)).toBe(10);
  });

  it('has nowhere to go without samples in view', () => {
    expect(stepCursor([a], { start: 50, end: 60 }, null, 1)).toBeNull();
  });
});

describe('zoomAround and pinchRange', () => {
  it('keeps the instant in its place while the range shrinks or grows', () => {
    expect(zoomAround({ start: 0, end: 100 }, 25, 0.5)).toEqual({ start: 12.5, end: 62.5 });
    expect(zoomAround({ start: 0, end: 100 }, 50, 2)).toEqual({ start: -50, end: 150 });
  });

  it('zooms in as the fingers move apart, out as they close', () => {
    expect(pinchRange({ start: 0, end: 100 }, 50, 100, 200)).toEqual({ start: 25, end: 75 });
    expect(pinchRange({ start: 0, end: 100 }, 50, 200, 100)).toEqual({ start: -50, end: 150 });
    expect(pinchRange({ start: 0, end: 100 }, 50, 0, 100)).toEqual({ start: 0, end: 100 });
  });
});
