// Quality samples and their cumulative summaries. Traps handled here: per-sample rtt and
// jitter are SECONDS while the cumulative rtt and jitter-buffer averages are MILLISECONDS;
// counters are per-interval deltas or running totals (detected per stream); bitrate needs
// the interval since the previous sample of the same stream.

import { differenceRunningTotal, looksLikeRunningTotal } from './counters.ts';
import type {
  Direction,
  MediaKind,
  Percentiles,
  QualitySample,
  QualityStream,
  StreamSummary,
  ThresholdShare,
} from './model.ts';
import type { ArrayListener, JsonPath } from '../api/json-stream.ts';
import { describeValue, isObject, joinPath, Reader, type JsonObject } from './read-json.ts';
import { GAP_FACTOR } from './time-series.ts';
import {
  DEFAULT_SAMPLE_INTERVAL_MS,
  lossPercent,
  median,
  parseTimestamp,
  percentOrNull,
  secondsToMs,
  toBitrateKbps,
} from './units.ts';

interface ArraySpec {
  name: string;
  kind: MediaKind;
  direction: Direction;
}

export const QUALITY_ARRAYS: readonly ArraySpec[] = [
  { name: 'audio_producer', kind: 'audio', direction: 'send' },
  { name: 'audio_consumer', kind: 'audio', direction: 'receive' },
  { name: 'video_producer', kind: 'video', direction: 'send' },
  { name: 'video_consumer', kind: 'video', direction: 'receive' },
  { name: 'screenshare_audio_producer', kind: 'screenshare_audio', direction: 'send' },
  { name: 'screenshare_audio_consumer', kind: 'screenshare_audio', direction: 'receive' },
  { name: 'screenshare_video_producer', kind: 'screenshare_video', direction: 'send' },
  { name: 'screenshare_video_consumer', kind: 'screenshare_video', direction: 'receive' },
];

const KNOWN_QUALITY_KEYS = new Set(QUALITY_ARRAYS.flatMap(({ name }) => [name, `${name}_cumulative`]));

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

const CURRENT_KEYS: SampleKeys = {
  time: ['timestamp'],
  peer: ['peer_id'],
  bytes: ['bytes_sent', 'bytes_received'],
  packets: ['packets_sent', 'packets_received'],
  lost: ['packets_lost'],
  jitter: ['jitter'],
  rtt: ['rtt'],
  jitterBufferDelay: ['jitter_buffer_delay'],
  jitterBufferEmitted: ['jitter_buffer_emitted_count'],
  concealment: ['concealment_events'],
  mos: ['mos_quality'],
  fps: ['frames_per_second'],
  width: ['frame_width'],
  height: ['frame_height'],
  framesDropped: ['frames_dropped'],
  limitation: ['quality_limitation_reason'],
  bitrateKbps: [],
  lossPercent: [],
};

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

