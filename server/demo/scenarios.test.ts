import { describe, expect, it } from 'vitest';
import { DEMO_PEERS } from './catalog.ts';
import {
  DEMO_FILTERS,
  REPORT_SCENARIO_KEYS,
  applyFilters,
  parseFilters,
  scenarioAnswer,
  scenarioBody,
  scenarioData,
  scenarioSpec,
} from './scenarios.ts';
import { arr, asSent, lossPercent, mean, ms, num, participantOf, rec, recs, reportOf, samples, str } from '../test-support/report-json.ts';

/** The metadata blocks each filter keeps (the API does not document them; this is the demo's reading). */
const FILTER_BLOCKS: Record<(typeof DEMO_FILTERS)[number], readonly string[]> = {
  device_info: ['device_info', 'browser_metadata', 'sdk_name', 'sdk_type', 'sdk_version', 'room_view_type', 'native_metadata'],
  ip_information: ['ip_information'],
  precall_network_information: ['pc_metadata', 'candidate_pairs'],
  events: ['events', 'audio_devices_updates', 'video_devices_updates', 'speaker_devices_updates', 'selected_device_updates'],
  quality_stats: [],
};

const eventNames = (data: Record<string, unknown>): string[] => recs(reportOf(data).metadata.events).map((e) => str(e, 'name'));

describe('scenario catalog', () => {
  it('has a scenario for every report peer and none for error peers', () => {
    const reportKeys = DEMO_PEERS.filter((p) => p.kind === 'report').map((p) => p.key);
    expect([...REPORT_SCENARIO_KEYS].sort()).toEqual([...reportKeys].sort());
  });

  it('uses the catalog peer id and is deterministic', () => {
    for (const key of REPORT_SCENARIO_KEYS) {
      const peer = DEMO_PEERS.find((p) => p.key === key);
      expect(scenarioSpec(key).peerId).toBe(peer?.id);
      expect(JSON.stringify(scenarioData(key))).toBe(JSON.stringify(scenarioData(key)));
    }
  });

  it('hands out private copies', () => {
    const first = scenarioData('good-call');
    rec(participantOf(first)).display_name = 'changed';
    samples(first, 'audio_producer').length = 0;
    const second = scenarioData('good-call');
    expect(str(participantOf(second), 'display_name')).not.toBe('changed');
    expect(samples(second, 'audio_producer').length).toBeGreaterThan(200);
  });

  it('wraps data in the success envelope', () => {
    const body = scenarioBody('good-call');
    expect(body.success).toBe(true);
    expect(body.data).toHaveProperty('participant');
  });
});

describe('good-call', () => {
  const data = scenarioData('good-call');

  it('is a clean 25-minute call with two remote senders', () => {
    expect(num(participantOf(data), 'duration')).toBeCloseTo(25.24, 1);
    for (const name of ['audio_producer', 'audio_consumer', 'video_producer', 'video_consumer']) {
      for (const s of samples(data, name)) {
        expect(lossPercent(s)).toBeLessThan(0.5);
        expect(num(s, 'jitter') * 1000).toBeLessThan(15);
      }
    }
    for (const s of samples(data, 'audio_producer')) {
      expect(num(s, 'rtt') * 1000).toBeGreaterThanOrEqual(30);
      expect(num(s, 'rtt') * 1000).toBeLessThanOrEqual(60);
      expect(num(s, 'mos_quality')).toBeGreaterThanOrEqual(4.2);
      expect(num(s, 'mos_quality')).toBeLessThanOrEqual(4.5);
    }
    expect(new Set(samples(data, 'video_consumer').map((s) => s.peer_id)).size).toBe(2);
    expect(eventNames(data)).not.toContain('reconnect_attempt');
    expect(eventNames(data)).not.toContain('disconnect');
  });
});

