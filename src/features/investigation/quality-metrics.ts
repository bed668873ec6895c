import { formatBitrate, formatCount, formatFps, formatHeight, formatMos, formatMs, formatPercent } from '../../lib/format.ts';
import type { Direction, MediaKind, QualitySample, SampleMetric } from '../../report/model.ts';
import { THRESHOLDS, type Threshold } from '../../report/thresholds.ts';

export type ChartMetric = SampleMetric;

export interface MetricSpec {
  key: ChartMetric;
  label: string;
  unit: string;
  /** Which media kinds have this metric. */
  kinds: readonly MediaKind[];
  /**
   * Which directions' samples carry it in the published schema: a consumer sample has no
   * round-trip time, a producer sample no jitter buffer, concealment or dropped frames. Where
   * it is carried and absent, the panel says it was not in the report.
   */
  reported: readonly Direction[];
  threshold: Threshold | null;
  /** Fixed y domain when the scale is known (MOS is 1..5). */
  domain: [number, number] | null;
  /** A value as the findings and tooltips write it, unit included. */
  format: (value: number) => string;
}

const ALL: readonly MediaKind[] = ['audio', 'video', 'screenshare_audio', 'screenshare_video'];
const VIDEO: readonly MediaKind[] = ['video', 'screenshare_video'];
const AUDIO: readonly MediaKind[] = ['audio', 'screenshare_audio'];
const BOTH: readonly Direction[] = ['send', 'receive'];
const SENT: readonly Direction[] = ['send'];
const RECEIVED: readonly Direction[] = ['receive'];

export const METRICS: readonly MetricSpec[] = [
  { key: 'bitrateKbps', label: 'Bitrate', unit: 'kbps', kinds: ALL, reported: BOTH, threshold: null, domain: null, format: formatBitrate },
  { key: 'lossPercent', label: 'Packet loss', unit: '%', kinds: ALL, reported: BOTH, threshold: THRESHOLDS.lossPercent, domain: null, format: formatPercent },
  { key: 'jitterMs', label: 'Jitter', unit: 'ms', kinds: ALL, reported: BOTH, threshold: THRESHOLDS.jitterMs, domain: null, format: formatMs },
  { key: 'rttMs', label: 'Round-trip time', unit: 'ms', kinds: ALL, reported: SENT, threshold: THRESHOLDS.rttMs, domain: null, format: formatMs },
  { key: 'mos', label: 'MOS', unit: '', kinds: AUDIO, reported: BOTH, threshold: THRESHOLDS.mos, domain: [1, 5], format: formatMos },
  { key: 'fps', label: 'Frame rate', unit: 'fps', kinds: VIDEO, reported: BOTH, threshold: THRESHOLDS.fps, domain: null, format: formatFps },
  { key: 'height', label: 'Resolution (height)', unit: 'px', kinds: VIDEO, reported: BOTH, threshold: null, domain: null, format: formatHeight },
  // What a listener hears: how long received audio waited in the jitter buffer, and how
  // often the receiver had to make audio up for packets that came too late or never.
  { key: 'jitterBufferDelayMs', label: 'Jitter buffer delay', unit: 'ms', kinds: AUDIO, reported: RECEIVED, threshold: null, domain: null, format: formatMs },
  {
    key: 'concealmentEvents',
    label: 'Concealment events',
    unit: 'per sample',
    kinds: AUDIO,
    reported: RECEIVED,
    threshold: null,
    domain: null,
    format: (value) => `${formatCount(value)} per sample`,
  },
  {
    key: 'framesDropped',
    label: 'Frames dropped',
    unit: 'per sample',
    kinds: VIDEO,
    reported: RECEIVED,
    threshold: null,
    domain: null,
    format: (value) => `${formatCount(value)} per sample`,
  },
];

type MetricReader = (sample: QualitySample) => number | null;

/**
 * One reader per metric, each reading its field by a fixed name. Drawing a long call reads a
 * metric from ~100 000 samples; `sample[metric]` with the name in a variable makes every read
 * a slow, general property lookup.
 */
const READERS: { readonly [K in ChartMetric]: MetricReader } = {
  bitrateKbps: (sample) => sample.bitrateKbps,
  lossPercent: (sample) => sample.lossPercent,
  jitterMs: (sample) => sample.jitterMs,
  rttMs: (sample) => sample.rttMs,
  mos: (sample) => sample.mos,
  fps: (sample) => sample.fps,
  height: (sample) => sample.height,
  jitterBufferDelayMs: (sample) => sample.jitterBufferDelayMs,
  concealmentEvents: (sample) => sample.concealmentEvents,
  framesDropped: (sample) => sample.framesDropped,
};

export function metricReader(metric: ChartMetric): MetricReader {
  return READERS[metric];
}
