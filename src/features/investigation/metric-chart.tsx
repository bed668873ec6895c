import {
  memo,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent as ReactKeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { CartesianAxis, Curve, Layer, Surface } from 'recharts';
import { downsampleSeries, pointsInRange, type SeriesPoints } from '../../lib/downsample.ts';
import { formatAxisNumber, formatClock, formatOffset } from '../../lib/format.ts';
import { useDisplayZone } from '../../components/time-zone.tsx';
import type { TimeInterval } from '../../report/model.ts';
import type { Threshold } from '../../report/thresholds.ts';
import type { HoverStore } from './call-clock.tsx';
import { pinchRange, stepCursor, WHOLE_CALL, zoomAround } from './chart-keys.ts';
import { valuesAt } from './chart-data.ts';
import type { ChartBand, ChartBandKind, ChartMarker, ChartSeries } from './chart-model.ts';
import {
  atOf,
  bandLabelX,
  bandPath,
  crisp,
  HEIGHT,
  linePath,
  MARGIN,
  markerLabelX,
  markerPath,
  minimumZoomSpan,
  PATH_SCALE,
  placeTimeTicks,
  placeValueTicks,
  PLOT_BOTTOM,
  PLOT_LEFT,
  PLOT_TOP,
  plotColumns,
  plotWidth,
  timeAxisTicks,
  valueAxis,
  X_AXIS_HEIGHT,
  xOf,
  Y_AXIS_WIDTH,
  yOf,
  type Plot,
  type ValueAxis,
} from './plot-geometry.ts';
import type { MetricSpec } from './quality-metrics.ts';

// This module is the only one that imports Recharts, and it is loaded lazily (quality-panel.tsx),
// so the first screen does not wait for it.
//
// Recharts draws the frame from its own parts: the surface, both axes (CartesianAxis, with
// ticks placed here) and each series as its line shape (Curve). They are composed directly,
// without a LineChart: a LineChart keeps a store of axes and items per chart and re-derives
// it through a chain of selectors and extra commits on every change of range, ~10 ms per
// chart per zoom, a dozen charts on screen. The geometry is plot-geometry.ts's (the same for
// the series, the axes and the layers), the series' paths are built in one pass from typed
// arrays already thinned to the plot's width, and the shaded stretches beneath and the
// cursor, tooltip and drag selection above are plain layers of their own, so hovering never
// re-renders a chart.

export interface MetricPlotProps {
  spec: MetricSpec;
  /**
   * Every sample of each series, in the order of `series` (computed on first call); the plot
   * cuts them to `view` and thins them to its width.
   */
  points: () => SeriesPoints[];
  series: ChartSeries[];
  view: TimeInterval;
  callStart: number;
  bands: ChartBand[];
  markers: ChartMarker[];
  /** Zooms every chart; WHOLE_CALL (./chart-keys.ts) asks for the whole call. */
  onZoom: (range: TimeInterval) => void;
  /** What the chart shows, for a screen reader: its title, unit and series (the metric's name when absent). */
  label?: string;
  /** The instant hovered anywhere (charts or timeline): drawn as a cursor line. */
  hover: HoverStore;
  /** The instant under the pointer while it is over one of the charts: every chart shows its values there. */
  pointer: HoverStore;
  /**
   * Thin each series to ~2 points per pixel column (the default). Off only for the
   * benchmark's baseline, which draws every sample.
   */
  downsample?: boolean;
}

const BAND_FILL: Record<ChartBandKind, string> = {
  off: 'var(--ps-band-off)',
  warning: 'var(--ps-band-warn)',
  critical: 'var(--ps-band-bad)',
  highlight: 'var(--ps-band-highlight)',
};

/**
 * One quality metric over the call. Presentational: points in, SVG out. The series are thinned
 * to ~2 points per pixel column; grid, thresholds, shaded stretches and event markers are a
 * layer beneath, and the cursor, tooltip and drag selection a layer above, so hovering never
 * re-renders a chart.
 */
export const MetricPlot = memo(function MetricPlot({
  spec,
  points: getPoints,
  series,
  view,
  callStart,
  bands,
  markers,
  onZoom,
  label,
  hover,
  pointer,
  downsample = true,
}: MetricPlotProps) {
  const all = useMemo(() => getPoints(), [getPoints]);
  const boxRef = useRef<HTMLDivElement>(null);
  const width = useWidth(boxRef);
  const columns = plotColumns(width);
  const drawn = useMemo(
    () => all.map((points) => (downsample && columns > 0 ? downsampleSeries(points, { range: view, buckets: columns }) : pointsInRange(points, view))),
    [all, view, columns, downsample],
  );
  const ticks = useMemo(() => timeAxisTicks(view, columns), [view, columns]);
  const zone = useDisplayZone();
  const timeTick = useMemo(() => axisTick((at) => formatClock(at, zone)), [zone]);
  const threshold = spec.threshold;
  const yAxis = useMemo<ValueAxis>(() => valueAxis({ domain: spec.domain, threshold }, drawn), [spec.domain, threshold, drawn]);
  const plot = useMemo<Plot>(() => ({ width, view }), [width, view]);
  const paths = useMemo(() => drawn.map((points) => linePath(points, plot, yAxis)), [drawn, plot, yAxis]);
  // Each axis's ticks placed on the plot, as Recharts' CartesianAxis draws them.
  const xTicks = useMemo(() => placeTimeTicks(plot, ticks), [ticks, plot]);
  const yTicks = useMemo(() => placeValueTicks(yAxis), [yAxis]);

  return (
    <div ref={boxRef} className="absolute inset-0">
      {width > 0 && (
        <>
          <BackgroundLayer plot={plot} yAxis={yAxis} threshold={threshold} bands={bands} markers={markers} />
          <div aria-hidden="true" className="absolute inset-0">
            <Surface width={width} height={HEIGHT}>
              <CartesianAxis
                className="recharts-xAxis xAxis"
                orientation="bottom"
                x={PLOT_LEFT}
                y={PLOT_BOTTOM}
                width={plotWidth(width)}
                height={X_AXIS_HEIGHT}
                ticks={xTicks}
                interval={0}
                tick={timeTick}
                stroke="var(--ps-grid)"
              />
              <CartesianAxis
                className="recharts-yAxis yAxis"
                orientation="left"
                x={MARGIN.left}
                y={PLOT_TOP}
                width={Y_AXIS_WIDTH}
                height={PLOT_BOTTOM - PLOT_TOP}
                ticks={yTicks}
                interval={0}
                tick={valueTick}
                stroke="var(--ps-grid)"
              />
              <SeriesLines paths={paths} series={series} width={width} />
            </Surface>
          </div>
          <PointerLayer plot={plot} points={all} spec={spec} series={series} callStart={callStart} hover={hover} pointer={pointer} onZoom={onZoom} label={label ?? spec.label} />
        </>
      )}
    </div>
  );
});

/**
 * The series, drawn as Recharts' own line shape (Curve, in a `recharts-line` layer), as
 * `<Line>` draws them, with the paths built by MetricPlot in one pass: a `<Line>` per series
 * would rebuild point, label and animation objects for every point on each change of range,
 * and a received-video chart has 12. The paths are in tenths of a pixel, scaled back here.
 * Clipped to the plot: a value over the axis's top runs off it.
 */
const SeriesLines = memo(function SeriesLines({ paths, series, width }: { paths: string[]; series: ChartSeries[]; width: number }) {
  const clipId = `${useId()}-plot`;
  return (
    <>
      <defs>
        <clipPath id={clipId}>
          <rect x={PLOT_LEFT} y={PLOT_TOP} width={plotWidth(width)} height={PLOT_BOTTOM - PLOT_TOP} />
        </clipPath>
      </defs>
      <g clipPath={`url(#${clipId})`}>
        <g transform={`scale(${1 / PATH_SCALE})`}>
          {series.map((s, index) => (
            <Layer key={s.key} className="recharts-line">
              <Curve
                path={paths[index] ?? ''}
                stroke={s.color}
                strokeWidth={LINE_WIDTH * PATH_SCALE}
                strokeDasharray={s.dashed ? `${4 * PATH_SCALE} ${3 * PATH_SCALE}` : undefined}
                fill="none"
                className="recharts-line-curve"
                name={s.name}
              />
            </Layer>
          ))}
        </g>
      </g>
    </>
  );
});

/**
 * One pixel: on a standard display the rasteriser draws such a line as a hairline, without
 * building the outline of a stroke. At 1.5 px, the dozen charts on screen took ~200 ms of raster after each
 * zoom (two points per pixel column zig-zag), against ~70-110 ms at 1 px.
 */
const LINE_WIDTH = 1;

/**
 * Tick labels, drawn by CartesianAxis through this function as its custom tick: a plain SVG
 * text with the class Recharts hands it, placed as Recharts' Text places one line. Recharts'
 * Text resolves CSS calc() in its coordinates and measures words for wrapping, which a short
 * label never needs; a zoom replaces a dozen labels per chart.
 */
function axisTick(format: (value: number) => string) {
  return function AxisTick(props: unknown): ReactNode {
    if (typeof props !== 'object' || props === null) return null;
    const { x, y, textAnchor, verticalAnchor, className, payload } = props as Record<string, unknown>;
    const value = typeof payload === 'object' && payload !== null && 'value' in payload ? Number(payload.value) : Number.NaN;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(value)) return null;
    return (
      <text
        x={x}
        y={y}
        dy={LABEL_SHIFT[verticalAnchor === 'middle' || verticalAnchor === 'end' ? verticalAnchor : 'start']}
        textAnchor={textAnchor === 'start' || textAnchor === 'middle' || textAnchor === 'end' ? textAnchor : 'middle'}
        className={typeof className === 'string' ? className : undefined}
        fontSize={10}
        fill="var(--ps-axis)"
      >
        {format(value)}
      </text>
    );
  };
}

