// Rules over the timeline: disconnects and reconnect attempts, the meeting going to the
// background, device changes and network type changes during the call.

import { clipLine } from '../../lib/format.ts';
import type { TimelineEvent, TimeInterval } from '../model.ts';
import type { DiagnosisContext } from './context.ts';
import { formatSpan } from '../../lib/format.ts';
import { durationPhrase, listPhrase, lowerFirst, momentPhrase, plural, spanPhrase } from './sentence.ts';
import { mergeIntervals, totalDuration } from '../time-series.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const RECONNECT_ID = 'reconnects';
const BACKGROUND_ID = 'backgrounded';
const DEVICE_ID = 'device-change';
const NETWORK_ID = 'network-type-change';

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

type HideKey = 'tab' | 'browser' | 'view';

function hideChange(event: TimelineEvent): { key: HideKey; hidden: boolean } | null {
  switch (event.name) {
    case 'tab_change': {
      const active = event.details['is_meetings_tab_active'];
      if (active === false || active === 'false') return { key: 'tab', hidden: true };
      if (active === true || active === 'true') return { key: 'tab', hidden: false };
      return null;
    }
    case 'browser_backgrounded':
      return { key: 'browser', hidden: true };
    case 'browser_foregrounded':
      return { key: 'browser', hidden: false };
    case 'meeting_view_backgrounded':
      return { key: 'view', hidden: true };
    case 'meeting_view_foregrounded':
      return { key: 'view', hidden: false };
    default:
      return null;
  }
}

export const BACKGROUNDED: DiagnosisRule = {
  id: BACKGROUND_ID,
  title: 'Meeting in the background',
  threshold: 'warning: the browser app or meeting view went to the background; info: the meeting tab was hidden',
  sustain: null,
  severities: ['warning', 'info'],
  source: EVENTS_SOURCE,
  run(context) {
    const join = context.report.participant.joinedAt ?? context.range?.start ?? Number.NEGATIVE_INFINITY;
    const callEnd = context.report.participant.leftAt ?? context.range?.end ?? null;
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
      const since = open.get(change.key);
      if (change.hidden) {
        if (since === undefined) open.set(change.key, event.at);
      } else if (since !== undefined) {
        close(change.key, since, event.at);
        open.delete(change.key);
      }
    }
    // Still hidden when the report ends: hidden until the participant left (or now).
    if (callEnd !== null) for (const [key, since] of open) close(key, since, callEnd);
    if (stretches.length === 0) return [];

    const intervals = mergeIntervals(stretches.map((s) => s.interval));
    const app = stretches.some((s) => s.key !== 'tab');
    const sentence = app
      ? `The meeting app went to the background${intervals.length > 1 ? ` ${intervals.length} times` : ''} ${durationPhrase(intervals, context.origin)}: mobile browsers pause the camera and can cut audio while in the background.`
      : `The participant left the meeting tab${intervals.length > 1 ? ` ${intervals.length} times` : ''} ${durationPhrase(intervals, context.origin)}: a hidden tab is throttled by the browser and may stop rendering video.`;
    return [
      {
        id: findingId(BACKGROUND_ID, null),
        rule: BACKGROUND_ID,
        severity: app ? 'warning' : 'info',
        title: app ? 'App went to the background' : 'Meeting tab hidden',
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
// Network type changes.

const NETWORK_CHANGE_NAMES = new Set(['effective_network_type_change', 'network_type_change']);

export const NETWORK_TYPE_CHANGE: DiagnosisRule = {
  id: NETWORK_ID,
  title: 'Network type changed mid-call',
  threshold: 'info: the effective network type changed after joining',
  sustain: null,
  severities: ['info'],
  source: EVENTS_SOURCE,
  run(context) {
    const changes: { at: number; type: string; previous: string | null }[] = [];
    for (const event of inCall(context)) {
      if (!NETWORK_CHANGE_NAMES.has(event.name)) continue;
      const type =
        scalarText(event.details['effective_network_type']) ?? scalarText(event.details['network_type']) ?? scalarText(event.details['type']);
      if (type === null) continue;
      changes.push({ at: event.at, type, previous: scalarText(event.details['previous']) });
    }
    if (changes.length === 0) return [];
    const first = changes[0] as (typeof changes)[number];
    const initial = first.previous ?? context.report.connectivity?.precall[0]?.effectiveNetworkType ?? null;
    // Shade the stretches spent on a network other than the one the call started on.
    const end = context.report.participant.leftAt ?? context.range?.end ?? null;
    const intervals: TimeInterval[] = [];
    changes.forEach((change, i) => {
      const until = changes[i + 1]?.at ?? end;
      if (initial === null) intervals.push({ start: change.at, end: change.at });
      else if (change.type !== initial && until !== null && until > change.at) intervals.push({ start: change.at, end: until });
    });
    const steps = changes.map((change, i) => {
      const from = i === 0 && initial !== null ? `from ${initial} ` : '';
      return `${from}to ${change.type} at ${momentPhrase(change.at, context.origin)}`;
    });
    return [
      {
        id: findingId(NETWORK_ID, null),
        rule: NETWORK_ID,
        severity: 'info',
        title: 'Network type changed during the call',
        sentence: `The network type changed ${plural(changes.length, 'time')}: ${listPhrase(steps)}.`,
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals: mergeIntervals(intervals),
        source: EVENTS_SOURCE,
      },
    ];
  },
};

export const EVENT_RULES: readonly DiagnosisRule[] = [RECONNECTS, BACKGROUNDED, DEVICE_CHANGE, NETWORK_TYPE_CHANGE];
