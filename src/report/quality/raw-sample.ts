// One quality sample read from the report into plain numbers, units as sent (rtt and jitter
// in SECONDS, counters per interval). Two readers, one per response shape: the current
// shape's fixed field names, read fast; the legacy shape's varying names, read tolerantly.
// A value of the wrong kind becomes null plus a warning, never an exception.

import { isRecord, type JsonObject } from '../../lib/json-value.ts';
import { describeValue, joinPath, type Reader } from '../read-json.ts';
import { parseTimestamp } from '../units.ts';

/** Which raw keys feed each sample field; the first key present wins. */
interface SampleKeys {
  time: readonly string[];
  peer: readonly string[];
  bytes: readonly string[];
  packets: readonly string[];
  lost: readonly string[];
  /** Seconds. */
  jitter: readonly string[];
  /** Seconds. */
  rtt: readonly string[];
  jitterBufferDelay: readonly string[];
  jitterBufferEmitted: readonly string[];
  concealment: readonly string[];
  mos: readonly string[];
  fps: readonly string[];
  width: readonly string[];
  height: readonly string[];
  framesDropped: readonly string[];
  limitation: readonly string[];
  /** Legacy only: a bitrate already computed, in kbps. */
  bitrateKbps: readonly string[];
  /** Legacy only: loss already as a percentage. */
  lossPercent: readonly string[];
}

// Legacy Dyte sample fields are undocumented; accept the current names plus the short
// ones older SDKs and the demo generator use.
const LEGACY_KEYS: SampleKeys = {
  time: ['timestamp', 'ts', 'time'],
  peer: ['peer_id', 'peerId'],
  bytes: ['bytes_sent', 'bytes_received', 'bytes'],
  packets: ['packets_sent', 'packets_received', 'packets'],
  lost: ['packets_lost', 'packetsLost', 'lost'],
  jitter: ['jitter'],
  rtt: ['rtt'],
  jitterBufferDelay: ['jitter_buffer_delay'],
  jitterBufferEmitted: ['jitter_buffer_emitted_count'],
  concealment: ['concealment_events'],
  mos: ['mos_quality', 'mos'],
  fps: ['frames_per_second', 'fps', 'frame_rate'],
  width: ['frame_width', 'width'],
  height: ['frame_height', 'height'],
  framesDropped: ['frames_dropped'],
  limitation: ['quality_limitation_reason'],
  bitrateKbps: ['bitrate_kbps', 'bitrate'],
  lossPercent: ['packet_loss_percent', 'loss_percent', 'packet_loss'],
};

/** One sample's fields as sent, before any unit conversion; `index` is its place in the array. */
export interface RawSample {
  index: number;
  at: number;
  peerId: string | null;
  bytes: number | null;
  packets: number | null;
  lost: number | null;
  jitterS: number | null;
  rttS: number | null;
  jbDelay: number | null;
  jbEmitted: number | null;
  concealment: number | null;
  mos: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  framesDropped: number | null;
  limitation: string | null;
  bitrateKbps: number | null;
  lossPercent: number | null;
}

/**
 * A sample number: the first of `keys` that has a value. The usual case, a non-negative finite
 * number, is read inline; anything else goes through the Reader, which warns. An 8-hour call
 * has over 100 000 samples of ~15 fields, so this is the hottest loop of normalization, and
 * the sample's JSON path is built only when there is something to warn about.
 */
function sampleNumber(reader: Reader, raw: JsonObject, keys: readonly string[], path: string, index: number): number | null {
  for (let k = 0; k < keys.length; k += 1) {
    const key = keys[k] as string;
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value;
    return reader.number(raw, key, joinPath(path, index));
  }
  return null;
}

function sampleString(reader: Reader, raw: JsonObject, keys: readonly string[], path: string, index: number): string | null {
  for (let k = 0; k < keys.length; k += 1) {
    const key = keys[k] as string;
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && hasText(value)) return value;
    return reader.string(raw, key, joinPath(path, index));
  }
  return null;
}

/**
 * A legacy Dyte sample (`quality_stats.audio_stats[]`, `video_stats[]`), whose field names
 * varied between SDK versions: the first of each field's known names that has a value.
 */
