// What each raw event name means to a support engineer: a label, a timeline lane and how
// much it matters. Names come from the RealtimeKit client library
// (@cloudflare/realtimekit-callstats, events/types.js: every event it sends is here, the
// livestream player's among them), from real reports (meeting_view_backgrounded), and from
// the server's peer_events. The SDK adds names over time, so anything unknown still gets a
// readable label.

import { formatNumber } from '../lib/format.ts';
import type { EventCategory, TimelineEvent } from './model.ts';

export type EventSeverity = TimelineEvent['severity'];
export type EventDetails = TimelineEvent['details'];

export interface EventDescription {
  label: string;
  category: EventCategory;
  severity: EventSeverity;
}

const d = (label: string, category: EventCategory, severity: EventSeverity = 'normal'): EventDescription => ({
  label,
  category,
  severity,
});

const EVENT_LABELS: Readonly<Record<string, EventDescription>> = {
  // Lifecycle: client side, then the server's peer_events.
  precall_begin: d('Pre-call test started', 'lifecycle'),
  precall_end: d('Pre-call test finished', 'lifecycle'),
  call_join: d('Joined the call', 'lifecycle'),
  call_leave: d('Left the call', 'lifecycle'),
  participant_role: d('Role set', 'lifecycle'),
  legacy_switch: d('Switched client mode (legacy)', 'lifecycle'),
  PEER_CREATED: d('Peer created (server)', 'lifecycle'),
  PEER_JOINING: d('Joining (server)', 'lifecycle'),
  PEER_LEAVING: d('Leaving (server)', 'lifecycle'),

  // Network and signalling.
  net_quality_test_begin: d('Network quality test started', 'network'),
  net_quality_test_end: d('Network quality test finished', 'network'),
  websocket_connected: d('Signalling connected', 'network'),
  websocket_disconnected: d('Signalling disconnected', 'network', 'problem'),
  transport_connected: d('Media transport connected', 'network'),
  transport_disconnected: d('Media transport disconnected', 'network', 'problem'),
  // The client's periodic stats upload (every 7 s); its numbers become the quality samples.
  ping_stat: d('Stats ping', 'network'),
  disconnect: d('Disconnected', 'network', 'problem'),
  reconnect_attempt: d('Reconnect attempt', 'network', 'problem'),
  reconnected: d('Reconnected', 'network', 'notable'),

  // Media: user mute/unmute is notable (it explains silent stretches), not a problem.
  audio_on: d('Microphone on', 'media', 'notable'),
  audio_off: d('Microphone off', 'media', 'notable'),
  video_on: d('Camera on', 'media', 'notable'),
  video_off: d('Camera off', 'media', 'notable'),
  audio_track_muted: d('Microphone track muted by the browser or system', 'media', 'notable'),
  video_track_muted: d('Camera track muted by the browser or system', 'media', 'notable'),
  screenshare_start_requested: d('Screen share requested', 'media'),
  screenshare_started: d('Screen share started', 'media'),
  screenshare_stopped: d('Screen share stopped', 'media'),
  dominant_speaker: d('Dominant speaker', 'media'),
  expected_video_resolution: d('Expected video resolution', 'media'),
  expected_screenshare_resolution: d('Expected screen share resolution', 'media'),
  media_permission: d('Media permission', 'media'),

  // Errors.
  audio_play_failed: d('Audio playback failed', 'error', 'problem'),
  video_play_failed: d('Video playback failed', 'error', 'problem'),

  // Focus: a backgrounded tab throttles timers and often the camera, so it is notable.
  tab_change: d('Tab changed', 'focus', 'notable'),
  browser_backgrounded: d('Browser went to the background', 'focus', 'notable'),
  browser_foregrounded: d('Browser came to the foreground', 'focus', 'notable'),
  meeting_view_backgrounded: d('Meeting view went to the background', 'focus', 'notable'),
  meeting_view_foregrounded: d('Meeting view came to the foreground', 'focus', 'notable'),

  // The livestream viewer's player (Amazon IVS): a lane of its own, since a viewer has no
  // WebRTC media and these are what its experience is made of.
  ivs_player_initialized: d('Livestream player ready', 'player'),
  ivs_player_rebuffering: d('Playback stalled: rebuffering', 'player', 'problem'),
  ivs_player_playback_blocked: d('Playback blocked by autoplay rules', 'player', 'problem'),
  ivs_player_audio_blocked: d('Sound blocked by autoplay rules', 'player', 'problem'),
  ivs_player_network_unavailable: d('Player lost the network', 'player', 'problem'),
  ivs_player_error: d('Player error', 'player', 'problem'),
  ivs_player_worker_error: d('Player worker error', 'player', 'problem'),
  ivs_player_recoverable_error: d('Player error (recovered)', 'player', 'notable'),
  ivs_player_quality_changed: d('Stream quality changed', 'player'),
  ivs_player_playback_rate_changed: d('Playback rate changed', 'player'),
  ivs_player_analytics_event: d('Player analytics event', 'player'),
  livestream_latency: d('Livestream latency', 'player'),

  // Devices.
  selected_microphone_update: d('Microphone selected', 'device', 'notable'),
  selected_camera_update: d('Camera selected', 'device', 'notable'),
  selected_speaker_update: d('Speaker selected', 'device', 'notable'),
  audio_devices_updates: d('Microphones changed', 'device', 'notable'),
  video_devices_updates: d('Cameras changed', 'device', 'notable'),
  speaker_devices_updates: d('Speakers changed', 'device', 'notable'),
  selected_device_updates: d('Device selected', 'device', 'notable'),
};

