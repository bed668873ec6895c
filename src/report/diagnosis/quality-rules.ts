// Rules over the quality samples: loss, jitter, round-trip time, MOS, frame rate,
// resolution, encoder limitation, and streams that went silent while switched on.
// Thresholds come from ../thresholds.ts, which the charts' threshold lines also read,
// so a shaded finding starts exactly where a sample crosses the drawn line.
// Each rule judges every stream on its own, then joins the streams hit at the same times
// into one finding (./grouping.ts): "packet loss in both directions", not eight findings.

import type { Finding, FindingMetric, FindingSeverity, QualitySample, QualityStream, TimeInterval } from '../model.ts';
import { SUSTAIN, THRESHOLDS, type Threshold } from '../thresholds.ts';
import { nthSmallest } from '../units.ts';
import type { DiagnosisContext } from './context.ts';
import { formatBitrate, formatFps, formatHeight, formatMos, formatMs, formatNumber, formatPercent, formatShare, formatSpan } from '../../lib/format.ts';
import { capitalize, durationPhrase, listPhrase, streamName } from './sentence.ts';
import {
  describeGroup,
  groupHits,
  groupTitle,
  networkHint,
  unionIntervals,
  worstSeverity,
  type StreamHit,
} from './grouping.ts';
import { totalDuration } from '../time-series.ts';
import { sustainedRuns, usableValues, type Beyond, type SustainResult, type SustainWindow } from './sustained.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const SUSTAINED: SustainWindow = { k: SUSTAIN.hits, n: SUSTAIN.window };
const SUSTAIN_TEXT = `${SUSTAIN.hits} of ${SUSTAIN.window} samples`;

const isAudio = (stream: QualityStream): boolean => stream.kind === 'audio' || stream.kind === 'screenshare_audio';
const isVideo = (stream: QualityStream): boolean => stream.kind === 'video' || stream.kind === 'screenshare_video';

// ---------------------------------------------------------------------------------------
// Warning/critical threshold rules.

export interface ThresholdRuleSpec {
  id: string;
  title: string;
  /** Headline start: "Packet loss" → "Packet loss on sent audio", "Packet loss in both directions". */
  label: string;
  metric: FindingMetric;
  threshold: Threshold;
  applies: (stream: QualityStream) => boolean;
  value: (sample: QualitySample) => number | null;
  /** "more than 5 %", "under 7 fps". */
  over: (limit: number) => string;
  /** "lost more than 5 % of packets". */
  verb: (over: string) => string;
  format: (value: number) => string;
  /**
   * Every stream on a transport reports the same value (round-trip time): several sent
   * streams hit at once are one measurement, not independent witnesses of the uplink.
   * They still group into one finding, without the "points at the uplink" hint.
   */
  perDirection?: boolean;
  /** A network symptom: a group's sentence says what the pattern of hit streams points at. */
  network?: boolean;
}

export interface ThresholdEvaluation {
  warn: SustainResult;
  critical: SustainResult;
  /** Worst value among the sustained samples. */
  peak: number | null;
}

function beyond(threshold: Threshold, limit: number): Beyond {
  // Strict on both sides: a sample exactly at a threshold is not over it (the sources say "> 1 %", "< 3.5").
  return { limit, lowerIsWorse: threshold.lowerIsWorse };
}

/** Memoized per report, so the remote-sender rule reads the same stretches these rules found. */
export function evaluateThreshold(context: DiagnosisContext, spec: ThresholdRuleSpec, stream: QualityStream): ThresholdEvaluation {
  return context.memo(`threshold:${spec.id}:${stream.id}`, () => {
    // Loss, jitter and round-trip time of silence frames still count; MOS of silence does not (../media-state.ts).
    const series = context.series(stream);
    const usable = usableValues(series, spec.value, context.mask(stream, spec.metric));
    const beyondLimit = (limit: number): SustainResult => sustainedRuns(series, usable, beyond(spec.threshold, limit), SUSTAINED);
    const warn = beyondLimit(spec.threshold.warn);
    const critical = warn.hits.length === 0 ? { intervals: [], hits: [] } : beyondLimit(spec.threshold.critical);
    let peak: number | null = null;
    for (const index of warn.hits) {
      const sample = stream.samples[index];
      const value = sample ? spec.value(sample) : null;
      if (value === null) continue;
      if (peak === null || (spec.threshold.lowerIsWorse ? value < peak : value > peak)) peak = value;
    }
    return { warn, critical, peak };
  });
}

