// "Their uplink or our downlink?" What one remote sender sent (from their own report) beside
// what this participant received from them (from this report), metric by metric, on one
// clock. The charts are the quality panel's own chart model, built for each side; this only
// pairs them and says what the loss figures point at. Pure, so it is tested on its own.

import { formatPercent } from '../../lib/format.ts';
import type { MediaKind, PeerReport, QualityStream, TimeInterval } from '../../report/model.ts';
import { THRESHOLDS } from '../../report/thresholds.ts';
import { buildGroups, type ChartModel } from '../investigation/chart-model.ts';
import type { MetricSpec } from '../investigation/quality-metrics.ts';

export interface ComparePair {
  key: string;
  metric: MetricSpec;
  /** The chart of what the sender sent; null when their report has none for this metric. */
  sent: ChartModel | null;
  /** The chart of what this participant received from them. */
  received: ChartModel | null;
}

export interface CompareGroup {
  kind: MediaKind;
  title: string;
  pairs: ComparePair[];
  /** Mean packet loss of each side over the samples that have one; null without any. */
  sentLossPercent: number | null;
  receivedLossPercent: number | null;
}

const KINDS: readonly { kind: MediaKind; title: string }[] = [
  { kind: 'audio', title: 'Audio' },
  { kind: 'video', title: 'Video' },
  { kind: 'screenshare_video', title: 'Screen share' },
  { kind: 'screenshare_audio', title: 'Screen-share audio' },
];

type ReportPart = Pick<PeerReport, 'streams' | 'timeline'>;

export interface CompareNames {
  sender: string;
  receiver: string;
}

/**
 * For each kind of media both sides carry (or either), one pair of charts per metric: the
 * sender's sent stream and the receiver's stream received from `senderPeerId`.
 */
export function compareGroups(sender: ReportPart, receiver: ReportPart, senderPeerId: string, names: CompareNames): CompareGroup[] {
  const sentStreams = sender.streams.filter((stream) => stream.direction === 'send');
  const receivedStreams = receiver.streams.filter((stream) => stream.direction === 'receive' && stream.remotePeerId === senderPeerId);
  const sentGroups = buildGroups({ streams: sentStreams, timeline: sender.timeline }, [], 'all');
  const receivedGroups = buildGroups({ streams: receivedStreams, timeline: receiver.timeline }, [senderPeerId], senderPeerId, () => names.sender);
  const groups: CompareGroup[] = [];
  for (const { kind, title } of KINDS) {
    const sent = sentGroups.find((group) => group.spec.kind === kind)?.charts ?? [];
    const received = receivedGroups.find((group) => group.spec.kind === kind)?.charts ?? [];
    if (sent.length === 0 && received.length === 0) continue;
    const metrics: MetricSpec[] = [];
    for (const chart of [...sent, ...received]) if (!metrics.some((metric) => metric.key === chart.spec.key)) metrics.push(chart.spec);
    const named = (chart: ChartModel | undefined, side: string): ChartModel | null =>
      chart ? { ...chart, series: chart.series.map((series) => ({ ...series, name: side })) } : null;
    groups.push({
      kind,
      title,
      pairs: metrics.map((metric) => ({
        key: `${kind}-${metric.key}`,
        metric,
        sent: named(
          sent.find((chart) => chart.spec.key === metric.key),
          `Sent by ${names.sender}`,
        ),
        received: named(
          received.find((chart) => chart.spec.key === metric.key),
          `Received by ${names.receiver}`,
        ),
      })),
      sentLossPercent: meanLoss(sentStreams.filter((stream) => stream.kind === kind)),
      receivedLossPercent: meanLoss(receivedStreams.filter((stream) => stream.kind === kind)),
    });
  }
  return groups;
}

function meanLoss(streams: readonly QualityStream[]): number | null {
  let sum = 0;
  let count = 0;
  for (const stream of streams) {
    for (const sample of stream.samples) {
      if (sample.lossPercent === null || !Number.isFinite(sample.lossPercent)) continue;
      sum += sample.lossPercent;
      count += 1;
    }
  }
  return count === 0 ? null : sum / count;
}

/** The clock both sides are drawn on: from the first to the last sample of either side's compared streams. */
export function compareRange(sender: ReportPart, receiver: ReportPart, senderPeerId: string): TimeInterval | null {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  const streams = [
    ...sender.streams.filter((stream) => stream.direction === 'send'),
    ...receiver.streams.filter((stream) => stream.direction === 'receive' && stream.remotePeerId === senderPeerId),
  ];
  for (const stream of streams) {
    const first = stream.samples[0];
    const last = stream.samples[stream.samples.length - 1];
    if (first && first.at < start) start = first.at;
    if (last && last.at > end) end = last.at;
  }
  return Number.isFinite(start) && Number.isFinite(end) && end > start ? { start, end } : null;
}

/**
 * What the loss on the two sides says about where it happened, in a sentence: lost already
 * in what the sender sent (their uplink), or sent cleanly and lost on the way to this
 * participant (their downlink or the path between). Null when neither side lost enough to
 * matter (the packet-loss warning threshold) or a side has no loss figures.
 */
export function lossVerdict(group: Pick<CompareGroup, 'title' | 'sentLossPercent' | 'receivedLossPercent'>, names: CompareNames): string | null {
  const { sentLossPercent: sent, receivedLossPercent: received } = group;
  if (sent === null || received === null) return null;
  const warn = THRESHOLDS.lossPercent.warn;
  const media = group.title.toLowerCase();
  if (sent >= warn) {
    return (
      `${group.title} was already lossy as ${names.sender} sent it (${formatPercent(sent)} lost on average on the way up; ` +
      `${names.receiver} received ${formatPercent(received)} lost): ${names.sender}’s uplink.`
    );
  }
  if (received >= warn) {
    return (
      `${names.sender} sent ${media} cleanly (${formatPercent(sent)} lost on the way up), yet ${names.receiver} received it ` +
      `with ${formatPercent(received)} lost: it was lost after the server, on ${names.receiver}’s downlink.`
    );
  }
  return null;
}
