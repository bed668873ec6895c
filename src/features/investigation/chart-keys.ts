// Moving around a chart without a mouse: the keyboard steps a cursor from sample to sample
// and zooms around it, and two fingers pinch the range. Pure, so it is tested on its own.

import type { SeriesPoints } from '../../lib/downsample.ts';
import type { TimeInterval } from '../../report/model.ts';

/** The range that zooming out of everything asks for: the clock clamps it to the whole call. */
export const WHOLE_CALL: TimeInterval = { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY };

/**
 * The sample time `steps` samples after (positive) or before (negative) `at` among every
 * series, inside `view`; from no cursor, the first (or last) sample in view. Null when the
 * view holds no sample.
 */
export function stepCursor(series: readonly SeriesPoints[], view: TimeInterval, at: number | null, steps: number): number | null {
  const times = new Set<number>();
  for (const { at: sampleTimes, values } of series) {
    for (let i = 0; i < sampleTimes.length; i += 1) {
      const time = sampleTimes[i] ?? Number.NaN;
      // Breaks (NaN values) are not samples to stop at.
      if (time >= view.start && time <= view.end && !Number.isNaN(values[i] ?? Number.NaN)) times.add(time);
    }
  }
  if (times.size === 0) return null;
  const sorted = [...times].sort((a, b) => a - b);
  if (at === null) return steps >= 0 ? (sorted[0] ?? null) : (sorted[sorted.length - 1] ?? null);
  // The sample at or next to the cursor, then `steps` further.
  let index = sorted.findIndex((time) => time >= at);
  if (index === -1) index = sorted.length;
  const current = sorted[index] === at ? index : steps > 0 ? index - 1 : index;
  const target = Math.min(sorted.length - 1, Math.max(0, current + steps));
  return sorted[target] ?? null;
}

/** `view` scaled by `factor` (under 1 zooms in) around `at`, which keeps its place on the axis. */
export function zoomAround(view: TimeInterval, at: number, factor: number): TimeInterval {
  const fraction = view.end > view.start ? (at - view.start) / (view.end - view.start) : 0.5;
  const width = (view.end - view.start) * factor;
  const start = at - fraction * width;
  return { start, end: start + width };
}

/**
 * Two fingers: the range that keeps the instant under their midpoint where it was and
 * scales the view by how far apart they moved (further apart zooms in).
 */
export function pinchRange(view: TimeInterval, center: number, startDistance: number, distance: number): TimeInterval {
  if (!(startDistance > 0) || !(distance > 0)) return view;
  return zoomAround(view, center, startDistance / distance);
}