/** What a threshold rule found on one stream. */
interface ThresholdHit extends StreamHit {
  result: ThresholdEvaluation;
}

function thresholdHit(context: DiagnosisContext, spec: ThresholdRuleSpec, stream: QualityStream): ThresholdHit | null {
  const result = evaluateThreshold(context, spec, stream);
  if (result.warn.intervals.length === 0) return null;
  const severity: FindingSeverity = result.critical.intervals.length > 0 ? 'critical' : 'warning';
  return { stream, severity, intervals: result.warn.intervals, result };
}

function thresholdSentence(
  context: DiagnosisContext,
  spec: ThresholdRuleSpec,
  subject: string,
  warn: readonly TimeInterval[],
  critical: readonly TimeInterval[],
  worst: string,
): string {
  const { warn: warnLimit, critical: criticalLimit } = spec.threshold;
  if (critical.length === 0) {
    return `${capitalize(subject)} ${spec.verb(spec.over(warnLimit))} ${durationPhrase(warn, context.origin)}${worst}.`;
  }
  const criticalTotal = totalDuration(critical);
  const warnTotal = totalDuration(warn);
  // Worth saying only when the milder level clearly lasted longer (whole seconds differ).
  const wider =
    Math.round(warnTotal / 1000) > Math.round(criticalTotal / 1000)
      ? `, and ${spec.over(warnLimit)} for ${formatSpan(warnTotal)} in all`
      : '';
  return `${capitalize(subject)} ${spec.verb(spec.over(criticalLimit))} ${durationPhrase(critical, context.origin)}${wider}${worst}.`;
}

/** One finding for a group of streams hit at the same times (a group of one reads as before). */
function thresholdFinding(context: DiagnosisContext, spec: ThresholdRuleSpec, group: readonly ThresholdHit[]): Finding | null {
  const first = group[0];
  if (!first) return null;
  const { lowerIsWorse } = spec.threshold;
  const description = describeGroup(context, group.map((hit) => hit.stream), spec.applies);
  const warn = unionIntervals(group.map((hit) => hit.result.warn.intervals));
  const critical = unionIntervals(group.map((hit) => hit.result.critical.intervals));
  let peak: { value: number; stream: QualityStream } | null = null;
  for (const hit of group) {
    const value = hit.result.peak;
    if (value === null) continue;
    if (peak === null || (lowerIsWorse ? value < peak.value : value > peak.value)) peak = { value, stream: hit.stream };
  }
  const where = peak && group.length > 1 ? ` (${streamName(peak.stream)})` : '';
  const worst = peak === null ? '' : `, ${lowerIsWorse ? 'dropping as low as' : 'peaking at'} ${spec.format(peak.value)}${where}`;
  const sameMeasurement = spec.perDirection && description.scope === 'sent';
  const hint = spec.network && !sameMeasurement ? networkHint(description, group.length) : '';
  const sentence = thresholdSentence(context, spec, description.subject, warn, critical, worst);
  return {
    id: findingId(spec.id, first.stream.id),
    rule: spec.id,
    severity: worstSeverity(group),
    title: groupTitle(spec.label, description),
    sentence: hint === '' ? sentence : `${sentence} ${hint}`,
    streamId: first.stream.id,
    streamIds: group.map((hit) => hit.stream.id),
    remotePeerId: description.remotePeerId,
    metric: spec.metric,
    intervals: warn,
    source: spec.threshold.source,
  };
}

