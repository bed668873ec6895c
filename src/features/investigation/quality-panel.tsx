import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { Card } from '../../components/card.tsx';
import { lazyChunk } from '../../lib/chunk.ts';
import type { SeriesPoints } from '../../lib/downsample.ts';
import { clipLine, shortId } from '../../lib/format.ts';
import { mediaOffIntervals } from '../../report/media-state.ts';
import { mergeIntervals } from '../../report/time-series.ts';
import { findingStreamIds } from '../../report/model.ts';
import type { Direction, Finding, MediaKind, PeerReport, QualityStream, TimeInterval, TimelineEvent } from '../../report/model.ts';
import { createHoverStore, useCallClock, type HoverStore } from './call-clock.tsx';
import { clipIntervals, gapThreshold, seriesPoints } from './chart-data.ts';
import type { ChartBand, ChartMarker, ChartSeries, MetricPlotProps } from './metric-chart.tsx';
import { METRICS, metricReader, type MetricSpec } from './quality-metrics.ts';
import { QualitySummaryTable } from './quality-summary-table.tsx';

// The charts are a chunk of their own: the first screen does not wait for it, and it is
// fetched just after start-up, usually while the report is still on its way.
const plotChunk = lazyChunk(() => import('./metric-chart.tsx'));

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
  title: string;
  spec: MetricSpec;
  series: ChartSeries[];
  /** Each series' samples as points; computed on first use (when the chart is drawn), then kept. */
  points: () => SeriesPoints[];
  streamIds: Set<string>;
  off: TimeInterval[];
}

interface GroupModel {
  spec: GroupSpec;
  charts: ChartModel[];
}

export function QualityPanel({ report, qualityRequested }: QualityPanelProps) {
  const clock = useCallClock();
  const [pointer] = useState(createHoverStore);
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
  // The same element across a zoom: React then leaves the select and its options alone.
  const senderPicker = useMemo(
    () =>
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
                {clipLine(peer, 80)}
              </option>
            ))}
          </select>
        </label>
      ) : undefined,
    [senders, sender, selectId],
  );

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
    <Card labelledBy="quality-heading" title={<span id="quality-heading">Quality</span>} aside={senderPicker}>
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
                <ChartSlot
                  key={chart.id}
                  chart={chart}
                  view={clock.view}
                  callStart={report.participant.joinedAt ?? clock.call.start}
                  findings={report.findings}
                  highlightedFinding={clock.highlightedFinding}
                  markers={visibleMarkers}
                  onZoom={onZoom}
                  hover={clock.hover}
                  pointer={pointer}
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
    // Off stretches carry no quality: drawn as a gap with a grey band, never as 0 or MOS 1.
    // Each stream's are worked out when first needed: deciding which charts exist usually
    // reads one stream of a group, and drawing a chart reads them all.
    const offByStream = streams.map((s) => once(() => mediaOffIntervals(s, report.timeline)));
    const offMasks = streams.map((s, index) => once(() => offMask(s.samples, offByStream[index]?.() ?? [])));
    const keys = streams.map(seriesKey);
    const gaps = streams.map((stream) => once(() => gapThreshold(stream.samples)));
    const series: ChartSeries[] = streams.map((stream, index) => {
      const senderIndex = stream.remotePeerId ? senders.indexOf(stream.remotePeerId) : -1;
      return {
        key: keys[index] ?? '',
        name: stream.direction === 'send' ? 'Sent' : stream.remotePeerId ? `from ${shortId(stream.remotePeerId)}` : 'Received',
        color: `var(--ps-series-${(senderIndex < 0 ? 0 : senderIndex % 12) + 1})`,
      };
    });
    /** A metric of one stream by sample index, null where media was off. */
    const valuesOf = (metric: MetricSpec, streamIndex: number): ((sampleIndex: number) => number | null) => {
      const mask = offMasks[streamIndex]?.() ?? null;
      const samples = streams[streamIndex]?.samples ?? [];
      const read = metricReader(metric.key);
      return (sampleIndex) => {
        const sample = samples[sampleIndex];
        return sample && mask?.[sampleIndex] !== 1 ? read(sample) : null;
      };
    };
    const charts: ChartModel[] = [];
    for (const metric of METRICS) {
      if (!metric.kinds.includes(spec.kind)) continue;
      const hasValue = streams.some((stream, streamIndex) => {
        // Off samples are rarely the only ones with a value: look at the values first, at the off stretches only then.
        const read = metricReader(metric.key);
        if (!stream.samples.some((sample) => read(sample) !== null)) return false;
        const value = valuesOf(metric, streamIndex);
        return stream.samples.some((_, index) => value(index) !== null);
      });
      if (!hasValue) continue;
      const off = streams.length === 1 ? (offByStream[0]?.() ?? []) : [];
      charts.push({
        id: `${spec.kind}-${spec.direction}-${metric.key}`,
        title: `${spec.title}: ${metric.label}`,
        spec: metric,
        series,
        points: once(() =>
          streams.map((stream, streamIndex) =>
            seriesPoints(stream.samples, valuesOf(metric, streamIndex), gaps[streamIndex]?.()),
          ),
        ),
        streamIds: new Set(streams.map((s) => s.id)),
        off,
      });
    }
    if (charts.length > 0) groups.push({ spec, charts });
  }
  return groups;
}

