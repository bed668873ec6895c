// A participant's own microphone muted or silent, or camera off, said in words. Muted is not
// bad quality: a muted microphone keeps sending Opus silence frames that the RealtimeKit
// client scores MOS 1, and a camera that is off sends no frames. The quality rules leave
// those samples out (../media-state.ts); this rule says where they were, so a reader who
// sees "MOS 1" in the raw report, or a gap in the MOS chart, knows why.

import type { Finding, QualityStream, TimeInterval } from '../model.ts';
import { mediaOffIntervals } from '../media-state.ts';
import { mergeIntervals } from '../time-series.ts';
import type { DiagnosisContext } from './context.ts';
import { capitalize, durationPhrase, listPhrase } from './sentence.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const ID = 'media-off';
const SOURCE =
  'audio_off and video_off events of the peer report, and Opus silence frames (about 18-21 bytes a packet, which the RealtimeKit client scores MOS 1)';

interface OffStretch {
  stream: QualityStream;
  device: 'microphone' | 'camera';
  intervals: TimeInterval[];
  /** Every sample of the stream was off. */
  whole: boolean;
}

/** The participant's own microphone and camera: what a mute or camera-off applies to. */
function deviceOf(stream: QualityStream): OffStretch['device'] | null {
  if (stream.direction !== 'send') return null;
  if (stream.kind === 'audio') return 'microphone';
  if (stream.kind === 'video') return 'camera';
  return null;
}

/** The first sample speaks for the seconds before it, which may reach back before the join. */
function clampToCall(context: DiagnosisContext, intervals: readonly TimeInterval[]): TimeInterval[] {
  const range = context.range;
  if (!range) return [...intervals];
  return intervals
    .map((interval) => ({ start: Math.max(range.start, interval.start), end: Math.min(range.end, interval.end) }))
    .filter((interval) => interval.end >= interval.start);
}

function offStretch(context: DiagnosisContext, stream: QualityStream, device: OffStretch['device']): OffStretch | null {
  const activity = context.activity(stream);
  let count = 0;
  for (let i = 0; i < activity.inactive.length; i += 1) if (activity.inactive[i] === 1) count += 1;
  if (count === 0) return null;
  const intervals = clampToCall(context, mediaOffIntervals(stream, context.report.timeline, {
    off: activity.inactive,
    noFlow: activity.noFlow,
    knownOn: activity.knownOn,
    intervalMs: activity.intervalMs,
  }));
  return { stream, device, intervals, whole: count === stream.samples.length };
}

const STATE: Record<OffStretch['device'], string> = { microphone: 'muted or silent', camera: 'off' };

function clause(off: OffStretch, origin: number | null): string {
  const when = off.whole ? 'for the whole call' : durationPhrase(off.intervals, origin);
  return `the ${off.device} was ${STATE[off.device]} ${when}`;
}

function title(found: readonly OffStretch[]): string {
  const parts = found.map((off) => `${off.device === 'microphone' ? 'Microphone' : 'camera'} ${STATE[off.device]}`);
  const allWhole = found.every((off) => off.whole);
  const noneWhole = found.every((off) => !off.whole);
  if (allWhole || noneWhole) return capitalize(`${parts.join(' and ')} ${allWhole ? 'for the whole call' : 'for part of the call'}`);
  return capitalize(found.map((off, i) => `${parts[i] ?? ''} for ${off.whole ? 'the whole call' : 'part of it'}`).join(', '));
}

function consequence(found: readonly OffStretch[]): string {
  const microphone = found.some((off) => off.device === 'microphone');
  const camera = found.some((off) => off.device === 'camera');
  const why = [
    ...(microphone ? ['a muted or silent microphone sends silence frames scored MOS 1'] : []),
    ...(camera ? ['a camera that is off sends no frames'] : []),
  ];
  const left = [...(microphone ? ['MOS'] : []), 'bitrate', ...(camera ? ['frame rate', 'resolution'] : [])];
  return `${capitalize(listPhrase(why))}: that is not bad quality, so ${listPhrase(left)} there are not judged; round-trip time, jitter and loss of what did flow still are.`;
}

export const MEDIA_OFF: DiagnosisRule = {
  id: ID,
  title: 'Microphone muted or silent, camera off',
  threshold: 'info: own audio muted or silent (audio_off, or silence frames), own camera off (video_off, or no frames)',
  sustain: null,
  severities: ['info'],
  source: SOURCE,
  run(context) {
    const found: OffStretch[] = [];
    for (const stream of context.report.streams) {
      const device = deviceOf(stream);
      if (device === null) continue;
      const off = offStretch(context, stream, device);
      if (off) found.push(off);
    }
    if (found.length === 0) return [];
    found.sort((a, b) => (a.device === b.device ? 0 : a.device === 'microphone' ? -1 : 1));
    const first = found[0] as OffStretch;
    const finding: Finding = {
      id: findingId(ID, first.stream.id),
      rule: ID,
      severity: 'info',
      title: title(found),
      sentence: `${capitalize(found.map((off) => clause(off, context.origin)).join('; '))}. ${consequence(found)}`,
      streamId: first.stream.id,
      streamIds: found.map((off) => off.stream.id),
      remotePeerId: null,
      metric: null,
      intervals: mergeIntervals(found.flatMap((off) => off.intervals)),
      source: SOURCE,
    };
    return [finding];
  },
};
