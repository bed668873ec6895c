import {
  memo,
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Badge } from '../../components/badge.tsx';
import { LongText } from '../../components/long-text.tsx';
import { clipLine, formatClock, formatOffset, formatUtc } from '../../lib/format.ts';
import type { EventCategory, TimelineEvent } from '../../report/model.ts';
import { rowOffsets, rowWindow, scrollToShow } from './list-window.ts';
import { CATEGORY_LABEL } from './timeline-model.ts';
import { CategorySwatch, EventShape } from './timeline-marks.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';

export interface TimelineFiltersProps {
  categories: EventCategory[];
  counts: Record<EventCategory, number>;
  hidden: ReadonlySet<EventCategory>;
  onToggle: (category: EventCategory) => void;
  query: string;
  onQueryChange: (query: string) => void;
  filtering: boolean;
  onClear: () => void;
}

export function TimelineFilters({ categories, counts, hidden, onToggle, query, onQueryChange, filtering, onClear }: TimelineFiltersProps) {
  const searchId = useId();
  return (
    <div className="space-y-2">
      <div role="group" aria-label="Event categories" className="flex flex-wrap gap-1.5">
        {categories.map((category) => {
          const shown = !hidden.has(category);
          return (
            <button
              key={category}
              type="button"
              aria-pressed={shown}
              onClick={() => onToggle(category)}
              className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium ${
                shown ? 'border-accent/40 bg-accent-soft text-ink' : 'border-line bg-surface text-ink-faint'
              }`}
            >
              <CategorySwatch category={category} hollow={!shown} />
              <span className={shown ? '' : 'line-through'}>{CATEGORY_LABEL[category]}</span>{' '}
              <span className="tabular-nums text-ink-muted">{counts[category]}</span>{' '}
              <span className="sr-only">events</span>
            </button>
          );
        })}
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={searchId} className="shrink-0 text-xs font-medium text-ink-muted">
          Search events
        </label>
        <input
          id={searchId}
          type="search"
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
          placeholder="label, name or detail"
          className="h-8 min-w-0 flex-1 rounded border border-line bg-surface px-2 text-sm text-ink placeholder:text-ink-faint focus:border-accent"
        />
        {filtering && (
          <button
            type="button"
            onClick={onClear}
            className="h-8 shrink-0 rounded border border-line bg-surface px-2 text-xs text-ink-muted hover:border-accent hover:text-accent-strong"
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}

export interface TimelineListProps {
  events: TimelineEvent[];
  /** Where T+ offsets count from: the join. */
  origin: number;
  selectedId: string | null;
  onGo: (event: TimelineEvent) => void;
}

/**
 * Rows put in the page beyond those on screen, each side: Tab and the arrow keys always find
 * the next row there, and a fast scroll rarely shows a blank.
 */
const OVERSCAN_ROWS = 6;
/** A collapsed row until it is measured: a line of label and a line of category. */
const ESTIMATED_ROW_PX = 54;
/** The box's height until it is measured (and in jsdom, which measures nothing): max-h-[28rem]. */
const FALLBACK_VIEWPORT_PX = 448;

/**
 * A list this short is drawn whole: a few milliseconds, and the browser's find-in-page sees
 * every row. Every demo call's list is; an hour-long call's is not.
 */
const WHOLE_LIST_MAX_ROWS = 150;

const NO_HEIGHTS: ReadonlyMap<string, number> = new Map();

type RowControl = 'time' | 'details';

/**
 * The events as a windowed list: a long call has thousands, and only the rows in and near the
 * box are in the page. Rows keep their real heights (an expanded one is taller): each is
 * measured once drawn, and rows not drawn yet count as the usual collapsed height. Arrow keys,
 * Home and End move between rows; every row says its place in the whole list.
 */
export function TimelineList({ events, origin, selectedId, onGo }: TimelineListProps) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [heights, setHeights] = useState(NO_HEIGHTS);
  const [viewport, setViewport] = useState({ top: 0, height: FALLBACK_VIEWPORT_PX });
  const boxRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef<{ index: number; control: RowControl } | null>(null);

  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let box: number | null = null;
          const rows: [string, number][] = [];
          for (const entry of entries) {
            const target = entry.target as HTMLElement;
            const height = entry.borderBoxSize[0]?.blockSize ?? target.getBoundingClientRect().height;
            const id = target.dataset['eventId'];
            if (id !== undefined) {
              if (height > 0) rows.push([id, height]);
            } else if (entry.contentRect.height > 0) {
              box = entry.contentRect.height;
            }
          }
          if (box !== null) {
            const height = box;
            setViewport((current) => (current.height === height ? current : { ...current, height }));
          }
          if (rows.length > 0) {
            setHeights((current) => {
              let next: Map<string, number> | null = null;
              for (const [id, height] of rows) {
                if (current.get(id) === height) continue;
                next ??= new Map(current);
                next.set(id, height);
              }
              return next ?? current;
            });
          }
        }),
  );
  useEffect(() => () => observer?.disconnect(), [observer]);
  const measureBox = useCallback(
    (element: HTMLDivElement | null) => {
      boxRef.current = element;
      if (!element) return;
      // Its height arrives with the observer's first report, after layout: reading it here
      // would force a layout of the whole page in the middle of the report's first commit.
      observer?.observe(element);
      return () => observer?.unobserve(element);
    },
    [observer],
  );
  const measureRow = useCallback(
    (element: HTMLLIElement | null) => {
      if (!element || !observer) return;
      observer.observe(element);
      return () => observer.unobserve(element);
    },
    [observer],
  );

  const offsets = useMemo(() => {
    // Rows not drawn yet count as the usual collapsed row drawn so far.
    let sum = 0;
    let count = 0;
    for (const [id, height] of heights) {
      if (expanded.has(id)) continue;
      sum += height;
      count += 1;
    }
    const estimate = count > 0 ? sum / count : ESTIMATED_ROW_PX;
    return rowOffsets(events.length, (index) => heights.get(events[index]?.id ?? '') ?? estimate);
  }, [events, heights, expanded]);
  const windowed = events.length > WHOLE_LIST_MAX_ROWS;
  const shown = windowed
    ? rowWindow(offsets, viewport.top, viewport.height, OVERSCAN_ROWS)
    : { start: 0, end: events.length, before: 0, after: 0 };
  const selectedIndex = selectedId === null ? -1 : events.findIndex((event) => event.id === selectedId);
  // One tab stop for the whole list (roving focus): the row last focused, else the selected
  // row, else the first row drawn; arrows move between rows, left and right within one.
  const [active, setActive] = useState<{ index: number; control: RowControl } | null>(null);
  const preferred = active?.index ?? (selectedIndex >= 0 ? selectedIndex : shown.start);
  const tabIndex = preferred >= shown.start && preferred < shown.end ? preferred : shown.start;
  const tabControl: RowControl = active?.index === tabIndex ? active.control : 'time';

  const scrollTo = (top: number) => {
    const box = boxRef.current;
    if (!box || top === box.scrollTop) return;
    box.scrollTop = top;
    setViewport({ top: box.scrollTop, height: box.clientHeight > 0 ? box.clientHeight : FALLBACK_VIEWPORT_PX });
  };

  // Scroll the box, not the page, to the selected row.
  const showSelected = useEffectEvent(() => {
    const box = boxRef.current;
    if (!box || selectedIndex < 0) return;
    const height = box.clientHeight > 0 ? box.clientHeight : FALLBACK_VIEWPORT_PX;
    scrollTo(scrollToShow(offsets, selectedIndex, box.scrollTop, height));
  });
  useLayoutEffect(() => {
    showSelected();
  }, [selectedId, selectedIndex]);

  // A row reached with the keyboard gets focus once it is in the page.
  useLayoutEffect(() => {
    const pending = pendingFocus.current;
    const box = boxRef.current;
    if (!pending || !box) return;
    const control = box.querySelector<HTMLElement>(`li[data-index="${pending.index}"] [data-row-control="${pending.control}"]`);
    if (!control) return;
    pendingFocus.current = null;
    control.focus();
  });

  const onScroll = () => {
    const box = boxRef.current;
    if (box) setViewport({ top: box.scrollTop, height: box.clientHeight > 0 ? box.clientHeight : FALLBACK_VIEWPORT_PX });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const from = event.target instanceof Element ? event.target.closest<HTMLElement>('li[data-index]') : null;
    const control = event.target instanceof HTMLElement ? event.target.dataset['rowControl'] : undefined;
    if (!from || (control !== 'time' && control !== 'details')) return;
    const index = Number(from.dataset['index']);
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const other: RowControl = event.key === 'ArrowRight' ? 'details' : 'time';
      if (other === control) return;
      event.preventDefault();
      from.querySelector<HTMLElement>(`[data-row-control="${other}"]`)?.focus();
      return;
    }
    const last = events.length - 1;
    const target =
      event.key === 'ArrowDown' ? index + 1 : event.key === 'ArrowUp' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (target === null || target < 0 || target > last || target === index) return;
    event.preventDefault();
    pendingFocus.current = { index: target, control };
    const box = boxRef.current;
    if (!box) return;
    const height = box.clientHeight > 0 ? box.clientHeight : FALLBACK_VIEWPORT_PX;
    const rowTop = offsets[target] ?? 0;
    const rowBottom = offsets[target + 1] ?? rowTop;
    // One step moves the box no further than it must; Home and End jump.
    if (rowTop < box.scrollTop) scrollTo(rowTop);
    else if (rowBottom > box.scrollTop + height) scrollTo(rowBottom - height);
    else setViewport((current) => ({ ...current }));
  };

  const toggle = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  return (
    <div ref={measureBox} onScroll={onScroll} className="relative max-h-[28rem] overflow-y-auto rounded border border-line">
      <ol
        aria-label="Events"
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const row = event.target instanceof Element ? event.target.closest<HTMLElement>('li[data-index]') : null;
          const control = event.target instanceof HTMLElement ? event.target.dataset['rowControl'] : undefined;
          if (row && (control === 'time' || control === 'details')) setActive({ index: Number(row.dataset['index']), control });
        }}
        style={{ paddingTop: shown.before, paddingBottom: shown.after }}
      >
        {events.slice(shown.start, shown.end).map((event, offset) => {
          const index = shown.start + offset;
          return (
            <EventRow
              key={event.id}
              event={event}
              index={index}
              count={events.length}
              origin={origin}
              selected={index === selectedIndex}
              tabStop={index === tabIndex ? tabControl : null}
              expanded={expanded.has(event.id)}
              onToggle={toggle}
              onGo={onGo}
              measure={windowed ? measureRow : undefined}
            />
          );
        })}
      </ol>
    </div>
  );
}

interface EventRowProps {
  event: TimelineEvent;
  /** Place in the whole list, from 0. */
  index: number;
  count: number;
  origin: number;
  selected: boolean;
  /** Which of the row's controls holds the list's one tab stop, if this row holds it. */
  tabStop: RowControl | null;
  expanded: boolean;
  onToggle: (id: string) => void;
  onGo: (event: TimelineEvent) => void;
  /** Set when the list is windowed: rows report their height. */
  measure: ((element: HTMLLIElement | null) => (() => void) | undefined) | undefined;
}

// Memoised: a scroll re-renders the list, and only rows coming into the window need drawing.
const EventRow = memo(function EventRow({ event, index, count, origin, selected, tabStop, expanded, onToggle, onGo, measure }: EventRowProps) {
  const detailsId = useId();
  const offset = formatOffset(event.at - origin);
  const zone = useDisplayZone();
  const clock = formatClock(event.at, zone);
  const details = Object.entries(event.details);
  return (
    <li
      ref={measure}
      data-event-id={event.id}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
      aria-current={selected ? 'true' : undefined}
      className={`px-2 py-1.5 text-sm ${index < count - 1 ? 'border-b border-line' : ''} ${
        selected ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--ps-accent)]' : ''
      }`}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
          data-row-control="time"
          tabIndex={tabStop === 'time' ? 0 : -1}
          onClick={() => onGo(event)}
          title="Show this moment on every chart"
          className="flex w-[5.5rem] shrink-0 flex-col items-start rounded px-1 text-left leading-tight tabular-nums hover:bg-accent-soft hover:text-accent-strong"
        >
          <span className="font-mono text-xs text-ink">{offset}</span>{' '}
          <span className="text-[11px] text-ink-faint">{clock}</span>{' '}
          <span className="sr-only">show on the charts</span>
        </button>
        <div className="min-w-0 flex-1">
          <p className="flex items-start gap-1.5">
            <EventShape category={event.category} severity={event.severity} className="mt-[3px] h-3.5 w-3.5" />
            <bdi className={`min-w-0 wrap-anywhere ${event.severity === 'normal' ? 'text-ink' : 'font-medium text-ink'}`}>{event.label}</bdi>
          </p>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 pl-5 text-xs text-ink-muted">
            <span className="inline-flex items-center gap-1">
              <CategorySwatch category={event.category} />
              {CATEGORY_LABEL[event.category]}
            </span>
            {event.severity === 'problem' && (
              <Badge tone="bad">
                <span aria-hidden="true">▲</span> Problem
              </Badge>
            )}
          </p>
        </div>
        <button
          type="button"
          data-row-control="details"
          tabIndex={tabStop === 'details' ? 0 : -1}
          aria-expanded={expanded}
          aria-controls={detailsId}
          onClick={() => onToggle(event.id)}
          className="inline-flex shrink-0 items-center gap-1 rounded px-1.5 py-0.5 text-xs text-ink-muted hover:bg-surface-muted hover:text-accent-strong"
        >
          <span aria-hidden="true" className={`inline-block transition-transform ${expanded ? 'rotate-90' : ''}`}>
            ▸
          </span>
          Details{' '}
          <span className="sr-only">
            of {clipLine(event.label, 80)} at {offset}
          </span>
        </button>
      </div>
      <div id={detailsId} hidden={!expanded} className="mt-1.5 ml-[6rem]">
        {expanded && (
          <dl className="grid grid-cols-[minmax(6rem,auto)_minmax(0,1fr)] gap-x-3 gap-y-0.5 rounded bg-surface-muted px-2 py-1.5 text-xs">
            {details.map(([key, value]) => (
              <DetailRow key={key} term={key}>
                {value === null ? <span className="text-ink-faint italic">null</span> : <LongText text={String(value)} max={DETAIL_VALUE_MAX} />}
              </DetailRow>
            ))}
            {details.length === 0 && (
              <DetailRow term="details">
                <span className="text-ink-faint italic">none</span>
              </DetailRow>
            )}
            <DetailRow term="raw name">
              <code className="font-mono">
                <LongText text={event.name} max={DETAIL_VALUE_MAX} />
              </code>
            </DetailRow>
            <DetailRow term="source">{SOURCE_LABEL[event.source]}</DetailRow>
            <DetailRow term="time (UTC)">{formatUtc(event.at)}</DetailRow>
          </dl>
        )}
      </div>
    </li>
  );
});

/** Metadata values longer than this fold behind "show all". */
const DETAIL_VALUE_MAX = 300;

const SOURCE_LABEL: Record<TimelineEvent['source'], string> = {
  client: 'client event (SDK)',
  peer: 'peer event (server)',
  device: 'device update',
};

function DetailRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-mono wrap-anywhere text-ink-muted" title={term.length > 60 ? clipLine(term, 500) : undefined}>
        <bdi>{clipLine(term, 60)}</bdi>
      </dt>
      <dd className="min-w-0 font-mono wrap-anywhere text-ink">{children}</dd>
    </>
  );
}
