// Downsampling for line charts: an 8-hour call has ~4,000 samples per stream, a chart a few
// hundred pixels. Each pixel column keeps the series' minimum and maximum (in time order), so
// the drawn line covers exactly the same vertical extent: a one-sample loss spike stays. NaN
// is a line break, and a break stays a break. ±Infinity has no place on an axis: it is a
// break too, handed on as NaN, so it can neither stand for a column's extreme (hiding the
// real one) nor reach a path or a tooltip. Values are never averaged or invented, and
// every point drawn is a sample at its own time.
//
// One series at a time, on typed arrays: no row objects, so a long call's charts cost a few
// passes over numbers, not tens of thousands of small objects for the garbage collector.

/** One series: sample times (ascending) and values, NaN (or any value that is not finite) where the line breaks. */
export interface SeriesPoints {
  at: Float64Array;
  values: Float64Array;
}

export interface DownsampleOptions {
  /** The range the chart shows. One point each side of it is kept as it is, to carry the line to the edges. */
  range: { start: number; end: number };
  /** Columns across the range, normally the plot width in pixels; each keeps at most 2 points (a few more at a break). */
  buckets: number;
}

/** Index of the first time at or after `at` (times ascending). */
export function lowerBound(times: ArrayLike<number>, at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Index of the first time after `at`. */
function upperBound(times: ArrayLike<number>, at: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The points inside the range, plus one each side so the line runs to the chart's edges. */
export function pointsInRange(series: SeriesPoints, range: { start: number; end: number }): SeriesPoints {
  const first = Math.max(0, lowerBound(series.at, range.start) - 1);
  const end = Math.min(series.at.length, upperBound(series.at, range.end) + 1);
  return { at: series.at.subarray(first, end), values: series.values.subarray(first, end) };
}

/**
 * The points to draw `series` across `options.range`: at most ~2 per bucket, with one point
 * each side of the range as it is. The range's points themselves when there are no more than
 * that already.
 */
export function downsampleSeries(series: SeriesPoints, options: DownsampleOptions): SeriesPoints {
  const { range } = options;
  const buckets = Math.floor(options.buckets);
  const span = range.end - range.start;
  const { at, values } = series;
  const first = lowerBound(at, range.start);
  const end = upperBound(at, range.end);
  const before = Math.max(0, first - 1);
  const after = Math.min(at.length, end + 1);
  if (!(span > 0) || buckets < 1 || end - first <= 2 * buckets) {
    return { at: at.subarray(before, after), values: finiteOrNaN(values.subarray(before, after)) };
  }

  // Never more points than came in: each bucket hands on distinct points of its own.
  const capacity = after - before;
  const outAt = new Float64Array(capacity);
  const outValues = new Float64Array(capacity);
  let n = 0;
  const push = (index: number) => {
    const value = values[index] ?? Number.NaN;
    outAt[n] = at[index] ?? 0;
    outValues[n] = Number.isFinite(value) ? value : Number.NaN;
    n += 1;
  };
  for (let k = before; k < first; k += 1) push(k);

  const width = span / buckets;
  let i = first;
  while (i < end) {
    const bucket = Math.min(buckets - 1, Math.floor(((at[i] ?? 0) - range.start) / width));
    const bucketEnd = range.start + (bucket + 1) * width;
    let j = i + 1;
    while (j < end && (bucket === buckets - 1 || (at[j] ?? 0) < bucketEnd)) j += 1;
    if (j - i <= 2) {
      for (let k = i; k < j; k += 1) push(k);
    } else {
      emitBucket(values, i, j, push);
    }
    i = j;
  }

  for (let k = end; k < after; k += 1) push(k);
  return { at: outAt.subarray(0, n), values: outValues.subarray(0, n) };
}

/**
 * Points [from, to) of one bucket, as indexes handed to `push` in time order: a break first
 * when the bucket starts with one and values follow it; the smallest and largest value before
 * the bucket's last break (bridging breaks only inside this one column); that break; the
 * smallest and largest value after it.
 */
function emitBucket(values: Float64Array, from: number, to: number, push: (index: number) => void): void {
  let lastBreak = -1;
  for (let k = to - 1; k >= from; k -= 1) {
    if (!Number.isFinite(values[k] ?? Number.NaN)) {
      lastBreak = k;
      break;
    }
  }
  const headEnd = lastBreak < 0 ? to : lastBreak;
  const head = extremes(values, from, headEnd);
  if (lastBreak >= 0 && !Number.isFinite(values[from] ?? Number.NaN) && head !== null) push(from);
  if (head !== null) pushExtremes(head, push);
  if (lastBreak >= 0) {
    push(lastBreak);
    const tail = extremes(values, lastBreak + 1, to);
    if (tail !== null) pushExtremes(tail, push);
  }
}

function extremes(values: Float64Array, from: number, to: number): { min: number; max: number } | null {
  let min = -1;
  let max = -1;
  for (let k = from; k < to; k += 1) {
    const value = values[k] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    if (min < 0 || value < (values[min] ?? 0)) min = k;
    if (max < 0 || value > (values[max] ?? 0)) max = k;
  }
  return min < 0 ? null : { min, max };
}

function pushExtremes({ min, max }: { min: number; max: number }, push: (index: number) => void): void {
  if (min === max) push(min);
  else if (min < max) {
    push(min);
    push(max);
  } else {
    push(max);
    push(min);
  }
}

/** `values` as they are, or a copy with every value that is not finite as NaN (a break) when there is one. */
function finiteOrNaN(values: Float64Array): Float64Array {
  let clean: Float64Array | null = null;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i] ?? Number.NaN;
    if (Number.isFinite(value) || Number.isNaN(value)) continue;
    clean ??= Float64Array.from(values);
    clean[i] = Number.NaN;
  }
  return clean ?? values;
}