describe('poor-wifi', () => {
  const data = scenarioData('poor-wifi');

  it('has loss bursts, jitter spikes, a disconnect and two reconnect attempts on Wi-Fi', () => {
    const audio = samples(data, 'audio_producer');
    expect(audio.filter((s) => lossPercent(s) > 5).length).toBeGreaterThan(20);
    expect(audio.some((s) => num(s, 'jitter') * 1000 >= 50)).toBe(true);
    const names = eventNames(data);
    expect(names.filter((n) => n === 'reconnect_attempt')).toHaveLength(2);
    expect(names.filter((n) => n === 'disconnect')).toHaveLength(1);
    const pc = recs(reportOf(data).metadata.pc_metadata);
    // The link is the candidate's network type; effective_network_type is the speed class.
    expect(pc.map((p) => p.effective_network_type)).toEqual(pc.map(() => '4g'));
    expect(JSON.stringify(data)).toContain('"local_candidate_network_type":"wifi"');
    expect(num(rec(rec(reportOf(data).quality.video_producer_cumulative).issues), 'bandwidth_quality_limitation_fraction')).toBeGreaterThan(0);
  });

  it('has no samples while the transports are down, and a new candidate pair after', () => {
    const audio = samples(data, 'audio_producer');
    const gaps = audio.slice(1).map((s, i) => ms(s, 'timestamp') - ms(rec(audio[i]), 'timestamp'));
    expect(Math.max(...gaps)).toBeGreaterThan(20_000);
    // One nominated pair per connection, before and after the reconnection.
    expect(recs(rec(reportOf(data).metadata.candidate_pairs).producing_transport).filter((p) => p.nominated === true)).toHaveLength(2);
  });
});

describe('turn-tcp', () => {
  const data = scenarioData('turn-tcp');

  it('relays media through TURN over TCP with a ~450 ms round trip', () => {
    const pairs = rec(reportOf(data).metadata.candidate_pairs);
    const all = [...recs(pairs.producing_transport), ...recs(pairs.consuming_transport)];
    // The host pair and the TURN-over-UDP pair were tried; the firewall let only TURN over TCP through.
    const tried = all.filter((pair) => pair.nominated === false);
    expect(tried.map((pair) => `${String(pair.local_candidate_type)}/${String(pair.local_candidate_protocol)}`)).toEqual(['host/udp', 'relay/udp', 'host/udp', 'relay/udp']);
    for (const pair of all.filter((p) => p.nominated === true)) {
      expect(pair.local_candidate_type).toBe('relay');
      expect(pair.local_candidate_protocol).toBe('tcp');
      expect(str(pair, 'local_candidate_url')).toContain('transport=tcp');
    }
    const precall = rec(recs(reportOf(data).metadata.pc_metadata)[0]);
    expect(precall.turn_connectivity).toBe(true);
    expect(precall.reflexive_connectivity).toBe(false);
    const rtts = samples(data, 'audio_producer').map((s) => num(s, 'rtt') * 1000);
    expect(mean(rtts)).toBeGreaterThan(400);
    expect(mean(rtts)).toBeLessThan(520);
  });
});

describe('mobile-4g', () => {
  const data = scenarioData('mobile-4g');
  const { metadata } = reportOf(data);

  it('is an Android phone whose network type goes 4g, 3g, 4g', () => {
    expect(rec(metadata.device_info).is_mobile).toBe(true);
    expect(rec(metadata.device_info).os).toBe('Android');
    const types = recs(metadata.pc_metadata).map((p) => p.effective_network_type);
    expect(types).toEqual(['4g', '3g', '4g']);
  });

  it('goes to the background and gets a headset mid-call', () => {
    const names = eventNames(data);
    expect(names).toEqual(expect.arrayContaining(['browser_backgrounded', 'browser_foregrounded', 'tab_change', 'selected_microphone_update']));
    const joined = ms(participantOf(data), 'joined_at');
    const midCall = recs(metadata.audio_devices_updates).filter((u) => ms(u, 'timestamp') > joined);
    expect(midCall).toHaveLength(1);
    expect(str(rec(arr(rec(midCall[0]).added)[0]), 'label')).toMatch(/Buds/);
    const selected = recs(metadata.selected_device_updates).filter((u) => ms(u, 'timestamp') > joined);
    expect(selected.length).toBeGreaterThanOrEqual(1);
  });
});

