// Packet and byte counters: the RealtimeKit client sends per-interval deltas. WebRTC's own stats are running totals, so a report may carry either. Rather
// than assume, each stream's counters are inspected and running totals are differenced.

/**
 * True when a series behaves like a running total: it keeps rising, falls only on the
 * odd reset, and grows well beyond where it started. Per-interval deltas wander up and
 * down around a level instead. A short ramp of deltas can look like a total; with fewer
 * than four rises there is not enough evidence and the series is taken as deltas.
 */
export function looksLikeRunningTotal(values: readonly (number | null)[]): boolean {
  let rises = 0;
  let falls = 0;
  let growth = 0;
  let first: number | null = null;
  let previous: number | null = null;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? null;
    if (value === null) continue;
    if (first === null) first = value;
    if (previous !== null) {
      if (value > previous) {
        rises += 1;
        growth += value - previous;
      } else if (value < previous) {
        falls += 1;
      }
    }
    previous = value;
  }
  if (first === null || rises < 4) return false;
  // A few falls are resets (a restarted producer); deltas fall about as often as they rise.
  if (falls * 5 > rises) return false;
  // Slowly drifting deltas (43 000, 43 100, 43 200 bytes) rise every step but barely grow
  // relative to their level; a running total grows many times its first value.
  return growth >= 2 * Math.max(first, 0);
}

export interface DifferencedCounter {
  deltas: (number | null)[];
  /** Indexes where the total dropped: the counter restarted from zero. */
  resets: number[];
}

/**
 * Running total → per-interval deltas. The first value is only a baseline (how long it
 * had been counting is unknown), so its delta is null. When the total drops, the counter
 * restarted from zero (new producer or consumer), so the new value itself is the delta and
 * becomes the new baseline. A missing value breaks the chain: the next one is a baseline.
 */
export function differenceRunningTotal(values: readonly (number | null)[]): DifferencedCounter {
  const deltas = new Array<number | null>(values.length);
  const resets: number[] = [];
  let previous: number | null = null;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] ?? null;
    if (value === null) {
      deltas[index] = null;
    } else if (previous === null) {
      deltas[index] = null;
    } else if (value >= previous) {
      deltas[index] = value - previous;
    } else {
      deltas[index] = value;
      resets.push(index);
    }
    previous = value;
  }
  return { deltas, resets };
}
