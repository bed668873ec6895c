import type { QualitySample, QualityStream, SampleMetric, TimeInterval, TimelineEvent } from './model.ts';
import { GAP_FACTOR, mergeIntervals, sampleStart, typicalIntervalMs } from './time-series.ts';
import { THRESHOLDS } from './thresholds.ts';

// When media was muted, silent or switched off: a muted microphone, a participant who says
// nothing, a stopped camera, a screen share that ended.
//
// A muted microphone keeps sending: Opus sends silence frames, ~50 packets/s of ~18-21
// bytes (~7 kbps), which the RealtimeKit client scores `mos_quality: 1`. So "off" is per
// metric. MOS, bitrate, frame rate and resolution say nothing about quality while media is
// off; they are left out. Round-trip time, jitter and loss of the packets that did flow are
// real network measurements; they are kept, and left out only where nothing flowed at all.
//
// This file is the one definition. The charts shade exactly the samples `mediaOffSamples`
// marks `off`, and for each metric draw and the diagnosis rules judge exactly the samples
// `offMaskFor` leaves in, so a grey "muted" stretch on a chart never holds a MOS or bitrate
// finding, and nothing else is skipped.

/** Whether a metric speaks for the media itself or for the network that carried it. */
export type MetricClass = 'quality' | 'network';

const METRIC_CLASS: { readonly [K in SampleMetric]: MetricClass } = {
  bitrateKbps: 'quality',
  mos: 'quality',
  fps: 'quality',
  height: 'quality',
  framesDropped: 'quality',
  lossPercent: 'network',
  jitterMs: 'network',
  rttMs: 'network',
  jitterBufferDelayMs: 'network',
  concealmentEvents: 'network',
};

export function metricClassOf(metric: SampleMetric): MetricClass {
  return METRIC_CLASS[metric];
}

/** Below this a stream carries no media: a stopped camera or a microphone sending nothing at all, only RTCP and padding. */
const OFF_BITRATE_KBPS: Record<QualityStream['kind'], number> = {
  audio: 2,
  video: 8,
  screenshare_audio: 2,
  screenshare_video: 8,
};

/**
 * A muted producer reports the floor of the MOS scale: the RealtimeKit client scores a
 * muted microphone's silence frames `mos_quality: 1`. Quiet speech with DTX also sends few
 * bytes, but keeps a real MOS: that is a participant listening, still judged, not muted.
 */
const MUTED_MOS = 1.05;

/**
 * Opus silence frames carry 18-21 bytes of payload a packet; speech at the rates WebRTC
 * uses for voice (16 kbps and up, 20 ms packets) carries 40 bytes and more. Over a whole
 * sample interval the average tells them apart; a sample that mixes speech and silence
 * averages above this and is judged as speech.
 */
const SILENCE_MAX_BYTES_PER_PACKET = 25;

/** Under this, with no packet count, nothing flowed. */
const NO_FLOW_KBPS = 0.5;

const isAudioKind = (kind: QualityStream['kind']): boolean => kind === 'audio' || kind === 'screenshare_audio';

/** Opus silence frames: packets flowed, each about the size of a silence frame. */
export function isSilenceFrames(sample: Pick<QualitySample, 'bytes' | 'packets'>): boolean {
  const { bytes, packets } = sample;
  return bytes !== null && packets !== null && packets > 0 && bytes / packets <= SILENCE_MAX_BYTES_PER_PACKET;
}

/** Nothing at all flowed in the interval: no packets, or (without a packet count) next to no bytes. */
function nothingFlowed(sample: QualitySample): boolean {
  if (sample.packets !== null) return sample.packets === 0;
  return sample.bitrateKbps !== null && sample.bitrateKbps < NO_FLOW_KBPS;
}