/**
 * 1 for each sample inside one of the off stretches, read as `insideAny` reads them
 * ((start, end]); null when there are none. One sweep over both, in time order: a sent-audio
 * stream of a long call has thousands of samples and hundreds of muted stretches.
 */
function offMask(samples: readonly { at: number }[], off: readonly TimeInterval[]): Uint8Array | null {
  if (off.length === 0) return null;
  // Sorted and disjoint: the first stretch not ending before a sample is the only one that can hold it.
  const stretches = mergeIntervals(off);
  const mask = new Uint8Array(samples.length);
  let k = 0;
  for (let i = 0; i < samples.length; i += 1) {
    const at = samples[i]?.at ?? 0;
    while (k < stretches.length && (stretches[k]?.end ?? 0) < at) k += 1;
    const stretch = stretches[k];
    if (stretch && at > stretch.start && at <= stretch.end) mask[i] = 1;
  }
  return mask;
}

function once<T>(compute: () => T): () => T {
  let cache: { value: T } | null = null;
  return () => (cache ??= { value: compute() }).value;
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
}: ChartSlotProps) {
  const ref = useRef<HTMLElement>(null);
  const near = useNearViewport(ref);
  const bands = useMemo(() => chartBands(chart, findings, highlightedFinding, view), [chart, findings, highlightedFinding, view]);
  const props = useMemo<MetricPlotProps>(
    () => ({ spec: chart.spec, points: chart.points, series: chart.series, view, callStart, bands, markers, onZoom, hover, pointer }),
    [chart, view, callStart, bands, markers, onZoom, hover, pointer],
  );
  const [drawn, setDrawn] = useState<MetricPlotProps | null>(null);
  // On screen the plot follows its props at once (and remembers them for when it scrolls away).
  if (near && drawn !== props) setDrawn(props);
  useEffect(() => {
    if (near || drawn === props) return;
    // Two idle tasks, each short: the points, then the drawing.
    return whenIdle(
      () => void chart.points(),
      () => setDrawn(props),
    );
  }, [near, drawn, props, chart]);

  const { spec } = chart;
  const threshold = spec.threshold;
  const unitLabel = spec.unit ? ` (${spec.unit})` : '';
  const current = near ? props : drawn;
  const plot = plotChunk.useModule();
  return (
    <figure ref={ref} className="min-w-0 rounded-md border border-line bg-surface px-2 pt-2 pb-1" data-chart={chart.title}>
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
      <div
        className="relative h-40 select-none"
        role="img"
        aria-label={`${chart.title}${unitLabel} over the call, ${chart.series.map((s) => s.name).join(', ')}`}
      >
        {current && plot && <plot.MetricPlot {...current} />}
      </div>
    </figure>
  );
});

/** Whether the element is on screen or within a hundred pixels of it. */
function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  // Without IntersectionObserver (jsdom), everything counts as on screen.
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    return observeNear(element, setNear);
  }, [ref]);
  return near;
}

const nearListeners = new Map<Element, (near: boolean) => void>();
let nearObserver: IntersectionObserver | null = null;

/**
 * One observer for every chart. The charts that come near the screen together (the first
 * screen, a jump down the page) are drawn in one synchronous render, so they appear in the
 * next frame together, rather than in a time-sliced render that yields to idle work.
 */
function observeNear(element: Element, listener: (near: boolean) => void): () => void {
  nearObserver ??= new IntersectionObserver(
    (entries) => {
      flushSync(() => {
        for (const entry of entries) nearListeners.get(entry.target)?.(entry.isIntersecting);
      });
    },
    { rootMargin: '100px 0px' },
  );
  nearListeners.set(element, listener);
  nearObserver.observe(element);
  return () => {
    nearListeners.delete(element);
    nearObserver?.unobserve(element);
  };
}

interface IdleTask {
  steps: (() => void)[];
  cancelled: boolean;
}

const idleQueue: IdleTask[] = [];
let idlePumping = false;

const requestIdle = (callback: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 1);
};

/**
 * Runs the steps in later idle periods, one step per period, so each offscreen chart's work
 * is a few short tasks between the user's input. Returns a cancel function.
 */
function whenIdle(...steps: (() => void)[]): () => void {
  const task: IdleTask = { steps, cancelled: false };
  idleQueue.push(task);
  if (!idlePumping) {
    idlePumping = true;
    requestIdle(pumpIdle);
  }
  return () => {
    task.cancelled = true;
  };
}

function pumpIdle(): void {
  while (idleQueue[0] && (idleQueue[0].cancelled || idleQueue[0].steps.length === 0)) idleQueue.shift();
  const task = idleQueue[0];
  task?.steps.shift()?.();
  if (idleQueue.length > 0) requestIdle(pumpIdle);
  else idlePumping = false;
}

// Fetched right after start-up (not on first use): a report link usually answers before the
// browser is ever idle, and the first chart should not then wait for its code.
if (typeof window !== 'undefined') setTimeout(() => void plotChunk.load().catch(() => undefined), 0);
