import { useCallback, useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import { Card } from '../../components/card.tsx';
import type { EventCategory, Finding, PeerReport, TimelineEvent } from '../../report/model.ts';
import { useCallClock } from './call-clock.tsx';
import { TimelineLanes } from './timeline-lanes.tsx';
import { TimelineFilters, TimelineList } from './timeline-list.tsx';
import { useAfterPaint } from './use-after-paint.ts';
import {
  assignLanes,
  countByCategory,
  eventsInRange,
  filterEvents,
  focusRange,
  laneCategories,
  leadEvent,
  searchTerms,
  type MarkCluster,
} from './timeline-model.ts';
import { formatCountOf } from '../../lib/format.ts';

export interface TimelinePanelProps {
  report: PeerReport;
  findings: readonly Finding[];
  /** Whether the lookup asked for the events filter: "not requested" and "none recorded" read differently. */
  eventsRequested: boolean;
}

const NO_CATEGORIES: ReadonlySet<EventCategory> = new Set();

/** Every event on one time axis, lane per category, beside a searchable, filterable list. */
export function TimelinePanel({ report, findings, eventsRequested }: TimelinePanelProps) {
  const headingId = useId();
  const clock = useCallClock();
  const { call, zoomTo, hover, highlightedFinding } = clock;
  // A zoom draws the charts first and the timeline in the frame after: the charts are what
  // the user just dragged across, and drawing both in one frame kept both waiting ~30 ms.
  const view = useAfterPaint(clock.view);
  const zoomed = view !== call;
  const timeline = report.timeline;
  const origin = report.participant.joinedAt ?? call.start;

  const [hidden, setHidden] = useState<ReadonlySet<EventCategory>>(NO_CATEGORIES);
  const [query, setQuery] = useState('');
  // Kept with the timeline it belongs to, so another peer's report never shows it as selected.
  const [selection, setSelection] = useState<{ timeline: TimelineEvent[]; id: string } | null>(null);
  const selectedId = selection?.timeline === timeline ? selection.id : null;
  const deferredQuery = useDeferredValue(query);

  const categories = useMemo(() => laneCategories(timeline), [timeline]);
  const searched = useMemo(() => filterEvents(timeline, { hidden: NO_CATEGORIES, query: deferredQuery }), [timeline, deferredQuery]);
  const shown = useMemo(() => (hidden.size === 0 ? searched : searched.filter((event) => !hidden.has(event.category))), [searched, hidden]);
  const lanes = useMemo(() => assignLanes(shown, categories), [shown, categories]);
  const listed = useMemo(() => eventsInRange(shown, view), [shown, view]);
  const counts = useMemo(() => countByCategory(eventsInRange(searched, view)), [searched, view]);
  const inView = useMemo(() => (zoomed ? eventsInRange(timeline, view).length : timeline.length), [timeline, view, zoomed]);
  const filtering = hidden.size > 0 || searchTerms(query).length > 0;

  const finding = highlightedFinding === null ? null : (findings.find((candidate) => candidate.id === highlightedFinding) ?? null);
  const selectedAt = selectedId === null ? null : (timeline.find((event) => event.id === selectedId)?.at ?? null);

  const go = useCallback(
    (event: TimelineEvent, span: Pick<MarkCluster, 'at' | 'endAt'>) => {
      setSelection({ timeline, id: event.id });
      zoomTo(focusRange(span));
      hover.set(event.at);
    },
    [timeline, zoomTo, hover],
  );
  const onActivate = useCallback(
    (cluster: MarkCluster) => {
      const lead = leadEvent(cluster);
      if (lead) go(lead, cluster);
    },
    [go],
  );
  const onGo = useCallback((event: TimelineEvent) => go(event, { at: event.at, endAt: event.at }), [go]);

  const toggleCategory = (category: EventCategory) => {
    setHidden((current) => {
      const next = new Set(current);
      if (next.has(category)) next.delete(category);
      else next.add(category);
      return next;
    });
  };
  const clearFilters = () => {
    setHidden(NO_CATEGORIES);
    setQuery('');
  };

  const wholeCallButton = zoomed ? (
    <button
      type="button"
      onClick={() => zoomTo(null)}
      className="rounded border border-line bg-surface px-2 py-0.5 text-xs text-ink-muted hover:border-accent hover:text-accent-strong"
    >
      Show whole call
    </button>
  ) : undefined;

  if (timeline.length === 0) {
    return (
      <Card labelledBy={headingId} title="Timeline">
        <EmptyNote>{eventsRequested ? 'No events recorded for this participant.' : 'Events were not requested: tick Events and fetch again.'}</EmptyNote>
      </Card>
    );
  }

  const summary = zoomed
    ? `${inView} of ${timeline.length} events in the zoomed range${filtering ? `, ${listed.length} match the search and filters` : ''}`
    : filtering
      ? `${listed.length} of ${timeline.length} events match the search and filters`
      : formatCountOf(timeline.length, 'event');

  return (
    <Card labelledBy={headingId} title="Timeline" aside={wholeCallButton}>
      {finding && (
        <p className="mb-2 flex items-center gap-2 text-xs text-ink-muted">
          <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border border-dashed border-accent bg-(--ps-band-highlight)" />
          <span>
            Shaded: <span className="font-medium text-ink">{finding.title}</span>
            {finding.intervals.length === 0 && ' (whole call, no interval to shade)'}
          </span>
        </p>
      )}
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(22rem,26rem)]">
        <TimelineLanes
          view={view}
          lanes={lanes}
          hidden={hidden}
          origin={origin}
          shaded={finding?.intervals ?? []}
          selectedId={selectedId}
          selectedAt={selectedAt}
          onActivate={onActivate}
        />
        <div className="min-w-0 space-y-2">
          <TimelineFilters
            categories={categories}
            counts={counts}
            hidden={hidden}
            onToggle={toggleCategory}
            query={query}
            onQueryChange={setQuery}
            filtering={filtering}
            onClear={clearFilters}
          />
          <p role="status" className="text-xs text-ink-muted">
            {summary}
          </p>
          {listed.length > 0 ? (
            <TimelineList events={listed} origin={origin} selectedId={selectedId} onGo={onGo} />
          ) : inView === 0 ? (
            <EmptyNote>
              No events in the zoomed range. {wholeCallButton}
            </EmptyNote>
          ) : (
            <EmptyNote>No event matches the search or filters.</EmptyNote>
          )}
        </div>
      </div>
    </Card>
  );
}

function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="rounded border border-dashed border-line bg-surface-muted px-3 py-4 text-center text-sm text-ink-muted">{children}</p>;
}