export function readLegacySample(reader: Reader, raw: unknown, index: number, path: string): RawSample | null {
  const keys = LEGACY_KEYS;
  if (!isRecord(raw)) {
    reader.warn(joinPath(path, index), 'expected a sample object; skipped');
    return null;
  }
  let time: unknown;
  let timeKey: string | null = null;
  for (const key of keys.time) {
    time = raw[key];
    if (time !== undefined && time !== null) {
      timeKey = key;
      break;
    }
  }
  if (timeKey === null) {
    reader.warn(joinPath(path, index), 'sample without a time; skipped');
    return null;
  }
  const at = typeof time === 'string' ? parseTimestamp(time) : reader.timestamp(raw, timeKey, joinPath(path, index));
  if (at === null) {
    // What Reader.timestamp says about an unreadable time, for the string case read inline above.
    if (typeof time === 'string') reader.warn(joinPath(joinPath(path, index), timeKey), `unreadable time ${describeValue(time)}`);
    return null;
  }
  return {
    index,
    at,
    peerId: keys.peer.length === 0 ? null : sampleString(reader, raw, keys.peer, path, index),
    bytes: sampleNumber(reader, raw, keys.bytes, path, index),
    packets: sampleNumber(reader, raw, keys.packets, path, index),
    lost: sampleNumber(reader, raw, keys.lost, path, index),
    jitterS: sampleNumber(reader, raw, keys.jitter, path, index),
    rttS: sampleNumber(reader, raw, keys.rtt, path, index),
    jbDelay: sampleNumber(reader, raw, keys.jitterBufferDelay, path, index),
    jbEmitted: sampleNumber(reader, raw, keys.jitterBufferEmitted, path, index),
    concealment: sampleNumber(reader, raw, keys.concealment, path, index),
    mos: sampleNumber(reader, raw, keys.mos, path, index),
    fps: sampleNumber(reader, raw, keys.fps, path, index),
    width: sampleNumber(reader, raw, keys.width, path, index),
    height: sampleNumber(reader, raw, keys.height, path, index),
    framesDropped: sampleNumber(reader, raw, keys.framesDropped, path, index),
    limitation: sampleString(reader, raw, keys.limitation, path, index),
    bitrateKbps: sampleNumber(reader, raw, keys.bitrateKbps, path, index),
    lossPercent: sampleNumber(reader, raw, keys.lossPercent, path, index),
  };
}

/**
 * Same as `text.trim() !== ''`. Peer ids and limitation reasons start with a visible ASCII
 * character, which settles it without trim's scan and copy.
 */
export function hasText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 32 && first < 127) || text.trim() !== '';
}

/** A field of a current-shape sample: the usual non-negative finite number inline, anything else through the Reader. */
function currentNumber(reader: Reader, raw: JsonObject, value: unknown, key: string, path: string, index: number): number | null {
  if (typeof value === 'number' && value >= 0 && value < Number.POSITIVE_INFINITY) return value;
  if (value === undefined || value === null) return null;
  return reader.number(raw, key, joinPath(path, index));
}

/** A text field of a current-shape sample: the usual non-empty string inline, anything else through the Reader. */
function currentString(reader: Reader, raw: JsonObject, value: unknown, key: string, path: string, index: number): string | null {
  if (typeof value === 'string' && hasText(value)) return value;
  if (value === undefined || value === null) return null;
  return reader.string(raw, key, joinPath(path, index));
}

/**
 * A current-shape sample, each field read by its own name at a place of its own. One generic
 * `raw[key]` for every field (as readLegacySample does) makes the engine's property lookup
 * megamorphic (a slow general search per read); a fixed name per place stays fast, and an
 * 8-hour call has over 100 000 samples.
 */
export function readCurrentSample(reader: Reader, raw: unknown, index: number, path: string): RawSample | null {
  if (!isRecord(raw)) {
    reader.warn(joinPath(path, index), 'expected a sample object; skipped');
    return null;
  }
  const time = raw['timestamp'];
  if (time === undefined || time === null) {
    reader.warn(joinPath(path, index), 'sample without a time; skipped');
    return null;
  }
  const at = typeof time === 'string' ? parseTimestamp(time) : reader.timestamp(raw, 'timestamp', joinPath(path, index));
  if (at === null) {
    if (typeof time === 'string') reader.warn(joinPath(joinPath(path, index), 'timestamp'), `unreadable time ${describeValue(time)}`);
    return null;
  }
  const bytesSent = raw['bytes_sent'];
  const packetsSent = raw['packets_sent'];
  const bytesKey = bytesSent !== undefined && bytesSent !== null ? 'bytes_sent' : 'bytes_received';
  const packetsKey = packetsSent !== undefined && packetsSent !== null ? 'packets_sent' : 'packets_received';
  return {
    index,
    at,
    peerId: currentString(reader, raw, raw['peer_id'], 'peer_id', path, index),
    bytes: currentNumber(reader, raw, bytesSent ?? raw['bytes_received'], bytesKey, path, index),
    packets: currentNumber(reader, raw, packetsSent ?? raw['packets_received'], packetsKey, path, index),
    lost: currentNumber(reader, raw, raw['packets_lost'], 'packets_lost', path, index),
    jitterS: currentNumber(reader, raw, raw['jitter'], 'jitter', path, index),
    rttS: currentNumber(reader, raw, raw['rtt'], 'rtt', path, index),
    jbDelay: currentNumber(reader, raw, raw['jitter_buffer_delay'], 'jitter_buffer_delay', path, index),
    jbEmitted: currentNumber(reader, raw, raw['jitter_buffer_emitted_count'], 'jitter_buffer_emitted_count', path, index),
    concealment: currentNumber(reader, raw, raw['concealment_events'], 'concealment_events', path, index),
    mos: currentNumber(reader, raw, raw['mos_quality'], 'mos_quality', path, index),
    fps: currentNumber(reader, raw, raw['frames_per_second'], 'frames_per_second', path, index),
    width: currentNumber(reader, raw, raw['frame_width'], 'frame_width', path, index),
    height: currentNumber(reader, raw, raw['frame_height'], 'frame_height', path, index),
    framesDropped: currentNumber(reader, raw, raw['frames_dropped'], 'frames_dropped', path, index),
    limitation: currentString(reader, raw, raw['quality_limitation_reason'], 'quality_limitation_reason', path, index),
    bitrateKbps: null,
    lossPercent: null,
  };
}