describe('cpu-limited', () => {
  const data = scenarioData('cpu-limited');

  it('limits the camera by CPU: low frame rate, falling resolution, growing resolution changes', () => {
    expect(rec(reportOf(data).metadata.device_info).cpus).toBe(2);
    const video = samples(data, 'video_producer');
    const cpu = video.filter((s) => s.quality_limitation_reason === 'cpu');
    expect(cpu.length / video.length).toBeGreaterThan(0.4);
    expect(video.some((s) => num(s, 'frames_per_second') <= 10)).toBe(true);
    const heights = new Set(video.map((s) => num(s, 'frame_height')));
    for (const h of [720, 360, 180]) expect(heights.has(h)).toBe(true);
    const changes = video.map((s) => num(s, 'quality_limitation_resolution_changes'));
    expect(changes.every((c, i) => i === 0 || c >= (changes[i - 1] ?? 0))).toBe(true);
    expect(changes.at(-1)).toBeGreaterThan(3);
  });
});

describe('group-receiver', () => {
  const data = scenarioData('group-receiver');

  it('receives six senders, one of them poor', () => {
    expect(reportOf(data).metadata.room_view_type).toBe('groupCall');
    const video = samples(data, 'video_consumer');
    const peers = [...new Set(video.map((s) => str(s, 'peer_id')))];
    expect(peers).toHaveLength(6);
    const poor = peers.filter((peer) => {
      const own = video.filter((s) => s.peer_id === peer);
      return mean(own.map(lossPercent)) > 5 && mean(own.map((s) => num(s, 'frames_per_second'))) < 10;
    });
    expect(poor).toHaveLength(1);
    expect(samples(data, 'screenshare_video_consumer').length).toBeGreaterThan(0);
  });
});

describe('muted-whole-call', () => {
  const data = scenarioData('muted-whole-call');

  it('sends silence frames from join to leave, with no audio_off to say so', () => {
    const audio = samples(data, 'audio_producer');
    expect(audio.length).toBeGreaterThan(150);
    for (const s of audio) {
      expect(num(s, 'mos_quality')).toBe(1);
      const perPacket = num(s, 'bytes_sent') / num(s, 'packets_sent');
      expect(perPacket).toBeGreaterThanOrEqual(18);
      expect(perPacket).toBeLessThanOrEqual(21);
    }
    expect(eventNames(data).filter((name) => name === 'audio_off' || name === 'audio_on')).toEqual([]);
  });

  it('measures one ~780 ms round trip among the silence frames, and backgrounds the desktop window once', () => {
    const rtts = samples(data, 'audio_producer').map((s) => num(s, 'rtt') * 1000);
    expect(rtts.filter((rtt) => rtt > 700)).toHaveLength(1);
    expect(Math.max(...rtts)).toBeGreaterThan(770);
    expect(Math.max(...rtts)).toBeLessThan(800);
    expect(rec(reportOf(data).metadata.device_info).is_mobile).toBe(false);
    expect(eventNames(data)).toContain('meeting_view_backgrounded');
  });
});