/** `net_quality_test_begin` → "Net quality test begin", `PEER_JOINING` → "Peer joining". */
export function humanizeEventName(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.\s]+/g, ' ')
    .trim()
    .toLowerCase();
  if (words === '') return 'Unnamed event';
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DENIED = /denied|blocked|dismissed|not_?allowed|notallowed|refused|fail/i;
const FAILED = /fail|error|timeout|timed_?out/i;

function anyDetailMatches(details: EventDetails, pattern: RegExp): boolean {
  return Object.values(details).some((value) => typeof value === 'string' && pattern.test(value));
}

/** A permission event only matters when something was refused. */
function describePermission(base: EventDescription, details: EventDetails): EventDescription {
  const refusedFlag = Object.entries(details).some(
    ([key, value]) => value === false && /granted|allowed|permission/i.test(key),
  );
  if (refusedFlag || anyDetailMatches(details, DENIED)) {
    return { ...base, label: 'Media permission denied', category: 'error', severity: 'problem' };
  }
  return base;
}

/** ping_stat fires every few seconds; only a failed ping is worth a mark. */
function describePing(base: EventDescription, details: EventDetails): EventDescription {
  const failed = Object.entries(details).some(
    ([key, value]) =>
      (FAILED.test(key) && value !== false && value !== null && value !== 0) ||
      (/^(success|ok|reachable)$/i.test(key) && value === false) ||
      (/status|result|state/i.test(key) && typeof value === 'string' && FAILED.test(value)),
  );
  return failed ? { ...base, label: 'Ping failed', severity: 'problem' } : base;
}

/** The client sends `isMeetingsTabActive`; reports seen so far carry it snake-cased. */
export function meetingsTabActive(details: EventDetails): boolean | null {
  const active = details['is_meetings_tab_active'] ?? details['isMeetingsTabActive'];
  if (active === false || active === 'false') return false;
  if (active === true || active === 'true') return true;
  return null;
}

function describeTabChange(base: EventDescription, details: EventDetails): EventDescription {
  const active = meetingsTabActive(details);
  if (active === false) return { ...base, label: 'Left the meeting tab' };
  if (active === true) return { ...base, label: 'Back on the meeting tab' };
  return base;
}

/** The IVS player's live latency, in SECONDS (IVS Player getLiveLatency()). */
export function livestreamLatencySeconds(details: EventDetails): number | null {
  const latency = details['latency'];
  const value = typeof latency === 'number' ? latency : typeof latency === 'string' && latency.trim() !== '' ? Number(latency) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function describeLatency(base: EventDescription, details: EventDetails): EventDescription {
  const seconds = livestreamLatencySeconds(details);
  return seconds === null ? base : { ...base, label: `${base.label} ${formatNumber(seconds)} s` };
}

/** Names the table does not know: failures and disconnects still stand out. */
function describeUnknown(name: string): EventDescription {
  const label = humanizeEventName(name);
  if (/(^|_)(failed|failure|error)$/i.test(name)) return d(label, 'error', 'problem');
  if (/(^|_)disconnected$/i.test(name)) return d(label, 'network', 'problem');
  return d(label, 'other');
}

export function describeEvent(name: string, details: EventDetails = {}): EventDescription {
  const base = (Object.hasOwn(EVENT_LABELS, name) ? EVENT_LABELS[name] : undefined) ??
    (Object.hasOwn(EVENT_LABELS, name.toLowerCase()) ? EVENT_LABELS[name.toLowerCase()] : undefined) ??
    describeUnknown(name);
  switch (name.toLowerCase()) {
    case 'media_permission':
      return describePermission(base, details);
    case 'ping_stat':
      return describePing(base, details);
    case 'tab_change':
      return describeTabChange(base, details);
    case 'livestream_latency':
      return describeLatency(base, details);
    default:
      return base;
  }
}