function thresholdRule(spec: ThresholdRuleSpec): DiagnosisRule {
  const { threshold } = spec;
  const op = threshold.lowerIsWorse ? '<' : '>';
  const unit = threshold.unit === '' ? '' : ` ${threshold.unit}`;
  return {
    id: spec.id,
    title: spec.title,
    threshold: `warning ${op} ${threshold.warn}${unit}, critical ${op} ${threshold.critical}${unit}`,
    sustain: SUSTAIN_TEXT,
    severities: ['critical', 'warning'],
    source: threshold.source,
    run(context) {
      const hits: ThresholdHit[] = [];
      for (const stream of context.report.streams) {
        if (!spec.applies(stream)) continue;
        const hit = thresholdHit(context, spec, stream);
        if (hit) hits.push(hit);
      }
      const findings: Finding[] = [];
      for (const group of groupHits(hits, context.report.streams)) {
        const finding = thresholdFinding(context, spec, group);
        if (finding) findings.push(finding);
      }
      return findings;
    },
  };
}

export const PACKET_LOSS: ThresholdRuleSpec = {
  id: 'packet-loss',
  title: 'Packet loss',
  label: 'Packet loss',
  metric: 'lossPercent',
  threshold: THRESHOLDS.lossPercent,
  applies: () => true,
  value: (sample) => sample.lossPercent,
  over: (limit) => `more than ${formatPercent(limit)}`,
  verb: (over) => `lost ${over} of packets`,
  format: formatPercent,
  network: true,
};

export const JITTER: ThresholdRuleSpec = {
  id: 'jitter',
  title: 'High jitter',
  label: 'High jitter',
  metric: 'jitterMs',
  threshold: THRESHOLDS.jitterMs,
  applies: () => true,
  value: (sample) => sample.jitterMs,
  over: (limit) => `over ${formatMs(limit)}`,
  verb: (over) => `had jitter ${over}`,
  format: formatMs,
  network: true,
};

export const ROUND_TRIP_TIME: ThresholdRuleSpec = {
  id: 'round-trip-time',
  title: 'High round-trip time',
  label: 'High round-trip time',
  metric: 'rttMs',
  threshold: THRESHOLDS.rttMs,
  applies: () => true,
  value: (sample) => sample.rttMs,
  over: (limit) => `over ${formatMs(limit)}`,
  verb: (over) => `had a round-trip time to the media server ${over}`,
  format: formatMs,
  perDirection: true,
  network: true,
};

export const LOW_MOS: ThresholdRuleSpec = {
  id: 'low-mos',
  title: 'Low audio quality (MOS)',
  label: 'Low audio quality',
  metric: 'mos',
  threshold: THRESHOLDS.mos,
  // MOS here is an audio estimate; video MOS is a different scale and has its own rules (fps, resolution).
  applies: isAudio,
  value: (sample) => sample.mos,
  over: (limit) => `below ${formatNumber(limit)}`,
  verb: (over) => `had an estimated quality (MOS) ${over}`,
  format: formatMos,
  // MOS is estimated from loss, jitter and delay: a network symptom too.
  network: true,
};

export const LOW_FRAME_RATE: ThresholdRuleSpec = {
  id: 'low-frame-rate',
  title: 'Low video frame rate',
  label: 'Low frame rate',
  metric: 'fps',
  threshold: THRESHOLDS.fps,
  // Screen content is often sent at a few frames per second on purpose; only camera video is judged.
  applies: (stream) => stream.kind === 'video',
  value: (sample) => sample.fps,
  over: (limit) => `under ${formatFps(limit)}`,
  verb: (over) => `ran at ${over}`,
  format: formatFps,
};

const THRESHOLD_SPECS: readonly ThresholdRuleSpec[] = [PACKET_LOSS, JITTER, ROUND_TRIP_TIME, LOW_MOS, LOW_FRAME_RATE];

// ---------------------------------------------------------------------------------------
// Resolution.

