import { describe, expect, it } from 'vitest';
import type { Threshold } from '../../report/thresholds.ts';
import type { ChartBand, ChartMarker } from './chart-model.ts';
import {
  atOf,
  bandLabelX,
  bandPath,
  crisp,
  linePath,
  markerLabelX,
  markerPath,
  minimumZoomSpan,
  placeTimeTicks,
  placeValueTicks,
  plotColumns,
  plotWidth,
  timeAxisTicks,
  valueAxis,
  xOf,
  yOf,
  type Plot,
  type ValueAxis,
} from './plot-geometry.ts';

// The layout: the plot runs from x 44 (after the 44 px value axis) to 12 px before the right
// edge, and from y 8 down to y 130 (160 high, less the 30 px time axis). A chart 156 px wide
// has a plot 100 px wide, so over a view of 0..1000 ms one pixel is 10 ms: x = 44 + at / 10.
// With a value axis of 0..10 the plot's 122 px give 12.2 px per unit: y = 130 - 12.2 * value.
// Series paths are in tenths of a pixel: x = 440 + at, y = 1300 - 122 * value.

const plot: Plot = { width: 156, view: { start: 0, end: 1000 } };
const zeroToTen: ValueAxis = { domain: [0, 10], ticks: [0, 5, 10] };

const series = (at: number[], values: number[]) => ({ at: Float64Array.from(at), values: Float64Array.from(values) });
const band = (start: number, end: number, kind: ChartBand['kind'] = 'warning'): ChartBand => ({ start, end, kind, label: 'x' });
const marker = (at: number, problem = false): ChartMarker => ({ at, label: 'x', problem });

describe('scales', () => {
  it('puts the plot between the value axis and the right margin', () => {
    expect(plotWidth(156)).toBe(100);
    expect(plotWidth(1000)).toBe(944);
    // Narrower than the axis and margin together: no plot, never a negative one.
    expect(plotWidth(50)).toBe(0);
    expect(plotColumns(156.6)).toBe(101);
  });

  it('maps time to x across the plot, and x back to time within the view', () => {
    expect(xOf(plot, 0)).toBe(44);
    expect(xOf(plot, 500)).toBe(94);
    expect(xOf(plot, 1000)).toBe(144);
    expect(xOf({ width: 156, view: { start: 2000, end: 4000 } }, 3000)).toBe(94);
    expect(atOf(plot, 94)).toBe(500);
    expect(atOf(plot, 69)).toBe(250);
    expect(atOf(plot, 10)).toBe(0);
    expect(atOf(plot, 500)).toBe(1000);
  });

  it('maps values to y from the bottom of the plot up', () => {
    expect(yOf(zeroToTen, 0)).toBe(130);
    expect(yOf(zeroToTen, 5)).toBe(69);
    expect(yOf(zeroToTen, 10)).toBe(8);
    expect(yOf({ domain: [1, 5], ticks: [] }, 3)).toBe(69);
  });

  it('puts one-pixel lines on the middle of a pixel', () => {
    expect(crisp(69.4)).toBe(69.5);
    expect(crisp(68.6)).toBe(69.5);
    expect(crisp(44)).toBe(44.5);
  });

  it('needs a drag of three pixels to zoom', () => {
    expect(minimumZoomSpan(plot)).toBe(30);
  });
});

describe('linePath', () => {
  it('draws straight segments through the points, in whole tenths of a pixel', () => {
    expect(linePath(series([0, 500, 1000], [0, 5, 10]), plot, zeroToTen)).toBe('M440 1300L940 690L1440 80');
    // 773 and 1300 - 406.26 = 893.74, rounded.
    expect(linePath(series([333], [3.33]), plot, zeroToTen)).toBe('M773 894');
  });

  it('breaks the line at a gap rather than bridging it', () => {
    expect(linePath(series([0, 250, 500, 750, 1000], [2, 4, Number.NaN, 6, 8]), plot, zeroToTen)).toBe(
      'M440 1056L690 812M1190 568L1440 324',
    );
  });

  it('treats Infinity and -Infinity, in a value or a time, as gaps: the path never holds one', () => {
    const path = linePath(
      series([0, 200, 400, 600, 800, 1000], [1, Number.POSITIVE_INFINITY, 3, Number.NEGATIVE_INFINITY, Number.NaN, 5]),
      plot,
      zeroToTen,
    );
    expect(path).toBe('M440 1178M840 934M1440 690');
    expect(linePath(series([0, Number.POSITIVE_INFINITY, Number.NaN, 1000], [1, 1, 1, 1]), plot, zeroToTen)).toBe('M440 1178M1440 1178');
    expect(path).not.toMatch(/NaN|Infinity/);
  });

  it('is empty without a finite point', () => {
    expect(linePath(series([], []), plot, zeroToTen)).toBe('');
    expect(linePath(series([0, 1000], [Number.NaN, Number.POSITIVE_INFINITY]), plot, zeroToTen)).toBe('');
  });
});

