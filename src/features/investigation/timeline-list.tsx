import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Badge } from '../../components/badge';
import { LongText } from '../../components/long-text';
import { clipLine, formatClock, formatOffset, formatUtc } from '../../lib/format';
import type { EventCategory, TimelineEvent } from '../../report/model';
import { CATEGORY_LABEL } from './timeline-model';
import { CategorySwatch, EventShape } from './timeline-marks';

/** Rows rendered at first and added per "show more": enough to scroll, few enough to stay quick. */
export const LIST_PAGE_SIZE = 300;

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

export function TimelineList({ events, origin, selectedId, onGo }: TimelineListProps) {
  const [limit, setLimit] = useState(LIST_PAGE_SIZE);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const boxRef = useRef<HTMLDivElement>(null);
  const selectedIndex = selectedId === null ? -1 : events.findIndex((event) => event.id === selectedId);
  const count = Math.min(events.length, Math.max(limit, selectedIndex + 1));
  const rows = events.slice(0, count);

  // Scroll the box, not the page, to the selected row.
  useEffect(() => {
    const box = boxRef.current;
    if (!box || selectedId === null) return;
    const row = box.querySelector<HTMLElement>(`[data-event-id="${CSS.escape(selectedId)}"]`);
    if (!row) return;
    if (row.offsetTop < box.scrollTop || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 3);
    }
  }, [selectedId, selectedIndex]);

  const toggle = (id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  return (
    <div ref={boxRef} className="relative max-h-[28rem] overflow-y-auto rounded border border-line">
      <ol aria-label="Events" className="divide-y divide-line">
        {rows.map((event) => (
          <EventRow
            key={event.id}
            event={event}
            origin={origin}
            selected={event.id === selectedId}
            expanded={expanded.has(event.id)}
            onToggle={toggle}
            onGo={onGo}
          />
        ))}
      </ol>
      {count < events.length && (
        <div className="border-t border-line p-2 text-center">
          <button
            type="button"
            onClick={() => setLimit(count + LIST_PAGE_SIZE)}
            className="rounded border border-line bg-surface px-3 py-1 text-xs text-ink-muted hover:border-accent hover:text-accent-strong"
          >
            Show {Math.min(LIST_PAGE_SIZE, events.length - count)} more ({events.length - count} not shown)
          </button>
        </div>
      )}
    </div>
  );
}

interface EventRowProps {
  event: TimelineEvent;
  origin: number;
  selected: boolean;
  expanded: boolean;
  onToggle: (id: string) => void;
  onGo: (event: TimelineEvent) => void;
}

function EventRow({ event, origin, selected, expanded, onToggle, onGo }: EventRowProps) {
  const detailsId = useId();
  const offset = formatOffset(event.at - origin);
  const clock = formatClock(event.at);
  const details = Object.entries(event.details);
  return (
    <li
      data-event-id={event.id}
      aria-current={selected ? 'true' : undefined}
      className={`px-2 py-1.5 text-sm ${selected ? 'bg-accent-soft shadow-[inset_3px_0_0_var(--ps-accent)]' : ''}`}
    >
      <div className="flex items-start gap-2">
        <button
          type="button"
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
}

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
