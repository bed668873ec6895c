import { useQuery, useQueryClient } from '@tanstack/react-query';
import { peerReportQueryKey } from '../../api/queries.ts';
import { useCallback, useEffect, useMemo } from 'react';
import { usePageUrl } from '../../hooks/use-page-url.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { sameLookup } from '../../lib/lookup.ts';
import { shortId } from '../../lib/format.ts';
import type { ZoomOffsets } from '../../lib/page-url.ts';
import { ZoomControlProvider, type ZoomControl } from '../investigation/call-clock.tsx';
import { preloadCharts } from '../investigation/quality-panel.tsx';
import { ReportPivots } from '../sessions/report-pivots.tsx';
import { ErrorPanel } from './error-panel.tsx';
import { ParticipantCard } from './participant-card.tsx';
import { PendingNotice } from './pending-notice.tsx';
import { ReportDashboard } from './report-dashboard.tsx';
import { ReportOverview } from './report-overview.tsx';
import { reportViewQuery, type ReportView } from './report-view-model.ts';

export interface ReportSectionProps {
  lookup: Lookup;
  mode: 'demo' | 'live' | null;
  /** The last lookup that loaded, kept on screen (labelled) when this one fails. */
  lastLoaded: Lookup | null;
  onLoaded: (lookup: Lookup) => void;
  /**
   * A newer lookup was typed but is not valid (the form says why, and nothing was sent):
   * this lookup's error is about the lookup before it, so it is not shown under the form.
   */
  errorSetAside?: boolean;
}

export function ReportSection({ lookup, mode, lastLoaded, onLoaded, errorSetAside = false }: ReportSectionProps) {
  const query = useQuery(reportViewQuery(lookup));
  const zoom = useUrlZoom(lookup);
  // The charts' code downloads beside the report, so the first chart does not wait for it.
  useEffect(preloadCharts, []);
  const loaded = query.data !== undefined;

  useEffect(() => {
    if (loaded) onLoaded(lookup);
  }, [loaded, lookup, onLoaded]);
  // The answer first: once the report is in, the verdict is brought into view and takes the focus.
  useEffect(() => {
    if (loaded) showVerdict();
  }, [loaded]);

  const retry = () => {
    void query.refetch();
  };
  const queryClient = useQueryClient();
  // Aborts the request (React Query hands its signal to fetch) and leaves the query unfetched.
  const cancel = () => {
    void queryClient.cancelQueries({ queryKey: peerReportQueryKey(lookup), exact: true });
  };

  // Data first (even when a refresh failed), then the error, then loading.
  if (query.data) {
    return (
      <div className="space-y-4">
        {query.error !== null && !errorSetAside && (
          <ErrorPanel error={query.error} lookup={lookup} mode={mode} onRetry={retry} retrying={query.isFetching} compact />
        )}
        <ZoomControlProvider value={zoom}>
          <ReportPivots lookup={lookup} report={query.data.report}>
            <ReportDashboard view={query.data} lookup={lookup} />
          </ReportPivots>
        </ZoomControlProvider>
      </div>
    );
  }
  if (query.error !== null) {
    const previous = lastLoaded && !sameLookup(lastLoaded, lookup) ? lastLoaded : null;
    return (
      <div className="space-y-4">
        {!errorSetAside && <ErrorPanel error={query.error} lookup={lookup} mode={mode} onRetry={retry} retrying={query.isFetching} />}
        {previous && <PreviousReport lookup={previous} />}
      </div>
    );
  }
  if (query.fetchStatus === 'idle') {
    return (
      <p role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-line bg-surface px-4 py-3 text-sm text-ink">
        Fetching was cancelled; nothing was loaded for this lookup.
        <button
          type="button"
          onClick={retry}
          className="inline-flex h-8 items-center rounded-md border border-line bg-surface px-3 text-sm font-medium text-ink hover:border-accent"
        >
          Fetch again
        </button>
      </p>
    );
  }
  return <PendingNotice failureReason={query.failureReason} failureCount={query.failureCount} onCancel={cancel} />;
}

function showVerdict(): void {
  const verdict = document.getElementById('verdict');
  if (!verdict) return;
  verdict.scrollIntoView({ block: 'start' });
  verdict.focus({ preventScroll: true });
}

/** The charts' and timeline's range, kept in the address bar so a link keeps it. */
function useUrlZoom(lookup: Lookup): ZoomControl {
  const { route, go } = usePageUrl();
  const zoom = route.page === 'report' ? route.zoom : null;
  // Each zoom is a step in the history: Back undoes a zoom, then leaves the report.
  const setZoom = useCallback((next: ZoomOffsets | null) => go({ page: 'report', lookup, zoom: next }), [go, lookup]);
  return useMemo(() => ({ zoom, setZoom }), [zoom, setZoom]);
}

function ReportBody({ view, lookup }: { view: ReportView; lookup: Lookup }) {
  return (
    <div className="space-y-4" data-testid="report">
      <ParticipantCard report={view.report} />
      <ReportOverview report={view.report} lookup={lookup} bytes={view.bytes} receivedAt={view.receivedAt} />
    </div>
  );
}

/** The report that was on screen before a failed lookup, clearly marked as another peer's. */
function PreviousReport({ lookup }: { lookup: Lookup }) {
  const query = useQuery({ ...reportViewQuery(lookup), enabled: false });
  if (!query.data) return null;
  const name = query.data.report.participant.displayName;
  return (
    <section aria-labelledby="previous-heading" className="space-y-3 rounded-lg border border-dashed border-ink-faint/60 p-3">
      <h2 id="previous-heading" className="text-sm text-ink-muted">
        <span className="font-semibold text-ink">Previous report, not the lookup above:</span>{' '}
        {name ? `${name}, ` : ''}peer {shortId(lookup.peerId)}
      </h2>
      <div className="opacity-80">
        <ReportBody view={query.data} lookup={lookup} />
      </div>
    </section>
  );
}
