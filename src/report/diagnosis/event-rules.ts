// Rules over the timeline: disconnects and reconnect attempts, the meeting going to the
// background, device changes, and changes of the browser's connection speed class during
// the call. Each reads only what real reports carry.

import { clipLine } from '../../lib/format.ts';
import { meetingsTabActive } from '../event-labels.ts';
import type { TimelineEvent, TimeInterval } from '../model.ts';
import type { DiagnosisContext } from './context.ts';
import { formatSpan } from '../../lib/format.ts';
import { durationPhrase, listPhrase, lowerFirst, momentPhrase, plural, spanPhrase } from './sentence.ts';
import { mergeIntervals, totalDuration } from '../time-series.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const RECONNECT_ID = 'reconnects';
const BACKGROUND_ID = 'backgrounded';
const DEVICE_ID = 'device-change';
const SPEED_CLASS_ID = 'connection-speed-change';

const EVENTS_SOURCE = 'Client SDK events of the peer report';

/** A point event is shaded as this much time around it, so a chart can show it. */
const POINT_WINDOW_MS = 10_000;
/** Devices picked while joining are setup, not a change during the call. */
const DEVICE_GRACE_MS = 10_000;
const SAME_MOMENT_MS = 5_000;

/** Events from the join on: what happened on the pre-call screen is not part of the call. */
function inCall(context: DiagnosisContext): TimelineEvent[] {
  const from = context.report.participant.joinedAt;
  return from === null ? context.report.timeline : context.report.timeline.filter((event) => event.at >= from);
}

/** A detail as sentence text; device labels and network names come from the device, so they are cut short. */
function scalarText(value: string | number | boolean | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  return clipLine(String(value), 80);
}

// ---------------------------------------------------------------------------------------
// Disconnects and reconnects.

const isDisconnect = (event: TimelineEvent): boolean =>
  event.category === 'network' && event.severity === 'problem' && /disconnect/i.test(event.name);
const isReconnectAttempt = (event: TimelineEvent): boolean => event.name === 'reconnect_attempt';
const isOtherNetworkProblem = (event: TimelineEvent): boolean =>
  event.category === 'network' && event.severity === 'problem' && !isDisconnect(event) && !isReconnectAttempt(event);
/** Media flows again once a transport reconnects; signalling alone (websocket) is not enough. */
const isRecovery = (event: TimelineEvent): boolean =>
  event.name === 'transport_connected' || /^reconnect(ed|_success(ful)?|_succeeded)$/i.test(event.name);

/** First sample of any stream after `at`: media was flowing again. */
function nextSampleAfter(context: DiagnosisContext, at: number): number | null {
  let best: number | null = null;
  for (const stream of context.report.streams) {
    const samples = stream.samples;
    let low = 0;
    let high = samples.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((samples[mid]?.at ?? 0) <= at) low = mid + 1;
      else high = mid;
    }
    const next = samples[low]?.at;
    if (next !== undefined && (best === null || next < best)) best = next;
  }
  return best;
}

interface Episode {
  start: number;
  end: number;
  recovered: boolean;
  attempts: number;
}

