import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { EventCategory, TimeInterval } from '../../report/model.ts';
import { useCallClock, useHoverTime } from './call-clock.tsx';
import {
  axisTicks,
  clusterEvents,
  describeCluster,
  positionIn,
  timeAtPx,
  type Lane,
  type MarkCluster,
} from './timeline-model.ts';
import { CATEGORY_CLASSES, CategorySwatch, EventShape } from './timeline-marks.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';

/** Marks closer than this merge into one numbered mark; also the mark's size (the 24 px a touch target needs, WCAG 2.2), so none overlap. */
const MARK_GAP_PX = 24;
/** Drags shorter than this are clicks, not zooms. */
const MIN_DRAG_PX = 5;
/** Until the plot is measured (and in jsdom, which measures nothing). */
const FALLBACK_WIDTH_PX = 720;

export interface TimelineLanesProps {
  /** The range drawn: the call clock's, or a moment behind it while a zoom is drawn. */
  view: TimeInterval;
  lanes: Lane[];
  hidden: ReadonlySet<EventCategory>;
  /** Where T+ offsets count from: the join. */
  origin: number;
  /** Intervals of the highlighted finding, shaded across the lanes. */
  shaded: TimeInterval[];
  selectedId: string | null;
  /** Time of the selected event: the cursor returns there when the pointer leaves. */
  selectedAt: number | null;
  onActivate: (cluster: MarkCluster) => void;
}