describe('bandPath', () => {
  it('draws each band of the kind as a rectangle the height of the plot', () => {
    expect(bandPath(plot, [band(200, 400), band(600, 700, 'critical'), band(333, 666)], 'warning')).toBe(
      'M64 8H84V130H64ZM77.3 8H110.6V130H77.3Z',
    );
    expect(bandPath(plot, [band(200, 400), band(600, 700, 'critical')], 'critical')).toBe('M104 8H114V130H104Z');
  });

  it('cuts bands to the plot at both edges and leaves out those outside it', () => {
    expect(bandPath(plot, [band(-200, 300)], 'warning')).toBe('M44 8H74V130H44Z');
    expect(bandPath(plot, [band(900, 1500)], 'warning')).toBe('M134 8H144V130H134Z');
    expect(bandPath(plot, [band(1200, 1300), band(-300, -100)], 'warning')).toBe('');
  });

  it('keeps a very short band one pixel wide so it stays visible', () => {
    expect(bandPath(plot, [band(500, 501)], 'warning')).toBe('M94 8H95V130H94Z');
  });

  it('draws nothing over a view of no length', () => {
    expect(bandPath({ width: 156, view: { start: 500, end: 500 } }, [band(0, 1000)], 'warning')).toBe('');
  });
});

describe('markers', () => {
  const markers = [marker(250), marker(520, true), marker(1000), marker(Number.NaN)];

  it('draws each kind of marker as one path of crisp vertical lines', () => {
    expect(markerPath(plot, markers, false)).toBe('M69.5 8V130M144.5 8V130');
    expect(markerPath(plot, markers, true)).toBe('M96.5 8V130');
  });

  it("puts a problem's label just right of its line", () => {
    expect(markerLabelX(plot, marker(520, true))).toBe(99.5);
  });

  it('labels an off band in the middle of its visible part when it is wide enough', () => {
    expect(bandLabelX(plot, { start: 200, end: 600 })).toBe(84);
    expect(bandLabelX(plot, { start: -500, end: 300 })).toBe(59);
    expect(bandLabelX(plot, { start: 200, end: 400 })).toBeNull();
  });
});

describe('axes', () => {
  it('puts as many clock ticks on the time axis as fit, one per 80 px, 2 to 8', () => {
    const tenMinutes = { start: 0, end: 600_000 };
    // 25 labels would fit: 8 at most, every 2 minutes.
    expect(timeAxisTicks(tenMinutes, 2000)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
    // One would fit: 2 at least, every 5 minutes.
    expect(timeAxisTicks(tenMinutes, 100)).toEqual([0, 300_000, 600_000]);
    // Ticks sit on round clock times, not at the view's ends.
    expect(timeAxisTicks({ start: 61_000, end: 661_000 }, 2000)).toEqual([120_000, 240_000, 360_000, 480_000, 600_000]);
  });

  it('places the ticks on the plot as the axes draw them', () => {
    expect(placeTimeTicks(plot, [0, 500, 1000])).toEqual([
      { value: 0, coordinate: 44, index: 0 },
      { value: 500, coordinate: 94, index: 1 },
      { value: 1000, coordinate: 144, index: 2 },
    ]);
    expect(placeValueTicks({ domain: [0, 40], ticks: [0, 10, 20, 30, 40] }).map((tick) => tick.coordinate)).toEqual([
      130, 99.5, 69, 38.5, 8,
    ]);
  });

  it('scales the value axis to the values and the threshold lines, or to the fixed scale', () => {
    const rtt: Threshold = { warn: 300, critical: 500, lowerIsWorse: false, unit: 'ms', source: '' };
    const drawn = [series([0, 1], [38.5, 12])];
    expect(valueAxis({ domain: null, threshold: null }, drawn)).toEqual({ domain: [0, 40], ticks: [0, 10, 20, 30, 40] });
    // Both threshold lines stay on the chart: 500 ms rounds up to 600.
    expect(valueAxis({ domain: null, threshold: rtt }, drawn)).toEqual({ domain: [0, 600], ticks: [0, 200, 400, 600] });
    expect(valueAxis({ domain: [1, 5], threshold: null }, drawn)).toEqual({ domain: [1, 5], ticks: [1, 2, 3, 4, 5] });
    // Infinity is not drawn, so it does not stretch the axis.
    expect(valueAxis({ domain: null, threshold: null }, [series([0, 1], [4, Number.POSITIVE_INFINITY])])).toEqual({
      domain: [0, 4],
      ticks: [0, 1, 2, 3, 4],
    });
  });
});
