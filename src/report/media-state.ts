import type { QualitySample, QualityStream, TimeInterval, TimelineEvent } from './model';

// A muted microphone still produces samples: about 0 bytes and mos_quality 1. A stopped
// camera reports 0 fps and 0 px. Those stretches are not bad quality and must be drawn
// and judged as "off", never as zero bitrate or a terrible MOS.

const OFF_EVENTS: Record<'audio' | 'video', { off: string[]; on: string[] }> = {
  audio: { off: ['audio_off'], on: ['audio_on'] },
  video: { off: ['video_off'], on: ['video_on'] },
};

/** Below this a send or receive stream carries no media, only RTCP and padding. */
const OFF_BITRATE_KBPS: Record<QualityStream['kind'], number> = {
  audio: 2,
  video: 8,
  screenshare_audio: 2,
  screenshare_video: 8,
};

export function sampleLooksOff(stream: Pick<QualityStream, 'kind'>, sample: QualitySample): boolean {
  if (sample.bitrateKbps === null || sample.bitrateKbps >= OFF_BITRATE_KBPS[stream.kind]) return false;
  if (stream.kind === 'audio' || stream.kind === 'screenshare_audio') return sample.mos === null || sample.mos <= 1.05;
  return sample.fps === null || sample.fps === 0;
}

/** Stretches where the participant had this media turned off, from the timeline's on/off events. */
export function eventOffIntervals(timeline: readonly TimelineEvent[], kind: 'audio' | 'video', callEnd: number): TimeInterval[] {
  const names = OFF_EVENTS[kind];
  const intervals: TimeInterval[] = [];
  let offSince: number | null = null;
  for (const event of timeline) {
    if (event.source !== 'client') continue;
    if (names.off.includes(event.name) && offSince === null) offSince = event.at;
    else if (names.on.includes(event.name) && offSince !== null) {
      intervals.push({ start: offSince, end: event.at });
      offSince = null;
    }
  }
  if (offSince !== null && callEnd > offSince) intervals.push({ start: offSince, end: callEnd });
  return intervals;
}

/**
 * Where a stream was off: runs of samples that look off (the interval each sample
 * covers, back to the previous sample), plus, for the participant's own camera and
 * microphone, the audio_off/video_off stretches of the timeline.
 */
export function mediaOffIntervals(stream: QualityStream, timeline: readonly TimelineEvent[], callEnd: number): TimeInterval[] {
  const fromSamples: TimeInterval[] = [];
  let previousAt: number | null = null;
  for (const sample of stream.samples) {
    if (sampleLooksOff(stream, sample)) {
      const start = previousAt ?? sample.at;
      const last = fromSamples[fromSamples.length - 1];
      if (last && last.end >= start) last.end = sample.at;
      else fromSamples.push({ start, end: sample.at });
    }
    previousAt = sample.at;
  }
  const fromEvents =
    stream.direction === 'send' && (stream.kind === 'audio' || stream.kind === 'video')
      ? eventOffIntervals(timeline, stream.kind, callEnd)
      : [];
  return mergeIntervals([...fromSamples, ...fromEvents]);
}

export function mergeIntervals(intervals: TimeInterval[]): TimeInterval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const merged: TimeInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

export function insideAny(at: number, intervals: readonly TimeInterval[]): boolean {
  return intervals.some((interval) => at >= interval.start && at <= interval.end);
}
