// "k of n samples over a threshold" → the stretches where a problem held. One spike is
// noise (a single 7 s sample with 8 % loss is inaudible); three bad samples out of five
// is what Twilio and Teams call sustained, so that is what a finding reports.

import type { TimeInterval } from '../model.ts';
import { GAP_FACTOR, mergeIntervals, sampleStart, typicalIntervalMs } from '../time-series.ts';

export interface SustainWindow {
  /** Samples that must qualify ... */
  k: number;
  /** ... within this many consecutive (usable) samples. */
  n: number;
}

export interface SustainResult {
  intervals: TimeInterval[];
  /** Indexes (into `samples`) of the qualifying samples inside a sustained stretch, ascending. */
  hits: number[];
}

function isSorted(samples: readonly { at: number }[]): boolean {
  for (let i = 1; i < samples.length; i += 1) {
    if ((samples[i]?.at ?? 0) < (samples[i - 1]?.at ?? 0)) return false;
  }
  return true;
}

/**
 * A series made ready for sustain windows: its samples in time order, with their times as
 * numbers. Built once per stream, so the several windows the rules run over one stream
 * read flat arrays instead of checking the order of thousands of sample objects each time.
 */
export interface SampleSeries<T extends { at: number }> {
  /** The samples in time order, empty slots left out. */
  samples: readonly T[];
  /** `samples[i].at`. */
  at: Float64Array;
  /** Where `samples[i]` is in the caller's array; null when that is `i`. */
  index: Int32Array | null;
  intervalMs: number;
}

/** `intervalMs`: the stream's usual spacing between samples; measured when absent. */
export function sampleSeries<T extends { at: number }>(samples: readonly T[], intervalMs?: number): SampleSeries<T> {
  // The usual case, in one pass: every slot filled and already in time order.
  const at = new Float64Array(samples.length);
  let ordered = true;
  for (let i = 0; i < samples.length && ordered; i += 1) {
    const sample = samples[i];
    if (!sample || (i > 0 && sample.at < (at[i - 1] ?? 0))) ordered = false;
    else at[i] = sample.at;
  }
  if (ordered) return { samples, at, index: null, intervalMs: intervalMs ?? typicalIntervalMs(samples) };

  let sorted = samples;
  let order: number[] | null = null;
  if (!isSorted(samples)) {
    order = samples.map((_, i) => i).sort((a, b) => (samples[a]?.at ?? 0) - (samples[b]?.at ?? 0));
    sorted = order.map((i) => samples[i] as T);
  }
  const kept: T[] = [];
  const keptAt: number[] = [];
  const index: number[] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    const sample = sorted[i];
    if (!sample) continue;
    kept.push(sample);
    keptAt.push(sample.at);
    index.push(order ? (order[i] ?? i) : i);
  }
  return {
    samples: kept,
    at: Float64Array.from(keptAt),
    index: Int32Array.from(index),
    intervalMs: intervalMs ?? typicalIntervalMs(sorted),
  };
}

/** One measure over a series: the samples a window may count, cut where no window may span. */
export interface UsableValues {
  /** The measured values, in time order. */
  values: Float64Array;
  /** Position in the series of each value. */
  positions: Int32Array;
  /** Where each segment ends (exclusive, an index into `values`): at a gap in the data or an excluded sample. */
  ends: number[];
}

/**
 * `value` gives the measure (null: not measured, skipped, not counted as good); `excluded`
 * is 1 for each sample to leave out, indexed like the caller's samples.
 */
export function usableValues<T extends { at: number }>(
  series: SampleSeries<T>,
  value: (sample: T) => number | null,
  excluded: Uint8Array | null,
): UsableValues {
  const { at, index, samples } = series;
  const maxGap = GAP_FACTOR * series.intervalMs;
  const values = new Float64Array(at.length);
  const positions = new Int32Array(at.length);
  const ends: number[] = [];
  let length = 0;
  let segmentStart = 0;
  let lastAt = Number.NaN;
  let previousAt = Number.NaN;
  for (let i = 0; i < at.length; i += 1) {
    const sampleAt = at[i] ?? 0;
    // A gap is time without any sample (an outage); unmeasured samples are not a gap.
    const gap = sampleAt - previousAt > maxGap;
    previousAt = sampleAt;
    const skip = excluded !== null && excluded[index === null ? i : (index[i] ?? i)] === 1;
    if ((gap || skip) && length > segmentStart) {
      ends.push(length);
      segmentStart = length;
    }
    if (skip) {
      lastAt = Number.NaN;
      continue;
    }
    const v = value(samples[i] as T);
    if (v === null || !Number.isFinite(v)) continue;
    // A repeated timestamp is the same measurement sent twice: count it once.
    if (sampleAt === lastAt) continue;
    values[length] = v;
    positions[length] = i;
    length += 1;
    lastAt = sampleAt;
  }
  if (length > segmentStart) ends.push(length);
  return { values: values.subarray(0, length), positions: positions.subarray(0, length), ends };
}

