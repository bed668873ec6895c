import { useMemo } from 'react';
import type { Lookup } from '../../lib/lookup.ts';
import { callRange } from '../../report/call-range.ts';
import type { Finding, PeerReport } from '../../report/model.ts';
import { CallClockProvider } from './call-clock.tsx';
import { FindingsSummary } from './findings-summary.tsx';
import { QualityPanel } from './quality-panel.tsx';
import { TimelinePanel } from './timeline-panel.tsx';
import { ZoomBar } from './zoom-bar.tsx';

export interface InvestigationViewProps {
  report: PeerReport;
  findings: Finding[];
  lookup: Lookup;
}

/** Findings, timeline and quality charts on one clock. */
export function InvestigationView({ report, findings, lookup }: InvestigationViewProps) {
  const call = useMemo(() => callRange(report), [report]);
  const eventsRequested = lookup.filters.includes('events');
  const qualityRequested = lookup.filters.includes('quality_stats');
  // The same panels across a zoom: only what reads the clock draws again, not every panel
  // each time the address bar takes the zoom.
  const panels = useMemo(
    () =>
      call === null ? null : (
        <div className="space-y-4">
          <FindingsSummary findings={findings} hasQuality={report.streams.length > 0} />
          <ZoomBar joinedAt={report.participant.joinedAt ?? call.start} />
          <TimelinePanel report={report} findings={findings} eventsRequested={eventsRequested} />
          <QualityPanel report={report} findings={findings} qualityRequested={qualityRequested} />
        </div>
      ),
    [report, findings, call, eventsRequested, qualityRequested],
  );
  if (call === null) {
    return (
      <p className="rounded-lg border border-dashed border-line px-4 py-6 text-center text-sm text-ink-muted">
        The report has no join time, samples or events, so there is no timeline to draw.
      </p>
    );
  }
  return (
    <CallClockProvider call={call}>
      {panels}
    </CallClockProvider>
  );
}