interface RawSample {
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

function readSample(reader: Reader, raw: unknown, index: number, path: string, keys: SampleKeys): RawSample | null {
  if (!isObject(raw)) {
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
 * readSample for the current shape (CURRENT_KEYS), with each field read by its own name at a
 * place of its own. One generic `raw[key]` for every field makes the engine's property lookup
 * megamorphic (a slow general search per read); a fixed name per place stays fast. Same
 * values and warnings as readSample(…, CURRENT_KEYS).
 */
function readCurrentSample(reader: Reader, raw: unknown, index: number, path: string): RawSample | null {
  if (!isObject(raw)) {
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

/**
 * Samples read while the body was still arriving, by the array they came from, with the
 * warnings they raised under a placeholder path. streamsFromArray takes them (once) instead
 * of reading the array again, so an 8-hour report's ~110 000 samples are read before its
 * last byte rather than after it.
 */
interface PreRead {
  samples: (RawSample | null)[];
  warnings: { path: string; message: string }[];
  reader: Reader;
  broken: boolean;
  /** Built when the array ended before the body did. */
  streams: QualityStream[] | null;
}

const preRead = new WeakMap<readonly unknown[], PreRead>();
/** Stands for the array's path in early warnings; replaced by the real one when they are replayed. */
const PRE_READ_PATH = '\u0001';

class RecordingReader extends Reader {
  constructor(private readonly into: { path: string; message: string }[]) {
    super();
  }

  override warn(path: string, message: string): void {
    this.into.push({ path, message });
  }
}

function sampleArraySpec(path: JsonPath): ArraySpec | undefined {
  const name = path[path.length - 1];
  if (path[path.length - 2] !== 'quality' || typeof name !== 'string') return undefined;
  return QUALITY_ARRAYS.find((spec) => spec.name === name);
}

/**
 * JsonStreamReader listeners for the current shape's `quality.<array>` sample arrays: each
 * sample is read as it arrives, and an array's streams are built as soon as it ends, while
 * the arrays after it are still downloading.
 */
export const preReadSamples: ArrayListener = {
  items: (path, items, array) => {
    if (sampleArraySpec(path)) readEarly(items, array);
  },
  end: (path, array) => {
    const spec = sampleArraySpec(path);
    const entry = preRead.get(array);
    if (!spec || !entry || entry.broken || entry.samples.length !== array.length) return;
    try {
      entry.streams = buildStreams(entry.reader, entry.samples, {
        source: spec.name,
        kind: spec.kind,
        path: PRE_READ_PATH,
        directionOf: () => spec.direction,
      });
    } catch {
      entry.broken = true;
    }
  },
};

function readEarly(items: readonly unknown[], array: readonly unknown[]): void {
  let entry = preRead.get(array);
  if (!entry) {
    const warnings: PreRead['warnings'] = [];
    entry = { samples: [], warnings, reader: new RecordingReader(warnings), broken: false, streams: null };
    preRead.set(array, entry);
  }
  let index = array.length - items.length;
  if (entry.broken || index !== entry.samples.length) {
    entry.broken = true;
    return;
  }
  try {
    for (const item of items) {
      entry.samples.push(readCurrentSample(entry.reader, item, index, PRE_READ_PATH));
      index += 1;
    }
  } catch {
    // Whatever threw will throw again when the array is read whole, where it is reported.
    entry.broken = true;
  }
}

/** The samples read early from every item of `list`, if there are any; each is used once. */
function takePreRead(list: readonly unknown[]): PreRead | null {
  const entry = preRead.get(list);
  if (!entry) return null;
  preRead.delete(list);
  return !entry.broken && entry.samples.length === list.length ? entry : null;
}

/** Time order, duplicates dropped. O(n) when already sorted, which is the normal case. */
function orderSamples(reader: Reader, samples: RawSample[], path: string): RawSample[] {
  let sorted = true;
  for (let i = 1; i < samples.length; i += 1) {
    if ((samples[i]?.at ?? 0) < (samples[i - 1]?.at ?? 0)) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    reader.warn(path, 'samples out of time order; sorted by time');
    samples.sort((a, b) => a.at - b.at);
  }
  const unique: RawSample[] = [];
  let lastAt = Number.NaN;
  for (const sample of samples) {
    if (sample.at === lastAt) {
      reader.warn(joinPath(joinPath(path, sample.index), 'timestamp'), 'duplicate sample time; sample dropped');
      continue;
    }
    unique.push(sample);
    lastAt = sample.at;
  }
  return unique;
}

function hasAny(values: readonly (number | null)[]): boolean {
  for (let i = 0; i < values.length; i += 1) {
    if (values[i] !== null) return true;
  }
  return false;
}

/** A running total differenced, or the values as they are. */
function perInterval(values: (number | null)[], runningTotal: boolean): (number | null)[] {
  return runningTotal ? differenceRunningTotal(values).deltas : values;
}

function nonNull(values: readonly (number | null)[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

// A mean playout delay above 3 s does not happen, and sums over the few dozen video frames
// of one interval start around 0.5 s; below that the value is taken as a mean.
const MAX_MEAN_JITTER_BUFFER_S = 3;
const MIN_SUM_JITTER_BUFFER_S = 0.5;
const MIN_PER_EMITTED_MS = 2;

/**
 * WebRTC's jitterBufferDelay is a SUM of seconds over all emitted samples (mean = delay /
 * emitted), but a report may also carry the interval's mean in seconds next to an emitted
 * count (the demo upstream does). Sums are recognised as running totals, or as values no
 * mean could reach; otherwise the value is a mean in seconds.
 */
function jitterBufferDelays(delayRaw: (number | null)[], emittedRaw: (number | null)[], runningTotal: boolean): (number | null)[] {
  if (!hasAny(emittedRaw)) return meansInMs(delayRaw);
  const cumulative = runningTotal || looksLikeRunningTotal(delayRaw) || looksLikeRunningTotal(emittedRaw);
  const delays = cumulative ? differenceRunningTotal(delayRaw).deltas : delayRaw;
  const emitted = cumulative ? differenceRunningTotal(emittedRaw).deltas : emittedRaw;
  const perEmitted = new Array<number | null>(delays.length);
  for (let i = 0; i < delays.length; i += 1) {
    const delay = delays[i] ?? null;
    const count = emitted[i] ?? null;
    perEmitted[i] = delay === null || count === null || count === 0 ? null : (delay / count) * 1000;
  }
  if (cumulative) return perEmitted;
  const typicalDelay = median(nonNull(delays)) ?? 0;
  const typicalPerEmitted = median(nonNull(perEmitted)) ?? 0;
  const isSum =
    typicalDelay > MAX_MEAN_JITTER_BUFFER_S ||
    (typicalDelay >= MIN_SUM_JITTER_BUFFER_S && typicalPerEmitted >= MIN_PER_EMITTED_MS);
  return isSum ? perEmitted : meansInMs(delayRaw);
}

function meansInMs(seconds: readonly (number | null)[]): (number | null)[] {
  const ms = new Array<number | null>(seconds.length);
  for (let i = 0; i < seconds.length; i += 1) ms[i] = secondsToMs(seconds[i] ?? null);
  return ms;
}


interface StreamMeta {
  id: string;
  kind: MediaKind;
  direction: Direction;
  remotePeerId: string | null;
  source: string;
  path: string;
}

function buildStream(reader: Reader, rawSamples: RawSample[], meta: StreamMeta): QualityStream | null {
  const samples = orderSamples(reader, rawSamples, meta.path);
  const n = samples.length;
  if (n === 0) return null;

  // Every counter column and the spacing of the samples, read in one pass.
  const bytesRaw = new Array<number | null>(n);
  const packetsRaw = new Array<number | null>(n);
  const lostRaw = new Array<number | null>(n);
  const concealmentRaw = new Array<number | null>(n);
  const framesDroppedRaw = new Array<number | null>(n);
  const jbDelayRaw = new Array<number | null>(n);
  const jbEmittedRaw = new Array<number | null>(n);
  const gaps = new Array<number>(n - 1);
  for (let i = 0; i < n; i += 1) {
    const sample = samples[i] as RawSample;
    bytesRaw[i] = sample.bytes;
    packetsRaw[i] = sample.packets;
    lostRaw[i] = sample.lost;
    concealmentRaw[i] = sample.concealment;
    framesDroppedRaw[i] = sample.framesDropped;
    jbDelayRaw[i] = sample.jbDelay;
    jbEmittedRaw[i] = sample.jbEmitted;
    if (i > 0) gaps[i - 1] = sample.at - (samples[i - 1] as RawSample).at;
  }

  // One decision per stream: if its byte or packet counter is a running total, so are
  // its loss and frame counters, which are too sparse to judge alone.
  const volumeKnown = hasAny(bytesRaw) || hasAny(packetsRaw);
  const streamTotal = looksLikeRunningTotal(bytesRaw) || looksLikeRunningTotal(packetsRaw);
  const isTotal = (values: readonly (number | null)[]): boolean => (volumeKnown ? streamTotal : looksLikeRunningTotal(values));

  // Bytes and packets differenced once, their resets kept for below.
  const bytesDiffed = streamTotal ? differenceRunningTotal(bytesRaw) : null;
  const packetsDiffed = streamTotal ? differenceRunningTotal(packetsRaw) : null;
  const bytes = bytesDiffed ? bytesDiffed.deltas : bytesRaw;
  const packets = packetsDiffed ? packetsDiffed.deltas : packetsRaw;
  const lost = perInterval(lostRaw, isTotal(lostRaw));
  const concealment = perInterval(concealmentRaw, isTotal(concealmentRaw));
  const framesDropped = perInterval(framesDroppedRaw, isTotal(framesDroppedRaw));
  const jitterBuffer = jitterBufferDelays(jbDelayRaw, jbEmittedRaw, streamTotal);

  // The first sample's bytes cover an interval that started before it; use the stream's
  // typical spacing, or the documented ~7 s when there is only one sample.
  const typical = median(gaps) ?? DEFAULT_SAMPLE_INTERVAL_MS;
  const resets = new Set<number>((hasAny(bytesRaw) ? bytesDiffed : packetsDiffed)?.resets ?? []);

  const out: QualitySample[] = [];
  for (let i = 0; i < n; i += 1) {
    const sample = samples[i] as RawSample;
    // Bytes normally cover the time since the previous sample. After a gap (samples missing
    // through an outage) per-interval counters, and running totals that restarted, cover
    // only the time since the stats loop restarted with the transports: about one typical
    // interval, not the whole gap, which would show a false bitrate dip. A running total
    // that did not restart really did count across the whole gap.
    let interval = typical;
    if (i > 0) {
      const gap = gaps[i - 1] ?? typical;
      const countedAcross = streamTotal && !resets.has(i);
      interval = !countedAcross && gap > GAP_FACTOR * typical ? typical : gap;
    }
    const packetCount = packets[i] ?? null;
    const lostCount = lost[i] ?? null;
    let loss = lossPercent(lostCount, packetCount);
    if (sample.lossPercent !== null) {
      loss = percentOrNull(sample.lossPercent);
      if (loss === null) {
        reader.warn(joinPath(meta.path, sample.index), `loss ${sample.lossPercent} % is outside 0..100; ignored`);
      }
    }
    out.push({
      at: sample.at,
      bitrateKbps: sample.bitrateKbps ?? toBitrateKbps(bytes[i] ?? null, interval),
      lossPercent: loss,
      jitterMs: secondsToMs(sample.jitterS),
      rttMs: secondsToMs(sample.rttS),
      mos: sample.mos,
      fps: sample.fps,
      width: sample.width,
      height: sample.height,
      packets: packetCount,
      packetsLost: lostCount,
      jitterBufferDelayMs: jitterBuffer[i] ?? null,
      concealmentEvents: concealment[i] ?? null,
      framesDropped: framesDropped[i] ?? null,
      qualityLimitationReason: sample.limitation,
    });
  }
  const { id, kind, direction, remotePeerId, source } = meta;
  return { id, kind, direction, remotePeerId, source, samples: out };
}

function streamId(kind: MediaKind, direction: Direction, remotePeerId: string | null): string {
  const base = `${kind.replace('_', '-')}-${direction}`;
  return remotePeerId === null ? base : `${base}-${remotePeerId}`;
}

/**
 * Splits one array into streams: `directionOf` says for each sample whether it is sent
 * or received, and received samples are grouped by remote sender. Grouping is one pass
 * through a Map, so an 8-hour group call stays linear.
 */
function streamsFromArray(
  reader: Reader,
  list: readonly unknown[],
  source: string,
  kind: MediaKind,
  path: string,
  keys: SampleKeys,
  directionOf: (sample: RawSample) => Direction,
): QualityStream[] {
  const early = keys === CURRENT_KEYS ? takePreRead(list) : null;
  if (early) {
    for (const { path: at, message } of early.warnings) reader.warn(path + at.slice(PRE_READ_PATH.length), message);
    return early.streams ?? buildStreams(reader, early.samples, { source, kind, path, directionOf });
  }
  const samples = new Array<RawSample | null>(list.length);
  for (let index = 0; index < list.length; index += 1) {
    samples[index] = keys === CURRENT_KEYS ? readCurrentSample(reader, list[index], index, path) : readSample(reader, list[index], index, path, keys);
  }
  return buildStreams(reader, samples, { source, kind, path, directionOf });
}

interface ArrayMeta {
  source: string;
  kind: MediaKind;
  path: string;
  directionOf: (sample: RawSample) => Direction;
}

/** One stream per direction and sender, in the order each first appears. */
function buildStreams(reader: Reader, samples: readonly (RawSample | null)[], { source, kind, path, directionOf }: ArrayMeta): QualityStream[] {
  // Keyed by direction and sender without building a string per sample: sent samples form
  // one group, received ones one per remote peer.
  const groups: { id: string; direction: Direction; remotePeerId: string | null; samples: RawSample[] }[] = [];
  let sent: RawSample[] | null = null;
  const received = new Map<string | null, RawSample[]>();
  for (const sample of samples) {
    if (!sample) continue;
    const direction = directionOf(sample);
    let group: RawSample[] | null | undefined = direction === 'send' ? sent : received.get(sample.peerId);
    if (!group) {
      group = [];
      const remotePeerId = direction === 'receive' ? sample.peerId : null;
      groups.push({ id: streamId(kind, direction, remotePeerId), direction, remotePeerId, samples: group });
      if (direction === 'send') sent = group;
      else received.set(sample.peerId, group);
    }
    group.push(sample);
  }
  const streams: QualityStream[] = [];
  for (const { id, ...group } of groups) {
    const stream = buildStream(reader, group.samples, {
      id,
      kind,
      direction: group.direction,
      remotePeerId: group.remotePeerId,
      source,
      path,
    });
    if (stream) streams.push(stream);
  }
  return streams;
}

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
function hasNumbers(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (!isObject(value) || depth > 2) return false;
  return Object.values(value).some((child) => hasNumbers(child, depth + 1));
}

const MS_CEILING = 3_600_000;

function readSummary(reader: Reader, block: JsonObject, spec: ArraySpec, base: string): StreamSummary {
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
  };
}

export interface QualityResult {
  streams: QualityStream[];
  summaries: StreamSummary[];
}

/** `peer_report.quality`: eight arrays, each with a `<name>_cumulative` summary. */
export function readQuality(reader: Reader, quality: JsonObject, path: string): QualityResult {
  const streams: QualityStream[] = [];
  const summaries: StreamSummary[] = [];
  for (const spec of QUALITY_ARRAYS) {
    const list = reader.array(quality, spec.name, path);
    const arrayStreams = list
      ? streamsFromArray(reader, list, spec.name, spec.kind, joinPath(path, spec.name), CURRENT_KEYS, () => spec.direction)
      : [];
    streams.push(...arrayStreams);
    const cumulative = reader.object(quality, `${spec.name}_cumulative`, path);
    if (cumulative && (arrayStreams.length > 0 || hasNumbers(cumulative))) {
      summaries.push(readSummary(reader, cumulative, spec, joinPath(path, `${spec.name}_cumulative`)));
    }
  }
  reader.keepUnknown(quality, KNOWN_QUALITY_KEYS, path);
  return { streams, summaries };
}

const LEGACY_ARRAYS = [
  { name: 'audio_stats', kind: 'audio' },
  { name: 'video_stats', kind: 'video' },
] as const;

/**
 * Legacy Dyte `quality_stats`. Its audio_stats / video_stats do not say which direction
 * they measure. Assumption: they are the participant's own send streams, unless a sample
 * names a `peer_id` other than the participant's own, in which case it is received media
 * from that peer. The totals (audio_bandwidth, average_quality, total_*_packets, start,
 * end, peer_ids) have no place in the model and are kept under `unknown` for the raw view.
 */
export function readLegacyQuality(
  reader: Reader,
  qualityStats: JsonObject,
  path: string,
  selfPeerId: string | null,
): QualityResult {
  const streams: QualityStream[] = [];
  const directionOf = (sample: RawSample): Direction =>
    sample.peerId !== null && sample.peerId !== selfPeerId ? 'receive' : 'send';
  for (const { name, kind } of LEGACY_ARRAYS) {
    const list = reader.array(qualityStats, name, path);
    if (list) streams.push(...streamsFromArray(reader, list, name, kind, joinPath(path, name), LEGACY_KEYS, directionOf));
  }
  reader.keepUnknown(qualityStats, new Set(LEGACY_ARRAYS.map(({ name }) => name)), path);
  return { streams, summaries: [] };
}
