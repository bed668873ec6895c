// Samples into streams: one per direction and remote sender, in time order, with counters
// turned into per-interval values and bytes into bitrates over each sample's interval. The
// unit traps are handled here: per-sample rtt and jitter are SECONDS (shown as ms), and
// counters may be per-interval deltas or running totals (detected per stream).

import { differenceRunningTotal, looksLikeRunningTotal } from '../counters.ts';
import type { Direction, MediaKind, QualitySample, QualityStream } from '../model.ts';
import { joinPath, type Reader } from '../read-json.ts';
import { GAP_FACTOR } from '../time-series.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, lossPercent, median, percentOrNull, secondsToMs, toBitrateKbps } from '../units.ts';
import type { RawSample } from './raw-sample.ts';

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

export interface ArrayMeta {
  source: string;
  kind: MediaKind;
  path: string;
  /** Whether a sample was sent or received. */
  directionOf: (sample: RawSample) => Direction;
}

/** One stream per direction and sender, in the order each first appears. */
export function buildStreams(reader: Reader, samples: readonly (RawSample | null)[], { source, kind, path, directionOf }: ArrayMeta): QualityStream[] {
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
