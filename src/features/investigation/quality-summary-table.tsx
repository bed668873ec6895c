import { formatPercent } from '../../lib/format.ts';
import type { Percentiles, StreamSummary, ThresholdShare } from '../../report/model.ts';

export interface QualitySummaryTableProps {
  summaries: StreamSummary[];
}

const STREAM_NAMES: Record<string, string> = {
  audio_producer: 'Sent audio',
  audio_consumer: 'Received audio',
  video_producer: 'Sent video',
  video_consumer: 'Received video',
  screenshare_audio_producer: 'Sent screenshare audio',
  screenshare_audio_consumer: 'Received screenshare audio',
  screenshare_video_producer: 'Sent screenshare',
  screenshare_video_consumer: 'Received screenshare',
};

interface Row {
  stream: string;
  metric: string;
  percentiles: Percentiles | null;
  avgOnly: string | null;
  shares: string;
}

/** The report's own `*_cumulative` summaries, in display units. */
export function QualitySummaryTable({ summaries }: QualitySummaryTableProps) {
  const rows = summaries.flatMap(summaryRows);
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="summary-heading" className="mt-6">
      <h3 id="summary-heading" className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">
        Whole-call summary (from the report)
      </h3>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[42rem] text-left text-sm">
          <thead className="border-b border-line text-xs text-ink-muted">
            <tr>
              <th scope="col" className="py-1.5 pr-3 font-medium">Stream</th>
              <th scope="col" className="py-1.5 pr-3 font-medium">Metric</th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">avg</th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">p50</th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">p75</th>
              <th scope="col" className="py-1.5 pr-3 text-right font-medium">p90</th>
              <th scope="col" className="py-1.5 font-medium">Share of samples at or over</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} className="border-b border-line/60 last:border-0">
                <td className="py-1.5 pr-3 whitespace-nowrap">{row.stream}</td>
                <td className="py-1.5 pr-3 whitespace-nowrap text-ink-muted">{row.metric}</td>
                <Num value={row.percentiles?.avg ?? null} text={row.avgOnly} />
                <Num value={row.percentiles?.p50 ?? null} />
                <Num value={row.percentiles?.p75 ?? null} />
                <Num value={row.percentiles?.p90 ?? null} />
                <td className="py-1.5 text-xs text-ink-muted">{row.shares || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {summaries.some((summary) => summary.width) && (
        <p className="mt-2 text-xs text-ink-muted">
          The report summarises resolution by frame width; the charts plot frame height, as its samples carry both.
        </p>
      )}
    </section>
  );
}

function Num({ value, text }: { value: number | null; text?: string | null }) {
  return (
    <td className="py-1.5 pr-3 text-right font-mono tabular-nums">
      {text ?? (value === null ? <span className="text-ink-faint">—</span> : formatNumber(value))}
    </td>
  );
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function shares(items: ThresholdShare[], unit: string): string {
  return items.map((s) => `${s.threshold}${unit}: ${(s.fraction * 100).toFixed(1)} %`).join(' · ');
}

function summaryRows(summary: StreamSummary): Row[] {
  const stream = STREAM_NAMES[summary.source] ?? summary.source;
  const rows: Row[] = [];
  if (summary.mos) rows.push({ stream, metric: 'MOS', percentiles: summary.mos, avgOnly: null, shares: '' });
  if (summary.fps) rows.push({ stream, metric: 'Frame rate (fps)', percentiles: summary.fps, avgOnly: null, shares: '' });
  if (summary.width) rows.push({ stream, metric: 'Resolution (width, px)', percentiles: summary.width, avgOnly: null, shares: '' });
  if (summary.lossAvgPercent !== null || summary.lossShares.length > 0) {
    rows.push({
      stream,
      metric: 'Packet loss (%)',
      percentiles: null,
      avgOnly: summary.lossAvgPercent === null ? null : formatNumber(summary.lossAvgPercent),
      shares: shares(summary.lossShares, ' %'),
    });
  }
  if (summary.rttAvgMs !== null || summary.rttShares.length > 0) {
    rows.push({
      stream,
      metric: 'Round-trip time (ms)',
      percentiles: null,
      avgOnly: summary.rttAvgMs === null ? null : formatNumber(summary.rttAvgMs),
      shares: shares(summary.rttShares, ' ms'),
    });
  }
  if (summary.jitterBufferDelayAvgMs !== null || summary.jitterBufferDelayShares.length > 0) {
    rows.push({
      stream,
      metric: 'Jitter buffer delay (ms)',
      percentiles: null,
      avgOnly: summary.jitterBufferDelayAvgMs === null ? null : formatNumber(summary.jitterBufferDelayAvgMs),
      shares: shares(summary.jitterBufferDelayShares, ' ms'),
    });
  }
  // Whole-call fractions the report gives beside its blocks, 0..1, shown as a share.
  const fractions: [string, number | null][] = [
    ['High negative feedback (share)', summary.highNegativeFeedbackFraction],
    ['Key frames encoded (share)', summary.keyFramesEncodedFraction],
    ['Key frames decoded (share)', summary.keyFramesDecodedFraction],
  ];
  for (const [metric, fraction] of fractions) {
    if (fraction === null) continue;
    rows.push({ stream, metric, percentiles: null, avgOnly: formatPercent(fraction * 100), shares: '' });
  }
  const issues = Object.entries(summary.issues).filter(([, fraction]) => fraction > 0);
  if (issues.length > 0) {
    rows.push({
      stream,
      metric: 'Video issues',
      percentiles: null,
      avgOnly: '',
      shares: issues.map(([name, fraction]) => `${name.replace(/_/g, ' ')}: ${(fraction * 100).toFixed(1)} %`).join(' · '),
    });
  }
  return rows;
}
