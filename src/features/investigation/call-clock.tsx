import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
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

/** `zoom=<start>-<end>` in seconds since the call's start, as kept in the page URL. */
export function parseZoomParam(param: string | null, call: TimeInterval): TimeInterval | null {
  if (!param) return null;
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(param);
  if (!match) return null;
  const start = call.start + Number(match[1]) * 1000;
  const end = call.start + Number(match[2]) * 1000;
  if (!(end > start)) return null;
  const range = clampRange({ start, end }, call);
  return range.start <= call.start && range.end >= call.end ? null : range;
}

export function formatZoomParam(range: TimeInterval, call: TimeInterval): string {
  const seconds = (at: number) => String(Math.round((at - call.start) / 100) / 10);
  return `${seconds(range.start)}-${seconds(range.end)}`;
}

export interface CallClockProviderProps {
  call: TimeInterval;
  zoomParam: string | null;
  onZoomParamChange: (param: string | null) => void;
  children: ReactNode;
}

export function CallClockProvider({ call, zoomParam, onZoomParamChange, children }: CallClockProviderProps) {
  const [highlightedFinding, setHighlightedFinding] = useState<string | null>(null);
  const [hover] = useState(createHoverStore);
  // A zoom is drawn at once and written to the address bar after the frame that shows it:
  // writing it re-renders the whole page from the top, which the charts need not wait for.
  const [asked, setAsked] = useState<AskedZoom | null>(null);
  const pending = asked !== null && asked.call === call && (zoomParam === asked.from || zoomParam === asked.param) ? asked : null;
  const param = pending ? pending.param : zoomParam;
  const view = useMemo(() => parseZoomParam(param, call), [param, call]);
  // Written, or overtaken by Back, Forward or another report: the address bar leads again.
  if (asked !== null && (pending === null || zoomParam === asked.param)) setAsked(null);
  useEffect(() => {
    if (pending === null || zoomParam === pending.param) return;
    return afterPaint(() => onZoomParamChange(pending.param));
  }, [pending, zoomParam, onZoomParamChange]);
  // Read by zoomTo when called, so that zoomTo (and the clock every chart reads) stays the
  // same function while the address bar changes.
  const addressZoom = useRef(zoomParam);
  useLayoutEffect(() => {
    addressZoom.current = zoomParam;
  }, [zoomParam]);
  const zoomTo = useCallback(
    (range: TimeInterval | null) => {
      let next: string | null = null;
      if (range !== null) {
        const clamped = clampRange(range, call);
        const whole = clamped.start <= call.start && clamped.end >= call.end;
        next = whole ? null : formatZoomParam(clamped, call);
      }
      setAsked({ param: next, from: addressZoom.current, call });
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

/** A zoom not yet in the address bar: `param`, asked for while the bar said `from`. */
interface AskedZoom {
  param: string | null;
  from: string | null;
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