/** Under 360p is poor resolution in the video `issues` block (see the demo's VIDEO_ISSUE_RULES). */
const POOR_HEIGHT_PX = 360;

const RESOLUTION_SOURCE =
  'Poor resolution under 360p, as the video issues block counts it; or under half the stream\'s own median height';

/** Frame height, with 0 read as "no frame to measure" rather than a 0-pixel picture. */
const heightOf = (sample: QualitySample): number | null => (sample.height !== null && sample.height > 0 ? sample.height : null);

/** The upper middle height of the samples that count. */
function medianHeight(stream: QualityStream, inactive: Uint8Array): number | null {
  const heights = new Float64Array(stream.samples.length);
  let count = 0;
  stream.samples.forEach((sample, i) => {
    const height = heightOf(sample);
    if (height !== null && inactive[i] !== 1) heights[count++] = height;
  });
  if (count === 0) return null;
  return nthSmallest(heights.subarray(0, count), Math.floor(count / 2));
}

const LOW_RESOLUTION_ID = 'low-resolution';

interface ResolutionHit extends StreamHit {
  limit: number;
  median: number;
  lowest: number;
}

/** Camera video, sent or received: the streams this rule judges. */
const isCamera = (stream: QualityStream): boolean => stream.kind === 'video';

export const LOW_RESOLUTION: DiagnosisRule = {
  id: LOW_RESOLUTION_ID,
  title: 'Low video resolution',
  threshold: `warning: frame height < ${POOR_HEIGHT_PX}p, or < half the stream's median`,
  sustain: SUSTAIN_TEXT,
  severities: ['warning'],
  source: RESOLUTION_SOURCE,
  run(context) {
    const hits: ResolutionHit[] = [];
    for (const stream of context.report.streams) {
      // A shared window's size is whatever the window is; only camera video has a resolution to lose.
      if (!isCamera(stream)) continue;
      const offMask = context.mask(stream, 'height');
      const median = medianHeight(stream, offMask);
      if (median === null) continue;
      const limit = Math.max(POOR_HEIGHT_PX, median / 2);
      const series = context.series(stream);
      const heights = usableValues(series, heightOf, offMask);
      const result = sustainedRuns(series, heights, { limit, lowerIsWorse: true }, SUSTAINED);
      if (result.intervals.length === 0) continue;
      let lowest = Number.POSITIVE_INFINITY;
      for (const index of result.hits) lowest = Math.min(lowest, heightOf(stream.samples[index] as QualitySample) ?? lowest);
      hits.push({ stream, severity: 'warning', intervals: result.intervals, limit, median, lowest });
    }
    return groupHits(hits, context.report.streams).map((group) => {
      const first = group[0] as ResolutionHit;
      const description = describeGroup(context, group.map((hit) => hit.stream), isCamera);
      const intervals = unionIntervals(group.map((hit) => hit.intervals));
      let lowest = first;
      for (const hit of group) if (hit.lowest < lowest.lowest) lowest = hit;
      let below: string;
      if (group.length === 1) {
        below = `was below ${formatHeight(first.limit)}${first.limit > POOR_HEIGHT_PX ? ` (half its usual ${formatHeight(first.median)})` : ''}`;
      } else {
        const halves = group.some((hit) => hit.limit > POOR_HEIGHT_PX);
        below = `${description.plural ? 'were' : 'was'} below ${formatHeight(POOR_HEIGHT_PX)}${halves ? " (or under half a stream's usual height)" : ''}`;
      }
      const where = group.length > 1 ? ` (${streamName(lowest.stream)})` : '';
      const finding: Finding = {
        id: findingId(LOW_RESOLUTION_ID, first.stream.id),
        rule: LOW_RESOLUTION_ID,
        severity: 'warning',
        title: groupTitle('Low resolution', description),
        sentence: `${capitalize(description.subject)} ${below} ${durationPhrase(intervals, context.origin)}, as low as ${formatHeight(lowest.lowest)}${where}.`,
        streamId: first.stream.id,
        streamIds: group.map((hit) => hit.stream.id),
        remotePeerId: description.remotePeerId,
        metric: 'height',
        intervals,
        source: RESOLUTION_SOURCE,
      };
      return finding;
    });
  },
};

