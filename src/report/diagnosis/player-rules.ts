// Rules for a livestream viewer. A viewer watches through the livestream player (Amazon IVS),
// not over WebRTC, so their report has no quality samples: what went wrong is in the
// player's events (@cloudflare/realtimekit-callstats, events/types.js): stalls to rebuffer,
// playback or sound blocked by the browser's autoplay rules, the network going away, player
// errors, and the live latency it reports.

import { formatNumber } from '../../lib/format.ts';
import { livestreamLatencySeconds } from '../event-labels.ts';
import type { Finding, FindingSeverity, TimelineEvent, TimeInterval } from '../model.ts';
import { mergeIntervals } from '../time-series.ts';
import type { DiagnosisContext } from './context.ts';
import { durationPhrase, listPhrase, momentPhrase, plural } from './sentence.ts';
import { sampleSeries, sustainedRuns, usableValues, type SustainWindow } from './sustained.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const PLAYER_SOURCE = 'Livestream player events of the peer report (@cloudflare/realtimekit-callstats, Amazon IVS player)';

/** Stalls this close together are one stretch of rebuffering. */
const REBUFFER_JOIN_MS = 30_000;
/** A stall is shaded as this much time from its event: the event marks its start, not its length. */
const STALL_MS = 10_000;

function playerEvents(context: DiagnosisContext, names: ReadonlySet<string>): TimelineEvent[] {
  return context.report.timeline.filter((event) => event.source === 'client' && names.has(event.name));
}

/** A finding with no stream: the player's events concern the whole viewing. */
function playerFinding(id: string, severity: FindingSeverity, title: string, sentence: string, intervals: TimeInterval[], source = PLAYER_SOURCE): Finding {
  return {
    id: findingId(id, null),
    rule: id,
    severity,
    title,
    sentence,
    streamId: null,
    streamIds: [],
    remotePeerId: null,
    metric: null,
    intervals,
    source,
  };
}

/** Clamped to the call: a stall in the last seconds must not shade past the leave time. */
function withinCall(context: DiagnosisContext, intervals: readonly TimeInterval[]): TimeInterval[] {
  const range = context.range;
  if (!range) return [...intervals];
  return intervals
    .map(({ start, end }) => ({ start: Math.max(range.start, start), end: Math.min(range.end, end) }))
    .filter((interval) => interval.end >= interval.start);
}

// ---------------------------------------------------------------------------------------
// Rebuffering.

const REBUFFERING_ID = 'player-rebuffering';