describe('livestream-viewer', () => {
  const data = scenarioData('livestream-viewer');

  it('watches through the player: no WebRTC samples, pairs or SDP', () => {
    const { quality, metadata } = reportOf(data);
    for (const [name, value] of Object.entries(quality)) {
      if (!name.endsWith('_cumulative')) expect(arr(value), name).toEqual([]);
    }
    const pairs = rec(metadata.candidate_pairs);
    expect(arr(pairs.producing_transport)).toEqual([]);
    expect(arr(pairs.consuming_transport)).toEqual([]);
    for (const check of recs(metadata.pc_metadata)) expect(arr(check.sdp)).toEqual([]);
    expect(participantOf(data).role).toBe('livestream_viewer');
    expect(recs(participantOf(data).peer_events).map((e) => e.preset_view_type)).toEqual(['LIVESTREAM', 'LIVESTREAM', 'LIVESTREAM']);
  });

  it("carries the player's events: autoplay, rebuffering, the network, latency up to ~12 s", () => {
    const names = eventNames(data);
    expect(names).toEqual(
      expect.arrayContaining([
        'ivs_player_initialized',
        'ivs_player_audio_blocked',
        'ivs_player_rebuffering',
        'ivs_player_network_unavailable',
        'ivs_player_quality_changed',
        'ivs_player_playback_rate_changed',
        'livestream_latency',
      ]),
    );
    expect(names.filter((name) => name === 'ivs_player_rebuffering')).toHaveLength(6);
    expect(names).not.toContain('transport_connected');
    const latencies = recs(reportOf(data).metadata.events)
      .filter((e) => e.name === 'livestream_latency')
      .map((e) => num(rec(e.metadata), 'latency'));
    expect(Math.min(...latencies)).toBeGreaterThan(3);
    expect(Math.max(...latencies)).toBeGreaterThan(11);
    expect(Math.max(...latencies)).toBeLessThan(13);
  });
});

describe('devices', () => {
  it("are labelled as each participant's operating system names them", () => {
    const labels = (key: Parameters<typeof scenarioData>[0]) =>
      recs(reportOf(scenarioData(key)).metadata.audio_devices_updates).flatMap((u) => recs(u.added).map((d) => str(d, 'label')));
    expect(labels('good-call')).toContain('MacBook Pro Microphone (Built-in)');
    for (const windows of ['poor-wifi', 'turn-tcp', 'cpu-limited', 'flat-shape'] as const) {
      expect(labels(windows), windows).toContain('Microphone Array (Realtek(R) Audio)');
      expect(labels(windows).join(' '), windows).not.toMatch(/MacBook/);
    }
    expect(labels('group-receiver')).toContain('Built-in Audio Analog Stereo');
    expect(labels('group-receiver').join(' ')).not.toMatch(/MacBook|Realtek/);
  });
});

describe('what the demo sends is what the real client sends', () => {
  // @cloudflare/realtimekit-callstats 8.0.0, events/types.js, and meeting_view_backgrounded
  // (seen from Chrome on a macOS desktop) from real reports.
  const CLIENT_EVENTS = new Set([
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
  ]);
  const CURRENT = REPORT_SCENARIO_KEYS.filter((key) => key !== 'flat-shape' && key !== 'legacy-shape');

  it.each(CURRENT)('%s: every event name is one the client sends; no invented network-type event, no ping_stat rtt', (key) => {
    const events = recs(reportOf(scenarioData(key)).metadata.events);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(CLIENT_EVENTS.has(str(event, 'name')), str(event, 'name')).toBe(true);
      expect(rec(event.metadata ?? {})).not.toHaveProperty('rtt_ms');
    }
    // The speed class is where the client puts it: the pre-call checks and the network test.
    for (const check of recs(reportOf(scenarioData(key)).metadata.pc_metadata)) expect(typeof check.effective_network_type).toBe('string');
  });

  it("carries the phone's change of speed class in pc_metadata, and its link type in the candidates", () => {
    const metadata = reportOf(scenarioData('mobile-4g')).metadata;
    expect(recs(metadata.pc_metadata).map((check) => check.effective_network_type)).toEqual(['4g', '3g', '4g']);
    const pairs = recs(rec(metadata.candidate_pairs).producing_transport);
    expect(new Set(pairs.map((pair) => pair.local_candidate_network_type))).toEqual(new Set(['cellular']));
    // A wired desktop reports the class 4g: the link comes from the candidate, not the class.
    const wired = reportOf(scenarioData('turn-tcp')).metadata;
    expect(recs(wired.pc_metadata)[0]?.effective_network_type).toBe('4g');
    expect(recs(rec(wired.candidate_pairs).producing_transport).map((pair) => pair.local_candidate_network_type)).toContain('ethernet');
  });
});