export const RECONNECTS: DiagnosisRule = {
  id: RECONNECT_ID,
  title: 'Disconnects and reconnect attempts',
  threshold: 'critical: a disconnect; warning: reconnect attempts or other network failures',
  sustain: null,
  severities: ['critical', 'warning'],
  source: EVENTS_SOURCE,
  run(context) {
    const events = inCall(context);
    const episodes: Episode[] = [];
    events.forEach((event, index) => {
      if (!isDisconnect(event)) return;
      const current = episodes[episodes.length - 1];
      // Several disconnect events (signalling, transport) for one outage are one drop.
      if (current && event.at <= current.end) return;
      let recoveryAt: number | null = null;
      for (let i = index + 1; i < events.length; i += 1) {
        const later = events[i];
        if (later && later.at > event.at && isRecovery(later)) {
          recoveryAt = later.at;
          break;
        }
      }
      const sampleAt = nextSampleAfter(context, event.at);
      const candidates = [recoveryAt, sampleAt].filter((at): at is number => at !== null);
      const recovered = candidates.length > 0;
      const end = recovered ? Math.min(...candidates) : event.at + POINT_WINDOW_MS;
      episodes.push({ start: event.at, end, recovered, attempts: 0 });
    });

    const loose: TimelineEvent[] = [];
    for (const event of events) {
      if (!isReconnectAttempt(event) && !isOtherNetworkProblem(event)) continue;
      const episode = episodes.find((e) => event.at >= e.start && event.at <= e.end + 1000);
      if (episode) {
        if (isReconnectAttempt(event)) episode.attempts += 1;
      } else loose.push(event);
    }
    if (episodes.length === 0 && loose.length === 0) return [];

    const origin = context.origin;
    const parts: string[] = [];
    if (episodes.length === 1) {
      const [episode] = episodes as [Episode];
      const back = episode.recovered
        ? `media was back ${formatSpan(episode.end - episode.start)} later`
        : 'the report shows no reconnection after it';
      const attempts = episode.attempts > 0 ? `, after ${plural(episode.attempts, 'reconnect attempt')}` : '';
      parts.push(`The connection dropped at ${momentPhrase(episode.start, origin)} and ${back}${attempts}.`);
    } else if (episodes.length > 1) {
      const total = totalDuration(episodes);
      const list = episodes.map((e) => `at ${momentPhrase(e.start, origin)} for ${formatSpan(e.end - e.start)}`);
      const attempts = episodes.reduce((sum, e) => sum + e.attempts, 0);
      const attemptText = attempts > 0 ? `, with ${plural(attempts, 'reconnect attempt')}` : '';
      parts.push(
        `The connection dropped ${episodes.length} times, ${formatSpan(total)} without media in all: ${listPhrase(list, 4)}${attemptText}.`,
      );
    }
    if (loose.length > 0) {
      const attempts = loose.filter(isReconnectAttempt).length;
      const others = [...new Set(loose.filter((e) => !isReconnectAttempt(e)).map((e) => lowerFirst(e.label)))];
      const what = listPhrase([...(attempts > 0 ? [plural(attempts, 'reconnect attempt')] : []), ...others]);
      const first = loose[0] as TimelineEvent;
      const lead = episodes.length > 0 ? 'Apart from that, the SDK reported' : 'The SDK reported';
      parts.push(`${lead} ${what} without a full disconnect, the first at ${momentPhrase(first.at, origin)}.`);
    }

    // Clamped to the call: a drop in the last seconds must not shade past the leave time.
    const range = context.range;
    const clamp = ({ start, end }: { start: number; end: number }) =>
      range ? { start: Math.max(range.start, start), end: Math.min(range.end, end) } : { start, end };
    const intervals = mergeIntervals(
      [
        ...episodes.map(({ start, end }) => ({ start, end })),
        ...loose.map((e) => ({ start: e.at - POINT_WINDOW_MS / 2, end: e.at + POINT_WINDOW_MS / 2 })),
      ]
        .map(clamp)
        .filter((interval) => interval.end >= interval.start),
    );
    const title =
      episodes.length === 0
        ? 'Reconnect attempts'
        : episodes.length === 1
          ? 'Disconnected during the call'
          : `Disconnected ${episodes.length} times`;
    return [
      {
        id: findingId(RECONNECT_ID, null),
        rule: RECONNECT_ID,
        severity: episodes.length > 0 ? 'critical' : 'warning',
        title,
        sentence: parts.join(' '),
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals,
        source: EVENTS_SOURCE,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Backgrounded.

/** `tab`: the meeting tab hidden. `app`: the browser or the meeting view in the background. */
type HideKey = 'tab' | 'app';

/**
 * What an event says about visibility: which stretches it opens (`hidden`) or closes. The
 * client has no event ending a meeting_view_backgrounded; the page coming back (the meeting
 * tab active again, the browser foregrounded) ends it, and an active meeting tab means the
 * page is in front, so it ends both.
 */
function hideChange(event: TimelineEvent): { keys: readonly HideKey[]; hidden: boolean } | null {
  switch (event.name) {
    case 'tab_change': {
      const active = meetingsTabActive(event.details);
      if (active === null) return null;
      return active ? { keys: ['tab', 'app'], hidden: false } : { keys: ['tab'], hidden: true };
    }
    case 'browser_backgrounded':
    case 'meeting_view_backgrounded':
      return { keys: ['app'], hidden: true };
    case 'browser_foregrounded':
    case 'meeting_view_foregrounded':
      return { keys: ['app'], hidden: false };
    default:
      return null;
  }
}

/** What a backgrounded meeting costs, by the device it ran on. */
function backgroundEffect(isMobile: boolean | null): { where: string; effect: string } {
  if (isMobile === true) {
    return { where: 'The meeting app went to the background', effect: 'mobile browsers pause the camera and can cut audio while in the background' };
  }
  if (isMobile === false) {
    return {
      where: 'The meeting window went to the background',
      effect:
        'on a desktop that means minimised or behind other windows; the browser throttles a background page, which can slow its video rendering, while the camera and microphone keep running',
    };
  }
  return {
    where: 'The meeting went to the background',
    effect: 'on a phone the camera pauses and audio can cut out; on a desktop the browser throttles the page, which can slow its video rendering',
  };
}

export const BACKGROUNDED: DiagnosisRule = {
  id: BACKGROUND_ID,
  title: 'Meeting in the background',
  threshold:
    'warning: the app went to the background on a phone (or an unknown device); info: the window went to the background on a desktop, or the meeting tab was hidden',
  sustain: null,
  severities: ['warning', 'info'],
  source: EVENTS_SOURCE,
  run(context) {
    const join = context.report.participant.joinedAt ?? context.range?.start ?? Number.NEGATIVE_INFINITY;
    const leftAt = context.report.participant.leftAt;
    const callEnd = leftAt ?? context.range?.end ?? null;
    const open = new Map<HideKey, number>();
    const stretches: { key: HideKey; interval: TimeInterval }[] = [];
    const close = (key: HideKey, start: number, end: number): void => {
      const from = Math.max(start, join);
      const to = callEnd === null ? end : Math.min(end, callEnd);
      if (to > from) stretches.push({ key, interval: { start: from, end: to } });
    };
    for (const event of context.report.timeline) {
      const change = hideChange(event);
      if (!change) continue;
      for (const key of change.keys) {
        const since = open.get(key);
        if (change.hidden) {
          if (since === undefined) open.set(key, event.at);
        } else if (since !== undefined) {
          close(key, since, event.at);
          open.delete(key);
        }
      }
    }
    // No event brought it back: it is shaded to the end of the call, and the sentence says why.
    let unreturned: number | null = null;
    if (callEnd !== null) {
      for (const [key, since] of open) {
        close(key, since, callEnd);
        unreturned = unreturned === null ? since : Math.min(unreturned, since);
      }
    }
    if (stretches.length === 0) return [];

    const intervals = mergeIntervals(stretches.map((s) => s.interval));
    const app = stretches.some((s) => s.key !== 'tab');
    const times = intervals.length > 1 ? ` ${intervals.length} times` : '';
    const isMobile = context.report.device?.isMobile ?? null;
    let sentence: string;
    if (app) {
      const { where, effect } = backgroundEffect(isMobile);
      sentence = `${where}${times} ${durationPhrase(intervals, context.origin)}: ${effect}.`;
    } else {
      sentence = `The participant left the meeting tab${times} ${durationPhrase(intervals, context.origin)}: a hidden tab is throttled by the browser and may stop rendering video.`;
    }
    if (unreturned !== null) {
      const until =
        leftAt === null
          ? 'it was still hidden when the report was made'
          : `it may have stayed there until the participant left at ${momentPhrase(leftAt, context.origin)}`;
      sentence += ` The report shows no return to the foreground after ${momentPhrase(Math.max(unreturned, join), context.origin)}: ${until}.`;
    }
    const severity = app && isMobile !== false ? 'warning' : 'info';
    return [
      {
        id: findingId(BACKGROUND_ID, null),
        rule: BACKGROUND_ID,
        severity,
        title: app ? (isMobile === true ? 'App went to the background' : 'Meeting went to the background') : 'Meeting tab hidden',
        sentence,
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals,
        source: EVENTS_SOURCE,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Device changes.

const SELECT_NOUN: Readonly<Record<string, string>> = {
  selected_microphone_update: 'microphone',
  selected_camera_update: 'camera',
  selected_speaker_update: 'speaker',
};
const LIST_NOUN: Readonly<Record<string, string>> = {
  audio_devices_updates: 'microphone',
  video_devices_updates: 'camera',
  speaker_devices_updates: 'speaker',
};
const KIND_NOUN: Readonly<Record<string, string>> = { audioinput: 'microphone', videoinput: 'camera', audiooutput: 'speaker' };

/** One wording for the same change whichever source reported it, so duplicates collapse. */
function describeDeviceEvent(event: TimelineEvent): string {
  const label = scalarText(event.details['label']) ?? scalarText(event.details['device_id']);
  const quoted = label === null ? 'an unnamed device' : `"${label}"`;
  const selectNoun = SELECT_NOUN[event.name];
  if (selectNoun) return `selected ${selectNoun} ${quoted}`;
  if (event.name === 'selected_device_updates') {
    const kind = scalarText(event.details['kind']);
    return `selected ${(kind && KIND_NOUN[kind.toLowerCase()]) ?? 'device'} ${quoted}`;
  }
  const listNoun = LIST_NOUN[event.name];
  const change = scalarText(event.details['change']);
  if (listNoun && change && label !== null) return `${listNoun} ${change} ${quoted}`;
  return lowerFirst(event.label);
}

export const DEVICE_CHANGE: DiagnosisRule = {
  id: DEVICE_ID,
  title: 'Devices changed mid-call',
  threshold: `info: a device event more than ${DEVICE_GRACE_MS / 1000} s after joining`,
  sustain: null,
  severities: ['info'],
  source: EVENTS_SOURCE,
  run(context) {
    const join = context.report.participant.joinedAt ?? context.range?.start ?? null;
    const after = join === null ? Number.NEGATIVE_INFINITY : join + DEVICE_GRACE_MS;
    const changes = context.report.timeline.filter((event) => event.category === 'device' && event.at > after);
    if (changes.length === 0) return [];
    const descriptions = [...new Set(changes.map(describeDeviceEvent))];
    const times = [...new Set(changes.map((event) => event.at))];
    const first = changes[0] as TimelineEvent;
    const last = changes[changes.length - 1] as TimelineEvent;
    // One action (plugging in a headset) logs several events within a second or two.
    const when =
      last.at - first.at < SAME_MOMENT_MS
        ? `at ${momentPhrase(first.at, context.origin)}`
        : spanPhrase({ start: first.at, end: last.at }, context.origin);
    return [
      {
        id: findingId(DEVICE_ID, null),
        rule: DEVICE_ID,
        severity: 'info',
        title: 'Devices changed during the call',
        sentence: `The participant's devices changed during the call, ${when}: ${listPhrase(descriptions)}.`,
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals: mergeIntervals(times.map((at) => ({ start: at, end: at }))),
        source: EVENTS_SOURCE,
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------
// The browser's connection speed class.

const SPEED_CLASS_SOURCE =
  "pc_metadata[].effective_network_type and net_quality_test_end of the peer report: the browser's effective connection type (WICG Network Information API)";

/** A connection speed class the report carries, with when it was measured. */
interface SpeedReading {
  at: number;
  speedClass: string;
}

function speedClassOf(event: TimelineEvent): string | null {
  return scalarText(event.details['effective_network_type']) ?? scalarText(event.details['effectiveNetworkType']);
}

/**
 * Every speed class the report carries, in time order: the pre-call checks (pc_metadata)
 * and the network quality test's result. There is no "network changed" event: the client
 * reports the class where it measures it, and a change shows as two readings that differ.
 */
function speedReadings(context: DiagnosisContext): SpeedReading[] {
  const readings: SpeedReading[] = [];
  for (const check of context.report.connectivity?.precall ?? []) {
    const speedClass = check.effectiveNetworkType?.trim();
    if (check.at !== null && speedClass) readings.push({ at: check.at, speedClass });
  }
  for (const event of context.report.timeline) {
    if (event.name !== 'net_quality_test_end') continue;
    const speedClass = speedClassOf(event);
    if (speedClass !== null) readings.push({ at: event.at, speedClass });
  }
  return readings.sort((a, b) => a.at - b.at);
}

/** The slower classes of the Network Information API, slowest first. */
const SLOW_CLASSES = ['slow-2g', '2g', '3g'];

export const CONNECTION_SPEED_CHANGE: DiagnosisRule = {
  id: SPEED_CLASS_ID,
  title: 'Connection speed class changed mid-call',
  threshold: "info: the browser's connection speed class (effective connection type) changed after joining",
  sustain: null,
  severities: ['info'],
  source: SPEED_CLASS_SOURCE,
  run(context) {
    const readings = speedReadings(context);
    const join = context.report.participant.joinedAt ?? context.range?.start ?? Number.NEGATIVE_INFINITY;
    const changes: { at: number; speedClass: string }[] = [];
    let current: string | null = null;
    let initial: string | null = null;
    for (const reading of readings) {
      if (current === null) {
        current = reading.speedClass;
        initial = reading.speedClass;
        continue;
      }
      if (reading.speedClass === current) continue;
      if (reading.at <= join) initial = reading.speedClass;
      else changes.push({ at: reading.at, speedClass: reading.speedClass });
      current = reading.speedClass;
    }
    if (changes.length === 0 || initial === null) return [];
    // Shade the stretches spent in another class than the one the call started in.
    const end = context.report.participant.leftAt ?? context.range?.end ?? null;
    const intervals: TimeInterval[] = [];
    changes.forEach((change, i) => {
      const until = changes[i + 1]?.at ?? end;
      if (change.speedClass !== initial && until !== null && until > change.at) intervals.push({ start: change.at, end: until });
    });
    const steps = changes.map((change, i) => `${i === 0 ? `from ${initial} ` : ''}to ${change.speedClass} at ${momentPhrase(change.at, context.origin)}`);
    const slowest = SLOW_CLASSES.find((slow) => changes.some((change) => change.speedClass === slow));
    const slow = slowest === undefined ? '' : ` In ${slowest} the browser measured a slow connection, whatever the link (Wi-Fi, cable or cellular).`;
    return [
      {
        id: findingId(SPEED_CLASS_ID, null),
        rule: SPEED_CLASS_ID,
        severity: 'info',
        title: 'Connection speed class changed during the call',
        sentence: `The browser's connection speed class changed ${plural(changes.length, 'time')}: ${listPhrase(steps)}.${slow}`,
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals: mergeIntervals(intervals),
        source: SPEED_CLASS_SOURCE,
      },
    ];
  },
};

export const EVENT_RULES: readonly DiagnosisRule[] = [RECONNECTS, BACKGROUNDED, DEVICE_CHANGE, CONNECTION_SPEED_CHANGE];
