// Rules over the quality samples: loss, jitter, round-trip time, MOS, frame rate,
// resolution, encoder limitation, and streams that went silent while switched on.
// Thresholds come from ../thresholds.ts, which the charts' threshold lines also read,
// so a shaded finding starts exactly where a sample crosses the drawn line.

import type { Finding, FindingMetric, FindingSeverity, QualitySample, QualityStream } from '../model';
import { SUSTAIN, THRESHOLDS, type Threshold } from '../thresholds';
import type { DiagnosisContext } from './context';
import {
  capitalize,
  durationPhrase,
  formatDurationWords,
  formatFps,
  formatHeight,
  formatKbps,
  formatMos,
  formatMs,
  formatNumber,
  formatPercent,
  formatShare,
  streamName,
} from './sentence';
import { sustainedIntervals, totalDuration, type SustainResult, type SustainWindow } from './sustained';
import { findingId, type DiagnosisRule } from './types';

export const SUSTAINED: SustainWindow = { k: SUSTAIN.hits, n: SUSTAIN.window };
const SUSTAIN_TEXT = `${SUSTAIN.hits} of ${SUSTAIN.window} samples`;

const isAudio = (stream: QualityStream): boolean => stream.kind === 'audio' || stream.kind === 'screenshare_audio';
const isVideo = (stream: QualityStream): boolean => stream.kind === 'video' || stream.kind === 'screenshare_video';

// ---------------------------------------------------------------------------------------
// Warning/critical threshold rules.

export interface ThresholdRuleSpec {
  id: string;
  title: string;
  findingTitle: (stream: QualityStream) => string;
  metric: FindingMetric;
  threshold: Threshold;
  applies: (stream: QualityStream) => boolean;
  value: (sample: QualitySample) => number | null;
  /** "more than 5 %", "under 7 fps". */
  over: (limit: number) => string;
  /** "lost more than 5 % of packets". */
  verb: (over: string) => string;
  format: (value: number) => string;
  /** Keep one finding per direction: every stream on a transport reports the same round-trip time. */
  perDirection?: boolean;
}

export interface ThresholdEvaluation {
  warn: SustainResult;
  critical: SustainResult;
  /** Worst value among the sustained samples. */
  peak: number | null;
}

function beyond(threshold: Threshold, limit: number): (value: number) => boolean {
  // Strict on both sides: a sample exactly at a threshold is not over it (api.md: "> 1 %", "< 3.5").
  return threshold.lowerIsWorse ? (value) => value < limit : (value) => value > limit;
}