// ---------------------------------------------------------------------------------------
// Encoder limited by CPU or bandwidth.

const LIMITATION_SOURCE = 'WebRTC qualityLimitationReason (W3C webrtc-stats), sustained';

interface LimitationHit extends StreamHit {
  lowestFps: number | null;
}

const isSentVideo = (stream: QualityStream): boolean => stream.direction === 'send' && isVideo(stream);

function limitationRule(reason: 'cpu' | 'bandwidth'): DiagnosisRule {
  const id = `${reason}-limited`;
  const cause = reason === 'cpu' ? 'the CPU' : 'bandwidth';
  const effect =
    reason === 'cpu'
      ? 'the device could not encode fast enough, so the browser lowered resolution and frame rate'
      : 'the uplink could not carry it, so the browser lowered resolution and frame rate';
  return {
    id,
    title: reason === 'cpu' ? 'Video limited by CPU' : 'Video limited by bandwidth',
    threshold: `warning: quality limitation reason "${reason}"`,
    sustain: SUSTAIN_TEXT,
    severities: ['warning'],
    source: LIMITATION_SOURCE,
    run(context) {
      const hits: LimitationHit[] = [];
      for (const stream of context.report.streams) {
        if (!isSentVideo(stream)) continue;
        const series = context.series(stream);
        // 1 where this reason held, 0 where another (or none) did: over 0 qualifies.
        const limited = usableValues(
          series,
          (sample) => (sample.qualityLimitationReason === null ? null : sample.qualityLimitationReason.toLowerCase() === reason ? 1 : 0),
          context.mask(stream, 'fps'),
        );
        const result = sustainedRuns(series, limited, { limit: 0, lowerIsWorse: false }, SUSTAINED);
        if (result.intervals.length === 0) continue;
        let lowestFps: number | null = null;
        for (const index of result.hits) {
          const fps = stream.samples[index]?.fps ?? null;
          if (fps !== null && fps > 0 && (lowestFps === null || fps < lowestFps)) lowestFps = fps;
        }
        hits.push({ stream, severity: 'warning', intervals: result.intervals, lowestFps });
      }
      return groupHits(hits, context.report.streams).map((group) => {
        const first = group[0] as LimitationHit;
        const description = describeGroup(context, group.map((hit) => hit.stream), isSentVideo);
        const intervals = unionIntervals(group.map((hit) => hit.intervals));
        const duration = totalDuration(intervals);
        const call = context.callDurationMs;
        const share = call ? ` (${formatShare(duration, call)} of the call)` : '';
        let lowestFps: number | null = null;
        for (const hit of group) if (hit.lowestFps !== null && (lowestFps === null || hit.lowestFps < lowestFps)) lowestFps = hit.lowestFps;
        const down = lowestFps === null ? '' : `, down to ${formatFps(lowestFps)}`;
        const subject = capitalize(description.subject);
        const finding: Finding = {
          id: findingId(id, first.stream.id),
          rule: id,
          severity: 'warning',
          title: `${subject} limited by ${cause}`,
          sentence: `${subject} ${description.plural ? 'were' : 'was'} limited by ${cause} ${durationPhrase(intervals, context.origin, share)}: ${effect}${down}.`,
          streamId: first.stream.id,
          streamIds: group.map((hit) => hit.stream.id),
          remotePeerId: null,
          metric: 'fps',
          intervals,
          source: LIMITATION_SOURCE,
        };
        return finding;
      });
    },
  };
}

export const CPU_LIMITED = limitationRule('cpu');
export const BANDWIDTH_LIMITED = limitationRule('bandwidth');

// ---------------------------------------------------------------------------------------
// A stream switched on that carried nothing.

