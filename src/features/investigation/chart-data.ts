import { lowerBound, type SeriesPoints } from '../../lib/downsample.ts';
import type { TimeInterval } from '../../report/model.ts';
import { GAP_FACTOR, typicalIntervalMs } from '../../report/time-series.ts';

// Shaping for the quality charts: pure, so it is tested without a browser.

/** Samples of one stats poll land a few ms apart across streams; within this they share a tooltip. */
export const ROW_TOLERANCE_MS = 1000;

/**
 * A gap longer than this is drawn as a break: a few usual intervals between samples. 0 (no
 * breaks) with fewer than three samples, too few to tell the usual interval. One per stream:
 * every metric of the stream breaks at the same places.
 */
export function gapThreshold(samples: readonly { at: number }[]): number {
  // The same measure of a gap as diagnosis uses, so a line breaks where a finding's window does.
  return samples.length < 3 ? 0 : typicalIntervalMs(samples) * GAP_FACTOR;
}

/**
 * One series' points from its samples (in time order): `value(i)` of each, NaN where it has
 * none, and a break (a NaN point) in the middle of every gap longer than `gap` (a
 * disconnect), so the line breaks there instead of bridging it.
 */
export function seriesPoints(
  samples: readonly { at: number }[],
  value: (index: number) => number | null,
  gap: number = gapThreshold(samples),
): SeriesPoints {
  let breaks = 0;
  if (gap > 0) for (let i = 1; i < samples.length; i += 1) if ((samples[i]?.at ?? 0) - (samples[i - 1]?.at ?? 0) > gap) breaks += 1;
  const at = new Float64Array(samples.length + breaks);
  const values = new Float64Array(samples.length + breaks);
  let n = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const time = samples[i]?.at ?? 0;
    const previous = i > 0 ? (samples[i - 1]?.at ?? time) : time;
    if (gap > 0 && time - previous > gap) {
      at[n] = (previous + time) / 2;
      values[n] = Number.NaN;
      n += 1;
    }
    at[n] = time;
    values[n] = value(i) ?? Number.NaN;
    n += 1;
  }
  return { at, values };
}

/**
 * The largest finite value of the series, or -Infinity when there is none. Infinity is not
 * drawn (the line breaks there), so it must not stretch the axis either.
 */
export function maxValue(series: readonly SeriesPoints[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const { values } of series) {
    for (let i = 0; i < values.length; i += 1) {
      const value = values[i] ?? Number.NaN;
      if (value > max && value !== Number.POSITIVE_INFINITY) max = value;
    }
  }
  return max;
}

/** Index of the point nearest to `at`, or -1 when there are none. */
export function nearestPointIndex(times: ArrayLike<number>, at: number): number {
  if (times.length === 0) return -1;
  const after = Math.min(times.length - 1, lowerBound(times, at));
  const before = Math.max(0, after - 1);
  return Math.abs((times[before] ?? 0) - at) <= Math.abs((times[after] ?? 0) - at) ? before : after;
}

export interface ValuesAt {
  /** The sample time nearest to the pointer, over every series. */
  at: number;
  /** Each series' value there: its sample within ROW_TOLERANCE_MS of `at`, else null. */
  values: (number | null)[];
}

/** What a tooltip shows for the pointer at `at`: the nearest stats poll, and each series' value in it. */
export function valuesAt(series: readonly SeriesPoints[], at: number): ValuesAt | null {
  let nearest: number | null = null;
  for (const { at: times } of series) {
    const index = nearestPointIndex(times, at);
    const time = times[index];
    if (time !== undefined && (nearest === null || Math.abs(time - at) < Math.abs(nearest - at))) nearest = time;
  }
  if (nearest === null) return null;
  const poll = nearest;
  const values = series.map(({ at: times, values: points }) => {
    const index = nearestPointIndex(times, poll);
    const time = times[index];
    const value = points[index];
    return time !== undefined && value !== undefined && Math.abs(time - poll) <= ROW_TOLERANCE_MS && !Number.isNaN(value) ? value : null;
  });
  return { at: poll, values };
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
 * 38.5 -> 0, 10, 20, 30, 40. Each chart's axis costs one pass over its drawn points.
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
