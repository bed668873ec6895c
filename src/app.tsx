import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { usePageUrl } from './hooks/use-page-url.ts';
import { sameLookup, type Lookup, type LookupInput } from './lib/lookup.ts';
import { routeKey } from './lib/page-url.ts';
import { appConfigQuery, peerReportQueryKey } from './api/queries.ts';
import { Badge } from './components/badge.tsx';
import { lazyChunk } from './lib/chunk.ts';
import { REPORT_FILTERS } from './lib/filters.ts';
import { DemoPeers } from './features/lookup/demo-peers.tsx';
import { LookupForm } from './features/lookup/lookup-form.tsx';
import { OpenReportFile, useReportDrop, type OpenedReportFile } from './features/raw/open-report-file.tsx';
import type { FileReportSectionProps } from './features/report/file-report-section.tsx';
import { OpenReportPrompt } from './features/report/open-report-prompt.tsx';
import type { ReportSectionProps } from './features/report/report-section.tsx';
import { DisplayControls } from './features/settings/display-controls.tsx';

// The report (its model, diagnosis, panels, and the charts after them) is code of its own:
// the lookup form paints and answers without it. A report link asks for it at once; the
// lookup form right after start-up, so it is in before the first Fetch. The report's own
// query starts with its section, so cancelling and retrying stay tied to what is shown.
const reportChunk = lazyChunk(() => import('./features/report/report-section.tsx'));
const fileReportChunk = lazyChunk(() => import('./features/report/file-report-section.tsx'));

