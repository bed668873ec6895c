import { useMemo } from 'react';
import type { Lookup } from '../../lib/lookup.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import { PanelBoundary } from '../../components/panel-boundary.tsx';
import { useSenderNames } from '../../components/sender-names.tsx';
import { useShareLink } from '../../hooks/use-share-link.ts';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import { isKnownTimeZone } from '../../lib/format.ts';
import { renderFinding, renderPhrase } from '../../report/phrase.ts';
import { VerdictCard, type ShownVerdict } from './verdict-card.tsx';
import { resolveTimeZone, useDisplaySettings } from '../settings/display-settings.ts';
import { reportSummaryText } from './summary-text.ts';
import { DetailsPanels } from '../details/details-panels.tsx';
import { InvestigationView } from '../investigation/investigation-view.tsx';
import { RawPanel } from '../raw/raw-panel.tsx';
import { ParticipantCard } from './participant-card.tsx';
import { ReportOverview } from './report-overview.tsx';
import type { ReportView } from './report-view-model.ts';

export interface ReportDashboardProps {
  view: ReportView;
  /** The lookup that fetched it; for a file, what the file is taken to answer. */
  lookup: Lookup;
  /** Set when the report came from a file rather than the API. */
  fileName?: string;
}

/** Everything about one report, each panel failing on its own if it must. */
export function ReportDashboard({ view, lookup, fileName }: ReportDashboardProps) {
  const { report } = view;
  const [settings] = useDisplaySettings();
  const participantZone = report.location?.timezone ?? null;
  const zone = resolveTimeZone(settings.timeMode, participantZone, isKnownTimeZone);
  // Every clock time below reads this one zone (TimeZoneProvider); the key remounts the
  // panels when it changes, so memoized axes and lists are drawn again in the new zone.
  // Findings name their times as tokens: they are written out here, in the same zone.
  const names = useSenderNames();
  const share = useShareLink();
  const { findings, verdict } = useMemo(() => {
    const context = { zone, peerName: (peerId: string) => names.get(peerId)?.name ?? null };
    const shown = view.findings.map((finding) => renderFinding(finding, context));
    const titles = new Map(shown.map((finding) => [finding.id, finding.title]));
    const shownVerdict: ShownVerdict = {
      side: view.verdict.side,
      headline: renderPhrase(view.verdict.headline, context),
      advice: view.verdict.advice.map((line) => renderPhrase(line, context)),
      evidence: view.verdict.evidence.map((id) => ({ id, title: titles.get(id) ?? id })),
      notAProblem: view.verdict.cause === 'muted',
    };
    return { findings: shown, verdict: shownVerdict };
  }, [view.findings, view.verdict, zone, names]);
  const zoneText =
    settings.timeMode === 'local'
      ? `your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`
      : settings.timeMode === 'utc'
        ? 'UTC'
        : participantZone && zone === participantZone
          ? `the participant’s time zone (${participantZone})`
          : 'UTC (the participant’s time zone is not in the report)';
  // The panels that show no time range are the same elements across a zoom, so React leaves
  // them alone: a zoom redraws the findings, timeline and charts, not the details and raw tree.
  const top = useMemo(
    () => (
      <>
        <PanelBoundary name="verdict">
          <VerdictCard verdict={verdict} />
        </PanelBoundary>
        <PanelBoundary name="participant">
          <ParticipantCard report={report} requestedPeerId={lookup.peerId} />
        </PanelBoundary>
        <PanelBoundary name="overview">
          <ReportOverview report={report} lookup={lookup} bytes={view.bytes} receivedAt={view.receivedAt} />
        </PanelBoundary>
      </>
    ),
    [report, verdict, lookup, view.bytes, view.receivedAt],
  );
  const bottom = useMemo(
    () => (
      <>
        <PanelBoundary name="details">
          <DetailsPanels report={report} requested={lookup.filters} />
        </PanelBoundary>
        <PanelBoundary name="raw report">
          <RawPanel
            key={report.participant.peerId ?? fileName ?? 'report'}
            data={view.data}
            body={view.body}
            fileName={fileName}
            peerId={report.participant.peerId}
            streams={report.streams}
            joinedAt={report.participant.joinedAt}
            findings={findings}
          />
        </PanelBoundary>
      </>
    ),
    [report, findings, lookup.filters, view.data, view.body, fileName],
  );
  return (
    <TimeZoneProvider zone={zone}>
      <div className="space-y-4" data-testid="report" key={zone ?? 'local'}>
        <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-ink-muted">
          <p data-testid="time-zone-note">Times shown in {zoneText}, in the findings and the ticket text too.</p>
          <div className="flex flex-wrap gap-2">
            {!fileName && <CopyButton value={share.link} what="share link to this report" label="Copy share link" />}
            <CopyButton
              value={() => reportSummaryText(report, findings, verdict, fileName ? null : share.link(), zone)}
              what="plain-text summary for a ticket"
              label="Copy summary for a ticket"
            />
          </div>
          {!fileName && share.localOnly && (
            <p className="w-full text-warn" data-testid="local-link-note">
              <span aria-hidden="true">▲ </span>
              Copied links point at this machine (localhost), which colleagues cannot open. Set{' '}
              <code className="font-mono">PEERSCOPE_PUBLIC_URL</code> to the address they use.
            </p>
          )}
        </div>
        {top}
        <PanelBoundary name="investigation">
          <InvestigationView report={report} findings={findings} lookup={lookup} />
        </PanelBoundary>
        {bottom}
      </div>
    </TimeZoneProvider>
  );
}
