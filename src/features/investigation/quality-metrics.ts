import type { FindingMetric, MediaKind, QualitySample } from '../../report/model.ts';
import { THRESHOLDS, type Threshold } from '../../report/thresholds.ts';

export type ChartMetric = FindingMetric;

export interface MetricSpec {
  key: ChartMetric;
  label: string;
  unit: string;
  /** Which media kinds have this metric. */
  kinds: readonly MediaKind[];
  threshold: Threshold | null;
  /** Fixed y domain when the scale is known (MOS is 1..5). */
  domain: [number, number] | null;
  digits: number;
}

const ALL: readonly MediaKind[] = ['audio', 'video', 'screenshare_audio', 'screenshare_video'];
const VIDEO: readonly MediaKind[] = ['video', 'screenshare_video'];
const AUDIO: readonly MediaKind[] = ['audio', 'screenshare_audio'];

export const METRICS: readonly MetricSpec[] = [
  { key: 'bitrateKbps', label: 'Bitrate', unit: 'kbps', kinds: ALL, threshold: null, domain: null, digits: 0 },
  { key: 'lossPercent', label: 'Packet loss', unit: '%', kinds: ALL, threshold: THRESHOLDS.lossPercent, domain: null, digits: 1 },
  { key: 'jitterMs', label: 'Jitter', unit: 'ms', kinds: ALL, threshold: THRESHOLDS.jitterMs, domain: null, digits: 0 },
  { key: 'rttMs', label: 'Round-trip time', unit: 'ms', kinds: ALL, threshold: THRESHOLDS.rttMs, domain: null, digits: 0 },
  { key: 'mos', label: 'MOS', unit: '', kinds: AUDIO, threshold: THRESHOLDS.mos, domain: [1, 5], digits: 2 },
  { key: 'fps', label: 'Frame rate', unit: 'fps', kinds: VIDEO, threshold: THRESHOLDS.fps, domain: null, digits: 0 },
  { key: 'height', label: 'Resolution (height)', unit: 'px', kinds: VIDEO, threshold: null, domain: null, digits: 0 },
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
};

export function metricReader(metric: ChartMetric): MetricReader {
  return READERS[metric];
}

export function formatMetricValue(value: number, spec: Pick<MetricSpec, 'unit' | 'digits'>): string {
  const text = value.toFixed(spec.digits);
  return spec.unit === '' ? text : spec.unit === '%' ? `${text} %` : `${text} ${spec.unit}`;
}
