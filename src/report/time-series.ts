// Time-series helpers shared by normalization, media state, diagnosis and the charts: how
// samples are spaced, which stretch of time one sample speaks for, and sets of intervals.

import type { TimeInterval } from './model.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, nthSmallest } from './units.ts';

/** A missing stretch longer than this many usual intervals is a gap (an outage), not a slow sample. */
export const GAP_FACTOR = 2.5;

/** Median spacing of consecutive samples (the upper middle one); duplicates (0 ms apart) do not count. */
export function typicalIntervalMs(samples: readonly { at: number }[]): number {
  const gaps = new Float64Array(Math.max(0, samples.length - 1));
  let count = 0;
  let previous = samples[0]?.at ?? 0;
  for (let i = 1; i < samples.length; i += 1) {
    const at = samples[i]?.at ?? 0;
    const gap = at - previous;
    previous = at;
    if (gap > 0) gaps[count++] = gap;
  }
  if (count === 0) return DEFAULT_SAMPLE_INTERVAL_MS;
  return nthSmallest(gaps.subarray(0, count), Math.floor(count / 2));
}

/**
 * The time a sample speaks for. Counters are per interval, so a sample at `at` measured
 * the ~7 s before it; after a gap the stats restarted, so it covers one usual interval,
 * not the whole outage.
 */
export function sampleStart(samples: readonly { at: number }[], index: number, intervalMs: number): number {
  const at = samples[index]?.at ?? 0;
  for (let i = index - 1; i >= 0; i -= 1) {
    const previous = samples[i]?.at ?? at;
    if (previous < at) return at - Math.min(intervalMs, at - previous);
  }
  return at - intervalMs;
}

/** Merges overlapping or touching intervals; input in any order. */
export function mergeIntervals(intervals: readonly TimeInterval[]): TimeInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TimeInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ start: interval.start, end: interval.end });
  }
  return merged;
}

export function totalDuration(intervals: readonly TimeInterval[]): number {
  let total = 0;
  for (const interval of intervals) total += Math.max(0, interval.end - interval.start);
  return total;
}

export function longestInterval(intervals: readonly TimeInterval[]): TimeInterval | null {
  let best: TimeInterval | null = null;
  for (const interval of intervals) {
    if (!best || interval.end - interval.start > best.end - best.start) best = interval;
  }
  return best;
}
