// The `<array>_cumulative` summaries: the report's own averages and percentiles over the
// whole call. Unlike the samples, their rtt and jitter-buffer averages are MILLISECONDS, and
// their `*_event_fraction` values are 0..1 shares of samples at or above a threshold.

import type { Percentiles, StreamSummary, ThresholdShare } from '../model.ts';
import { isRecord, type JsonObject } from '../../lib/json-value.ts';
import { joinPath, type Reader } from '../read-json.ts';
import type { QualityArraySpec } from './quality-arrays.ts';

function readPercentiles(reader: Reader, block: JsonObject, keys: readonly string[], base: string): Percentiles | null {
  const key = reader.firstKey(block, keys);
  if (key === null) return null;
  const obj = reader.object(block, key, base);
  if (!obj) return null;
  const path = joinPath(base, key);
  const percentiles: Percentiles = {
    avg: reader.number(obj, 'avg', path),
    p50: reader.number(obj, 'p50', path),
    p75: reader.number(obj, 'p75', path),
    p90: reader.number(obj, 'p90', path),
  };
  return Object.values(percentiles).some((value) => value !== null) ? percentiles : null;
}

function readFraction(reader: Reader, obj: JsonObject, key: string, base: string): number | null {
  const value = reader.number(obj, key, base);
  if (value === null) return null;
  if (value > 1) {
    reader.warn(joinPath(base, key), `fraction ${value} is outside 0..1; ignored`);
    return null;
  }
  return value;
}

const SHARE_KEY = /^(\d+(?:\.\d+)?)(?:ms)?_or_greater_event_fraction$/;

interface AverageAndShares {
  avg: number | null;
  shares: ThresholdShare[];
}

/**
 * Loss blocks (`5_or_greater_event_fraction`: percent thresholds) and latency blocks
 * (`100ms_or_greater_event_fraction`: ms thresholds). Their `avg` is already in display
 * units (percent, MILLISECONDS), unlike the per-sample seconds.
 */
function readThresholdBlock(reader: Reader, block: JsonObject, key: string, base: string, maxAvg: number): AverageAndShares {
  const obj = reader.object(block, key, base);
  if (!obj) return { avg: null, shares: [] };
  const path = joinPath(base, key);
  let avg = reader.number(obj, 'avg', path);
  if (avg !== null && avg > maxAvg) {
    reader.warn(joinPath(path, 'avg'), `average ${avg} is out of range; ignored`);
    avg = null;
  }
  const shares: ThresholdShare[] = [];
  for (const shareKey of Object.keys(obj)) {
    const match = SHARE_KEY.exec(shareKey);
    if (!match) continue;
    const fraction = readFraction(reader, obj, shareKey, path);
    if (fraction !== null) shares.push({ threshold: Number(match[1]), fraction });
  }
  shares.sort((a, b) => a.threshold - b.threshold);
  return { avg, shares };
}

function readIssues(reader: Reader, block: JsonObject, base: string): Record<string, number> {
  const issues: Record<string, number> = {};
  const obj = reader.object(block, 'issues', base);
  if (!obj) return issues;
  const path = joinPath(base, 'issues');
  for (const key of Object.keys(obj)) {
    const fraction = readFraction(reader, obj, key, path);
    if (fraction !== null) issues[key.replace(/_fraction$/, '')] = fraction;
  }
  return issues;
}

/** True if any number sits in the block (at most two levels down): `{}` and `{rtt: {}}` are empty. */
export function hasNumbers(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (!isRecord(value) || depth > 2) return false;
  return Object.values(value).some((child) => hasNumbers(child, depth + 1));
}

const MS_CEILING = 3_600_000;

export function readSummary(reader: Reader, block: JsonObject, spec: QualityArraySpec, base: string): StreamSummary {
  const loss = readThresholdBlock(reader, block, 'packet_loss', base, 100);
  const rtt = readThresholdBlock(reader, block, 'rtt', base, MS_CEILING);
  const jitterBuffer = readThresholdBlock(reader, block, 'jitter_buffer_delay', base, MS_CEILING);
  return {
    source: spec.name,
    kind: spec.kind,
    direction: spec.direction,
    mos: readPercentiles(reader, block, ['quality_mos'], base),
    fps: readPercentiles(reader, block, ['frame_per_second', 'frames_per_second'], base),
    width: readPercentiles(reader, block, ['frame_width'], base),
    lossAvgPercent: loss.avg,
    lossShares: loss.shares,
    rttAvgMs: rtt.avg,
    rttShares: rtt.shares,
    jitterBufferDelayAvgMs: jitterBuffer.avg,
    jitterBufferDelayShares: jitterBuffer.shares,
    issues: readIssues(reader, block, base),
    highNegativeFeedbackFraction: readFraction(reader, block, 'high_negative_feedback_fraction', base),
    keyFramesEncodedFraction: readFraction(reader, block, 'key_frames_encoded_fraction', base),
    keyFramesDecodedFraction: readFraction(reader, block, 'key_frames_decoded_fraction', base),
  };
}