function useElementWidth(): [(element: HTMLElement | null) => (() => void) | undefined, number] {
  const [width, setWidth] = useState(0);
  const ref = useCallback((element: HTMLElement | null) => {
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

interface Drag {
  /** Plot-relative pixels. */
  from: number;
  to: number;
  left: number;
  width: number;
}

export function TimelineLanes({ view, lanes, hidden, origin, shaded, selectedId, selectedAt, onActivate }: TimelineLanesProps) {
  const { zoomTo, hover } = useCallClock();
  const [plotRef, measured] = useElementWidth();
  const width = measured > 0 ? measured : FALLBACK_WIDTH_PX;
  const [drag, setDrag] = useState<Drag | null>(null);
  const zone = useDisplayZone();
  const ticks = useMemo(() => axisTicks(view, origin, width, zone), [view, origin, width, zone]);

  // The listeners read the drag from a ref: they outlive the render that attached them.
  const dragRef = useRef<Drag | null>(null);
  const dragging = drag !== null;
  useEffect(() => {
    if (!dragging) return;
    const pointAt = (current: Drag, clientX: number) => Math.min(current.width, Math.max(0, clientX - current.left));
    const move = (event: MouseEvent) => {
      const current = dragRef.current;
      if (!current) return;
      const next = { ...current, to: pointAt(current, event.clientX) };
      dragRef.current = next;
      setDrag(next);
    };
    const up = (event: MouseEvent) => {
      const current = dragRef.current;
      dragRef.current = null;
      setDrag(null);
      if (!current) return;
      const to = pointAt(current, event.clientX);
      if (Math.abs(to - current.from) < MIN_DRAG_PX) return;
      const a = timeAtPx(view, current.from, current.width);
      const b = timeAtPx(view, to, current.width);
      zoomTo({ start: Math.min(a, b), end: Math.max(a, b) });
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
    return () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
  }, [dragging, view, zoomTo]);

  const onMouseDown = (event: ReactMouseEvent<HTMLDivElement>) => {
    if (event.button !== 0 || (event.target instanceof Element && event.target.closest('button'))) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const plotWidth = rect.width > 0 ? rect.width : width;
    const from = Math.min(plotWidth, Math.max(0, event.clientX - rect.left));
    event.preventDefault();
    const next = { from, to: from, left: rect.left, width: plotWidth };
    dragRef.current = next;
    setDrag(next);
  };

  const onMouseMove = (event: ReactMouseEvent<HTMLDivElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    if (rect.width > 0) hover.set(timeAtPx(view, event.clientX - rect.left, rect.width));
  };

  const onMouseLeave = () => {
    hover.set(selectedAt !== null && selectedAt >= view.start && selectedAt <= view.end ? selectedAt : null);
  };

  return (
    <div>
      <Legend />
      <div className="flex select-none">
        <ul aria-hidden="true" className="w-24 shrink-0 pr-2">
          {lanes.map((lane) => (
            <li key={lane.category} className="flex h-9 items-center gap-1.5 text-xs text-ink-muted">
              <CategorySwatch category={lane.category} hollow={hidden.has(lane.category)} />
              <span className={hidden.has(lane.category) ? 'text-ink-faint line-through' : ''}>{lane.label}</span>
            </li>
          ))}
        </ul>
        <div className="min-w-0 flex-1 pr-5 pl-3">
          <div
            ref={plotRef}
            role="group"
            aria-label="Event lanes: drag across to zoom"
            onMouseDown={onMouseDown}
            onMouseMove={onMouseMove}
            onMouseLeave={onMouseLeave}
            className="relative cursor-crosshair border-y border-line"
          >
            {ticks.map((tick) => (
              <div
                key={tick.at}
                aria-hidden="true"
                className="pointer-events-none absolute inset-y-0 w-px bg-(--ps-grid)"
                style={{ left: `${tick.position * 100}%` }}
              />
            ))}
            {shaded.map((interval, index) => {
              const start = positionIn(view, interval.start);
              const end = positionIn(view, interval.end);
              if (end <= start) return null;
              return (
                <div
                  key={`${interval.start}-${index}`}
                  aria-hidden="true"
                  data-testid="finding-shade"
                  className="pointer-events-none absolute inset-y-0 border-x border-dashed border-accent bg-(--ps-band-highlight)"
                  style={{ left: `${start * 100}%`, width: `${(end - start) * 100}%` }}
                />
              );
            })}
            {lanes.map((lane) => (
              <LaneMarks
                key={lane.category}
                lane={lane}
                view={view}
                width={width}
                origin={origin}
                selectedId={selectedId}
                onActivate={onActivate}
              />
            ))}
            <HoverCursor view={view} />
            {drag && Math.abs(drag.to - drag.from) >= 1 && (
              <div
                aria-hidden="true"
                data-testid="zoom-selection"
                className="pointer-events-none absolute inset-y-0 z-30 border-x border-accent bg-(--ps-band-highlight)"
                style={{ left: Math.min(drag.from, drag.to), width: Math.abs(drag.to - drag.from) }}
              />
            )}
          </div>
          <div aria-hidden="true" className="relative h-9">
            {ticks.map((tick) => (
              <div
                key={tick.at}
                className="absolute top-0 flex -translate-x-1/2 flex-col items-center text-[11px] leading-tight whitespace-nowrap tabular-nums"
                style={{ left: `${tick.position * 100}%` }}
              >
                <span className="h-1 w-px bg-(--ps-axis)" />
                <span className="text-ink-muted">{tick.clock}</span>
                <span className="font-mono text-ink-faint">{tick.offset}</span>
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

function Legend() {
  return (
    <p className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-ink-muted">
      <span className="inline-flex items-center gap-1">
        <EventShape category="lifecycle" severity="normal" /> event
      </span>
      <span className="inline-flex items-center gap-1">
        <EventShape category="lifecycle" severity="notable" /> notable
      </span>
      <span className="inline-flex items-center gap-1">
        <EventShape category="lifecycle" severity="problem" /> problem
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="inline-flex h-3.5 min-w-3.5 items-center justify-center rounded-full border border-ink-faint px-0.5 text-[9px] font-semibold text-ink">
          3
        </span>
        events too close to tell apart
      </span>
      <span className="text-ink-faint">Drag across the lanes to zoom; a mark shows its minute.</span>
    </p>
  );
}

function HoverCursor({ view }: { view: TimeInterval }) {
  const at = useHoverTime();
  if (at === null || at < view.start || at > view.end) return null;
  return (
    <div
      aria-hidden="true"
      data-testid="timeline-cursor"
      className="pointer-events-none absolute inset-y-0 z-20 w-px bg-accent"
      style={{ left: `${positionIn(view, at) * 100}%` }}
    />
  );
}

interface LaneMarksProps {
  lane: Lane;
  view: TimeInterval;
  width: number;
  origin: number;
  selectedId: string | null;
  onActivate: (cluster: MarkCluster) => void;
}

// Memoised so a drag or a hover, which re-render the plot, leave the marks alone.
const LaneMarks = memo(function LaneMarks({ lane, view, width, origin, selectedId, onActivate }: LaneMarksProps) {
  const clusters = useMemo(() => clusterEvents(lane.events, view, width, MARK_GAP_PX), [lane.events, view, width]);
  return (
    <div role="group" aria-label={`${lane.label} lane`} className="relative h-9 border-b border-line/60 last:border-b-0">
      {clusters.map((cluster) => (
        <Mark
          key={cluster.key}
          cluster={cluster}
          origin={origin}
          selected={selectedId !== null && cluster.events.some((event) => event.id === selectedId)}
          onActivate={onActivate}
        />
      ))}
    </div>
  );
});

interface MarkProps {
  cluster: MarkCluster;
  origin: number;
  selected: boolean;
  onActivate: (cluster: MarkCluster) => void;
}

function Mark({ cluster, origin, selected, onActivate }: MarkProps) {
  const zone = useDisplayZone();
  const [first] = cluster.events;
  if (!first) return null;
  const name = describeCluster(cluster, origin, zone);
  const single = cluster.events.length === 1;
  const count = cluster.events.length > 99 ? '99+' : String(cluster.events.length);
  const tipSide = cluster.position < 0.15 ? 'left-0' : cluster.position > 0.85 ? 'right-0' : 'left-1/2 -translate-x-1/2';
  const clusterLook =
    cluster.severity === 'problem'
      ? 'rounded-[3px] bg-bad text-surface'
      : cluster.severity === 'notable'
        ? `rounded-full ${CATEGORY_CLASSES[first.category].bg} text-surface`
        : `rounded-full border-[1.5px] ${CATEGORY_CLASSES[first.category].border} bg-surface text-ink`;
  return (
    <button
      type="button"
      aria-label={name}
      aria-current={selected ? 'true' : undefined}
      data-severity={cluster.severity}
      onClick={() => onActivate(cluster)}
      className={`group absolute top-1/2 z-10 flex h-6 min-w-6 -translate-x-1/2 -translate-y-1/2 cursor-pointer items-center justify-center hover:z-40 focus-visible:z-40 ${
        selected ? 'rounded-full ring-2 ring-accent ring-offset-1 ring-offset-surface' : ''
      }`}
      style={{ left: `${cluster.position * 100}%` }}
    >
      {single ? (
        <EventShape category={first.category} severity={first.severity} className={first.severity === 'problem' ? 'h-4 w-4' : 'h-3.5 w-3.5'} />
      ) : (
        <span className={`flex h-4 min-w-4 items-center justify-center px-0.5 text-[10px] leading-none font-semibold tabular-nums ${clusterLook}`}>
          {count}
        </span>
      )}
      <span
        aria-hidden="true"
        className={`pointer-events-none absolute bottom-full mb-1.5 hidden max-w-80 rounded bg-ink px-2 py-1 text-left text-[11px] leading-snug font-normal whitespace-normal text-surface shadow-md group-hover:block group-focus-visible:block ${tipSide} w-max`}
      >
        {name}
      </span>
    </button>
  );
}
