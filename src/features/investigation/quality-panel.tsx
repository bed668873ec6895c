import { useCallback, useId, useMemo, useState } from 'react';
import { Card } from '../../components/card';
import { shortId } from '../../lib/format';
import { mediaOffIntervals, insideAny } from '../../report/media-state';
import { findingStreamIds } from '../../report/model';
import type { Direction, Finding, MediaKind, PeerReport, QualityStream, TimeInterval, TimelineEvent } from '../../report/model';
import { useCallClock } from './call-clock';
import { clipIntervals, mergeSeries, rowsInRange, type ChartRow } from './chart-data';
import { MetricChart, type ChartBand, type ChartMarker, type ChartSeries } from './metric-chart';
import { METRICS, sampleValue, type MetricSpec } from './quality-metrics';
import { QualitySummaryTable } from './quality-summary-table';

export interface QualityPanelProps {
  report: PeerReport;
  qualityRequested: boolean;
}

interface GroupSpec {
  kind: MediaKind;
  direction: Direction;
  title: string;
}

const GROUPS: readonly GroupSpec[] = [
  { kind: 'audio', direction: 'send', title: 'Sent audio' },
  { kind: 'audio', direction: 'receive', title: 'Received audio' },
  { kind: 'video', direction: 'send', title: 'Sent video' },
  { kind: 'video', direction: 'receive', title: 'Received video' },
  { kind: 'screenshare_video', direction: 'send', title: 'Sent screenshare' },
  { kind: 'screenshare_video', direction: 'receive', title: 'Received screenshare' },
  { kind: 'screenshare_audio', direction: 'send', title: 'Sent screenshare audio' },
  { kind: 'screenshare_audio', direction: 'receive', title: 'Received screenshare audio' },
];

/** Events drawn as vertical markers on every chart. */
const MARKER_EVENTS = new Set([
  'reconnect_attempt',
  'disconnect',
  'audio_on',
  'audio_off',
  'video_on',
  'video_off',
  'tab_change',
  'browser_backgrounded',
  'browser_foregrounded',
  'meeting_view_backgrounded',
]);

interface ChartModel {
  id: string;
  spec: MetricSpec;
  series: ChartSeries[];
  rows: ChartRow[];
  streamIds: Set<string>;
  off: TimeInterval[];
}

interface GroupModel {
  spec: GroupSpec;
  charts: ChartModel[];
}

export function QualityPanel({ report, qualityRequested }: QualityPanelProps) {
  const clock = useCallClock();
  const selectId = useId();
  const senders = useMemo(() => remoteSenders(report.streams), [report.streams]);
  const [sender, setSender] = useState<string>('all');
  const groups = useMemo(() => buildGroups(report, senders, sender), [report, senders, sender]);
  const markers = useMemo(() => keyEventMarkers(report.timeline), [report.timeline]);
  const visibleMarkers = useMemo(
    () => markers.filter((m) => m.at >= clock.view.start && m.at <= clock.view.end),
    [markers, clock.view],
  );
  const onZoom = useCallback((range: TimeInterval) => clock.zoomTo(range), [clock]);

  if (report.streams.length === 0) {
    return (
      <Card title="Quality">
        <p className="text-sm text-ink-muted">
          {qualityRequested || report.present.quality
            ? 'No quality samples were recorded for this participant.'
            : 'Quality stats were not requested: tick Quality stats and fetch again.'}
        </p>
      </Card>
    );
  }

  return (
    <Card
      labelledBy="quality-heading"
      title={<span id="quality-heading">Quality</span>}
      aside={
        senders.length > 0 ? (
          <label htmlFor={selectId} className="flex items-center gap-2 text-xs text-ink-muted">
            Remote sender
            <select
              id={selectId}
              value={sender}
              onChange={(event) => setSender(event.target.value)}
              className="h-7 max-w-[22rem] rounded border border-line bg-surface px-1.5 font-mono text-xs text-ink"
            >
              <option value="all">All senders ({senders.length})</option>
              {senders.map((peer) => (
                <option key={peer} value={peer}>
                  {peer}
                </option>
              ))}
            </select>
          </label>
        ) : undefined
      }
    >
      <p className="mb-3 text-xs text-ink-muted">
        Drag across any chart to zoom every chart and the timeline. Dashed lines mark the warning (amber) and bad (red)
        thresholds; shaded stretches are findings, grey ones media that was off.
      </p>
      <div className="space-y-5">
        {groups.map((group) => (
          <section key={group.spec.title} aria-label={group.spec.title}>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">{group.spec.title}</h3>
            <div className="grid gap-2 md:grid-cols-2 xl:grid-cols-3">
              {group.charts.map((chart) => (
                <MetricChart
                  key={chart.id}
                  title={`${group.spec.title}: ${chart.spec.label}`}
                  spec={chart.spec}
                  rows={rowsInRange(chart.rows, clock.view)}
                  series={chart.series}
                  view={clock.view}
                  callStart={report.participant.joinedAt ?? clock.call.start}
                  bands={chartBands(chart, report.findings, clock.highlightedFinding, clock.view)}
                  markers={visibleMarkers}
                  onZoom={onZoom}
                />
              ))}
            </div>
          </section>
        ))}
      </div>
      {report.summaries.length > 0 && <QualitySummaryTable summaries={report.summaries} />}
    </Card>
  );
}

