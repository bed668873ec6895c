import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Card } from '../../components/card.tsx';
import { SenderActions } from '../../components/sender-links.tsx';
import { useSenderNames } from '../../components/sender-names.tsx';
import { lazyChunk } from '../../lib/chunk.ts';
import { clipLine, shortId } from '../../lib/format.ts';
import type { Finding, PeerReport, TimeInterval } from '../../report/model.ts';
import { createHoverStore, useCallClock, type HoverStore } from './call-clock.tsx';
import { buildGroups, type ChartSeries, chartBands, keyEventMarkers, markersInView, notChartedNotes, remoteSenders, type ChartMarker, type ChartModel } from './chart-model.ts';
import type { MetricPlotProps } from './metric-chart.tsx';
import { QualitySummaryTable } from './quality-summary-table.tsx';
import { useIdleQueue, type IdleQueue } from './use-idle-queue.ts';
import { useNearViewport, useNearViewportWatcher, type NearViewportWatcher } from './use-near-viewport.ts';

// The charts are a chunk of their own: the first screen does not wait for it.
const plotChunk = lazyChunk(() => import('./metric-chart.tsx'));

export interface QualityPanelProps {
  report: PeerReport;
  findings: readonly Finding[];
  qualityRequested: boolean;
}

export function QualityPanel({ report, findings, qualityRequested }: QualityPanelProps) {
  const clock = useCallClock();
  const [pointer] = useState(createHoverStore);
  const idle = useIdleQueue();
  const nearWatcher = useNearViewportWatcher();
  const [downsample] = useState(downsampleFromUrl);
  usePreloadCharts();
  const selectId = useId();
  const senders = useMemo(() => remoteSenders(report.streams), [report.streams]);
  const [sender, setSender] = useState<string>('all');
  const names = useSenderNames();
  const senderName = useCallback((peer: string) => names.get(peer)?.name ?? shortId(peer), [names]);
  const groups = useMemo(() => buildGroups(report, senders, sender, senderName), [report, senders, sender, senderName]);
  const markers = useMemo(() => keyEventMarkers(report.timeline), [report.timeline]);
  const visibleMarkers = useMemo(() => markersInView(markers, clock.view), [markers, clock.view]);
  const onZoom = useCallback((range: TimeInterval) => clock.zoomTo(range), [clock]);
  // The same element across a zoom: React then leaves the select and its options alone.
  const senderPicker = useMemo(
    () =>
      senders.length > 0 ? (
        <span className="flex min-w-0 max-w-full flex-wrap items-center justify-end gap-x-3 gap-y-1">
          {sender !== 'all' && <SenderActions peerId={sender} />}
          <label htmlFor={selectId} className="flex min-w-0 max-w-full items-center gap-2 text-xs text-ink-muted">
            Remote sender
            <select
              id={selectId}
              value={sender}
              onChange={(event) => setSender(event.target.value)}
              className="h-7 min-w-0 max-w-[22rem] flex-1 rounded border border-line bg-surface px-1.5 font-mono text-xs text-ink"
            >
              <option value="all">All senders ({senders.length})</option>
              {senders.map((peer) => (
                <option key={peer} value={peer}>
                  {names.get(peer) ? `${clipLine(names.get(peer)?.name ?? '', 60)} (${shortId(peer)})` : clipLine(peer, 80)}
                </option>
              ))}
            </select>
          </label>
        </span>
      ) : undefined,
    [senders, sender, selectId, names],
  );

  if (report.streams.length === 0) {
    // A livestream viewer watches through the player, not over WebRTC: no samples is their normal.
    const viewer = report.timeline.some((event) => event.category === 'player');
    return (
      <Card title="Quality">
        <p className="text-sm text-ink-muted">
          {viewer
            ? 'This participant watched the livestream through the player, which sends no WebRTC quality samples: how playback went is in the Player lane of the timeline and in the findings.'
            : qualityRequested || report.present.quality
              ? 'No quality samples were recorded for this participant.'
              : 'Quality stats were not requested: tick Quality stats and fetch again.'}
        </p>
      </Card>
    );
  }

  return (
    <Card labelledBy="quality-heading" title={<span id="quality-heading">Quality</span>} aside={senderPicker}>
      <p className="mb-3 text-xs text-ink-muted">
        Drag across any chart to zoom every chart and the timeline. Dashed lines mark the warning (amber) and bad (red)
        thresholds; shaded stretches are findings, grey ones media that was off.
      </p>
      <div className="space-y-5">
        {groups.map((group) => (
          <section key={group.spec.title} aria-label={group.spec.title}>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">{group.spec.title}</h3>
            {notChartedNotes(group).map((note) => (
              <p key={note} className="mb-2 text-xs text-ink-muted" data-testid="not-charted">
                {note}
              </p>
            ))}
            <div className="grid gap-2 md:grid-cols-2 xl:grid-cols-3">
              {group.charts.map((chart) => (
                <ChartSlot
                  key={chart.id}
                  chart={chart}
                  view={clock.view}
                  callStart={report.participant.joinedAt ?? clock.call.start}
                  findings={findings}
                  highlightedFinding={clock.highlightedFinding}
                  markers={visibleMarkers}
                  onZoom={onZoom}
                  hover={clock.hover}
                  pointer={pointer}
                  downsample={downsample}
                  idle={idle}
                  nearWatcher={nearWatcher}
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

/**
 * Starts fetching the charts' code (once; later calls do nothing). The sooner the better: a
 * caller that knows a report is on its way can call it then, so the chunk arrives with the
 * report rather than a round trip after it.
 */
export function preloadCharts(): void {
  plotChunk.load().catch(() => undefined);
}

/**
 * Starts fetching the charts' code at the latest with the panel's first commit, before the
 * frame showing the panel is painted, so the first chart does not then wait for its code.
 */
function usePreloadCharts(): void {
  useLayoutEffect(preloadCharts, []);
}

/** Benchmark-only (`npm run bench` baseline): `?bench-no-downsample=1` draws every sample. */
function downsampleFromUrl(): boolean {
  return typeof window === 'undefined' || !new URLSearchParams(window.location.search).has('bench-no-downsample');
}

interface ChartSlotProps {
  chart: ChartModel;
  view: TimeInterval;
  callStart: number;
  findings: readonly Finding[];
  highlightedFinding: string | null;
  markers: ChartMarker[];
  onZoom: (range: TimeInterval) => void;
  hover: HoverStore;
  pointer: HoverStore;
  downsample: boolean;
  idle: IdleQueue;
  nearWatcher: NearViewportWatcher;
}

/**
 * One chart's frame, always in the page (title, size, role) so the layout never jumps. The
 * plot inside is drawn at once when near the viewport; otherwise in the browser's idle time,
 * one chart at a time, so a long call's two dozen charts never block the page together.
 */
const ChartSlot = memo(function ChartSlot({
  chart,
  view,
  callStart,
  findings,
  highlightedFinding,
  markers,
  onZoom,
  hover,
  pointer,
  downsample,
  idle,
  nearWatcher,
}: ChartSlotProps) {
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref, nearWatcher);
  const bands = useMemo(() => chartBands(chart, findings, highlightedFinding, view), [chart, findings, highlightedFinding, view]);
  const unitLabel = chart.spec.unit ? ` (${chart.spec.unit})` : '';
  const label = `${chart.title}${unitLabel}: ${chart.series.map((s) => s.name).join(', ')}`;
  const props = useMemo<MetricPlotProps>(
    () => ({ spec: chart.spec, points: chart.points, series: chart.series, view, callStart, bands, markers, onZoom, label, hover, pointer, downsample }),
    [chart, view, callStart, bands, markers, onZoom, label, hover, pointer, downsample],
  );
  const [drawn, setDrawn] = useState<MetricPlotProps | null>(null);
  // On screen the plot follows its props at once (and remembers them for when it scrolls away).
  if (near && drawn !== props) setDrawn(props);
  useEffect(() => {
    if (near || drawn === props) return;
    // Two idle tasks, each short: the points, then the drawing.
    return idle.schedule(
      () => void chart.points(),
      () => setDrawn(props),
    );
  }, [near, drawn, props, chart, idle]);

  const { spec } = chart;
  const threshold = spec.threshold;
  const current = near ? props : drawn;
  const plot = plotChunk.useModule();
  return (
    <figure
      ref={ref}
      className="min-w-0 scroll-mt-16 rounded-md border border-line bg-surface px-2 pt-2 pb-1"
      data-chart={chart.title}
      data-metric={chart.spec.key}
      data-streams={[...chart.streamIds].join(' ')}
    >
      <figcaption className="flex items-baseline justify-between gap-2 px-1 text-xs">
        <span className="font-semibold text-ink">
          {chart.title}
          <span className="font-normal text-ink-muted">{unitLabel}</span>
        </span>
        {threshold && (
          <span className="text-ink-faint">
            {threshold.lowerIsWorse ? 'below' : 'above'} {threshold.warn}
            {spec.unit === '%' ? ' %' : ''} warn, {threshold.critical}
            {spec.unit === '%' ? ' %' : ''} bad
          </span>
        )}
      </figcaption>
      {chart.series.length > 1 && <SeriesLegend series={chart.series} />}
      <div className="relative h-40 select-none">
        {current && plot && <plot.MetricPlot {...current} />}
      </div>
    </figure>
  );
});

/** Which line is whom: each series' colour and line style beside its name. */
function SeriesLegend({ series }: { series: readonly ChartSeries[] }) {
  return (
    <ul aria-label="Lines" className="flex flex-wrap gap-x-3 gap-y-0.5 px-1 pt-1 text-[11px] text-ink-muted">
      {series.map((s) => (
        <li key={s.key} className="inline-flex min-w-0 items-center gap-1">
          <svg aria-hidden="true" width="16" height="6" className="shrink-0">
            <line x1="0" y1="3" x2="16" y2="3" stroke={s.color} strokeWidth="2" strokeDasharray={s.dashed ? '4 3' : undefined} />
          </svg>
          <span className="truncate">{s.name}</span>
        </li>
      ))}
    </ul>
  );
}
