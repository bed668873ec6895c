import type { SeriesPoints } from '../../lib/downsample.ts';
import { shortId } from '../../lib/format.ts';
import { mediaOffIntervals, mediaOffSamples, offMaskFor } from '../../report/media-state.ts';
import type { Direction, Finding, MediaKind, PeerReport, QualityStream, TimeInterval, TimelineEvent } from '../../report/model.ts';
import { clipIntervals, gapThreshold, seriesPoints } from './chart-data.ts';
import { METRICS, metricReader, type MetricSpec } from './quality-metrics.ts';

// What the quality charts show: which charts exist for a report's streams, their series,
// the stretches shaded on them and the events marked on them. Pure, so it is tested
// without a browser; the components only draw it.

export interface ChartSeries {
  key: string;
  name: string;
  /** A CSS colour, normally `var(--ps-series-N)`. */
  color: string;
  /** Drawn dashed: the second round of the palette's colours, so no two senders look alike. */
  dashed?: boolean;
}

/** Colours in the palette (index.css): eight that stay apart for colour-blind readers too. */
const PALETTE_SIZE = 8;

/** A sender's line: their colour, dashed once the colours have all been used. */
export function senderStyle(senderIndex: number): Pick<ChartSeries, 'color' | 'dashed'> {
  const index = Math.max(0, senderIndex);
  const color = `var(--ps-series-${(index % PALETTE_SIZE) + 1})`;
  return Math.floor(index / PALETTE_SIZE) % 2 === 1 ? { color, dashed: true } : { color };
}

export type ChartBandKind = 'off' | 'warning' | 'critical' | 'highlight';

export interface ChartBand extends TimeInterval {
  kind: ChartBandKind;
  label: string;
}

export interface ChartMarker {
  at: number;
  label: string;
  problem: boolean;
}