function remoteSenders(streams: readonly QualityStream[]): string[] {
  const peers = new Set<string>();
  for (const stream of streams) if (stream.direction === 'receive' && stream.remotePeerId) peers.add(stream.remotePeerId);
  return [...peers].sort();
}

function seriesKey(stream: QualityStream): string {
  return `s_${stream.id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function buildGroups(report: PeerReport, senders: string[], sender: string): GroupModel[] {
  const groups: GroupModel[] = [];
  for (const spec of GROUPS) {
    const streams = report.streams.filter(
      (s) =>
        s.kind === spec.kind &&
        s.direction === spec.direction &&
        (spec.direction === 'send' || sender === 'all' || s.remotePeerId === sender),
    );
    if (streams.length === 0) continue;
    const offByStream = new Map(streams.map((s) => [s.id, mediaOffIntervals(s, report.timeline)]));
    const charts: ChartModel[] = [];
    for (const metric of METRICS) {
      if (!metric.kinds.includes(spec.kind)) continue;
      const series: ChartSeries[] = [];
      const points: { key: string; points: { at: number; value: number | null }[] }[] = [];
      let hasValue = false;
      for (const stream of streams) {
        const off = offByStream.get(stream.id) ?? [];
        const key = seriesKey(stream);
        const values = stream.samples.map((sample) => {
          // Off stretches carry no quality: drawn as a gap with a grey band, never as 0 or MOS 1.
          const value = off.length > 0 && insideAny(sample.at, off) ? null : sampleValue(sample, metric.key);
          if (value !== null) hasValue = true;
          return { at: sample.at, value };
        });
        points.push({ key, points: values });
        const senderIndex = stream.remotePeerId ? senders.indexOf(stream.remotePeerId) : -1;
        series.push({
          key,
          name: stream.direction === 'send' ? 'Sent' : stream.remotePeerId ? `from ${shortId(stream.remotePeerId)}` : 'Received',
          color: `var(--ps-series-${(senderIndex < 0 ? 0 : senderIndex % 12) + 1})`,
        });
      }
      if (!hasValue) continue;
      const off = streams.length === 1 ? (offByStream.get(streams[0]?.id ?? '') ?? []) : [];
      charts.push({
        id: `${spec.kind}-${spec.direction}-${metric.key}`,
        spec: metric,
        series,
        rows: mergeSeries(points),
        streamIds: new Set(streams.map((s) => s.id)),
        off,
      });
    }
    if (charts.length > 0) groups.push({ spec, charts });
  }
  return groups;
}

function chartBands(chart: ChartModel, findings: readonly Finding[], highlighted: string | null, view: TimeInterval): ChartBand[] {
  const offLabel = chart.id.startsWith('audio') || chart.id.startsWith('screenshare_audio') ? 'muted' : 'off';
  const bands: ChartBand[] = clipIntervals(chart.off, view).map((interval) => ({ ...interval, kind: 'off', label: offLabel }));
  for (const finding of findings) {
    // A finding over several streams (e.g. loss on everything sent and received) shades every chart showing one of them.
    if (finding.metric !== chart.spec.key || !findingStreamIds(finding).some((id) => chart.streamIds.has(id))) continue;
    if (finding.severity === 'info') continue;
    for (const interval of clipIntervals(finding.intervals, view)) {
      bands.push({ ...interval, kind: finding.severity === 'critical' ? 'critical' : 'warning', label: finding.title });
    }
  }
  if (highlighted) {
    const finding = findings.find((f) => f.id === highlighted);
    if (finding) {
      for (const interval of clipIntervals(finding.intervals, view)) bands.push({ ...interval, kind: 'highlight', label: finding.title });
    }
  }
  return bands;
}

function keyEventMarkers(timeline: readonly TimelineEvent[]): ChartMarker[] {
  return timeline
    .filter((event) => MARKER_EVENTS.has(event.name) || event.category === 'device' || event.severity === 'problem')
    .map((event) => ({ at: event.at, label: event.label, problem: event.severity === 'problem' }));
}
