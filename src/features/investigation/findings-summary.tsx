import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { SenderActions } from '../../components/sender-links.tsx';
import { Card } from '../../components/card.tsx';
import type { Finding, FindingSeverity, TimeInterval } from '../../report/model.ts';
import { longestInterval } from '../../report/time-series.ts';
import { useCallClock } from './call-clock.tsx';

export interface FindingsSummaryProps {
  findings: Finding[];
  /** Quality samples were part of the report: without them "no problems" would say nothing. */
  hasQuality: boolean;
}

const SEVERITY: Record<FindingSeverity, { tone: BadgeTone; icon: string; label: string }> = {
  critical: { tone: 'bad', icon: '✕', label: 'Critical' },
  warning: { tone: 'warn', icon: '▲', label: 'Warning' },
  info: { tone: 'neutral', icon: 'i', label: 'Info' },
};

/** Context either side of a finding's stretch when zooming to it, at the least. */
const MIN_CONTEXT_MS = 30_000;

export function FindingsSummary({ findings, hasQuality }: FindingsSummaryProps) {
  const clock = useCallClock();
  const problems = findings.filter((f) => f.severity !== 'info');
  const counts = (['critical', 'warning', 'info'] as const).map((severity) => ({
    severity,
    count: findings.filter((f) => f.severity === severity).length,
  }));

  const show = (finding: Finding) => {
    const range = focusRangeOf(finding.intervals);
    clock.setHighlightedFinding(finding.id);
    if (range) clock.zoomTo(range);
    chartOf(finding)?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  };

  return (
    <Card
      labelledBy="findings-heading"
      title={<span id="findings-heading">Findings</span>}
      aside={
        <span className="flex gap-1.5">
          {counts
            .filter((c) => c.count > 0)
            .map((c) => (
              <Badge key={c.severity} tone={SEVERITY[c.severity].tone}>
                {c.count} {SEVERITY[c.severity].label.toLowerCase()}
              </Badge>
            ))}
        </span>
      }
    >
      {problems.length === 0 && (
        <p className="mb-3 flex items-start gap-2 rounded-md border border-ok/30 bg-ok-soft px-3 py-2 text-sm text-ink">
          <span aria-hidden="true" className="font-bold text-ok">
            ✓
          </span>
          {hasQuality
            ? 'No problems found. Packet loss, jitter, round-trip time, MOS and video frame rate stayed within their thresholds, with no reconnects.'
            : 'No problems found in what was fetched. Quality stats were not part of this report, so audio and video quality were not checked.'}
        </p>
      )}
      {findings.length > 0 && (
        <ol className="divide-y divide-line" aria-label="Findings, worst first">
          {findings.map((finding) => {
            const severity = SEVERITY[finding.severity];
            const highlighted = clock.highlightedFinding === finding.id;
            return (
              <li key={finding.id} id={`finding-${finding.id}`} className={`scroll-mt-16 py-2.5 ${highlighted ? 'bg-accent-soft/60 -mx-2 rounded px-2' : ''}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge tone={severity.tone}>
                        <span aria-hidden="true">{severity.icon}</span> {severity.label}
                      </Badge>
                      <span className="text-sm font-semibold text-ink">{finding.title}</span>
                    </p>
                    <p className="mt-1 text-sm text-ink">{finding.sentence}</p>
                    {finding.rule === 'remote-sender' && finding.remotePeerId && <SenderActions peerId={finding.remotePeerId} />}
                    <p className="mt-0.5 text-xs text-ink-faint">Threshold source: {finding.source}</p>
                  </div>
                  {finding.intervals.length > 0 && (
                    <button
                      type="button"
                      onClick={() => show(finding)}
                      aria-pressed={highlighted}
                      className="h-7 shrink-0 rounded-md border border-line bg-surface px-2.5 text-xs font-medium text-accent-strong hover:border-accent"
                    >
                      Show on charts
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

/**
 * The stretch to show for a finding: its longest one (the one its sentence names), with
 * context either side, at least half a minute or half the stretch, so its start and end
 * are on screen.
 */
export function focusRangeOf(intervals: readonly TimeInterval[]): TimeInterval | null {
  const stretch = longestInterval(intervals);
  if (!stretch) return null;
  const context = Math.max(MIN_CONTEXT_MS, (stretch.end - stretch.start) / 2);
  return { start: stretch.start - context, end: stretch.end + context };
}

/** The chart that draws a finding: its metric, for one of its streams; else the quality panel. */
function chartOf(finding: Finding): Element | null {
  if (finding.metric !== null) {
    for (const streamId of finding.streamIds) {
      const chart = document.querySelector(`figure[data-metric="${finding.metric}"][data-streams~="${streamId.replace(/["\\]/g, '\\$&')}"]`);
      if (chart) return chart;
    }
  }
  return document.getElementById('quality-heading')?.closest('section') ?? null;
}