/**
 * Where windows of n (or the whole segment, if shorter) hold k qualifying samples, as
 * [first, last] pairs of indexes into the usable values; overlapping windows join.
 */
function firedRuns(flags: Uint8Array, ends: readonly number[], k: number, n: number): number[] {
  const runs: number[] = [];
  let from = 0;
  for (const to of ends) {
    const size = Math.min(n, to - from);
    let count = 0;
    for (let j = from; j < from + size; j += 1) count += flags[j] ?? 0;
    let runStart = -1;
    let runEnd = -1;
    for (let start = from; start + size <= to; start += 1) {
      if (start > from) count += (flags[start + size - 1] ?? 0) - (flags[start - 1] ?? 0);
      if (count < k) continue;
      const end = start + size - 1;
      if (runStart >= 0 && start <= runEnd) runEnd = end;
      else {
        if (runStart >= 0) runs.push(runStart, runEnd);
        runStart = start;
        runEnd = end;
      }
    }
    if (runStart >= 0) runs.push(runStart, runEnd);
    from = to;
  }
  return runs;
}

/**
 * A value qualifies when it is past the limit: above it, or below it when lower is worse;
 * at the limit is not past it. The rules give their limits as data rather than as a
 * function: over thousands of values per stream, a comparison costs a fraction of a call.
 */
export interface Beyond {
  limit: number;
  lowerIsWorse: boolean;
}

function qualifyingFlags(values: Float64Array, qualifies: Beyond): Uint8Array {
  const flags = new Uint8Array(values.length);
  if (qualifies.lowerIsWorse) {
    for (let j = 0; j < values.length; j += 1) if ((values[j] ?? 0) < qualifies.limit) flags[j] = 1;
  } else {
    for (let j = 0; j < values.length; j += 1) if ((values[j] ?? 0) > qualifies.limit) flags[j] = 1;
  }
  return flags;
}

/**
 * Finds where at least k of every n consecutive usable values qualify. A run is the union
 * of overlapping qualifying windows, trimmed to its first and last qualifying sample; its
 * interval starts one sample interval before the first (the time that sample measured).
 * Linear in the number of samples; several thresholds can share one reading of the samples.
 */
export function sustainedRuns<T extends { at: number }>(
  series: SampleSeries<T>,
  usable: UsableValues,
  qualifies: Beyond,
  window: SustainWindow,
): SustainResult {
  const k = Math.max(1, Math.floor(window.k));
  const n = Math.max(k, Math.floor(window.n));
  const { at, index, intervalMs, samples } = series;
  const { positions, ends } = usable;
  const flags = qualifyingFlags(usable.values, qualifies);
  const runs = firedRuns(flags, ends, k, n);

  const intervals: TimeInterval[] = [];
  const hits: number[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    // A run is trimmed to its first and last qualifying sample.
    let first = -1;
    let last = -1;
    for (let j = runs[r] ?? 0; j <= (runs[r + 1] ?? -1); j += 1) {
      if (flags[j] !== 1) continue;
      if (first < 0) first = j;
      last = j;
      const position = positions[j] ?? 0;
      hits.push(index === null ? position : (index[position] ?? position));
    }
    const firstPosition = positions[first] ?? 0;
    const lastPosition = positions[last] ?? 0;
    intervals.push({ start: sampleStart(samples, firstPosition, intervalMs), end: at[lastPosition] ?? 0 });
  }
  if (index) hits.sort((a, b) => a - b);
  return { intervals: mergeIntervals(intervals), hits };
}
