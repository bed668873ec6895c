import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { formatZoom, parseZoom, sameZoom, type ZoomOffsets } from '../../lib/page-url.ts';
import type { TimeInterval } from '../../report/model.ts';

// One clock for the whole investigation view: the call's extent, the zoomed range every
// chart and the timeline show, the finding being highlighted, and the hovered instant.

/** Shortest zoom: a few samples (they arrive every ~7 s). */
export const MIN_ZOOM_MS = 20_000;

export interface CallClock {
  /** The whole call. */
  call: TimeInterval;
  /** What every chart and the timeline show now. */
  view: TimeInterval;
  zoomed: boolean;
  /** Zooms everything; null returns to the whole call. Clamped to the call, at least MIN_ZOOM_MS wide. */
  zoomTo: (range: TimeInterval | null) => void;
  /** The finding shown highlighted on charts and timeline. */
  highlightedFinding: string | null;
  setHighlightedFinding: (id: string | null) => void;
  hover: HoverStore;
}

/** The hovered instant, in a store of its own so a mouse move re-renders only its readers. */
export interface HoverStore {
  get: () => number | null;
  set: (at: number | null) => void;
  subscribe: (listener: () => void) => () => void;
}

export function createHoverStore(): HoverStore {
  let current: number | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set: (at) => {
      if (at === current) return;
      current = at;
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const CallClockContext = createContext<CallClock | null>(null);

export function clampRange(range: TimeInterval, call: TimeInterval): TimeInterval {
  let start = Math.max(call.start, Math.min(range.start, range.end));
  let end = Math.min(call.end, Math.max(range.start, range.end));
  if (end - start < MIN_ZOOM_MS) {
    const middle = (start + end) / 2;
    start = Math.max(call.start, middle - MIN_ZOOM_MS / 2);
    end = Math.min(call.end, start + MIN_ZOOM_MS);
    start = Math.max(call.start, end - MIN_ZOOM_MS);
  }
  return { start, end };
}

/**
 * Where the zoom is kept, outside the clock: the address bar for a looked-up report (so a
 * link keeps it), component state for a report opened from a file.
 */
export interface ZoomControl {
  zoom: ZoomOffsets | null;
  setZoom: (zoom: ZoomOffsets | null) => void;
}

const ZoomControlContext = createContext<ZoomControl | null>(null);

export const ZoomControlProvider = ZoomControlContext.Provider;

/** The zoom kept as offsets from the call's start, as a range in the call (clamped); null for the whole call. */
export function rangeOfZoom(zoom: ZoomOffsets | null, call: TimeInterval): TimeInterval | null {
  if (!zoom) return null;
  const range = clampRange({ start: call.start + zoom.start * 1000, end: call.start + zoom.end * 1000 }, call);
  return range.start <= call.start && range.end >= call.end ? null : range;
}

/** A range of the call as offsets to keep; null when it is the whole call. */
export function zoomOfRange(range: TimeInterval, call: TimeInterval): ZoomOffsets | null {
  const clamped = clampRange(range, call);
  if (clamped.start <= call.start && clamped.end >= call.end) return null;
  return { start: (clamped.start - call.start) / 1000, end: (clamped.end - call.start) / 1000 };
}

export interface CallClockProviderProps {
  call: TimeInterval;
  children: ReactNode;
}

export function CallClockProvider({ call, children }: CallClockProviderProps) {
  const control = useContext(ZoomControlContext);
  if (!control) throw new Error('CallClockProvider outside ZoomControlProvider');
  const { zoom: keptZoom, setZoom } = control;
  const [highlightedFinding, setHighlightedFinding] = useState<string | null>(null);
  const [hover] = useState(createHoverStore);
  // A zoom is drawn at once and kept (in the address bar) after the frame that shows it:
  // writing the address re-renders the whole page from the top, which the charts need not wait for.
  const [asked, setAsked] = useState<AskedZoom | null>(null);
  const pending =
    asked !== null && asked.call === call && (sameZoom(keptZoom, asked.from) || sameZoom(keptZoom, asked.zoom)) ? asked : null;
  const zoom = pending ? pending.zoom : keptZoom;
  // Keyed by the zoom as the address bar writes it: when the address catches up with a zoom
  // already drawn, the range is the same object and no chart draws again.
  const zoomKey = zoom === null ? null : formatZoom(zoom);
  const view = useMemo(() => rangeOfZoom(parseZoom(zoomKey), call), [zoomKey, call]);
  // Kept, or overtaken by Back, Forward or another report: what is kept leads again.
  if (asked !== null && (pending === null || sameZoom(keptZoom, asked.zoom))) setAsked(null);
  useEffect(() => {
    if (pending === null || sameZoom(keptZoom, pending.zoom)) return;
    return afterPaint(() => setZoom(pending.zoom));
  }, [pending, keptZoom, setZoom]);
  // Read by zoomTo when called, so that zoomTo (and the clock every chart reads) stays the
  // same function while the kept zoom changes.
  const keptRef = useRef(keptZoom);
  useLayoutEffect(() => {
    keptRef.current = keptZoom;
  }, [keptZoom]);
  const zoomTo = useCallback(
    (range: TimeInterval | null) => {
      setAsked({ zoom: range === null ? null : zoomOfRange(range, call), from: keptRef.current, call });
    },
    [call],
  );
  const value = useMemo<CallClock>(
    () => ({
      call,
      view: view ?? call,
      zoomed: view !== null,
      zoomTo,
      highlightedFinding,
      setHighlightedFinding,
      hover,
    }),
    [call, view, zoomTo, highlightedFinding, hover],
  );
  return <CallClockContext.Provider value={value}>{children}</CallClockContext.Provider>;
}

/** A zoom not yet kept: `zoom`, asked for while `from` was kept. */
interface AskedZoom {
  zoom: ZoomOffsets | null;
  from: ZoomOffsets | null;
  call: TimeInterval;
}

/** Runs `task` once the browser has painted the next frame; returns a cancel function. */
function afterPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A rAF callback runs just before the frame is drawn; a timeout set there runs after it.
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

export function useCallClock(): CallClock {
  const clock = useContext(CallClockContext);
  if (!clock) throw new Error('useCallClock outside CallClockProvider');
  return clock;
}

/** The hovered instant; re-renders the caller only when it changes. */
export function useHoverTime(): number | null {
  const { hover } = useCallClock();
  return useSyncExternalStore(hover.subscribe, hover.get, hover.get);
}