/**
 * Whether a sample, on its own, shows media muted, silent or switched off.
 * - Audio: silence frames (bytes per packet of an Opus silence frame), or under 2 kbps with
 *   a MOS of 1 (or none).
 * - Video: no frames (fps 0 or not reported) with under 8 kbps (or no byte count). Frames at
 *   0 fps while bytes flow is a frozen picture: a real problem, not "off".
 * - Neither, whatever the bytes, when packets were being lost beyond the critical loss
 *   threshold: media was sent and did not arrive, an outage to report rather than hide.
 */
export function sampleLooksOff(stream: Pick<QualityStream, 'kind'>, sample: QualitySample): boolean {
  if (sample.lossPercent !== null && sample.lossPercent > THRESHOLDS.lossPercent.critical) return false;
  const kbps = sample.bitrateKbps;
  const limit = OFF_BITRATE_KBPS[stream.kind];
  if (isAudioKind(stream.kind)) {
    if (isSilenceFrames(sample)) return true;
    return kbps !== null && kbps < limit && (sample.mos === null || sample.mos <= MUTED_MOS);
  }
  if (sample.fps !== null && sample.fps !== 0) return false;
  // No frame rate and no byte count says nothing either way.
  if (sample.fps === null && kbps === null) return false;
  return kbps === null || kbps < limit;
}

// ---------------------------------------------------------------------------------------
// The timeline's own on/off events.

type Toggle = 'audio' | 'video' | 'screenshare';

const TOGGLES: Record<Toggle, { on: ReadonlySet<string>; off: ReadonlySet<string> }> = {
  audio: { on: new Set(['audio_on']), off: new Set(['audio_off']) },
  video: { on: new Set(['video_on']), off: new Set(['video_off']) },
  screenshare: { on: new Set(['screenshare_started']), off: new Set(['screenshare_stopped']) },
};

export interface StateSpan {
  start: number;
  end: number;
  on: boolean;
}

/**
 * On/off spans from toggle events, covering all time. Before the first event the state is
 * the opposite of that event: a call that starts muted has no audio_off, only a later
 * audio_on. Null without any toggle event: the timeline does not know.
 */
export function toggleSpans(timeline: readonly TimelineEvent[], toggle: Toggle): StateSpan[] | null {
  const names = TOGGLES[toggle];
  const spans: StateSpan[] = [];
  for (const event of timeline) {
    // Only the participant's own SDK reports its toggles; server records and device lists do not.
    if (event.source !== 'client') continue;
    const on = names.on.has(event.name) ? true : names.off.has(event.name) ? false : null;
    if (on === null) continue;
    const last = spans[spans.length - 1];
    if (!last) {
      spans.push({ start: Number.NEGATIVE_INFINITY, end: event.at, on: !on });
      spans.push({ start: event.at, end: Number.POSITIVE_INFINITY, on });
      continue;
    }
    if (last.on === on) continue;
    last.end = event.at;
    spans.push({ start: event.at, end: Number.POSITIVE_INFINITY, on });
  }
  return spans.length > 0 ? spans : null;
}

/** Which toggle events speak for a stream: only the participant's own sent media. */
export function toggleFor(stream: Pick<QualityStream, 'kind' | 'direction'>): Toggle | null {
  // The timeline's on/off events are the participant's own; they say nothing about what remote peers sent.
  if (stream.direction !== 'send') return null;
  if (stream.kind === 'audio') return 'audio';
  if (stream.kind === 'video') return 'video';
  return 'screenshare';
}

