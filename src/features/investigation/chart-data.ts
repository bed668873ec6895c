import type { TimeInterval } from '../../report/model';

// Shaping for the quality charts: pure, so it is tested without a browser.

export interface SeriesPoints {
  key: string;
  points: readonly { at: number; value: number | null }[];
}

export type ChartRow = { at: number } & Record<string, number | null>;

/** Samples of one stats poll land a few ms apart across streams; within this they share a row. */
export const ROW_TOLERANCE_MS = 1000;

/** A gap longer than this many usual intervals is drawn as a break in the line. */
const GAP_FACTOR = 2.5;

/**
 * Merges several series into rows keyed by time, one row per stats poll, so one chart can
 * draw them with a shared tooltip. A series missing from a row gets null there; a series'
 * own long gaps (disconnects) get a null row so the line breaks instead of bridging.
 */
export function mergeSeries(series: readonly SeriesPoints[], toleranceMs: number = ROW_TOLERANCE_MS): ChartRow[] {
  const entries: { at: number; key: string; value: number | null }[] = [];
  for (const { key, points } of series) {
    const gap = usualInterval(points) * GAP_FACTOR;
    let previous: number | null = null;
    for (const point of points) {
      if (previous !== null && gap > 0 && point.at - previous > gap) {
        entries.push({ at: (previous + point.at) / 2, key, value: null });
      }
      entries.push({ at: point.at, key, value: point.value });
      previous = point.at;
    }
  }
  entries.sort((a, b) => a.at - b.at);
  const rows: ChartRow[] = [];
  let current: ChartRow | null = null;
  let currentStart = 0;
  for (const entry of entries) {
    if (current === null || entry.at - currentStart > toleranceMs || entry.key in current) {
      current = { at: entry.at } as ChartRow;
      currentStart = entry.at;
      rows.push(current);
    }
    current[entry.key] = entry.value;
  }
  for (const row of rows) {
    for (const { key } of series) if (!(key in row)) row[key] = null;
  }
  return rows;
}

function usualInterval(points: readonly { at: number }[]): number {
  if (points.length < 3) return 0;
  const steps: number[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const step = (points[i]?.at ?? 0) - (points[i - 1]?.at ?? 0);
    if (step > 0) steps.push(step);
  }
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}

/** Rows inside the range, plus one on each side so lines run to the chart's edges. */
export function rowsInRange(rows: readonly ChartRow[], range: TimeInterval): ChartRow[] {
  let first = lowerBound(rows, range.start);
  let last = lowerBound(rows, range.end);
  first = Math.max(0, first - 1);
  last = Math.min(rows.length, last + 1);
  return rows.slice(first, last);
}

function lowerBound(rows: readonly { at: number }[], at: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle]?.at ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the tick nearest to `at`, for syncing tooltips across charts whose samples differ. */
export function nearestIndex(values: readonly number[], at: number): number {
  if (values.length === 0) return -1;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((values[middle] ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  const before = low > 0 ? low - 1 : low;
  return Math.abs((values[before] ?? 0) - at) <= Math.abs((values[low] ?? 0) - at) ? before : low;
}

/** Clock-aligned axis ticks: 4 to 8 round steps across the range. */
export function timeTicks(range: TimeInterval, target = 6): number[] {
  const steps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200].map((s) => s * 1000);
  const span = range.end - range.start;
  const step = steps.find((s) => span / s <= target) ?? 3600_000 * Math.ceil(span / (target * 3600_000));
  const ticks: number[] = [];
  for (let at = Math.ceil(range.start / step) * step; at <= range.end; at += step) ticks.push(at);
  return ticks;
}

/** Intervals cut to the range; those outside it dropped. */
export function clipIntervals(intervals: readonly TimeInterval[], range: TimeInterval): TimeInterval[] {
  const clipped: TimeInterval[] = [];
  for (const interval of intervals) {
    const start = Math.max(interval.start, range.start);
    const end = Math.min(interval.end, range.end);
    if (end > start) clipped.push({ start, end });
  }
  return clipped;
}