/** Memoized per report, so the remote-sender rule reads the same stretches these rules found. */
export function evaluateThreshold(context: DiagnosisContext, spec: ThresholdRuleSpec, stream: QualityStream): ThresholdEvaluation {
  return context.memo(`threshold:${spec.id}:${stream.id}`, () => {
    const activity = context.activity(stream);
    const base = {
      samples: stream.samples,
      value: spec.value,
      window: SUSTAINED,
      excluded: (i: number) => activity.inactive[i] === 1,
      intervalMs: activity.intervalMs,
    };
    const warn = sustainedIntervals({ ...base, qualifies: beyond(spec.threshold, spec.threshold.warn) });
    const critical =
      warn.hits.length === 0
        ? { intervals: [], hits: [] }
        : sustainedIntervals({ ...base, qualifies: beyond(spec.threshold, spec.threshold.critical) });
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

function thresholdSentence(context: DiagnosisContext, spec: ThresholdRuleSpec, stream: QualityStream, result: ThresholdEvaluation): string {
  const subject = capitalize(streamName(stream));
  const { warn: warnLimit, critical: criticalLimit, lowerIsWorse } = spec.threshold;
  const worst = result.peak === null ? '' : `, ${lowerIsWorse ? 'dropping as low as' : 'peaking at'} ${spec.format(result.peak)}`;
  if (result.critical.intervals.length === 0) {
    return `${subject} ${spec.verb(spec.over(warnLimit))} ${durationPhrase(result.warn.intervals, context.origin)}${worst}.`;
  }
  const criticalTotal = totalDuration(result.critical.intervals);
  const warnTotal = totalDuration(result.warn.intervals);
  // Worth saying only when the milder level clearly lasted longer (whole seconds differ).
  const wider =
    Math.round(warnTotal / 1000) > Math.round(criticalTotal / 1000)
      ? `, and ${spec.over(warnLimit)} for ${formatDurationWords(warnTotal)} in all`
      : '';
  return `${subject} ${spec.verb(spec.over(criticalLimit))} ${durationPhrase(result.critical.intervals, context.origin)}${wider}${worst}.`;
}

function thresholdFinding(context: DiagnosisContext, spec: ThresholdRuleSpec, stream: QualityStream): Finding | null {
  const result = evaluateThreshold(context, spec, stream);
  if (result.warn.intervals.length === 0) return null;
  const severity: FindingSeverity = result.critical.intervals.length > 0 ? 'critical' : 'warning';
  return {
    id: findingId(spec.id, stream.id),
    rule: spec.id,
    severity,
    title: spec.findingTitle(stream),
    sentence: thresholdSentence(context, spec, stream, result),
    streamId: stream.id,
    remotePeerId: stream.remotePeerId,
    metric: spec.metric,
    intervals: result.warn.intervals,
    source: spec.threshold.source,
  };
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** Worst first: severity, then how long it held. */
function worseFinding(a: Finding, b: Finding): Finding {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity < 0 ? a : b;
  return totalDuration(b.intervals) > totalDuration(a.intervals) ? b : a;
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
      const findings: Finding[] = [];
      for (const stream of context.report.streams) {
        if (!spec.applies(stream)) continue;
        const finding = thresholdFinding(context, spec, stream);
        if (finding) findings.push(finding);
      }
      if (!spec.perDirection) return findings;
      const worst = new Map<string, Finding>();
      for (const finding of findings) {
        const direction = context.report.streams.find((s) => s.id === finding.streamId)?.direction ?? 'send';
        const kept = worst.get(direction);
        worst.set(direction, kept ? worseFinding(kept, finding) : finding);
      }
      return [...worst.values()];
    },
  };
}

export const PACKET_LOSS: ThresholdRuleSpec = {
  id: 'packet-loss',
  title: 'Packet loss',
  findingTitle: (stream) => `Packet loss on ${streamName(stream)}`,
  metric: 'lossPercent',
  threshold: THRESHOLDS.lossPercent,
  applies: () => true,
  value: (sample) => sample.lossPercent,
  over: (limit) => `more than ${formatPercent(limit)}`,
  verb: (over) => `lost ${over} of packets`,
  format: formatPercent,
};

export const JITTER: ThresholdRuleSpec = {
  id: 'jitter',
  title: 'High jitter',
  findingTitle: (stream) => `High jitter on ${streamName(stream)}`,
  metric: 'jitterMs',
  threshold: THRESHOLDS.jitterMs,
  applies: () => true,
  value: (sample) => sample.jitterMs,
  over: (limit) => `over ${formatMs(limit)}`,
  verb: (over) => `had jitter ${over}`,
  format: formatMs,
};

export const ROUND_TRIP_TIME: ThresholdRuleSpec = {
  id: 'round-trip-time',
  title: 'High round-trip time',
  findingTitle: (stream) => `High round-trip time on ${streamName(stream)}`,
  metric: 'rttMs',
  threshold: THRESHOLDS.rttMs,
  applies: () => true,
  value: (sample) => sample.rttMs,
  over: (limit) => `over ${formatMs(limit)}`,
  verb: (over) => `had a round-trip time to the media server ${over}`,
  format: formatMs,
  perDirection: true,
};

export const LOW_MOS: ThresholdRuleSpec = {
  id: 'low-mos',
  title: 'Low audio quality (MOS)',
  findingTitle: (stream) => `Low audio quality on ${streamName(stream)}`,
  metric: 'mos',
  threshold: THRESHOLDS.mos,
  // MOS here is an audio estimate; video MOS is a different scale and has its own rules (fps, resolution).
  applies: isAudio,
  value: (sample) => sample.mos,
  over: (limit) => `below ${formatNumber(limit)}`,
  verb: (over) => `had an estimated quality (MOS) ${over}`,
  format: formatMos,
};

export const LOW_FRAME_RATE: ThresholdRuleSpec = {
  id: 'low-frame-rate',
  title: 'Low video frame rate',
  findingTitle: (stream) => `Low frame rate on ${streamName(stream)}`,
  metric: 'fps',
  threshold: THRESHOLDS.fps,
  // Screen content is often sent at a few frames per second on purpose; only camera video is judged.
  applies: (stream) => stream.kind === 'video',
  value: (sample) => sample.fps,
  over: (limit) => `under ${formatFps(limit)}`,
  verb: (over) => `ran at ${over}`,
  format: formatFps,
};

export const THRESHOLD_SPECS: readonly ThresholdRuleSpec[] = [PACKET_LOSS, JITTER, ROUND_TRIP_TIME, LOW_MOS, LOW_FRAME_RATE];

// ---------------------------------------------------------------------------------------
// Resolution.

/** Under 360p is poor resolution in the video `issues` block (see the demo's VIDEO_ISSUE_RULES). */
export const POOR_HEIGHT_PX = 360;

const RESOLUTION_SOURCE =
  'Poor resolution under 360p, as the video issues block counts it; or under half the stream\'s own median height';

/** Frame height, with 0 read as "no frame to measure" rather than a 0-pixel picture. */
const heightOf = (sample: QualitySample): number | null => (sample.height !== null && sample.height > 0 ? sample.height : null);

function medianHeight(stream: QualityStream, inactive: Uint8Array): number | null {
  const heights = new Float64Array(stream.samples.length);
  let count = 0;
  stream.samples.forEach((sample, i) => {
    const height = heightOf(sample);
    if (height !== null && inactive[i] !== 1) heights[count++] = height;
  });
  if (count === 0) return null;
  return heights.subarray(0, count).sort()[Math.floor(count / 2)] ?? null;
}

const LOW_RESOLUTION_ID = 'low-resolution';

export const LOW_RESOLUTION: DiagnosisRule = {
  id: LOW_RESOLUTION_ID,
  title: 'Low video resolution',
  threshold: `warning: frame height < ${POOR_HEIGHT_PX}p, or < half the stream's median`,
  sustain: SUSTAIN_TEXT,
  severities: ['warning'],
  source: RESOLUTION_SOURCE,
  run(context) {
    const findings: Finding[] = [];
    for (const stream of context.report.streams) {
      // A shared window's size is whatever the window is; only camera video has a resolution to lose.
      if (stream.kind !== 'video') continue;
      const activity = context.activity(stream);
      const median = medianHeight(stream, activity.inactive);
      if (median === null) continue;
      const limit = Math.max(POOR_HEIGHT_PX, median / 2);
      const result = sustainedIntervals({
        samples: stream.samples,
        value: heightOf,
        qualifies: (height) => height < limit,
        window: SUSTAINED,
        excluded: (i) => activity.inactive[i] === 1,
        intervalMs: activity.intervalMs,
      });
      if (result.intervals.length === 0) continue;
      let lowest = Number.POSITIVE_INFINITY;
      for (const index of result.hits) lowest = Math.min(lowest, heightOf(stream.samples[index] as QualitySample) ?? lowest);
      const why = limit > POOR_HEIGHT_PX ? ` (half its usual ${formatHeight(median)})` : '';
      findings.push({
        id: findingId(LOW_RESOLUTION_ID, stream.id),
        rule: LOW_RESOLUTION_ID,
        severity: 'warning',
        title: `Low resolution on ${streamName(stream)}`,
        sentence: `${capitalize(streamName(stream))} was below ${formatHeight(limit)}${why} ${durationPhrase(result.intervals, context.origin)}, as low as ${formatHeight(lowest)}.`,
        streamId: stream.id,
        remotePeerId: stream.remotePeerId,
        metric: 'height',
        intervals: result.intervals,
        source: RESOLUTION_SOURCE,
      });
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------------------
// Encoder limited by CPU or bandwidth.

const LIMITATION_SOURCE = 'WebRTC qualityLimitationReason (W3C webrtc-stats), sustained';

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
      const findings: Finding[] = [];
      for (const stream of context.report.streams) {
        if (stream.direction !== 'send' || !isVideo(stream)) continue;
        const activity = context.activity(stream);
        const result = sustainedIntervals({
          samples: stream.samples,
          value: (sample) =>
            sample.qualityLimitationReason === null ? null : sample.qualityLimitationReason.toLowerCase() === reason ? 1 : 0,
          qualifies: (value) => value === 1,
          window: SUSTAINED,
          excluded: (i) => activity.inactive[i] === 1,
          intervalMs: activity.intervalMs,
        });
        if (result.intervals.length === 0) continue;
        let lowestFps: number | null = null;
        for (const index of result.hits) {
          const fps = stream.samples[index]?.fps ?? null;
          if (fps !== null && fps > 0 && (lowestFps === null || fps < lowestFps)) lowestFps = fps;
        }
        const duration = totalDuration(result.intervals);
        const call = context.callDurationMs;
        const share = call ? ` (${formatShare(duration, call)} of the call)` : '';
        const down = lowestFps === null ? '' : `, down to ${formatFps(lowestFps)}`;
        findings.push({
          id: findingId(id, stream.id),
          rule: id,
          severity: 'warning',
          title: `${capitalize(streamName(stream))} limited by ${cause}`,
          sentence: `${capitalize(streamName(stream))} was limited by ${cause} ${durationPhrase(result.intervals, context.origin, share)}: ${effect}${down}.`,
          streamId: stream.id,
          remotePeerId: null,
          metric: 'fps',
          intervals: result.intervals,
          source: LIMITATION_SOURCE,
        });
      }
      return findings;
    },
  };
}

export const CPU_LIMITED = limitationRule('cpu');
export const BANDWIDTH_LIMITED = limitationRule('bandwidth');

// ---------------------------------------------------------------------------------------
// A stream switched on that carried nothing.

/** Under this nothing but RTCP flows: the stream is sending no media at all. */
export const NO_MEDIA_KBPS = 0.5;
const NO_MEDIA_WINDOW: SustainWindow = { k: 3, n: 3 };
const NO_MEDIA_SOURCE = 'Peerscope: bitrate near 0 for 3 samples in a row while the timeline shows the media switched on';

const NO_MEDIA_ID = 'no-media-sent';

export const NO_MEDIA_SENT: DiagnosisRule = {
  id: NO_MEDIA_ID,
  title: 'Nothing sent while switched on',
  threshold: `warning: bitrate < ${NO_MEDIA_KBPS} kbps while not muted or camera-off`,
  sustain: '3 samples in a row',
  severities: ['warning'],
  source: NO_MEDIA_SOURCE,
  run(context) {
    const findings: Finding[] = [];
    for (const stream of context.report.streams) {
      if (stream.direction !== 'send') continue;
      const activity = context.activity(stream);
      const knownOn = activity.knownOn;
      // Without on/off events a silent stream may simply be muted: say nothing rather than guess.
      if (!knownOn) continue;
      const result = sustainedIntervals({
        samples: stream.samples,
        value: (sample) => sample.bitrateKbps,
        qualifies: (kbps) => kbps < NO_MEDIA_KBPS,
        window: NO_MEDIA_WINDOW,
        excluded: (i) => knownOn[i] !== 1,
        intervalMs: activity.intervalMs,
      });
      if (result.intervals.length === 0) continue;
      const switchedOn =
        stream.kind === 'audio' ? 'the microphone was on' : stream.kind === 'video' ? 'the camera was on' : 'the screen share was running';
      const hint =
        stream.kind === 'audio' || stream.kind === 'screenshare_audio'
          ? 'check the selected microphone, its permission and any hardware mute switch'
          : 'check the selected camera, its permission and whether another app holds it';
      findings.push({
        id: findingId(NO_MEDIA_ID, stream.id),
        rule: NO_MEDIA_ID,
        severity: 'warning',
        title: `${capitalize(streamName(stream))} carried no media`,
        sentence: `${capitalize(streamName(stream))} carried almost nothing (under ${formatKbps(NO_MEDIA_KBPS)}) while ${switchedOn} ${durationPhrase(result.intervals, context.origin)}: ${hint}.`,
        streamId: stream.id,
        remotePeerId: null,
        metric: 'bitrateKbps',
        intervals: result.intervals,
        source: NO_MEDIA_SOURCE,
      });
    }
    return findings;
  },
};

export const QUALITY_RULES: readonly DiagnosisRule[] = [
  ...THRESHOLD_SPECS.map(thresholdRule),
  LOW_RESOLUTION,
  CPU_LIMITED,
  BANDWIDTH_LIMITED,
  NO_MEDIA_SENT,
];