export const PLAYER_REBUFFERING: DiagnosisRule = {
  id: REBUFFERING_ID,
  title: 'Livestream stalled to rebuffer',
  threshold: `warning: the player rebuffered; stalls under ${REBUFFER_JOIN_MS / 1000} s apart are one stretch`,
  sustain: null,
  severities: ['warning'],
  source: PLAYER_SOURCE,
  run(context) {
    const stalls = playerEvents(context, new Set(['ivs_player_rebuffering']));
    if (stalls.length === 0) return [];
    const stretches: TimeInterval[] = [];
    for (const stall of stalls) {
      const last = stretches[stretches.length - 1];
      if (last && stall.at - last.end <= REBUFFER_JOIN_MS) last.end = stall.at + STALL_MS;
      else stretches.push({ start: stall.at, end: stall.at + STALL_MS });
    }
    const intervals = withinCall(context, mergeIntervals(stretches));
    const where = ` ${durationPhrase(intervals, context.origin)}`;
    return [
      playerFinding(
        REBUFFERING_ID,
        'warning',
        'Livestream stalled to rebuffer',
        `The livestream player stalled to rebuffer ${plural(stalls.length, 'time')}${where}: the viewer's connection did not bring the stream in as fast as it played, so the picture froze while the player refilled its buffer.`,
        intervals,
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Autoplay blocks.

const AUTOPLAY_ID = 'player-autoplay-blocked';
const AUTOPLAY_SOURCE = "Livestream player events; browsers' autoplay policies block media until the viewer interacts with the page";

export const PLAYER_AUTOPLAY_BLOCKED: DiagnosisRule = {
  id: AUTOPLAY_ID,
  title: 'Playback or sound blocked by autoplay rules',
  threshold: 'warning: the player reported playback or audio blocked',
  sustain: null,
  severities: ['warning'],
  source: AUTOPLAY_SOURCE,
  run(context) {
    const playback = playerEvents(context, new Set(['ivs_player_playback_blocked']));
    const audio = playerEvents(context, new Set(['ivs_player_audio_blocked']));
    if (playback.length === 0 && audio.length === 0) return [];
    const parts: string[] = [];
    const first = (events: TimelineEvent[]) => momentPhrase((events[0] as TimelineEvent).at, context.origin);
    if (playback.length > 0) {
      parts.push(
        `The browser blocked playback at ${first(playback)}${playback.length > 1 ? ` (${plural(playback.length, 'time')} in all)` : ''}: the viewer saw a stopped player until they clicked play`,
      );
    }
    if (audio.length > 0) {
      parts.push(
        `${parts.length > 0 ? 'it' : 'The browser'} started the stream without sound at ${first(audio)}${audio.length > 1 ? ` (${plural(audio.length, 'time')} in all)` : ''}: the viewer heard nothing until they unmuted`,
      );
    }
    const title =
      playback.length > 0 && audio.length > 0
        ? 'Playback and sound blocked by autoplay rules'
        : playback.length > 0
          ? 'Playback blocked by autoplay rules'
          : 'Sound blocked by autoplay rules';
    const intervals = mergeIntervals([...playback, ...audio].map((event) => ({ start: event.at, end: event.at })));
    return [
      playerFinding(
        AUTOPLAY_ID,
        'warning',
        title,
        `${parts.join('; ')}. Browsers' autoplay rules hold media back until the viewer interacts with the page; a page that starts the stream on a click avoids it.`,
        intervals,
        AUTOPLAY_SOURCE,
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Network unavailable.

const NETWORK_ID = 'player-network-unavailable';

export const PLAYER_NETWORK_UNAVAILABLE: DiagnosisRule = {
  id: NETWORK_ID,
  title: 'Livestream player lost the network',
  threshold: 'critical: the player reported the network unavailable',
  sustain: null,
  severities: ['critical'],
  source: PLAYER_SOURCE,
  run(context) {
    const losses = playerEvents(context, new Set(['ivs_player_network_unavailable']));
    if (losses.length === 0) return [];
    const first = losses[0] as TimelineEvent;
    const when =
      losses.length === 1
        ? `at ${momentPhrase(first.at, context.origin)}`
        : `${plural(losses.length, 'time')}, the first at ${momentPhrase(first.at, context.origin)}`;
    const intervals = withinCall(context, mergeIntervals(losses.map((event) => ({ start: event.at, end: event.at + STALL_MS }))));
    return [
      playerFinding(
        NETWORK_ID,
        'critical',
        'Livestream player lost the network',
        `The livestream player found no network ${when}: playback stopped until the viewer's connection came back.`,
        intervals,
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Player errors.

const ERRORS_ID = 'player-errors';

function errorText(event: TimelineEvent): string {
  const message = event.details['message'];
  const code = event.details['code'];
  const text = typeof message === 'string' && message.trim() !== '' ? message.trim().slice(0, 80) : event.label;
  return code === null || code === undefined || code === '' ? `"${text}"` : `"${text}" (code ${String(code)})`;
}

export const PLAYER_ERRORS: DiagnosisRule = {
  id: ERRORS_ID,
  title: 'Livestream player errors',
  threshold: 'warning: a player or player worker error; info: errors the player recovered from',
  sustain: null,
  severities: ['warning', 'info'],
  source: PLAYER_SOURCE,
  run(context) {
    const fatal = playerEvents(context, new Set(['ivs_player_error', 'ivs_player_worker_error']));
    const recovered = playerEvents(context, new Set(['ivs_player_recoverable_error']));
    if (fatal.length === 0 && recovered.length === 0) return [];
    const errors = fatal.length > 0 ? fatal : recovered;
    const first = errors[0] as TimelineEvent;
    const messages = [...new Set(errors.map(errorText))];
    const what = fatal.length > 0 ? plural(fatal.length, 'error') : plural(recovered.length, 'error it recovered from', 'errors it recovered from');
    const more = fatal.length > 0 && recovered.length > 0 ? `, and ${plural(recovered.length, 'error it recovered from', 'errors it recovered from')}` : '';
    return [
      playerFinding(
        ERRORS_ID,
        fatal.length > 0 ? 'warning' : 'info',
        fatal.length > 0 ? 'Livestream player errors' : 'Livestream player recovered from errors',
        `The livestream player reported ${what}${more}, the first at ${momentPhrase(first.at, context.origin)}: ${listPhrase(messages, 3)}.`,
        mergeIntervals([...fatal, ...recovered].map((event) => ({ start: event.at, end: event.at }))),
      ),
    ];
  },
};

// ---------------------------------------------------------------------------------------
// Live latency.

const LATENCY_ID = 'livestream-latency';
/** Amazon IVS is designed for end-to-end latency under five seconds (IVS Player SDK docs). */
const LATENCY_WARN_S = 5;
const LATENCY_CRITICAL_S = 10;
const LATENCY_WINDOW: SustainWindow = { k: 3, n: 5 };
const LATENCY_SOURCE = 'Amazon IVS Player SDK: low-latency streams are designed for under 5 s end to end; 3 of 5 readings';

export const LIVESTREAM_LATENCY: DiagnosisRule = {
  id: LATENCY_ID,
  title: 'High livestream latency',
  threshold: `warning > ${LATENCY_WARN_S} s, critical > ${LATENCY_CRITICAL_S} s behind live`,
  sustain: '3 of 5 readings',
  severities: ['warning', 'critical'],
  source: LATENCY_SOURCE,
  run(context) {
    const readings = playerEvents(context, new Set(['livestream_latency']))
      .map((event) => ({ at: event.at, seconds: livestreamLatencySeconds(event.details) }))
      .filter((reading): reading is { at: number; seconds: number } => reading.seconds !== null);
    if (readings.length === 0) return [];
    const series = sampleSeries(readings);
    const usable = usableValues(series, (reading) => reading.seconds, null);
    const warn = sustainedRuns(series, usable, { limit: LATENCY_WARN_S, lowerIsWorse: false }, LATENCY_WINDOW);
    if (warn.intervals.length === 0) return [];
    const critical = sustainedRuns(series, usable, { limit: LATENCY_CRITICAL_S, lowerIsWorse: false }, LATENCY_WINDOW);
    let peak = 0;
    for (const index of warn.hits) peak = Math.max(peak, readings[index]?.seconds ?? 0);
    const over = critical.intervals.length > 0 ? LATENCY_CRITICAL_S : LATENCY_WARN_S;
    const intervals = withinCall(context, critical.intervals.length > 0 ? critical.intervals : warn.intervals);
    return [
      playerFinding(
        LATENCY_ID,
        critical.intervals.length > 0 ? 'critical' : 'warning',
        'High livestream latency',
        `The viewer was more than ${formatNumber(over)} s behind live ${durationPhrase(intervals, context.origin)}, peaking at ${formatNumber(peak)} s: the stream is built for under ${formatNumber(LATENCY_WARN_S)} s, so chat and questions ran ahead of what the viewer saw.`,
        withinCall(context, warn.intervals),
        LATENCY_SOURCE,
      ),
    ];
  },
};

export const PLAYER_RULES: readonly DiagnosisRule[] = [
  PLAYER_NETWORK_UNAVAILABLE,
  PLAYER_REBUFFERING,
  PLAYER_AUTOPLAY_BLOCKED,
  PLAYER_ERRORS,
  LIVESTREAM_LATENCY,
];
