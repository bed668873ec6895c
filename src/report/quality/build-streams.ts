// Samples into streams: one per direction and remote sender, in time order, with bytes
// turned into bitrates over each sample's interval. The unit traps are handled here:
// per-sample rtt and jitter are SECONDS (shown as ms), and every counter is a per-interval
// delta, as the RealtimeKit client sends it (a real audio producer: 350-382 packets per
// ~7 s sample, 50 packets/s). Nothing is differenced: guessing "running total" from a
// series misreads any short ramp of deltas (a screen share rising 20 -> 1000 kbps).

import type { Direction, MediaKind, QualitySample, QualityStream } from '../model.ts';
import { joinPath, type Reader } from '../read-json.ts';
import { GAP_FACTOR } from '../time-series.ts';
import { DEFAULT_SAMPLE_INTERVAL_MS, median, percentOrNull, receivedLossPercent, secondsToMs, sentLossPercent, toBitrateKbps } from '../units.ts';
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

/**
 * Playout delay per emitted sample, in ms. WebRTC's jitterBufferDelay is a SUM of seconds
 * over every sample (audio) or frame (video) the jitter buffer emitted, so the interval's
 * delta divided by the interval's emitted count is the mean delay (W3C webrtc-stats,
 * RTCInboundRtpStreamStats.jitterBufferDelay). Without an emitted count there is no mean.
 */
function jitterBufferDelayMs(delaySeconds: number | null, emitted: number | null): number | null {
  if (delaySeconds === null || emitted === null || emitted === 0) return null;
  return secondsToMs(delaySeconds / emitted);
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

  const gaps = new Array<number>(n - 1);
  for (let i = 1; i < n; i += 1) gaps[i - 1] = (samples[i] as RawSample).at - (samples[i - 1] as RawSample).at;
  // The first sample's bytes cover an interval that started before it; use the stream's
  // typical spacing, or the documented ~7 s when there is only one sample.
  const typical = median(gaps) ?? DEFAULT_SAMPLE_INTERVAL_MS;
  const lossOf = meta.direction === 'send' ? sentLossPercent : receivedLossPercent;

  const out: QualitySample[] = [];
  for (let i = 0; i < n; i += 1) {
    const sample = samples[i] as RawSample;
    // Bytes normally cover the time since the previous sample. After a gap (samples missing
    // through an outage) the stats loop restarted with the transports, so the counters cover
    // about one typical interval, not the whole gap, which would show a false bitrate dip.
    let interval = typical;
    if (i > 0) {
      const gap = gaps[i - 1] ?? typical;
      interval = gap > GAP_FACTOR * typical ? typical : gap;
    }
    let loss = lossOf(sample.lost, sample.packets);
    if (sample.lossPercent !== null) {
      loss = percentOrNull(sample.lossPercent);
      if (loss === null) {
        reader.warn(joinPath(meta.path, sample.index), `loss ${sample.lossPercent} % is outside 0..100; ignored`);
      }
    }
    out.push({
      at: sample.at,
      bitrateKbps: sample.bitrateKbps ?? toBitrateKbps(sample.bytes, interval),
      lossPercent: loss,
      jitterMs: secondsToMs(sample.jitterS),
      rttMs: secondsToMs(sample.rttS),
      mos: sample.mos,
      fps: sample.fps,
      width: sample.width,
      height: sample.height,
      packets: sample.packets,
      packetsLost: sample.lost,
      bytes: sample.bytes,
      jitterBufferDelayMs: jitterBufferDelayMs(sample.jbDelay, sample.jbEmitted),
      concealmentEvents: sample.concealment,
      framesDropped: sample.framesDropped,
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