/** Under this nothing but RTCP flows: the stream is sending no media at all. */
const NO_MEDIA_KBPS = 0.5;
const NO_MEDIA_WINDOW: SustainWindow = { k: 3, n: 3 };
const NO_MEDIA_SOURCE = 'Peerscope: bitrate near 0 for 3 samples in a row while the timeline shows the media switched on';

const NO_MEDIA_ID = 'no-media-sent';

const isSent = (stream: QualityStream): boolean => stream.direction === 'send';

/** What was switched on, and what to check, per kind of sent stream. */
function switchedOnWords(stream: QualityStream): { device: string; hint: string } {
  const device = stream.kind === 'audio' ? 'microphone' : stream.kind === 'video' ? 'camera' : 'screen share';
  const hint = isAudio(stream)
    ? 'check the selected microphone, its permission and any hardware mute switch'
    : 'check the selected camera, its permission and whether another app holds it';
  return { device, hint };
}

export const NO_MEDIA_SENT: DiagnosisRule = {
  id: NO_MEDIA_ID,
  title: 'Nothing sent while switched on',
  threshold: `warning: bitrate < ${NO_MEDIA_KBPS} kbps while not muted or camera-off`,
  sustain: '3 samples in a row',
  severities: ['warning'],
  source: NO_MEDIA_SOURCE,
  run(context) {
    const hits: StreamHit[] = [];
    for (const stream of context.report.streams) {
      if (!isSent(stream)) continue;
      const activity = context.activity(stream);
      const knownOn = activity.knownOn;
      // Without on/off events a silent stream may simply be muted: say nothing rather than guess.
      if (!knownOn) continue;
      const notKnownOn = new Uint8Array(stream.samples.length);
      for (let i = 0; i < notKnownOn.length; i += 1) if (knownOn[i] !== 1) notKnownOn[i] = 1;
      const series = context.series(stream);
      const bitrates = usableValues(series, (sample) => sample.bitrateKbps, notKnownOn);
      const result = sustainedRuns(series, bitrates, { limit: NO_MEDIA_KBPS, lowerIsWorse: true }, NO_MEDIA_WINDOW);
      if (result.intervals.length > 0) hits.push({ stream, severity: 'warning', intervals: result.intervals });
    }
    return groupHits(hits, context.report.streams).map((group) => {
      const first = group[0] as StreamHit;
      const description = describeGroup(context, group.map((hit) => hit.stream), isSent);
      const intervals = unionIntervals(group.map((hit) => hit.intervals));
      const words = group.map((hit) => switchedOnWords(hit.stream));
      const devices = [...new Set(words.map((w) => w.device))];
      const hints = [...new Set(words.map((w) => w.hint))];
      const switchedOn =
        devices.length === 1 && devices[0] === 'screen share'
          ? 'the screen share was running'
          : `the ${listPhrase(devices)} ${devices.length > 1 ? 'were' : 'was'} on`;
      const subject = capitalize(description.subject);
      const finding: Finding = {
        id: findingId(NO_MEDIA_ID, first.stream.id),
        rule: NO_MEDIA_ID,
        severity: 'warning',
        title: `${subject} carried no media`,
        sentence: `${subject} carried almost nothing (under ${formatBitrate(NO_MEDIA_KBPS)}) while ${switchedOn} ${durationPhrase(intervals, context.origin)}: ${hints.join('; ')}.`,
        streamId: first.stream.id,
        streamIds: group.map((hit) => hit.stream.id),
        remotePeerId: null,
        metric: 'bitrateKbps',
        intervals,
        source: NO_MEDIA_SOURCE,
      };
      return finding;
    });
  },
};

export const QUALITY_RULES: readonly DiagnosisRule[] = [
  ...THRESHOLD_SPECS.map(thresholdRule),
  LOW_RESOLUTION,
  CPU_LIMITED,
  BANDWIDTH_LIMITED,
  NO_MEDIA_SENT,
];
