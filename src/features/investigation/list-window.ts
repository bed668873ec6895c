// Windowing for long lists: which rows to put in the page for a scroll position, when rows
// have different heights (an expanded event is taller) and most have not been measured yet.
// Pure, so it is tested without a browser.

/**
 * Top of every row and the total height: `offsets[i]` is where row i starts, `offsets[count]`
 * the height of all rows. `heightOf(i)` is the row's measured height, or an estimate.
 */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) offsets[i + 1] = (offsets[i] ?? 0) + heightOf(i);
  return offsets;
}

/** Index of the row holding the pixel `y` (the last row for y past the end). */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return 0;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((offsets[middle] ?? 0) <= y) low = middle;
    else high = middle - 1;
  }
  return low;
}

export interface RowWindow {
  /** First row in the page. */
  start: number;
  /** One past the last row in the page. */
  end: number;
  /** Space for the rows above the window. */
  before: number;
  /** Space for the rows below it. */
  after: number;
}

/** The rows on screen in a viewport `height` tall scrolled to `top`, plus `overscan` rows each side. */
export function rowWindow(offsets: Float64Array, top: number, height: number, overscan: number): RowWindow {
  const count = offsets.length - 1;
  const total = offsets[count] ?? 0;
  if (count <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  // A list that shrank (a search) can leave the scroll position past its end.
  const from = Math.max(0, Math.min(top, total - height));
  const start = Math.max(0, rowAt(offsets, from) - overscan);
  const end = Math.min(count, rowAt(offsets, from + height) + 1 + overscan);
  return { start, end, before: offsets[start] ?? 0, after: total - (offsets[end] ?? total) };
}

/**
 * Where to scroll so row `index` is in view: unchanged when it already is, otherwise with the
 * row a third of the way down, so what led up to it shows above it.
 */
export function scrollToShow(offsets: Float64Array, index: number, top: number, height: number): number {
  const rowTop = offsets[index] ?? 0;
  const rowBottom = offsets[index + 1] ?? rowTop;
  if (rowTop >= top && rowBottom <= top + height) return top;
  return Math.max(0, rowTop - height / 3);
}
