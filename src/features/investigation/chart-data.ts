import { lowerBound } from '../../lib/downsample';
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
  // Each series with its gap markers, in time order; then a k-way merge (ties in series order,
  // as a stable sort of all entries would give): ~100,000 samples need no global sort.
  const lists = series.map(({ points }) => {
    const sorted = isSorted(points) ? points : [...points].sort((a, b) => a.at - b.at);
    const gap = usualInterval(sorted) * GAP_FACTOR;
    const list: { at: number; value: number | null }[] = [];
    let previous: number | null = null;
    for (const point of sorted) {
      if (previous !== null && gap > 0 && point.at - previous > gap) list.push({ at: (previous + point.at) / 2, value: null });
      list.push(point);
      previous = point.at;
    }
    return list;
  });
  const cursors = lists.map(() => 0);
  const rows: ChartRow[] = [];
  let current: ChartRow | null = null;
  let currentStart = 0;
  for (;;) {
    let next = -1;
    let nextAt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < lists.length; i += 1) {
      const entry = lists[i]?.[cursors[i] ?? 0];
      if (entry && entry.at < nextAt) {
        next = i;
        nextAt = entry.at;
      }
    }
    if (next < 0) break;
    const entry = lists[next]?.[cursors[next] ?? 0];
    cursors[next] = (cursors[next] ?? 0) + 1;
    const key = series[next]?.key;
    if (!entry || key === undefined) continue;
    if (current === null || entry.at - currentStart > toleranceMs || key in current) {
      current = { at: entry.at };
      currentStart = entry.at;
      rows.push(current);
    }
    current[key] = entry.value;
  }
  for (const row of rows) {
    for (const { key } of series) if (!(key in row)) row[key] = null;
  }
  return rows;
}

function isSorted(points: readonly { at: number }[]): boolean {
  for (let i = 1; i < points.length; i += 1) if ((points[i]?.at ?? 0) < (points[i - 1]?.at ?? 0)) return false;
  return true;
}

/**
 * The same rows for another metric of the same streams: `layout` is `mergeSeries` over the
 * streams' sample indexes (value = index into that stream's samples), so the costly merge
 * and sort run once per group of streams instead of once per chart.
 */
export function rowsFromLayout(
  layout: readonly ChartRow[],
  keys: readonly string[],
  valueAt: (key: string, sampleIndex: number) => number | null,
): ChartRow[] {
  return layout.map((slot) => {
    const row: ChartRow = { at: slot.at };
    for (const key of keys) {
      const index = slot[key];
      row[key] = index === null || index === undefined ? null : valueAt(key, index);
    }
    return row;
  });
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

/** Index of the row nearest to `at`, or -1 when there are none. */
export function nearestRowIndex(rows: readonly { at: number }[], at: number): number {
  if (rows.length === 0) return -1;
  const after = Math.min(rows.length - 1, lowerBound(rows, at));
  const before = Math.max(0, after - 1);
  return Math.abs((rows[before]?.at ?? 0) - at) <= Math.abs((rows[after]?.at ?? 0) - at) ? before : after;
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

/**
 * A value axis from 0 (or `min`) to a round number at or above `max`, with round ticks, e.g.
 * 38.5 -> 0, 10, 20, 30, 40. Computed here, not by the chart library, so each chart's
 * axis costs one pass over its drawn rows.
 */
export function niceAxis(max: number, min = 0, target = 4): { domain: [number, number]; ticks: number[] } {
  const top = Number.isFinite(max) && max > min ? max : min + 1;
  const raw = (top - min) / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const end = min + Math.ceil((top - min) / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let value = min; value <= end + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  return { domain: [min, Number(end.toPrecision(12))], ticks };
}

/** The largest value of the given series over the rows, or -Infinity when there is none. */
export function maxValue(rows: readonly ChartRow[], keys: readonly string[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const row of rows) {
    for (const key of keys) {
      const value = row[key];
      if (typeof value === 'number' && value > max) max = value;
    }
  }
  return max;
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
