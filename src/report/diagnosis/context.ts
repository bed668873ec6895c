// What every rule needs besides the report: the call's time range, the join time that
// offsets are counted from, and per stream which samples are muted or switched off.
// Computed once per report and shared, so running every rule stays linear.

import { callRange } from '../call-range';
import type { PeerReport, QualitySample, QualityStream, TimeInterval, TimelineEvent } from '../model';
import { sampleStart, typicalIntervalMs } from './sustained';

/** Below this an audio stream carries no speech: a muted microphone sends ~0 bytes (DTX silence stays under it too). */
export const AUDIO_OFF_KBPS = 2;
/** Below this a video stream carries no frames, only RTCP and padding. */
export const VIDEO_OFF_KBPS = 5;

export interface StreamActivity {
  /** 1 where the sample says nothing about quality: muted, camera off, share stopped. */
  inactive: Uint8Array;
  /**
   * 1 where the timeline says the participant had this media switched ON for the whole
   * interval the sample measured; null when the timeline cannot say (no on/off events).
   */
  knownOn: Uint8Array | null;
  intervalMs: number;
}

interface StateSpan {
  start: number;
  end: number;
  on: boolean;
}

const TOGGLES: Record<'audio' | 'video' | 'screenshare', { on: ReadonlySet<string>; off: ReadonlySet<string> }> = {
  audio: { on: new Set(['audio_on']), off: new Set(['audio_off']) },
  video: { on: new Set(['video_on']), off: new Set(['video_off']) },
  screenshare: { on: new Set(['screenshare_started']), off: new Set(['screenshare_stopped']) },
};

/**
 * On/off spans from toggle events, covering all time. Before the first event the state is
 * the opposite of that event: a call that starts muted has no audio_off, only a later
 * audio_on. Null without any toggle event: the timeline does not know.
 */
export function toggleSpans(timeline: readonly TimelineEvent[], toggle: keyof typeof TOGGLES): StateSpan[] | null {
  const names = TOGGLES[toggle];
  const spans: StateSpan[] = [];
  for (const event of timeline) {
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

/** Whether [start, end] touches an off span, and whether it lies wholly inside on spans. */
function stateOver(spans: readonly StateSpan[], start: number, end: number): { anyOff: boolean; allOn: boolean } {
  let anyOff = false;
  for (let i = spanIndexAt(spans, start); i < spans.length; i += 1) {
    const span = spans[i];
    if (!span || span.start > end) break;
    // A span that ends exactly where the interval starts does not overlap it.
    if (span.end <= start) continue;
    if (!span.on) anyOff = true;
  }
  return { anyOff, allOn: !anyOff };
}

function looksOff(stream: QualityStream, sample: QualitySample): boolean {
  const bitrate = sample.bitrateKbps;
  if (stream.kind === 'audio' || stream.kind === 'screenshare_audio') return bitrate !== null && bitrate < AUDIO_OFF_KBPS;
  // fps 0 with no media flowing is a stopped camera; fps 0 while bytes flow is a frozen picture, a real problem.
  return sample.fps === 0 && (bitrate === null || bitrate < VIDEO_OFF_KBPS);
}

function toggleFor(stream: QualityStream): keyof typeof TOGGLES | null {
  // The timeline's on/off events are the participant's own; they say nothing about what remote peers sent.
  if (stream.direction !== 'send') return null;
  if (stream.kind === 'audio') return 'audio';
  if (stream.kind === 'video') return 'video';
  return 'screenshare';
}

export class DiagnosisContext {
  readonly report: PeerReport;
  readonly range: TimeInterval | null;
  /** Offsets in sentences count from here: the join time, else the start of the data. */
  readonly origin: number | null;
  private readonly activities = new Map<string, StreamActivity>();
  private readonly spans = new Map<string, StateSpan[] | null>();
  private readonly cache = new Map<string, unknown>();

  constructor(report: PeerReport) {
    this.report = report;
    this.range = callRange(report);
    this.origin = report.participant.joinedAt ?? this.range?.start ?? null;
  }

  get callDurationMs(): number | null {
    return this.range ? this.range.end - this.range.start : null;
  }

  /** Memoizes a per-report computation that several rules share (e.g. sustained loss per stream). */
  memo<T>(key: string, compute: () => T): T {
    // Keys are namespaced per computation (`threshold:<rule>:<stream>`), so a key always holds the same type.
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const value = compute();
    this.cache.set(key, value);
    return value;
  }

  private spansFor(toggle: keyof typeof TOGGLES): StateSpan[] | null {
    if (!this.spans.has(toggle)) this.spans.set(toggle, toggleSpans(this.report.timeline, toggle));
    return this.spans.get(toggle) ?? null;
  }

  activity(stream: QualityStream): StreamActivity {
    const cached = this.activities.get(stream.id);
    if (cached) return cached;
    const samples = stream.samples;
    const intervalMs = typicalIntervalMs(samples);
    const inactive = new Uint8Array(samples.length);
    const toggle = toggleFor(stream);
    const spans = toggle ? this.spansFor(toggle) : null;
    const knownOn = spans ? new Uint8Array(samples.length) : null;
    for (let i = 0; i < samples.length; i += 1) {
      const sample = samples[i];
      if (!sample) continue;
      let off = looksOff(stream, sample);
      if (spans && knownOn) {
        const state = stateOver(spans, sampleStart(samples, i, intervalMs), sample.at);
        if (state.anyOff) off = true;
        if (state.allOn) knownOn[i] = 1;
      }
      if (off) inactive[i] = 1;
    }
    const activity: StreamActivity = { inactive, knownOn, intervalMs };
    this.activities.set(stream.id, activity);
    return activity;
  }
}