export interface GroupSpec {
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

export interface ChartModel {
  id: string;
  title: string;
  spec: MetricSpec;
  series: ChartSeries[];
  /** Each series' samples as points; computed on first use (when the chart is drawn), then kept. */
  points: () => SeriesPoints[];
  streamIds: Set<string>;
  /** Where the media was off: shaded only on a chart of one stream. */
  off: TimeInterval[];
  /** What an off stretch is called on this chart: a microphone is muted, a camera or share is off. */
  offLabel: string;
}

/**
 * A metric a group has no chart for, and why: the report did not carry it for these streams
 * (though the schema has it there), or every value it carried fell where media was off (a
 * microphone muted or silent for the whole call has no MOS or bitrate to judge).
 */
export interface NotCharted {
  metric: MetricSpec;
  reason: 'not-in-report' | 'off';
}

export interface GroupModel {
  spec: GroupSpec;
  charts: ChartModel[];
  /** What the panel says instead of a chart; a group may have only these. */
  notCharted: NotCharted[];
}

/** Every remote peer the participant received media from, sorted, each once. */
export function remoteSenders(streams: readonly QualityStream[]): string[] {
  const peers = new Set<string>();
  for (const stream of streams) if (stream.direction === 'receive' && stream.remotePeerId) peers.add(stream.remotePeerId);
  return [...peers].sort();
}

function seriesKey(stream: QualityStream): string {
  return `s_${stream.id.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/**
 * The charts, group by group: one chart per metric that has a value outside the samples
 * it leaves out as off, one series per stream, and for the others why there is no chart. Receive streams only from `sender` unless it is 'all';
 * `senders` (from `remoteSenders`) gives each sender the same colour whatever is shown;
 * `senderName` names a remote sender in series names (the page knows names the report lacks).
 */
export function buildGroups(
  report: Pick<PeerReport, 'streams' | 'timeline'>,
  senders: readonly string[],
  sender: string,
  senderName: (peerId: string) => string = shortId,
): GroupModel[] {
  const groups: GroupModel[] = [];
  for (const spec of GROUPS) {
    const streams = report.streams.filter(
      (s) =>
        s.kind === spec.kind &&
        s.direction === spec.direction &&
        (spec.direction === 'send' || sender === 'all' || s.remotePeerId === sender),
    );
    if (streams.length === 0) continue;
    // Muted, silent or switched-off stretches: MOS, bitrate, frame rate and resolution are
    // drawn as a gap with a grey band, never as 0 or MOS 1; round-trip time, jitter and loss
    // of what still flowed are drawn over the band (../../report/media-state.ts decides).
    // Each stream's are worked out when first needed: deciding which charts exist usually
    // reads one stream of a group, and drawing a chart reads them all.
    const offStates = streams.map((s) => once(() => mediaOffSamples(s, report.timeline)));
    const offByStream = streams.map((s, index) => once(() => mediaOffIntervals(s, report.timeline, offStates[index]?.())));
    const keys = streams.map(seriesKey);
    const gaps = streams.map((stream) => once(() => gapThreshold(stream.samples)));
    const series: ChartSeries[] = streams.map((stream, index) => {
      const senderIndex = stream.remotePeerId ? senders.indexOf(stream.remotePeerId) : -1;
      return {
        key: keys[index] ?? '',
        name: stream.direction === 'send' ? 'Sent' : stream.remotePeerId ? `from ${senderName(stream.remotePeerId)}` : 'Received',
        ...senderStyle(senderIndex),
      };
    });
    /** A metric of one stream by sample index, null where media was off for that metric. */
    const valuesOf = (metric: MetricSpec, streamIndex: number): ((sampleIndex: number) => number | null) => {
      const state = offStates[streamIndex]?.();
      const mask = state ? offMaskFor(state, metric.key) : null;
      const samples = streams[streamIndex]?.samples ?? [];
      const read = metricReader(metric.key);
      return (sampleIndex) => {
        const sample = samples[sampleIndex];
        return sample && mask?.[sampleIndex] !== 1 ? read(sample) : null;
      };
    };
    const offLabel = spec.kind === 'audio' || spec.kind === 'screenshare_audio' ? 'muted or silent' : 'off';
    const charts: ChartModel[] = [];
    const notCharted: NotCharted[] = [];
    for (const metric of METRICS) {
      if (!metric.kinds.includes(spec.kind)) continue;
      // Off samples are rarely the only ones with a value: look at the values first, at the off stretches only then.
      const read = metricReader(metric.key);
      const carried = streams.map((stream) => stream.samples.some((sample) => read(sample) !== null));
      if (!carried.some(Boolean)) {
        if (metric.reported.includes(spec.direction)) notCharted.push({ metric, reason: 'not-in-report' });
        continue;
      }
      const hasValue = streams.some((stream, streamIndex) => {
        if (!carried[streamIndex]) return false;
        const value = valuesOf(metric, streamIndex);
        return stream.samples.some((_, index) => value(index) !== null);
      });
      if (!hasValue) {
        notCharted.push({ metric, reason: 'off' });
        continue;
      }
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
        offLabel,
      });
    }
    if (charts.length > 0 || notCharted.length > 0) groups.push({ spec, charts, notCharted });
  }
  return groups;
}

const LIST = new Intl.ListFormat('en', { type: 'conjunction' });

/** A metric's name inside a sentence: "round-trip time", but "MOS". */
function metricWords(metric: MetricSpec): string {
  return metric.key === 'mos' ? 'MOS' : metric.label.toLowerCase();
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * What a group says instead of the charts it does not have: the metrics the report did not
 * carry, and those that were there only while media was off.
 */
export function notChartedNotes(group: Pick<GroupModel, 'spec' | 'notCharted'>): string[] {
  const notes: string[] = [];
  const absent = group.notCharted.filter((entry) => entry.reason === 'not-in-report').map((entry) => metricWords(entry.metric));
  const off = group.notCharted.filter((entry) => entry.reason === 'off').map((entry) => metricWords(entry.metric));
  if (off.length > 0) {
    const audio = group.spec.kind === 'audio' || group.spec.kind === 'screenshare_audio';
    notes.push(
      audio
        ? `${capitalized(LIST.format(off))} not charted: every sample was muted or silent, and silence frames (scored MOS 1) say nothing of call quality.`
        : `${capitalized(LIST.format(off))} not charted: every sample was taken while the ${group.spec.kind === 'video' ? 'camera' : 'share'} was off.`,
    );
  }
  if (absent.length > 0) notes.push(`Not in this report: ${LIST.format(absent)}.`);
  return notes;
}

/** `compute`'s value, worked out on the first call and kept for the later ones. */
function once<T>(compute: () => T): () => T {
  let cache: { value: T } | null = null;
  return () => (cache ??= { value: compute() }).value;
}

/**
 * The stretches shaded on one chart within `view`: media off, each warning or critical
 * finding on one of its streams and metric, and the highlighted finding on top.
 */
export function chartBands(
  chart: Pick<ChartModel, 'spec' | 'streamIds' | 'off' | 'offLabel'>,
  findings: readonly Finding[],
  highlighted: string | null,
  view: TimeInterval,
): ChartBand[] {
  const bands: ChartBand[] = clipIntervals(chart.off, view).map((interval) => ({ ...interval, kind: 'off', label: chart.offLabel }));
  for (const finding of findings) {
    // A finding over several streams (e.g. loss on everything sent and received) shades every chart showing one of them.
    if (finding.metric !== chart.spec.key || !finding.streamIds.some((id) => chart.streamIds.has(id))) continue;
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

/** The events marked on every chart: reconnects, mutes, tab changes, device changes and every problem. */
export function keyEventMarkers(timeline: readonly TimelineEvent[]): ChartMarker[] {
  return timeline
    .filter((event) => MARKER_EVENTS.has(event.name) || event.category === 'device' || event.severity === 'problem')
    .map((event) => ({ at: event.at, label: event.label, problem: event.severity === 'problem' }));
}

/** The markers within `view`, its ends included. */
export function markersInView(markers: readonly ChartMarker[], view: TimeInterval): ChartMarker[] {
  return markers.filter((m) => m.at >= view.start && m.at <= view.end);
}
