import type { SeriesPoints } from '../../lib/downsample.ts';
import type { TimeInterval } from '../../report/model.ts';
import { maxValue, niceAxis, timeTicks } from './chart-data.ts';
import type { ChartBand, ChartBandKind, ChartMarker } from './chart-model.ts';
import type { MetricSpec } from './quality-metrics.ts';

// Where things go on one quality chart: the layout, the scales from time and value to pixels
// and back, and the SVG paths of the series, shaded stretches and event markers. Pure, and
// the same for the series, the axes and every layer, so they line up to the pixel.

export const HEIGHT = 160;
export const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 } as const;
export const Y_AXIS_WIDTH = 44;
export const X_AXIS_HEIGHT = 30;
export const PLOT_LEFT = MARGIN.left + Y_AXIS_WIDTH;
export const PLOT_TOP = MARGIN.top;
export const PLOT_BOTTOM = HEIGHT - MARGIN.bottom - X_AXIS_HEIGHT;
/** A time label ("13:02:47") is ~45 px wide at this size; leave room between them. */
const PX_PER_TICK = 80;

/**
 * Series paths are written in tenths of a pixel, as whole numbers, and drawn scaled down:
 * a whole number becomes text several times faster than a decimal, and a zoom of a long
 * call rebuilds ~100 000 points.
 */
export const PATH_SCALE = 10;

/** A chart `width` pixels wide showing `view`. */
export interface Plot {
  width: number;
  view: TimeInterval;
}

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
}

/** A tick placed on the plot, as Recharts' CartesianAxis takes its `ticks`. */
export interface PlacedTick {
  value: number;
  coordinate: number;
  index: number;
}

/** The width of the plotting area of a chart `width` pixels wide, between the value axis and the right margin. */
export function plotWidth(width: number): number {
  return Math.max(0, width - PLOT_LEFT - MARGIN.right);
}

/** Pixel columns of the plotting area: what the series are thinned to. */
export function plotColumns(width: number): number {
  return Math.round(plotWidth(width));
}

export function xOf(plot: Plot, at: number): number {
  return PLOT_LEFT + ((at - plot.view.start) / (plot.view.end - plot.view.start)) * plotWidth(plot.width);
}

/** The instant at `x`, kept within the view. */
export function atOf(plot: Plot, x: number): number {
  const fraction = Math.min(1, Math.max(0, (x - PLOT_LEFT) / Math.max(1, plotWidth(plot.width))));
  return plot.view.start + fraction * (plot.view.end - plot.view.start);
}

export function yOf({ domain: [low, high] }: ValueAxis, value: number): number {
  return PLOT_BOTTOM - ((value - low) / (high - low || 1)) * (PLOT_BOTTOM - PLOT_TOP);
}

/** On a pixel's middle, so one-pixel lines stay sharp. */
export function crisp(position: number): number {
  return Math.round(position) + 0.5;
}

/** The shortest drag that zooms: at least a few pixels' worth of time, so a click is not a zoom. */
export function minimumZoomSpan(plot: Plot): number {
  return ((plot.view.end - plot.view.start) / Math.max(1, plotWidth(plot.width))) * 3;
}

/** Clock-aligned times for the time axis: as many as fit `columns` pixels, 2 to 8. */
export function timeAxisTicks(view: TimeInterval, columns: number): number[] {
  return timeTicks(view, Math.min(8, Math.max(2, Math.floor(columns / PX_PER_TICK))));
}

/**
 * The value axis: the metric's fixed scale when it has one, else from 0 to a round number
 * over the largest value drawn and both threshold lines.
 */
export function valueAxis(spec: Pick<MetricSpec, 'domain' | 'threshold'>, drawn: readonly SeriesPoints[]): ValueAxis {
  if (spec.domain) return niceAxis(spec.domain[1], spec.domain[0]);
  const threshold = spec.threshold;
  const lines = threshold ? Math.max(threshold.warn, threshold.critical) : Number.NEGATIVE_INFINITY;
  return niceAxis(Math.max(maxValue(drawn), lines));
}

/** The time axis's ticks on the plot. */
export function placeTimeTicks(plot: Plot, ticks: readonly number[]): PlacedTick[] {
  return ticks.map((at, index) => ({ value: at, coordinate: xOf(plot, at), index }));
}

/** The value axis's ticks on the plot. */
export function placeValueTicks(yAxis: ValueAxis): PlacedTick[] {
  return yAxis.ticks.map((value, index) => ({ value, coordinate: yOf(yAxis, value), index }));
}

/**
 * A straight-segment path through one series' points, in tenths of a pixel (PATH_SCALE),
 * broken at every NaN (a gap stays a gap); a point that is not a finite number (Infinity
 * too) breaks the line the same way, so the path never holds "NaN" or "Infinity".
 */
export function linePath({ at, values }: SeriesPoints, plot: Plot, yAxis: ValueAxis): string {
  const { start, end } = plot.view;
  const [low, high] = yAxis.domain;
  const xk = (plotWidth(plot.width) * PATH_SCALE) / (end - start || 1);
  const yk = ((PLOT_BOTTOM - PLOT_TOP) * PATH_SCALE) / (high - low || 1);
  const left = PLOT_LEFT * PATH_SCALE;
  const bottom = PLOT_BOTTOM * PATH_SCALE;
  let path = '';
  let drawing = false;
  for (let i = 0; i < values.length; i += 1) {
    const x = left + ((at[i] ?? Number.NaN) - start) * xk;
    const y = bottom - ((values[i] ?? Number.NaN) - low) * yk;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${Math.round(x)} ${Math.round(y)}`;
    drawing = true;
  }
  return path;
}

/** Every band of one kind, cut to the plot, as rectangles of one path (at least a pixel wide, so none vanishes). */
export function bandPath(plot: Plot, bands: readonly ChartBand[], kind: ChartBandKind): string {
  const left = xOf(plot, plot.view.start);
  const right = xOf(plot, plot.view.end);
  let d = '';
  for (const band of bands) {
    if (band.kind !== kind) continue;
    const x1 = Math.max(left, xOf(plot, band.start));
    const x2 = Math.min(right, xOf(plot, band.end));
    if (!(x2 > x1) || !Number.isFinite(x1) || !Number.isFinite(x2)) continue;
    const round = (x: number) => Math.round(x * 10) / 10;
    d += `M${round(x1)} ${PLOT_TOP}H${round(Math.max(x2, x1 + 1))}V${PLOT_BOTTOM}H${round(x1)}Z`;
  }
  return d;
}

/** Every marker of one kind as one path: hundreds of events cost one element, not hundreds. */
export function markerPath(plot: Plot, markers: readonly ChartMarker[], problem: boolean): string {
  let d = '';
  for (const marker of markers) {
    if (marker.problem !== problem) continue;
    const x = crisp(xOf(plot, marker.at));
    if (!Number.isFinite(x)) continue;
    d += `M${x} ${PLOT_TOP}V${PLOT_BOTTOM}`;
  }
  return d;
}

/** Where a problem marker's "!" goes: just right of its line. */
export function markerLabelX(plot: Plot, marker: ChartMarker): number {
  return Math.round(xOf(plot, marker.at)) + 3.5;
}

/** The middle of an off band's visible part, where its label goes; null when too narrow for one. */
export function bandLabelX(plot: Plot, band: TimeInterval): number | null {
  const x1 = Math.max(xOf(plot, plot.view.start), xOf(plot, band.start));
  const x2 = Math.min(xOf(plot, plot.view.end), xOf(plot, band.end));
  return x2 - x1 > 24 ? (x1 + x2) / 2 : null;
}