describe('device labels of every scenario', () => {
  /** Words only one operating system's built-in devices carry. */
  const OWN_WORDS: Record<string, RegExp> = { macOS: /MacBook|FaceTime/, Windows: /Realtek|Integrated Webcam/, Ubuntu: /Analog Stereo/, Android: /camera2|Speakerphone/ };

  it.each(REPORT_SCENARIO_KEYS)("%s: its devices are labelled as its operating system names them, and no other system's", (key) => {
    const spec = scenarioSpec(key);
    const labels = [...spec.devices, ...spec.deviceChanges.flatMap((change) => change.added ?? [])].map((device) => device.label).join(' | ');
    const own = OWN_WORDS[spec.device.os];
    if (!own) throw new Error(`no device words for ${spec.device.os}`);
    expect(labels, spec.device.os).toMatch(own);
    for (const [os, words] of Object.entries(OWN_WORDS)) if (os !== spec.device.os) expect(labels, `${key} (${spec.device.os}) has ${os} devices`).not.toMatch(words);
  });
});

describe('answering for the peer asked for', () => {
  it('gives the scenario call the requested peer ID throughout', () => {
    const asked = '6b4cb242-4a23-4596-a217-beaddbc496cb';
    const data = scenarioData('good-call', { peerId: asked });
    const participant = participantOf(data);
    expect(participant.id).toBe(asked);
    for (const event of recs(participant.peer_events)) expect(event.peer_id).toBe(asked);
    // The scenario itself still answers as its own peer.
    expect(participantOf(scenarioData('good-call')).id).toBe(DEMO_PEERS.find((p) => p.key === 'good-call')?.id);
  });
});

describe('still-in-call', () => {
  const data = scenarioData('still-in-call');

  it('has no left_at and a duration so far', () => {
    const participant = participantOf(data);
    // Absent, as the schema has it (left_at is a string when present), not null.
    expect(participant).not.toHaveProperty('left_at');
    const elapsed = ms(participant, 'updated_at') - ms(participant, 'joined_at');
    expect(Math.abs(num(participant, 'duration') * 60_000 - elapsed)).toBeLessThan(60);
    const peerEvents = recs(participant.peer_events).map((e) => e.event_name);
    expect(peerEvents).toEqual(['PEER_CREATED', 'PEER_JOINING']);
    expect(samples(data, 'screenshare_video_producer').length).toBeGreaterThan(0);
  });
});

describe('flat-shape', () => {
  it('puts the participant fields directly in data', () => {
    const data = scenarioData('flat-shape');
    expect(data).not.toHaveProperty('participant');
    expect(data).toHaveProperty('preset_name');
    expect(data).toHaveProperty('session_id');
    expect(recs(data.peer_events).map((e) => e.event_name)).toEqual(['PEER_CREATED', 'PEER_JOINING', 'PEER_LEAVING']);
    expect(rec(rec(data.peer_report).quality)).toHaveProperty('audio_producer');
  });
});