/** Index of the span holding `at` (spans are contiguous and sorted). */
function spanIndexAt(spans: readonly StateSpan[], at: number): number {
  let low = 0;
  let high = spans.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((spans[mid]?.start ?? 0) <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** How much of (start, end] lies in off spans, in ms. */
function offTimeOver(spans: readonly StateSpan[], start: number, end: number): number {
  let off = 0;
  for (let i = spanIndexAt(spans, start); i < spans.length; i += 1) {
    const span = spans[i];
    if (!span || span.start >= end) break;
    if (!span.on) off += Math.max(0, Math.min(end, span.end) - Math.max(start, span.start));
  }
  return off;
}

/**
 * A sample whose interval was mostly switched off measured mostly silence: it is off.
 * One a second or two into a mute (or the first sample, when the SDK logs audio_on a
 * moment after joining) mostly measured real media and is still judged.
 */
const OFF_SHARE = 0.5;

// ---------------------------------------------------------------------------------------
// Per sample, per stream.

export interface MediaOffState {
  /**
   * 1 where the media was muted, silent or switched off: shaded on the charts, and its MOS,
   * bitrate, frame rate and resolution say nothing about quality.
   */
  off: Uint8Array;
  /** 1 where it was off and nothing flowed either: round-trip time, jitter and loss say nothing then too. */
  noFlow: Uint8Array;
  /**
   * 1 where the timeline says the media was switched ON for the whole interval the sample
   * measured; null when the timeline cannot say (no on/off events, or a received stream).
   */
  knownOn: Uint8Array | null;
  /** The stream's usual spacing between samples. */
  intervalMs: number;
}

/**
 * Which samples of a stream were off: the sample looks off by itself (silence frames, no
 * bytes, no frames), or the interval it measured (back to the previous sample) was mostly
 * switched off on the timeline. `spans` lets a caller pass toggle spans it already computed
 * for this stream's toggle.
 */
export function mediaOffSamples(
  stream: QualityStream,
  timeline: readonly TimelineEvent[],
  spans: StateSpan[] | null | undefined = undefined,
): MediaOffState {
  const samples = stream.samples;
  const intervalMs = typicalIntervalMs(samples);
  const off = new Uint8Array(samples.length);
  const noFlow = new Uint8Array(samples.length);
  const toggle = toggleFor(stream);
  const toggleState = toggle === null ? null : spans === undefined ? toggleSpans(timeline, toggle) : spans;
  const knownOn = toggleState ? new Uint8Array(samples.length) : null;
  for (let i = 0; i < samples.length; i += 1) {
    const sample = samples[i];
    if (!sample) continue;
    let isOff = sampleLooksOff(stream, sample);
    if (toggleState && knownOn) {
      const start = sampleStart(samples, i, intervalMs);
      const offTime = offTimeOver(toggleState, start, sample.at);
      if (offTime > OFF_SHARE * (sample.at - start)) isOff = true;
      // "Known on" is strict: the whole interval switched on.
      if (offTime === 0) knownOn[i] = 1;
    }
    if (isOff) {
      off[i] = 1;
      if (nothingFlowed(sample)) noFlow[i] = 1;
    }
  }
  return { off, noFlow, knownOn, intervalMs };
}

/** The samples one metric leaves out: every off sample for MOS, bitrate, frames; only those where nothing flowed for the network's measures. */
export function offMaskFor(state: Pick<MediaOffState, 'off' | 'noFlow'>, metric: SampleMetric): Uint8Array {
  return METRIC_CLASS[metric] === 'quality' ? state.off : state.noFlow;
}

/**
 * Where a stream was off, as stretches to shade: each off sample covers the interval it
 * measured, (previous sample, sample]. Exactly the samples shaded and left out of MOS and
 * bitrate. `state` lets a caller pass what it already worked out for this stream.
 */
export function mediaOffIntervals(stream: QualityStream, timeline: readonly TimelineEvent[], state: MediaOffState = mediaOffSamples(stream, timeline)): TimeInterval[] {
  const { off, intervalMs } = state;
  const intervals: TimeInterval[] = [];
  stream.samples.forEach((sample, i) => {
    if (off[i] !== 1) return;
    const start = sampleStart(stream.samples, i, intervalMs);
    const last = intervals[intervals.length - 1];
    // Off samples one after the other measured the whole time between them: one stretch,
    // even when a sample came a little later than the usual interval.
    const follows = i > 0 && off[i - 1] === 1 && sample.at - (stream.samples[i - 1]?.at ?? sample.at) <= GAP_FACTOR * intervalMs;
    if (last && (follows || last.end >= start)) last.end = Math.max(last.end, sample.at);
    else intervals.push({ start, end: sample.at });
  });
  return mergeIntervals(intervals);
}
