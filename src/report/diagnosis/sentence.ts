// Wording for findings. A finding's sentence is pasted into support tickets, where the
// reader has no chart: it must carry the numbers, the clock times with their zone and the
// offset since join (what the timeline shows). Clock times and remote senders are tokens
// (../phrase.ts), rendered in the reader's chosen zone and with the senders' names.

import { formatOffset, formatSpan } from '../../lib/format.ts';
import type { QualityStream, TimeInterval } from '../model.ts';
import { clockToken, peerToken, zoneToken } from '../phrase.ts';
import { longestInterval, totalDuration } from '../time-series.ts';

/** `T+11:18` since join; null when the join time is unknown, so the sentence drops it. */
function offsetSinceJoin(ms: number, origin: number | null): string | null {
  return origin === null ? null : formatOffset(ms - origin);
}

/** "13:14:05 UTC (T+11:18)", rendered. */
export function momentPhrase(ms: number, origin: number | null): string {
  const offset = offsetSinceJoin(ms, origin);
  const clock = `${clockToken(ms)} ${zoneToken(ms)}`;
  return offset === null ? clock : `${clock} (${offset})`;
}

/** "from 13:14:05 to 13:16:45 UTC (T+11:18 to T+13:58)", rendered. */
export function spanPhrase(interval: TimeInterval, origin: number | null): string {
  const clocks = `from ${clockToken(interval.start)} to ${clockToken(interval.end)} ${zoneToken(interval.end)}`;
  const from = offsetSinceJoin(interval.start, origin);
  const to = offsetSinceJoin(interval.end, origin);
  return from === null || to === null ? clocks : `${clocks} (${from} to ${to})`;
}

/**
 * Where a problem held: "from … to … UTC (…)" for one stretch; for several, how many and
 * the longest, which is the one a support engineer will look at first.
 */
function stretchPhrase(intervals: readonly TimeInterval[], origin: number | null): string {
  const longest = longestInterval(intervals);
  if (!longest) return '';
  if (intervals.length === 1) return spanPhrase(longest, origin);
  return `in ${intervals.length} stretches, the longest ${spanPhrase(longest, origin)}`;
}

/** "for 2 min 40 s, from … to … UTC (…)", or "for 9 min in 3 stretches, the longest from …". */
export function durationPhrase(intervals: readonly TimeInterval[], origin: number | null, aside = ''): string {
  if (intervals.length === 0) return '';
  const total = `for ${formatSpan(totalDuration(intervals))}${aside}`;
  return `${total}${intervals.length === 1 ? ',' : ''} ${stretchPhrase(intervals, origin)}`;
}

const KIND_WORDS: Record<QualityStream['kind'], string> = {
  audio: 'audio',
  video: 'video',
  screenshare_audio: 'screenshare audio',
  screenshare_video: 'screenshare video',
};

/** "audio", "screenshare video". */
export function kindWords(kind: QualityStream['kind']): string {
  return KIND_WORDS[kind];
}

/** "sent audio", "received video from <sender>", "sent screenshare video". */
export function streamName(stream: Pick<QualityStream, 'kind' | 'direction' | 'remotePeerId'>): string {
  const kind = KIND_WORDS[stream.kind];
  if (stream.direction === 'send') return `sent ${kind}`;
  return stream.remotePeerId === null ? `received ${kind}` : `received ${kind} from ${peerToken(stream.remotePeerId)}`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "a, b and c"; long lists end with "and 3 more" so a sentence stays pasteable. */
export function listPhrase(items: readonly string[], max = 6): string {
  const shown = items.length > max ? [...items.slice(0, max), `${items.length - max} more`] : [...items];
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1] ?? ''}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
