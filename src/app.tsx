import { useIsFetching, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { usePageUrl } from './hooks/use-page-url.ts';
import { sameLookup, type Lookup, type LookupInput } from './lib/lookup.ts';
import { routeKey, type PageRoute } from './lib/page-url.ts';
import { sessionSearchInput, type SessionSearch, type SessionSearchInput } from './lib/session-search.ts';
import { appConfigQuery, peerReportQueryKey, sessionsQueryKey } from './api/queries.ts';
import { Badge } from './components/badge.tsx';
import { lazyChunk } from './lib/chunk.ts';
import { REPORT_FILTERS } from './lib/filters.ts';
import { DemoPeers } from './features/lookup/demo-peers.tsx';
import { DemoSessions } from './features/lookup/demo-sessions.tsx';
import { LookupForm, type LookupFormErrors } from './features/lookup/lookup-form.tsx';
import { OpenReportFile, useReportDrop, type OpenedReportFile } from './features/raw/open-report-file.tsx';
import type { CompareSectionProps } from './features/compare/compare-section.tsx';
import type { FileReportSectionProps } from './features/report/file-report-section.tsx';
import { OpenReportPrompt } from './features/report/open-report-prompt.tsx';
import type { ReportSectionProps } from './features/report/report-section.tsx';
import { DisplayControls } from './features/settings/display-controls.tsx';
import { InvalidSessionLink, OpenLinkPrompt } from './features/sessions/find-views.tsx';
import type { SessionSectionProps, SessionsSectionProps } from './features/sessions/sessions-sections.tsx';

// The report (its model, diagnosis, panels, and the charts after them) is code of its own:
// the lookup form paints and answers without it. A report link asks for it at once; the
// lookup form right after start-up, so it is in before the first Fetch. The report's own
// query starts with its section, so cancelling and retrying stay tied to what is shown.
// The find-a-call screens likewise (5 KB gzip off the first paint).
const reportChunk = lazyChunk(() => import('./features/report/report-section.tsx'));
const fileReportChunk = lazyChunk(() => import('./features/report/file-report-section.tsx'));
const compareChunk = lazyChunk(() => import('./features/compare/compare-section.tsx'));
const sessionsChunk = lazyChunk(() => import('./features/sessions/sessions-sections.tsx'));

export function App() {
  const config = useQuery(appConfigQuery());
  const { search, route, go } = usePageUrl();
  const queryClient = useQueryClient();
  const [lastLoaded, setLastLoaded] = useState<Lookup | null>(null);
  // The route whose error was set aside because the form then held input that is not valid.
  const [invalidAt, setInvalidAt] = useState<string | null>(null);
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
  const fromUrl = fromRoute(route);

  const mode = config.data?.mode ?? null;
  const demo = config.data?.demo ?? null;
  const defaultAccountId = config.data?.defaultAccountId ?? demo?.accountId ?? '';
  const initial: LookupInput = {
    accountId: fromUrl.ids?.accountId ?? defaultAccountId,
    appId: fromUrl.ids?.appId ?? demo?.appId ?? '',
    peerId: '',
    filters: [...REPORT_FILTERS],
    includePeerEvents: true,
    ...fromUrl.input,
  };
  // A search, a session or a comparison another site opened (confirm=1): asked before anything is fetched.
  const toConfirm = 'confirm' in route && route.confirm && route.page !== 'report' ? route : null;

  const onSearch = useCallback(
    (next: SessionSearch) => {
      setInvalidAt(null);
      const target: PageRoute = { page: 'sessions', search: next };
      // Find pressed again on the same search: the user wants fresh results.
      if (routeKey(target) === routeKey(route)) void queryClient.refetchQueries({ queryKey: sessionsQueryKey(next), exact: true });
      else go(target);
    },
    [go, queryClient, route],
  );

  const onSubmit = useCallback(
    (lookup: Lookup) => {
      setInvalidAt(null);
      if (route.page === 'report' && sameLookup(lookup, fromUrl.lookup)) {
        if (confirmed) go(confirmed, { replace: true });
        // Fetch pressed again on the same lookup: the user wants fresh data.
        else void queryClient.refetchQueries({ queryKey: peerReportQueryKey(lookup), exact: true });
        return;
      }
      go({ page: 'report', lookup, zoom: null });
    },
    [fromUrl.lookup, go, queryClient, confirmed, route.page],
  );

  const onLoaded = useCallback((lookup: Lookup) => {
    setLastLoaded((current) => (sameLookup(current, lookup) ? current : lookup));
  }, []);

  const fetching = useIsFetching({ queryKey: ['peer-report'] }) > 0;

  useEffect(() => {
    const timer = setTimeout(() => void reportChunk.load().catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, []);
  // The find-a-call screens, from the start page, where a search is likely next; a report
  // link does not fetch them beside the report it is opening.
  const onStartPage = route.page === 'start';
  useEffect(() => {
    if (!onStartPage) return;
    const timer = setTimeout(() => void sessionsChunk.load().catch(() => undefined), 0);
    return () => clearTimeout(timer);
  }, [onStartPage]);

  const showFile = opened !== null && opened.search === search;

  return (
    <div className="min-h-screen">
      {/* First in the tab order: past the header, the form and the sample list, straight to the answer. */}
      <a
        href={route.page === 'report' ? '#report' : '#main'}
        className="sr-only rounded-md bg-surface px-3 py-2 text-sm font-semibold text-accent-strong shadow-md focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {route.page === 'report' ? 'Skip to the report' : 'Skip to the main content'}
      </a>
      {drop.dragging && (
        <div className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-ink/30">
          <p className="rounded-lg border-2 border-dashed border-accent bg-surface px-8 py-6 text-lg font-semibold text-ink shadow-lg">
            Drop a saved peer report (JSON) to open it
          </p>
        </div>
      )}
      <header className="bg-chrome text-chrome-ink">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <h1>
            <a href="/" className="flex items-center gap-2.5">
              <img src="/favicon.svg" alt="" className="h-7 w-7" />
              <span className="text-lg font-semibold tracking-tight">Peerscope</span>
              <span className="hidden text-sm font-normal text-chrome-ink/70 sm:inline">RealtimeKit participant call quality</span>
            </a>
          </h1>
          <div className="flex flex-wrap items-center gap-4">
            <DisplayControls />
            {mode === 'demo' && <Badge tone="warn">Demo mode</Badge>}
            {mode === 'live' && <Badge tone="ok">Live: Cloudflare API</Badge>}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-7xl space-y-5 px-4 py-5 outline-none sm:px-6">
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
            initialSearch={fromUrl.search}
            initialErrors={fromUrl.errors}
            busy={fetching}
            onSubmit={onSubmit}
            onSearch={onSearch}
            onInvalid={() => setInvalidAt(key)}
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
            <div className="space-y-4 border-t border-line pt-4">
              <DemoSessions demo={demo} activeSessionId={route.page === 'session' ? route.session.sessionId : null} compact={route.page !== 'start' || showFile} />
              <DemoPeers
                demo={demo}
                activePeerId={fromUrl.lookup?.peerId ?? null}
                onOpen={(lookup) => go({ page: 'report', lookup, zoom: null })}
                compact={route.page !== 'start' || showFile}
              />
            </div>
          )}
        </section>
        {showFile ? (
          <FileReport file={opened.file} openedAt={opened.at} onClose={() => setOpened(null)} />
        ) : confirmed ? (
          <OpenReportPrompt lookup={confirmed.lookup} onOpen={() => go(confirmed, { replace: true })} />
        ) : toConfirm ? (
          <OpenLinkPrompt
            what={toConfirm.page === 'sessions' ? 'this search of calls' : toConfirm.page === 'session' ? 'this session' : 'this comparison'}
            onOpen={() => go({ ...toConfirm, confirm: undefined }, { replace: true })}
          />
        ) : route.page === 'sessions' ? (
          <Sessions key={key} search={route.search} mode={mode} />
        ) : route.page === 'session' ? (
          <Session key={key} session={route.session} mode={mode} />
        ) : route.page === 'compare' ? (
          <Compare key={key} lookup={route.lookup} sender={route.sender} mode={mode} />
        ) : route.page === 'invalid-session' && route.errors.sessionId ? (
          <InvalidSessionLink problem={route.errors.sessionId} />
        ) : fromUrl.lookup ? (
          <div id="report" tabIndex={-1} className="outline-none">
            <Report
              key={key}
              lookup={fromUrl.lookup}
              mode={mode}
              lastLoaded={lastLoaded}
              onLoaded={onLoaded}
              errorSetAside={invalidAt === key}
            />
          </div>
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

function Sessions(props: SessionsSectionProps) {
  const chunk = sessionsChunk.useModule();
  return chunk ? <chunk.SessionsSection {...props} /> : <FindCodeLoading />;
}

function Session(props: SessionSectionProps) {
  const chunk = sessionsChunk.useModule();
  return chunk ? <chunk.SessionSection {...props} /> : <FindCodeLoading />;
}

function FindCodeLoading() {
  return (
    <p role="status" aria-busy="true" className="text-sm text-ink-muted">
      Loading…
    </p>
  );
}

function Compare(props: CompareSectionProps) {
  const chunk = compareChunk.useModule();
  return chunk ? <chunk.CompareSection {...props} /> : <ReportCodeLoading />;
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
      <p className="text-base font-medium text-ink">Find the call, then the participant</p>
      <p className="mx-auto mt-2 max-w-xl">
        Search the app’s sessions by meeting title, meeting ID or session ID, and narrow them to a time range or to live
        calls. Open a session to see everyone who joined, then open a participant’s report.
        {demo ? ' Or open one of the sample sessions above.' : ''} Have a peer ID already? Paste it under “Or open a peer ID”.
      </p>
    </div>
  );
}

interface FromUrl {
  /** Fields of the lookup form that the address sets. */
  input: Partial<LookupInput>;
  ids: { accountId: string; appId: string } | null;
  /** The report the address opens, when it opens one. */
  lookup: Lookup | null;
  search: SessionSearchInput | null;
  errors: LookupFormErrors | undefined;
}

/** What the address bar puts in the form, and the report it opens. */
function fromRoute(route: PageRoute): FromUrl {
  switch (route.page) {
    case 'start':
      return { input: {}, ids: null, lookup: null, search: null, errors: undefined };
    case 'report':
    case 'compare':
      return { input: route.lookup, ids: route.lookup, lookup: route.lookup, search: null, errors: undefined };
    case 'invalid-report':
      return { input: route.input, ids: route.input, lookup: null, search: null, errors: route.errors };
    case 'sessions':
      return { input: {}, ids: route.search, lookup: null, search: sessionSearchInput(route.search), errors: undefined };
    case 'invalid-sessions': {
      const { page: _, ...errors } = route.errors;
      return { input: {}, ids: route.input, lookup: null, search: route.input, errors };
    }
    case 'session':
      return { input: {}, ids: route.session, lookup: null, search: null, errors: undefined };
    case 'invalid-session':
      return { input: {}, ids: route.input, lookup: null, search: null, errors: { accountId: route.errors.accountId, appId: route.errors.appId } };
  }
}
