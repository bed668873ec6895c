import { describe, expect, it } from 'vitest';
import { describeEvent, humanizeEventName } from './event-labels.ts';

describe('describeEvent', () => {
  it('marks disconnects, reconnects and failures as problems', () => {
    expect(describeEvent('disconnect')).toMatchObject({ category: 'network', severity: 'problem' });
    expect(describeEvent('reconnect_attempt')).toMatchObject({ label: 'Reconnect attempt', severity: 'problem' });
    expect(describeEvent('audio_play_failed')).toMatchObject({ category: 'error', severity: 'problem' });
  });
  it('marks mute, focus and device changes as notable', () => {
    expect(describeEvent('audio_off')).toMatchObject({ category: 'media', severity: 'notable' });
    expect(describeEvent('browser_backgrounded')).toMatchObject({ category: 'focus', severity: 'notable' });
    expect(describeEvent('selected_microphone_update')).toMatchObject({ category: 'device', severity: 'notable' });
  });
  it('knows the server lifecycle events', () => {
    expect(describeEvent('PEER_JOINING')).toMatchObject({ category: 'lifecycle', severity: 'normal' });
  });
  it('makes a denied media permission a problem, a granted one not', () => {
    expect(describeEvent('media_permission', { audio: 'DENIED' })).toMatchObject({ severity: 'problem' });
    expect(describeEvent('media_permission', { granted: false })).toMatchObject({ severity: 'problem' });
    expect(describeEvent('media_permission', { audio: 'GRANTED' }).severity).toBe('normal');
  });
  it('makes only failed pings problems', () => {
    expect(describeEvent('ping_stat', { rtt: 40 }).severity).toBe('normal');
    expect(describeEvent('ping_stat', { failed: true })).toMatchObject({ label: 'Ping failed', severity: 'problem' });
    expect(describeEvent('ping_stat', { success: false }).severity).toBe('problem');
  });
  it('says which way a tab change went', () => {
    expect(describeEvent('tab_change', { is_meetings_tab_active: false }).label).toBe('Left the meeting tab');
    expect(describeEvent('tab_change', { is_meetings_tab_active: true }).label).toBe('Back on the meeting tab');
  });
  it('gives unknown names a readable label in the other lane', () => {
    expect(describeEvent('spatial_audio_enabled')).toEqual({
      label: 'Spatial audio enabled',
      category: 'other',
      severity: 'normal',
    });
    expect(describeEvent('whiteboard_sync_failed')).toMatchObject({ category: 'error', severity: 'problem' });
  });
  it('does not confuse inherited object keys with event names', () => {
    expect(describeEvent('constructor').category).toBe('other');
    expect(describeEvent('__proto__').label).toBe('Proto');
  });
});

describe('every event the RealtimeKit client sends', () => {
  // @cloudflare/realtimekit-callstats 8.0.0, events/types.js, and meeting_view_backgrounded from real reports.
  const sent = [
    'precall_begin', 'precall_end', 'call_join', 'net_quality_test_begin', 'net_quality_test_end', 'websocket_connected',
    'transport_connected', 'audio_on', 'audio_off', 'video_on', 'video_off', 'participant_role', 'ping_stat', 'disconnect',
    'reconnect_attempt', 'screenshare_start_requested', 'screenshare_started', 'screenshare_stopped', 'tab_change',
    'browser_backgrounded', 'browser_foregrounded', 'dominant_speaker', 'audio_devices_updates', 'video_devices_updates',
    'speaker_devices_updates', 'selected_microphone_update', 'selected_camera_update', 'selected_speaker_update',
    'expected_video_resolution', 'expected_screenshare_resolution', 'media_permission', 'legacy_switch', 'audio_play_failed',
    'video_play_failed', 'audio_track_muted', 'video_track_muted', 'ivs_player_rebuffering', 'ivs_player_audio_blocked',
    'ivs_player_playback_blocked', 'ivs_player_error', 'ivs_player_recoverable_error', 'ivs_player_worker_error',
    'ivs_player_network_unavailable', 'livestream_latency', 'ivs_player_playback_rate_changed', 'ivs_player_quality_changed',
    'ivs_player_initialized', 'meeting_view_backgrounded',
  ];

  it('has a label and a lane of its own for each, none left to the catch-all', () => {
    for (const name of sent) {
      const description = describeEvent(name);
      expect(description.category, name).not.toBe('other');
      expect(description.label, name).not.toBe('');
    }
  });

  it("puts the livestream player's events in the player lane, its stalls and blocks as problems", () => {
    for (const name of sent.filter((n) => n.startsWith('ivs_player_') || n === 'livestream_latency')) {
      expect(describeEvent(name).category, name).toBe('player');
    }
    for (const name of ['ivs_player_rebuffering', 'ivs_player_playback_blocked', 'ivs_player_audio_blocked', 'ivs_player_network_unavailable', 'ivs_player_error']) {
      expect(describeEvent(name).severity, name).toBe('problem');
    }
    expect(describeEvent('livestream_latency', { latency: 3.2 }).label).toBe('Livestream latency 3.2 s');
    expect(describeEvent('meeting_view_backgrounded')).toMatchObject({ category: 'focus', severity: 'notable' });
  });

  it('reads the tab flag as the client names it too', () => {
    expect(describeEvent('tab_change', { isMeetingsTabActive: false }).label).toBe('Left the meeting tab');
  });

  it('has no label for a network-type-change event the client does not send', () => {
    expect(describeEvent('effective_network_type_change').category).toBe('other');
  });
});

describe('humanizeEventName', () => {
  it('turns snake, screaming and camel case into a sentence', () => {
    expect(humanizeEventName('net_quality_test_begin')).toBe('Net quality test begin');
    expect(humanizeEventName('PEER_CREATED')).toBe('Peer created');
    expect(humanizeEventName('dominantSpeakerChanged')).toBe('Dominant speaker changed');
    expect(humanizeEventName('')).toBe('Unnamed event');
  });
});