/** Where a label's baseline sits from its anchor point, as Recharts' Text puts it (cap height 0.71 em). */
const LABEL_SHIFT = { start: '0.71em', middle: '0.355em', end: '0' } as const;

const valueTick = axisTick(formatAxisNumber);

function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Measured before paint, so the first frame already has the chart.
    setWidth(Math.floor(element.getBoundingClientRect().width));
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) setWidth(Math.floor(box.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

interface BackgroundLayerProps {
  plot: Plot;
  yAxis: ValueAxis;
  threshold: Threshold | null;
  bands: ChartBand[];
  markers: ChartMarker[];
}

/**
 * Grid, shaded stretches (findings, media off, the highlighted finding), key events and the
 * threshold lines, under the series. Each kind of stretch and of marker is one path: a long
 * call has hundreds of muted stretches per sent-audio chart, and a zoom redraws them all.
 */
const BackgroundLayer = memo(function BackgroundLayer({ plot, yAxis, threshold, bands, markers }: BackgroundLayerProps) {
  const left = xOf(plot, plot.view.start);
  const right = xOf(plot, plot.view.end);
  const [low, high] = yAxis.domain;
  const lineAt = (value: number) => crisp(yOf(yAxis, value));
  return (
    <svg aria-hidden="true" className="pointer-events-none absolute inset-0" width={plot.width} height={HEIGHT}>
      {yAxis.ticks.map((tick) => (
        <line key={tick} x1={left} x2={right} y1={lineAt(tick)} y2={lineAt(tick)} stroke="var(--ps-grid)" />
      ))}
      {BAND_KINDS.map((kind) => {
        const d = bandPath(plot, bands, kind);
        return d === '' ? null : (
          <path
            key={kind}
            data-band={kind}
            d={d}
            fill={BAND_FILL[kind]}
            stroke={kind === 'highlight' ? 'var(--ps-accent)' : 'none'}
            strokeDasharray={kind === 'highlight' ? '4 3' : undefined}
          />
        );
      })}
      {bands.map((band, index) => {
        if (band.kind !== 'off') return null;
        const x = bandLabelX(plot, band);
        return x !== null ? (
          <text key={index} x={x} y={PLOT_TOP + 10} fontSize={9} textAnchor="middle" fill="var(--ps-axis)">
            {band.label}
          </text>
        ) : null;
      })}
      <path d={markerPath(plot, markers, false)} stroke="var(--ps-marker)" strokeDasharray="2 3" />
      <path d={markerPath(plot, markers, true)} stroke="var(--ps-bad)" />
      {markers.map((marker, index) =>
        marker.problem ? (
          <text key={index} x={markerLabelX(plot, marker)} y={PLOT_TOP + 10} fontSize={10} fill="var(--ps-bad)">
            !
          </text>
        ) : null,
      )}
      {threshold && threshold.warn >= low && threshold.warn <= high && (
        <line x1={left} x2={right} y1={lineAt(threshold.warn)} y2={lineAt(threshold.warn)} stroke="var(--ps-warn)" strokeDasharray="5 4" />
      )}
      {threshold && threshold.critical >= low && threshold.critical <= high && (
        <line x1={left} x2={right} y1={lineAt(threshold.critical)} y2={lineAt(threshold.critical)} stroke="var(--ps-bad)" strokeDasharray="2 3" />
      )}
    </svg>
  );
});

/** Drawn in this order, each kind as one path: a long call's hundreds of muted stretches cost one element, not hundreds. */
const BAND_KINDS: readonly ChartBandKind[] = ['off', 'warning', 'critical', 'highlight'];

interface PointerLayerProps {
  plot: Plot;
  points: SeriesPoints[];
  spec: MetricSpec;
  series: ChartSeries[];
  callStart: number;
  hover: HoverStore;
  pointer: HoverStore;
  onZoom: (range: TimeInterval) => void;
  label: string;
}

const KEY_HELP =
  'Left and right arrows step through the samples (with Shift, ten at a time), Home and End jump to the first and last; plus or Enter zooms in around the cursor, minus zooms out, Escape shows the whole call.';

/** Two touches on the plot: where their midpoint was (as an instant) and how far apart they were. */
interface Pinch {
  center: number;
  distance: number;
  lastDistance: number;
}

/**
 * Cursor, tooltip and zooming by mouse drag, by keyboard (the layer takes the focus) and
 * by touch (a horizontal drag or a pinch; a vertical swipe scrolls the page). The only part
 * that re-renders while the pointer moves.
 */
function PointerLayer({ plot, points, spec, series, callStart, hover, pointer, onZoom, label }: PointerLayerProps) {
  const zone = useDisplayZone();
  const layerRef = useRef<HTMLDivElement>(null);
  // Off screen, a chart ignores the hovered instant: a mouse move updates only the charts in view.
  const onScreen = useOnScreen(layerRef);
  const hovered = useInstant(hover, onScreen);
  const pointed = useInstant(pointer, onScreen);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  // The keyboard's cursor, while the layer has the focus.
  const [keyAt, setKeyAt] = useState<number | null>(null);
  const touches = useRef(new Map<number, number>());
  const pinch = useRef<Pinch | null>(null);

  const xIn = (event: ReactPointerEvent<HTMLDivElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;
  const atEvent = (event: ReactPointerEvent<HTMLDivElement>) => atOf(plot, xIn(event));

  const point = (at: number | null) => {
    pointer.set(at);
    hover.set(at);
  };
  const move = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (event.pointerType === 'touch' && touches.current.has(event.pointerId)) {
      touches.current.set(event.pointerId, xIn(event));
      const current = pinch.current;
      if (current) {
        const [a = 0, b = 0] = [...touches.current.values()];
        current.lastDistance = Math.abs(a - b);
        return;
      }
    }
    const at = atEvent(event);
    point(at);
    if (drag) setDrag({ ...drag, to: at });
  };
  const leave = () => {
    point(null);
    setDrag(null);
  };
  const endTouch = (event: ReactPointerEvent<HTMLDivElement>) => {
    touches.current.delete(event.pointerId);
    const current = pinch.current;
    if (!current || touches.current.size > 0) return;
    pinch.current = null;
    // A small change of distance is two resting fingers, not a pinch.
    if (Math.abs(current.lastDistance / current.distance - 1) > 0.1) onZoom(pinchRange(plot.view, current.center, current.distance, current.lastDistance));
  };

  const onKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const from = keyAt ?? pointed;
    const steps = event.shiftKey ? 10 : 1;
    let next: number | null | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = stepCursor(points, plot.view, from, steps);
        break;
      case 'ArrowLeft':
        next = stepCursor(points, plot.view, from, -steps);
        break;
      case 'Home':
        next = stepCursor(points, plot.view, null, 1);
        break;
      case 'End':
        next = stepCursor(points, plot.view, null, -1);
        break;
      case '+':
      case '=':
      case 'Enter':
        onZoom(zoomAround(plot.view, from ?? (plot.view.start + plot.view.end) / 2, 0.5));
        break;
      case '-':
      case '_':
        onZoom(zoomAround(plot.view, from ?? (plot.view.start + plot.view.end) / 2, 2));
        break;
      case 'Escape':
        onZoom(WHOLE_CALL);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (next !== undefined) {
      setKeyAt(next);
      point(next);
    }
  };

  const cursorAt = hovered !== null && hovered >= plot.view.start && hovered <= plot.view.end ? hovered : null;
  const poll = useMemo(() => (pointed === null ? null : valuesAt(points, pointed)), [points, pointed]);
  const tooltipAt = poll && poll.at >= plot.view.start && poll.at <= plot.view.end ? poll.at : null;
  const lineAt = tooltipAt ?? cursorAt;
  const lineX = lineAt === null ? null : xOf(plot, lineAt);
  const flip = lineX !== null && lineX > plot.width / 2;
  const helpId = useId();
  // What a screen reader hears as the keyboard moves the cursor: the time, then each series' value.
  const spoken =
    keyAt !== null && poll
      ? `${formatOffset(poll.at - callStart)}, ${formatClock(poll.at, zone)}: ${series
          .map((s, index) => {
            const value = poll.values[index] ?? null;
            return `${s.name} ${typeof value === 'number' && Number.isFinite(value) ? spec.format(value) : 'no sample'}`;
          })
          .join('; ')}`
      : '';

  return (
    <div
      ref={layerRef}
      className="absolute inset-0 cursor-crosshair touch-pan-y rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-accent"
      role="group"
      aria-label={label}
      aria-describedby={helpId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onBlur={() => {
        if (keyAt === null) return;
        setKeyAt(null);
        point(null);
      }}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        if (event.pointerType === 'touch') {
          touches.current.set(event.pointerId, xIn(event));
          if (touches.current.size === 2) {
            // A second finger turns the gesture into a pinch.
            const [a = 0, b = 0] = [...touches.current.values()];
            pinch.current = { center: atOf(plot, (a + b) / 2), distance: Math.abs(a - b), lastDistance: Math.abs(a - b) };
            setDrag(null);
            return;
          }
        }
        event.currentTarget.setPointerCapture(event.pointerId);
        const at = atEvent(event);
        setDrag({ from: at, to: at });
      }}
      onPointerMove={move}
      onPointerUp={(event) => {
        if (event.pointerType === 'touch' && pinch.current) {
          endTouch(event);
          return;
        }
        touches.current.delete(event.pointerId);
        if (drag) {
          const to = atEvent(event);
          // A click is not a zoom.
          if (Math.abs(to - drag.from) >= minimumZoomSpan(plot)) onZoom({ start: Math.min(drag.from, to), end: Math.max(drag.from, to) });
        }
        setDrag(null);
      }}
      onPointerCancel={(event) => {
        // The browser took a vertical swipe to scroll the page.
        touches.current.delete(event.pointerId);
        pinch.current = null;
        setDrag(null);
      }}
      onPointerLeave={leave}
    >
      {drag && drag.from !== drag.to && (
        <div
          className="pointer-events-none absolute border-x border-accent bg-[var(--ps-band-highlight)]"
          style={{
            left: Math.min(xOf(plot, drag.from), xOf(plot, drag.to)),
            width: Math.abs(xOf(plot, drag.to) - xOf(plot, drag.from)),
            top: PLOT_TOP,
            height: PLOT_BOTTOM - PLOT_TOP,
          }}
        />
      )}
      {lineX !== null && (
        <div
          className="pointer-events-none absolute w-px bg-ink-muted"
          style={{ left: Math.round(lineX), top: PLOT_TOP, height: PLOT_BOTTOM - PLOT_TOP }}
        />
      )}
      {poll && tooltipAt !== null && lineX !== null && (
        <div
          role="tooltip"
          className="pointer-events-none absolute z-20 rounded-md border border-line bg-surface px-2.5 py-1.5 text-xs whitespace-nowrap shadow-md"
          style={flip ? { right: plot.width - lineX + 10, top: 4 } : { left: lineX + 10, top: 4 }}
        >
          <p className="mb-1 font-mono text-ink-muted">{`${formatOffset(tooltipAt - callStart)} · ${formatClock(tooltipAt, zone)}`}</p>
          <ul className="space-y-0.5">
            {series.map((s, index) => {
              const value = poll.values[index] ?? null;
              return (
                <li key={s.key} className="flex items-center justify-between gap-3">
                  <span className="flex items-center gap-1.5">
                    <span aria-hidden="true" className="inline-block h-0.5 w-3" style={{ background: s.color }} />
                    {s.name}
                  </span>
                  {/* ±Infinity is drawn as a break, so it is no sample to print either. */}
                  <span className="font-mono text-ink">{typeof value === 'number' && Number.isFinite(value) ? spec.format(value) : 'no sample'}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <p id={helpId} className="sr-only">
        {KEY_HELP}
      </p>
      <p className="sr-only" aria-live="polite">
        {spoken}
      </p>
    </div>
  );
}

const NO_SUBSCRIPTION = () => () => undefined;
const NOTHING = () => null;

/** The store's instant while `active`; null (and no re-render on change) otherwise. */
function useInstant(store: HoverStore, active: boolean): number | null {
  return useSyncExternalStore(active ? store.subscribe : NO_SUBSCRIPTION, active ? store.get : NOTHING, NOTHING);
}

function useOnScreen(ref: RefObject<HTMLElement | null>): boolean {
  const [onScreen, setOnScreen] = useState(() => typeof IntersectionObserver === 'undefined');
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries.at(-1);
      if (entry) setOnScreen(entry.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}

