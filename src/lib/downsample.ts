// Downsampling for line charts: an 8-hour call has ~4,000 samples per stream, a chart a few
// hundred pixels. Each pixel column keeps each series' minimum and maximum (in time order), so
// the drawn line covers exactly the same vertical extent: a one-sample loss spike stays. Nulls
// are line breaks, and a break stays a break. Values are never averaged or invented: every
// number drawn is a sample of that series; only its x position moves within its pixel column.

/** One row per instant, one column per series: `{ at, [seriesKey]: value or null }`. */
export type SeriesRow = { at: number } & Record<string, number | null>;

export interface DownsampleOptions {
  /** The range the chart shows. Rows outside it (one each side, to carry lines to the edges) are kept as they are. */
  range: { start: number; end: number };
  /** Columns across the range, normally the plot width in pixels; each keeps at most 2 rows (a few more at a break). */
  buckets: number;
  /** The series columns of the rows. */
  keys: readonly string[];
}

/**
 * Rows for drawing `rows` (sorted by `at`) across `options.range`: at most ~2 per bucket.
 * Returns a copy of the rows unchanged when there are no more than that already.
 */
export function downsampleRows(rows: readonly SeriesRow[], options: DownsampleOptions): SeriesRow[] {
  const { range, keys } = options;
  const buckets = Math.floor(options.buckets);
  const span = range.end - range.start;
  const first = lowerBound(rows, range.start);
  const end = upperBound(rows, range.end);
  if (!(span > 0) || buckets < 1 || end - first <= 2 * buckets) return rows.slice();

  const width = span / buckets;
  const bucketOf = (at: number) => Math.min(buckets - 1, Math.floor((at - range.start) / width));
  const out: SeriesRow[] = rows.slice(0, first);
  let i = first;
  while (i < end) {
    const bucket = bucketOf(rows[i]?.at ?? range.start);
    let j = i + 1;
    while (j < end && bucketOf(rows[j]?.at ?? range.end) === bucket) j += 1;
    emitBucket(rows, i, j, keys, out);
    i = j;
  }
  for (let k = end; k < rows.length; k += 1) {
    const row = rows[k];
    if (row) out.push(row);
  }
  return out;
}

/** A series' smallest and largest value over some rows, with the row index of each. */
interface Extremes {
  min: number;
  minIndex: number;
  max: number;
  maxIndex: number;
}

/** What one series contributes to one bucket. */
interface SeriesSlots {
  /** Extremes before the bucket's last null (all of them when it has none). */
  head: Extremes | null;
  /** Extremes after the bucket's last null; null when it has none or nothing follows it. */
  tail: Extremes | null;
  hasNull: boolean;
  startsWithNull: boolean;
}

const isValue = (value: number | null | undefined): value is number => typeof value === 'number' && !Number.isNaN(value);

function include(extremes: Extremes | null, value: number, index: number): Extremes {
  if (!extremes) return { min: value, minIndex: index, max: value, maxIndex: index };
  if (value < extremes.min) {
    extremes.min = value;
    extremes.minIndex = index;
  }
  if (value > extremes.max) {
    extremes.max = value;
    extremes.maxIndex = index;
  }
  return extremes;
}

function merge(into: Extremes | null, from: Extremes | null): Extremes | null {
  if (!from) return into;
  if (!into) return from;
  const merged = include(into, from.min, from.minIndex);
  return include(merged, from.max, from.maxIndex);
}

/** The extremes in time order: the one that came first, then the other. */
function ordered(extremes: Extremes | null): [number | null, number | null] {
  if (!extremes) return [null, null];
  return extremes.minIndex <= extremes.maxIndex ? [extremes.min, extremes.max] : [extremes.max, extremes.min];
}

function seriesSlots(rows: readonly SeriesRow[], from: number, to: number, key: string): SeriesSlots {
  let head: Extremes | null = null;
  let run: Extremes | null = null;
  let hasNull = false;
  for (let k = from; k < to; k += 1) {
    const value = rows[k]?.[key];
    if (isValue(value)) {
      run = include(run, value, k);
    } else {
      // Everything up to a null is "before the last null" so far; middle runs fold into the head,
      // which bridges a break only inside this one column.
      head = merge(head, run);
      run = null;
      hasNull = true;
    }
  }
  return hasNull
    ? { head, tail: run, hasNull, startsWithNull: !isValue(rows[from]?.[key]) }
    : { head: run, tail: null, hasNull, startsWithNull: false };
}

/**
 * Rows [from, to) of one bucket. Slots, each emitted only when some series needs it:
 * lead (a null before values that follow a null at the column's start), the head's two
 * extremes, a gap (null), the tail's two extremes. A series without a break repeats its
 * own extremes in slots it does not need, which draws nothing extra.
 */
function emitBucket(rows: readonly SeriesRow[], from: number, to: number, keys: readonly string[], out: SeriesRow[]): void {
  if (to - from <= 2) {
    for (let k = from; k < to; k += 1) {
      const row = rows[k];
      if (row) out.push(row);
    }
    return;
  }
  const slots = keys.map((key) => seriesSlots(rows, from, to, key));
  const needLead = slots.some((s) => s.startsWithNull && s.head !== null);
  const needGap = slots.some((s) => s.hasNull);
  const needTail = slots.some((s) => s.tail !== null);

  const columns: (number | null)[][] = slots.map((s) => {
    const [a1, a2] = ordered(s.head);
    if (!s.hasNull) {
      const column: (number | null)[] = [];
      if (needLead) column.push(a1);
      column.push(a1, a2);
      if (needGap) column.push(a2);
      if (needTail) column.push(a2, a2);
      return column;
    }
    const [b1, b2] = ordered(s.tail);
    const column: (number | null)[] = [];
    if (needLead) column.push(s.startsWithNull ? null : a1);
    column.push(a1, a2, null);
    if (needTail) column.push(b1, b2);
    return column;
  });

  const count = columns[0]?.length ?? 2;
  const startAt = rows[from]?.at ?? 0;
  const endAt = rows[to - 1]?.at ?? startAt;
  for (let m = 0; m < count; m += 1) {
    const row: SeriesRow = { at: count === 1 ? startAt : startAt + ((endAt - startAt) * m) / (count - 1) };
    keys.forEach((key, index) => {
      row[key] = columns[index]?.[m] ?? null;
    });
    out.push(row);
  }
}

/** Index of the first row at or after `at` (rows sorted by time). */
export function lowerBound(rows: readonly { at: number }[], at: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle]?.at ?? 0) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function upperBound(rows: readonly { at: number }[], at: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((rows[middle]?.at ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