describe('legacy-shape', () => {
  const data = scenarioData('legacy-shape');
  const participant = rec(data.participant);

  it('uses role, peer_stats and quality_stats', () => {
    expect(participant.role).toBe('group_call_host');
    expect(participant).not.toHaveProperty('peer_report');
    expect(participant).not.toHaveProperty('preset_name');
    const peerStats = rec(participant.peer_stats);
    const device = rec(peerStats.device_info);
    expect(device.os).toBe('Windows');
    expect(device.browser).toBe('Chrome');
    const event = rec(recs(peerStats.events)[0]);
    expect(Object.keys(event).sort()).toEqual(['metadata', 'timestamp', 'type']);
    const precall = rec(peerStats.precall_network_information);
    for (const key of ['backend_rtt', 'rtt', 'jitter', 'fractional_loss', 'throughput', 'effective_networktype', 'turn_connectivity', 'relay_connectivity', 'reflexive_connectivity']) {
      expect(precall).toHaveProperty(key);
    }
    expect(num(precall, 'rtt')).toBeLessThan(1);
  });

  it('summarises the sent streams in quality_stats', () => {
    const stats = rec(participant.quality_stats);
    const audio = recs(stats.audio_stats);
    const video = recs(stats.video_stats);
    expect(audio.length).toBeGreaterThan(100);
    expect(Object.keys(rec(audio[0])).sort()).toEqual(['bitrate', 'bytes', 'jitter', 'mos_quality', 'packets', 'packets_lost', 'rtt', 'timestamp']);
    expect(rec(video[0])).toHaveProperty('fps');
    expect(rec(video[0])).toHaveProperty('width');
    expect(rec(video[0])).toHaveProperty('height');
    expect(num(stats, 'total_audio_packets')).toBe(audio.reduce((sum, s) => sum + num(s, 'packets'), 0));
    expect(num(stats, 'total_video_packets_lost')).toBe(video.reduce((sum, s) => sum + num(s, 'packets_lost'), 0));
    expect(arr(stats.peer_ids)).toHaveLength(2);
    expect(num(stats, 'audio_bandwidth')).toBeGreaterThan(20);
    expect(num(stats, 'audio_bandwidth')).toBeLessThan(45);
    expect(str(stats, 'start') < str(stats, 'end')).toBe(true);
  });
});

describe('filters', () => {
  const typed = scenarioAnswer('good-call').data ?? {};
  const full = asSent(typed);

  it('keeps everything with no filter, peer_events only on request', () => {
    const all = asSent(applyFilters(typed, null, false));
    expect(rec(all.participant)).not.toHaveProperty('peer_events');
    expect(Object.keys(reportOf(all).metadata).sort()).toEqual(Object.keys(reportOf(full).metadata).sort());
    expect(rec(asSent(applyFilters(typed, null, true)).participant)).toHaveProperty('peer_events');
  });

  it.each(DEMO_FILTERS)('keeps only what %s maps to, and the identity fields', (filter) => {
    const filtered = asSent(applyFilters(typed, [filter], false));
    const participant = rec(filtered.participant);
    for (const key of ['id', 'session_id', 'user_id', 'custom_participant_id', 'display_name', 'role', 'joined_at', 'left_at', 'duration']) {
      expect(participant).toHaveProperty(key);
    }
    const report = rec(participant.peer_report);
    expect(Object.keys(rec(report.metadata)).sort()).toEqual([...FILTER_BLOCKS[filter]].sort());
    expect('quality' in report).toBe(filter === 'quality_stats');
  });

  it('combines filters and shapes what it kept', () => {
    const legacy = scenarioData('legacy-shape', { filters: ['device_info', 'events'], includePeerEvents: true });
    const participant = rec(legacy.participant);
    expect(Object.keys(rec(participant.peer_stats)).sort()).toEqual(['device_info', 'events']);
    expect(participant).not.toHaveProperty('quality_stats');
    const flat = scenarioData('flat-shape', { filters: ['quality_stats'], includePeerEvents: false });
    expect(flat).not.toHaveProperty('peer_events');
    expect(rec(flat.peer_report).metadata).toEqual({});
  });

  it('parses comma lists and repeated parameters, and names invalid filters', () => {
    expect(parseFilters([])).toEqual({ ok: true, filters: null });
    expect(parseFilters([''])).toEqual({ ok: true, filters: null });
    expect(parseFilters(['events,quality_stats', 'events'])).toEqual({ ok: true, filters: ['events', 'quality_stats'] });
    expect(parseFilters(['events,bogus'])).toEqual({ ok: false, invalid: ['bogus'] });
  });
});