export function App() {
  const config = useQuery(appConfigQuery());
  const { search, route, go } = usePageUrl();
  const queryClient = useQueryClient();
  const [lastLoaded, setLastLoaded] = useState<Lookup | null>(null);
  // A file is shown only while the address bar is where it was opened: Back, Forward or
  // a lookup leave it, so a file's peer is never shown under a lookup's URL.
  const [opened, setOpened] = useState<{ file: OpenedReportFile; search: string; at: number } | null>(null);
  const onOpenFile = useCallback(
    (file: OpenedReportFile) => {
      go({ page: 'start' });
      setOpened({ file, search: '', at: Date.now() });
    },
    [go],
  );
  const drop = useReportDrop(onOpenFile);

  // The lookup in the address bar, without the zoom: a zoom keeps the same key, so the form is
  // not reset and the report's panels that draw no time range are not drawn again.
  const key = routeKey(route);
  // A report link another site opened (confirm=1): this route, without the question, once the user asks for it.
  const confirmed = useMemo(() => (route.page === 'report' && route.confirm ? { page: 'report' as const, lookup: route.lookup, zoom: route.zoom } : null), [route]);
  const fromUrl =
    route.page === 'report'
      ? { input: route.lookup, lookup: route.lookup, errors: undefined }
      : route.page === 'invalid-report'
        ? { input: route.input, lookup: null, errors: route.errors }
        : { input: null, lookup: null, errors: undefined };

  const mode = config.data?.mode ?? null;
  const demo = config.data?.demo ?? null;
  const initial: LookupInput = fromUrl.input ?? {
    accountId: config.data?.defaultAccountId ?? demo?.accountId ?? '',
    appId: demo?.appId ?? '',
    peerId: '',
    filters: [...REPORT_FILTERS],
    includePeerEvents: true,
  };

  const onSubmit = useCallback(
    (lookup: Lookup) => {
      if (sameLookup(lookup, fromUrl.lookup)) {
        if (confirmed) go(confirmed, { replace: true });
        // Fetch pressed again on the same lookup: the user wants fresh data.
        else void queryClient.refetchQueries({ queryKey: peerReportQueryKey(lookup), exact: true });
        return;
      }
      go({ page: 'report', lookup, zoom: null });
    },
    [fromUrl.lookup, go, queryClient, confirmed],
  );

  const onLoaded = useCallback((lookup: Lookup) => {
    setLastLoaded((current) => (sameLookup(current, lookup) ? current : lookup));
  }, []);

  const fetching = useIsFetching({ queryKey: ['peer-report'] }) > 0;

  useEffect(() => {
    const timer = setTimeout(() => void reportChunk.load().catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, []);

  const showFile = opened !== null && opened.search === search;

  return (
    <div className="min-h-screen">
      {drop.dragging && (
        <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-ink/30">
          <p className="rounded-lg border-2 border-dashed border-accent bg-surface px-8 py-6 text-lg font-semibold text-ink shadow-lg">
            Drop a saved peer report (JSON) to open it
          </p>
        </div>
      )}
      <header className="bg-chrome text-chrome-ink">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <a href="/" className="flex items-center gap-2.5" aria-label="Peerscope home">
            <img src="/favicon.svg" alt="" className="h-7 w-7" />
            <span className="text-lg font-semibold tracking-tight">Peerscope</span>
            <span className="hidden text-sm text-chrome-ink/60 sm:inline">RealtimeKit participant call quality</span>
          </a>
          <div className="flex flex-wrap items-center gap-4">
            <DisplayControls />
            {mode === 'demo' && <Badge tone="warn">Demo mode</Badge>}
            {mode === 'live' && <Badge tone="ok">Live: Cloudflare API</Badge>}
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl space-y-5 px-4 py-5 sm:px-6">
        {mode === 'demo' && (
          <p className="rounded-md border border-warn/30 bg-warn-soft px-3 py-2 text-sm text-ink">
            <strong className="font-semibold">Demo mode.</strong> No API token is set, so Peerscope reads a built-in demo
            upstream with sample participants. Set <code className="font-mono text-xs">CLOUDFLARE_API_TOKEN</code> and restart to
            read real calls.
          </p>
        )}
        {config.isError && (
          <p role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
            <span aria-hidden="true">✕ </span>
            Could not read Peerscope’s configuration from its server; lookups may still work. ({config.error.message})
          </p>
        )}
        <section aria-label="Lookup" className="space-y-4 rounded-lg border border-line bg-surface p-4 shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
          <LookupForm
            key={key}
            initial={initial}
            initialErrors={fromUrl.errors}
            busy={fetching}
            onSubmit={onSubmit}
          />
          <div className="border-t border-line pt-3">
            <OpenReportFile onOpen={onOpenFile} />
            {drop.error && (
              <p role="alert" className="mt-2 text-sm text-bad">
                <span aria-hidden="true">⚠ </span>
                {drop.error}
              </p>
            )}
          </div>
          {demo && (
            <div className="border-t border-line pt-4">
              <DemoPeers
                demo={demo}
                activePeerId={fromUrl.lookup?.peerId ?? null}
                onOpen={(lookup) => go({ page: 'report', lookup, zoom: null })}
                compact={fromUrl.lookup !== null || showFile}
              />
            </div>
          )}
        </section>
        {showFile ? (
          <FileReport file={opened.file} openedAt={opened.at} onClose={() => setOpened(null)} />
        ) : confirmed ? (
          <OpenReportPrompt lookup={confirmed.lookup} onOpen={() => go(confirmed, { replace: true })} />
        ) : fromUrl.lookup ? (
          <Report
            key={key}
            lookup={fromUrl.lookup}
            mode={mode}
            lastLoaded={lastLoaded}
            onLoaded={onLoaded}
          />
        ) : (
          <EmptyState demo={demo !== null} />
        )}
      </main>
    </div>
  );
}

function Report(props: ReportSectionProps) {
  const chunk = reportChunk.useModule();
  return chunk ? <chunk.ReportSection {...props} /> : <ReportCodeLoading />;
}

function FileReport(props: FileReportSectionProps) {
  const chunk = fileReportChunk.useModule();
  return chunk ? <chunk.FileReportSection {...props} /> : <ReportCodeLoading />;
}

/** While the report's code loads: no request has been sent yet, so it does not say one has. */
function ReportCodeLoading() {
  return (
    <p role="status" aria-busy="true" className="text-sm text-ink-muted">
      Loading the report view…
    </p>
  );
}

function EmptyState({ demo }: { demo: boolean }) {
  return (
    <div className="rounded-lg border border-dashed border-line px-6 py-10 text-center text-sm text-ink-muted">
      <p className="text-base font-medium text-ink">Look into one participant’s call</p>
      <p className="mx-auto mt-2 max-w-xl">
        Enter the account ID, app ID and the participant’s peer ID, then press Fetch report.
        {demo ? ' Or open one of the sample peers above.' : ''} A peer ID is one join of one participant: find it in the
        session’s participant list of the RealtimeKit dashboard or API.
      </p>
    </div>
  );
}
