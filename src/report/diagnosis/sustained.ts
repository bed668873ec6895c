// "k of n samples over a threshold" → the stretches where a problem held. One spike is
// noise (a single 7 s sample with 8 % loss is inaudible); three bad samples out of five
// is what Twilio and Teams call sustained, so that is what a finding reports.

import type { TimeInterval } from '../model';
import { DEFAULT_SAMPLE_INTERVAL_MS, nthSmallest } from '../units';

export interface SustainWindow {
  /** Samples that must qualify ... */
  k: number;
  /** ... within this many consecutive (usable) samples. */
  n: number;
}

export interface SustainInput<T extends { at: number }> {
  /** In time order (the model's are); an unsorted series is sorted first. */
  samples: readonly T[];
  /** The measured value; null (not measured) samples are skipped, not counted as good. */
  value: (sample: T) => number | null;
  qualifies: (value: number) => boolean;
  window: SustainWindow;
  /**
   * Samples that say nothing about quality (muted microphone, camera off). They are left
   * out and also split the series: a window must not join the stretch before a mute with
   * the one after it.
   */
  excluded?: (index: number) => boolean;
  /** The stream's usual spacing between samples; measured when absent. */
  intervalMs?: number;
}

export interface SustainResult {
  intervals: TimeInterval[];
  /** Indexes (into `samples`) of the qualifying samples inside a sustained stretch, ascending. */
  hits: number[];
}

/** A missing stretch longer than this many usual intervals is a gap (an outage), not a slow sample. */
export const GAP_FACTOR = 2.5;

/** Median spacing of consecutive samples (the upper middle one); duplicates (0 ms apart) do not count. */
export function typicalIntervalMs(samples: readonly { at: number }[]): number {
  const gaps = new Float64Array(Math.max(0, samples.length - 1));
  let count = 0;
  for (let i = 1; i < samples.length; i += 1) {
    const gap = (samples[i]?.at ?? 0) - (samples[i - 1]?.at ?? 0);
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

function isSorted(samples: readonly { at: number }[]): boolean {
  for (let i = 1; i < samples.length; i += 1) {
    if ((samples[i]?.at ?? 0) < (samples[i - 1]?.at ?? 0)) return false;
  }
  return true;
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

/**
 * Finds where at least k of every n consecutive usable samples qualify. A run is the union
 * of overlapping qualifying windows, trimmed to its first and last qualifying sample; its
 * interval starts one sample interval before the first (the time that sample measured).
 * Linear in the number of samples.
 */
export function sustainedIntervals<T extends { at: number }>(input: SustainInput<T>): SustainResult {
  const { value, qualifies, excluded } = input;
  const k = Math.max(1, Math.floor(input.window.k));
  const n = Math.max(k, Math.floor(input.window.n));
  let samples = input.samples;
  let order: number[] | null = null;
  if (!isSorted(samples)) {
    order = samples.map((_, i) => i).sort((a, b) => (samples[a]?.at ?? 0) - (samples[b]?.at ?? 0));
    samples = order.map((i) => samples[i] as T);
  }
  const original = (i: number): number => (order ? (order[i] ?? i) : i);
  const intervalMs = input.intervalMs ?? typicalIntervalMs(samples);
  const maxGap = GAP_FACTOR * intervalMs;

  const intervals: TimeInterval[] = [];
  const hits: number[] = [];
  // One segment at a time: indexes into `samples` and whether each qualifies.
  const segment = new Int32Array(samples.length);
  const flags = new Uint8Array(samples.length);
  let length = 0;

  const closeRun = (runStart: number, runEnd: number): void => {
    let first = -1;
    let last = -1;
    for (let j = runStart; j <= runEnd; j += 1) {
      if (flags[j] !== 1) continue;
      if (first < 0) first = j;
      last = j;
      hits.push(original(segment[j] ?? 0));
    }
    const firstIndex = segment[first] ?? 0;
    const lastIndex = segment[last] ?? 0;
    intervals.push({ start: sampleStart(samples, firstIndex, intervalMs), end: samples[lastIndex]?.at ?? 0 });
  };

  const flush = (): void => {
    if (length === 0) return;
    const size = Math.min(n, length);
    let count = 0;
    for (let j = 0; j < size; j += 1) count += flags[j] ?? 0;
    // Fired windows, walked in order; overlapping ones join one run.
    let runStart = -1;
    let runEnd = -1;
    for (let start = 0; start + size <= length; start += 1) {
      if (start > 0) count += (flags[start + size - 1] ?? 0) - (flags[start - 1] ?? 0);
      if (count < k) continue;
      const end = start + size - 1;
      if (runStart >= 0 && start <= runEnd) runEnd = end;
      else {
        if (runStart >= 0) closeRun(runStart, runEnd);
        runStart = start;
        runEnd = end;
      }
    }
    if (runStart >= 0) closeRun(runStart, runEnd);
    length = 0;
  };

  let lastAt = Number.NaN;
  let previousAt = Number.NaN;
  for (let i = 0; i < samples.length; i += 1) {
    const sample = samples[i];
    if (!sample) continue;
    // A gap is time without any sample (an outage); unmeasured (null) samples are not a gap.
    if (sample.at - previousAt > maxGap) flush();
    previousAt = sample.at;
    if (excluded?.(original(i))) {
      flush();
      lastAt = Number.NaN;
      continue;
    }
    const v = value(sample);
    if (v === null || !Number.isFinite(v)) continue;
    // A repeated timestamp is the same measurement sent twice: count it once.
    if (sample.at === lastAt) continue;
    segment[length] = i;
    flags[length] = qualifies(v) ? 1 : 0;
    length += 1;
    lastAt = sample.at;
  }
  flush();

  hits.sort((a, b) => a - b);
  return { intervals: mergeIntervals(intervals), hits };
}
