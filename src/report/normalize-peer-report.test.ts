import { describe, expect, it } from 'vitest';
import { normalizePeerReport } from './normalize-peer-report.ts';
import { looksLikePeerReport } from './normalize-shape.ts';
import type { PeerReport, QualityStream } from './model.ts';

const T0 = Date.UTC(2025, 2, 4, 10, 0, 0);
const iso = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

function participantFields(): Record<string, unknown> {
  return {
    id: 'peer-ada',
    session_id: 'session-1',
    user_id: 'user-1',
    custom_participant_id: 'crm-42',
    display_name: 'Ada',
    preset_name: 'group_call_host',
    joined_at: iso(0),
    left_at: iso(66_500),
    created_at: iso(-1000),
    updated_at: iso(70_000),
    duration: 1.109,
  };
}

function metadata(): Record<string, unknown> {
  return {
    device_info: { cpus: 8, is_mobile: false, os: 'macOS', os_version: '14.4' },
    browser_metadata: {
      browser: 'Chrome',
      browser_version: '124.0',
      engine: 'Blink',
      user_agent: 'Mozilla/5.0',
      webgl_support: true,
    },
    sdk_name: 'web-core',
    sdk_type: 'web',
    sdk_version: '1.2.3',
    room_view_type: 'groupCall',
    native_metadata: { audio_encoder: 'opus', video_encoder: 'VP8' },
    ip_information: {
      ipv4: '203.0.113.7',
      city: 'Berlin',
      region: 'Berlin',
      country: 'de',
      timezone: 'Europe/Berlin',
      org: 'Deutsche Telekom',
      asn: { asn: 'AS3320', name: 'DTAG', domain: 'telekom.de', route: '203.0.113.0/24', type: 'isp' },
    },
    pc_metadata: [
      {
        timestamp: iso(-500),
        effective_network_type: 'wifi',
        turn_connectivity: true,
        relay_connectivity: true,
        reflexive_connectivity: false,
        sdp: ['v=0'],
      },
    ],
    candidate_pairs: {
      producing_transport: [
        {
          current_round_trip_time: 0.045,
          available_outgoing_bitrate: 2_500_000,
          bytes_sent: 1000,
          packets_sent: 10,
          last_packet_sent_timestamp: T0 + 60_000,
          local_candidate_type: 'relay',
          local_candidate_protocol: 'udp',
          local_candidate_address: '198.51.100.2',
          local_candidate_port: 50_000,
          local_candidate_url: 'turn:turn.example.com:443?transport=tcp',
          remote_candidate_type: 'host',
          remote_candidate_protocol: 'udp',
        },
      ],
      consuming_transport: [
        {
          total_round_trip_time: 0.5,
          responses_received: 10,
          available_incoming_bitrate: 1_000_000,
          local_candidate_type: 'srflx',
          local_candidate_protocol: 'udp',
          remote_candidate_type: 'host',
          remote_candidate_protocol: 'udp',
        },
      ],
    },
    events: [
      { name: 'call_join', timestamp: iso(1000), metadata: {} },
      { name: 'reconnect_attempt', timestamp: iso(30_000), metadata: { attempt: 1, nested: { a: 1 } } },
      { name: 'audio_off', timestamp: iso(20_000) },
      { name: 'spatial_audio_enabled', timestamp: iso(40_000) },
      { name: 'tab_change', timestamp: iso(45_000), metadata: { is_meetings_tab_active: false } },
    ],
    audio_devices_updates: [
      {
        timestamp: iso(10_000),
        added: [{ device_id: 'd1', kind: 'audioinput', label: 'Jabra Evolve2' }],
        removed: [{ device_id: 'd0', kind: 'audioinput', label: 'MacBook Microphone' }],
      },
    ],
    selected_device_updates: [
      { timestamp: iso(11_000), device: { device_id: 'd1', kind: 'audioinput', label: 'Jabra Evolve2' } },
    ],
    future_field: 'kept',
  };
}

function quality(): Record<string, unknown> {
  const audio = (offset: number, lost: number) => ({
    timestamp: iso(offset),
    producer_id: 'p1',
    bytes_sent: 35_000,
    packets_sent: 350,
    packets_lost: lost,
    jitter: 0.012,
    rtt: 0.08,
    mos_quality: 4.3,
  });
  const video = (peer: string, offset: number) => ({
    timestamp: iso(offset),
    peer_id: peer,
    bytes_received: 87_500,
    packets_received: 100,
    packets_lost: 0,
    jitter: 0.02,
    frames_per_second: 24,
    frame_width: 1280,
    frame_height: 720,
    frames_dropped: 1,
  });
  return {
    audio_producer: [audio(0, 0), audio(7000, 35), audio(14_000, 0)],
    audio_producer_cumulative: {
      quality_mos: { avg: 4.2, p50: 4.3, p75: 4.4, p90: 4.5 },
      packet_loss: {
        avg: 1.5,
        '5_or_greater_event_fraction': 0.1,
        '10_or_greater_event_fraction': 0.05,
        '25_or_greater_event_fraction': 0,
        '50_or_greater_event_fraction': 0,
      },
      rtt: { avg: 82, '100ms_or_greater_event_fraction': 0.2, '250ms_or_greater_event_fraction': 0, '500ms_or_greater_event_fraction': 0 },
      jitter_buffer_delay: {},
    },
    video_consumer: [video('peer-b', 0), video('peer-c', 0), video('peer-b', 7000), video('peer-c', 7000), video('peer-b', 14_000)],
    video_consumer_cumulative: {
      frame_per_second: { avg: 24, p50: 24, p75: 25, p90: 25 },
      frame_width: {},
      issues: { no_video_fraction: 0.1, cpu_quality_limitation_fraction: 0 },
      key_frames_decoded_fraction: 0.02,
    },
    video_producer: [],
    video_producer_cumulative: {},
    quality_extra: 1,
  };
}

function currentBody(): unknown {
  return {
    success: true,
    data: {
      participant: {
        ...participantFields(),
        peer_events: [
          { event_name: 'PEER_JOINING', created_at: iso(0), minutes_consumed: 0, preset_view_type: 'GROUP_CALL' },
          { event_name: 'PEER_LEAVING', created_at: iso(66_500) },
          { event_name: 'PEER_CREATED', created_at: iso(-1000) },
        ],
        peer_report: { metadata: metadata(), quality: quality() },
        favourite_colour: 'green',
      },
    },
  };
}

function stream(report: PeerReport, id: string): QualityStream {
  const found = report.streams.find((s) => s.id === id);
  if (!found) throw new Error(`no stream ${id} in ${report.streams.map((s) => s.id).join(', ')}`);
  return found;
}

describe('normalizePeerReport: current shape', () => {
  const report = normalizePeerReport(currentBody());

  it('detects the shape and reads it without warnings', () => {
    expect(report.shape).toBe('current');
    expect(report.warnings).toEqual([]);
  });

  it('reads the participant, with duration from decimal minutes', () => {
    expect(report.participant).toEqual({
      peerId: 'peer-ada',
      sessionId: 'session-1',
      userId: 'user-1',
      customParticipantId: 'crm-42',
      displayName: 'Ada',
      preset: 'group_call_host',
      joinedAt: T0,
      leftAt: T0 + 66_500,
      createdAt: T0 - 1000,
      updatedAt: T0 + 70_000,
      durationMs: 66_540,
    });
  });

  it('reads device, software and location, country upper-cased', () => {
    expect(report.device).toEqual({ os: 'macOS', osVersion: '14.4', isMobile: false, cpus: 8 });
    expect(report.software).toMatchObject({
      browser: 'Chrome',
      browserVersion: '124.0',
      webglSupport: true,
      sdkName: 'web-core',
      sdkVersion: '1.2.3',
      roomViewType: 'groupCall',
      audioEncoder: 'opus',
      videoEncoder: 'VP8',
    });
    expect(report.location).toMatchObject({ ip: '203.0.113.7', country: 'DE', timezone: 'Europe/Berlin' });
    expect(report.location?.asn).toMatchObject({ asn: 'AS3320', name: 'DTAG' });
  });

  it('reads connectivity: pair rtt seconds → ms, bits/s → kbps, epoch-ms last packet, TURN over TCP', () => {
    const connectivity = report.connectivity;
    expect(connectivity?.precall).toEqual([
      expect.objectContaining({ at: T0 - 500, effectiveNetworkType: 'wifi', turnConnectivity: true, reflexiveConnectivity: false, sdp: ['v=0'] }),
    ]);
    const [sending] = connectivity?.sending ?? [];
    expect(sending?.rttMs).toBeCloseTo(45);
    expect(sending?.availableOutgoingKbps).toBe(2500);
    expect(sending?.lastPacketSentAt).toBe(T0 + 60_000);
    expect(sending?.local).toMatchObject({ type: 'relay', address: '198.51.100.2', port: 50_000 });
    expect(sending?.relayed).toBe(true);
    expect(sending?.overTcp).toBe(true);
    const [receiving] = connectivity?.receiving ?? [];
    // No current rtt: total / responses = 0.5 s / 10 = 50 ms.
    expect(receiving?.rttMs).toBeCloseTo(50);
    expect(receiving?.availableIncomingKbps).toBe(1000);
    expect(receiving?.relayed).toBe(false);
    expect(connectivity?.usesRelay).toBe(true);
    expect(connectivity?.usesTcp).toBe(true);
  });

  it('merges client, peer and device events into one sorted, labelled timeline', () => {
    const times = report.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline.map((e) => e.label)).toEqual([
      'Peer created (server)',
      'Joining (server)',
      'Joined the call',
      'Microphone added: Jabra Evolve2',
      'Microphone removed: MacBook Microphone',
      'Selected microphone: Jabra Evolve2',
      'Microphone off',
      'Reconnect attempt',
      'Spatial audio enabled',
      'Left the meeting tab',
      'Leaving (server)',
    ]);
    const reconnect = report.timeline.find((e) => e.name === 'reconnect_attempt');
    expect(reconnect).toMatchObject({ source: 'client', category: 'network', severity: 'problem' });
    expect(reconnect?.details).toEqual({ attempt: 1, nested: '{"a":1}' });
    expect(report.timeline.find((e) => e.name === 'spatial_audio_enabled')?.category).toBe('other');
    const joining = report.timeline.find((e) => e.name === 'PEER_JOINING');
    expect(joining).toMatchObject({ source: 'peer', category: 'lifecycle' });
    expect(joining?.details).toMatchObject({ minutes_consumed: 0, preset_view_type: 'GROUP_CALL' });
    const added = report.timeline.find((e) => e.label.startsWith('Microphone added'));
    expect(added).toMatchObject({ source: 'device', name: 'audio_devices_updates', category: 'device', severity: 'notable' });
    expect(new Set(report.timeline.map((e) => e.id)).size).toBe(report.timeline.length);
  });

  it('converts send samples: rtt and jitter s → ms, bitrate from bytes per interval, loss %', () => {
    const audio = stream(report, 'audio-send');
    expect(audio).toMatchObject({ kind: 'audio', direction: 'send', remotePeerId: null, source: 'audio_producer' });
    expect(audio.samples).toHaveLength(3);
    const [first, second] = audio.samples;
    expect(first?.at).toBe(T0);
    expect(first?.rttMs).toBeCloseTo(80);
    expect(first?.jitterMs).toBeCloseTo(12);
    // 35 000 bytes over 7 s = 40 kbps (the first sample assumes the stream's 7 s spacing).
    expect(first?.bitrateKbps).toBeCloseTo(40);
    expect(second?.bitrateKbps).toBeCloseTo(40);
    expect(first?.lossPercent).toBe(0);
    // Sent loss is lost / sent, as the client computes it: 35 of 350 is 10 %.
    expect(second?.lossPercent).toBe(10);
    expect(second?.packets).toBe(350);
    expect(second?.packetsLost).toBe(35);
    expect(first?.mos).toBe(4.3);
  });

  it('splits received video by remote peer', () => {
    const receive = report.streams.filter((s) => s.source === 'video_consumer');
    expect(receive.map((s) => s.id)).toEqual(['video-receive-peer-b', 'video-receive-peer-c']);
    expect(stream(report, 'video-receive-peer-b')).toMatchObject({ direction: 'receive', remotePeerId: 'peer-b' });
    expect(stream(report, 'video-receive-peer-b').samples).toHaveLength(3);
    expect(stream(report, 'video-receive-peer-c').samples).toHaveLength(2);
    const [sample] = stream(report, 'video-receive-peer-c').samples;
    expect(sample).toMatchObject({ fps: 24, width: 1280, height: 720, framesDropped: 1 });
    expect(sample?.bitrateKbps).toBeCloseTo(100);
  });

  it('makes no stream or summary of an empty array with an empty cumulative block', () => {
    expect(report.streams.some((s) => s.source === 'video_producer')).toBe(false);
    expect(report.summaries.some((s) => s.source === 'video_producer')).toBe(false);
  });

  it('reads summaries: cumulative rtt stays in ms, loss avg in %, shares and issues', () => {
    const audio = report.summaries.find((s) => s.source === 'audio_producer');
    expect(audio).toMatchObject({
      kind: 'audio',
      direction: 'send',
      mos: { avg: 4.2, p50: 4.3, p75: 4.4, p90: 4.5 },
      fps: null,
      lossAvgPercent: 1.5,
      rttAvgMs: 82,
      jitterBufferDelayAvgMs: null,
      jitterBufferDelayShares: [],
      issues: {},
    });
    expect(audio?.lossShares).toEqual([
      { threshold: 5, fraction: 0.1 },
      { threshold: 10, fraction: 0.05 },
      { threshold: 25, fraction: 0 },
      { threshold: 50, fraction: 0 },
    ]);
    expect(audio?.rttShares.map((s) => s.threshold)).toEqual([100, 250, 500]);
    const video = report.summaries.find((s) => s.source === 'video_consumer');
    expect(video).toMatchObject({ direction: 'receive', fps: { avg: 24 }, width: null });
    expect(video?.issues).toEqual({ no_video: 0.1, cpu_quality_limitation: 0 });
    expect(video).toMatchObject({ keyFramesDecodedFraction: 0.02, keyFramesEncodedFraction: null, highNegativeFeedbackFraction: null });
  });

  it("reads a sent video summary's negative feedback and key-frame fractions, 0..1", () => {
    const sent = normalizePeerReport({
      participant: {
        id: 'p',
        peer_report: {
          quality: {
            video_producer_cumulative: { high_negative_feedback_fraction: 0.125, key_frames_encoded_fraction: 0.004, frame_per_second: { avg: 29 } },
          },
        },
      },
    }).summaries[0];
    expect(sent).toMatchObject({ source: 'video_producer', highNegativeFeedbackFraction: 0.125, keyFramesEncodedFraction: 0.004 });
  });

  it('marks every block present', () => {
    expect(report.present).toEqual({
      deviceInfo: true,
      ipInformation: true,
      precall: true,
      events: true,
      quality: true,
      peerEvents: true,
    });
  });

  it('keeps unknown top-level fields by path', () => {
    expect(report.unknown).toEqual({
      'participant.favourite_colour': 'green',
      'participant.peer_report.metadata.future_field': 'kept',
      'participant.peer_report.quality.quality_extra': 1,
    });
  });
});

describe('normalizePeerReport: flat shape', () => {
  const data = {
    ...participantFields(),
    peer_events: [{ event_name: 'PEER_JOINING', created_at: iso(0) }],
    peer_report: { metadata: { events: [{ name: 'call_join', timestamp: iso(500) }] }, quality: {} },
  };

  it('reads participant fields directly in data, bare or in the envelope', () => {
    for (const input of [data, { success: true, data }]) {
      const report = normalizePeerReport(input);
      expect(report.shape).toBe('flat');
      expect(report.participant.peerId).toBe('peer-ada');
      expect(report.participant.preset).toBe('group_call_host');
      expect(report.participant.sessionId).toBe('session-1');
      expect(report.timeline.map((e) => e.name)).toEqual(['PEER_JOINING', 'call_join']);
      expect(report.present).toMatchObject({ peerEvents: true, events: true, quality: true, deviceInfo: false });
      expect(report.warnings).toEqual([]);
    }
  });
});

describe('normalizePeerReport: legacy Dyte shape', () => {
  const body = {
    success: true,
    data: {
      participant: {
        id: 'peer-old',
        role: 'host',
        display_name: 'Grace',
        joined_at: iso(0),
        left_at: iso(600_000),
        peer_stats: {
          device_info: {
            os: 'Windows',
            osVersion: '10',
            isMobile: false,
            cpus: 4,
            browser: 'Firefox',
            browserVersion: '125.0',
            userAgent: 'Mozilla/5.0 (Windows)',
            webglSupport: 2,
            sdkName: 'dyte-web',
            sdkVersion: '0.9',
          },
          events: [
            { type: 'disconnect', timestamp: iso(120_000), metadata: {} },
            { type: 'call_join', timestamp: iso(1000) },
          ],
          ip_information: { ip: '192.0.2.5', city: 'Pune', country: 'in', timezone: 'Asia/Kolkata', org: 'AS24560 Bharti' },
          precall_network_information: {
            backend_rtt: 0.12,
            rtt: 0.05,
            jitter: 0.004,
            fractional_loss: 0.02,
            throughput: 5400,
            effective_networktype: '4g',
            turn_connectivity: true,
            relay_connectivity: true,
            reflexive_connectivity: false,
          },
        },
        quality_stats: {
          audio_bandwidth: 40,
          average_quality: 4.1,
          total_audio_packets: 1000,
          peer_ids: ['peer-x'],
          audio_stats: [
            { timestamp: iso(0), packets_lost: 1, packets: 100, jitter: 0.01, rtt: 0.1, bytes: 35_000, mos_quality: 4 },
            { timestamp: iso(7000), packets_lost: 0, packets: 100, jitter: 0.01, rtt: 0.1, bytes: 35_000, mos_quality: 4 },
          ],
          video_stats: [
            { timestamp: iso(0), peer_id: 'peer-x', fps: 25, width: 640, height: 360, bytes: 70_000 },
            { timestamp: iso(0), peer_id: 'peer-old', fps: 30, width: 1280, height: 720, bytes: 175_000 },
          ],
        },
      },
    },
  };
  const report = normalizePeerReport(body);

  it('detects the shape and reads role as the preset', () => {
    expect(report.shape).toBe('legacy');
    expect(report.participant).toMatchObject({ peerId: 'peer-old', preset: 'host', displayName: 'Grace' });
    // No duration: derived from joined → left.
    expect(report.participant.durationMs).toBe(600_000);
    expect(report.warnings).toEqual([]);
  });

  it('reads camelCase device info and browser fields from peer_stats.device_info', () => {
    expect(report.device).toEqual({ os: 'Windows', osVersion: '10', isMobile: false, cpus: 4 });
    expect(report.software).toMatchObject({ browser: 'Firefox', browserVersion: '125.0', webglSupport: true, sdkName: 'dyte-web' });
    expect(report.location).toMatchObject({ ip: '192.0.2.5', country: 'IN' });
  });

  it('reads pre-call measurements: seconds → ms, fractional loss → %', () => {
    expect(report.connectivity?.precall).toEqual([
      expect.objectContaining({
        rttMs: 50,
        backendRttMs: 120,
        jitterMs: 4,
        throughputKbps: 5400,
        effectiveNetworkType: '4g',
        reflexiveConnectivity: false,
      }),
    ]);
    expect(report.connectivity?.precall[0]?.lossPercent).toBeCloseTo(2);
    expect(report.present.precall).toBe(true);
  });

  it('reads legacy events by type', () => {
    expect(report.timeline.map((e) => [e.name, e.severity])).toEqual([
      ['call_join', 'normal'],
      ['disconnect', 'problem'],
    ]);
  });

  it('treats legacy stats as own send streams unless a sample names another peer', () => {
    expect(report.streams.map((s) => [s.id, s.source, s.direction, s.remotePeerId])).toEqual([
      ['audio-send', 'audio_stats', 'send', null],
      ['video-receive-peer-x', 'video_stats', 'receive', 'peer-x'],
      ['video-send', 'video_stats', 'send', null],
    ]);
    const [audio] = stream(report, 'audio-send').samples;
    expect(audio?.rttMs).toBeCloseTo(100);
    // What the participant sent: 1 lost of 100 sent.
    expect(audio?.lossPercent).toBe(1);
    expect(audio?.bitrateKbps).toBeCloseTo(40);
    expect(stream(report, 'video-receive-peer-x').samples[0]).toMatchObject({ fps: 25, width: 640, height: 360 });
    expect(report.present.quality).toBe(true);
  });

  it('keeps the legacy totals for the raw view', () => {
    expect(report.unknown).toMatchObject({
      'participant.quality_stats.audio_bandwidth': 40,
      'participant.quality_stats.average_quality': 4.1,
      'participant.quality_stats.peer_ids': ['peer-x'],
    });
  });
});

describe('normalizePeerReport: blocks left out by filters', () => {
  it('says which blocks are missing and leaves them null', () => {
    const report = normalizePeerReport({ success: true, data: { participant: participantFields() } });
    expect(report.present).toEqual({
      deviceInfo: false,
      ipInformation: false,
      precall: false,
      events: false,
      quality: false,
      peerEvents: false,
    });
    expect(report.device).toBeNull();
    expect(report.software).toBeNull();
    expect(report.location).toBeNull();
    expect(report.connectivity).toBeNull();
    expect(report.timeline).toEqual([]);
    expect(report.streams).toEqual([]);
    expect(report.summaries).toEqual([]);
    expect(report.warnings).toEqual([]);
  });

  it('tells an empty events list from a missing one', () => {
    const report = normalizePeerReport({
      participant: { ...participantFields(), peer_report: { metadata: { events: [] } } },
    });
    expect(report.present.events).toBe(true);
    expect(report.present.quality).toBe(false);
    expect(report.present.ipInformation).toBe(false);
    expect(report.timeline).toEqual([]);
  });
});

function withAudioProducer(samples: unknown[]): unknown {
  return { participant: { id: 'p', joined_at: iso(0), peer_report: { quality: { audio_producer: samples } } } };
}

describe('normalizePeerReport: counters are per-interval deltas', () => {
  it('reads a real audio producer: 350-382 packets per ~7 s sample, 50 packets/s', () => {
    // Opus at ~32 kbps: 80 bytes a packet. A running total would grow; these do not.
    const packets = [350, 382, 351, 366, 358, 374];
    const report = normalizePeerReport(
      withAudioProducer(packets.map((n, i) => ({ timestamp: iso(i * 7000), bytes_sent: n * 80, packets_sent: n, packets_lost: 0 }))),
    );
    const samples = stream(report, 'audio-send').samples;
    expect(samples.map((s) => s.packets)).toEqual([350, 382, 351, 366, 358, 374]);
    expect(samples.map((s) => s.bytes)).toEqual([28_000, 30_560, 28_080, 29_280, 28_640, 29_920]);
    // 28 000 bytes over 7 s is 32 kbps; 30 560 is 34.93 kbps.
    expect(samples[0]?.bitrateKbps).toBeCloseTo(32, 6);
    expect(samples[1]?.bitrateKbps).toBeCloseTo(34.925_714, 5);
  });

  it('charts a 6-sample screen share ramping 20 -> 1000 kbps as 20, ..., 1000', () => {
    // bytes = kbps * 1000 / 8 * 7 s: the ramp of a share starting, which a running-total guess would difference.
    const kbps = [20, 130, 250, 550, 750, 1000];
    const report = normalizePeerReport({
      participant: {
        id: 'p',
        peer_report: {
          quality: {
            screenshare_video_producer: kbps.map((k, i) => ({
              timestamp: iso(i * 7000),
              bytes_sent: (k * 1000 * 7) / 8,
              packets_sent: Math.ceil((k * 1000 * 7) / 8 / 1100),
              packets_lost: i === 5 ? 80 : 0,
            })),
          },
        },
      },
    });
    const samples = stream(report, 'screenshare-video-send').samples;
    expect(samples.map((s) => s.bitrateKbps)).toEqual([20, 130, 250, 550, 750, 1000].map((v) => expect.closeTo(v, 6)));
    // Its loss is the interval's own: 80 lost of the 796 sent in the last interval.
    expect(samples.map((s) => s.packetsLost)).toEqual([0, 0, 0, 0, 0, 80]);
    expect(samples[5]?.lossPercent).toBeCloseTo((80 / 796) * 100, 6);
  });

  it('reads sent loss as lost / sent: 35 lost of 350 sent is 10 %', () => {
    const report = normalizePeerReport(withAudioProducer([{ timestamp: iso(0), bytes_sent: 28_000, packets_sent: 350, packets_lost: 35 }]));
    expect(stream(report, 'audio-send').samples[0]?.lossPercent).toBe(10);
  });

  it('reads received loss as lost / (received + lost): 35 lost beside 315 received is 10 %', () => {
    const report = normalizePeerReport({
      participant: { id: 'p', peer_report: { quality: { audio_consumer: [{ timestamp: iso(0), peer_id: 'peer-b', packets_received: 315, packets_lost: 35 }] } } },
    });
    expect(stream(report, 'audio-receive-peer-b').samples[0]?.lossPercent).toBe(10);
  });

  it('uses the real interval since the previous sample', () => {
    const report = normalizePeerReport(
      withAudioProducer([
        { timestamp: iso(0), bytes_sent: 35_000 },
        { timestamp: iso(7000), bytes_sent: 35_000 },
        { timestamp: iso(21_000), bytes_sent: 35_000 },
      ]),
    );
    const kbps = stream(report, 'audio-send').samples.map((s) => s.bitrateKbps);
    expect(kbps[2]).toBeCloseTo(20);
  });

  it('computes the jitter-buffer delay per emitted sample from the interval sum and count', () => {
    // 336 000 audio samples per 7 s, each held 60 ms: 20 160 s of delay per interval (WebRTC sums).
    const sums = [20_160, 16_800, 23_520];
    const samples = sums.map((sum, i) => ({
      timestamp: iso((i + 1) * 7000),
      peer_id: 'peer-b',
      bytes_received: 28_000,
      packets_received: 350,
      jitter_buffer_delay: sum,
      jitter_buffer_emitted_count: 336_000,
      concealment_events: i,
    }));
    const report = normalizePeerReport({
      participant: { id: 'p', peer_report: { quality: { audio_consumer: samples } } },
    });
    const received = stream(report, 'audio-receive-peer-b').samples;
    expect(received.map((s) => s.jitterBufferDelayMs)).toEqual([60, 50, 70].map((v) => expect.closeTo(v, 6)));
    expect(received.map((s) => s.concealmentEvents)).toEqual([0, 1, 2]);
  });

  it('has no jitter-buffer delay without an emitted count to divide by', () => {
    const report = normalizePeerReport({
      participant: { id: 'p', peer_report: { quality: { audio_consumer: [{ timestamp: iso(0), jitter_buffer_delay: 0.045 }] } } },
    });
    expect(report.streams[0]?.id).toBe('audio-receive');
    expect(report.streams[0]?.remotePeerId).toBeNull();
    expect(report.streams[0]?.samples[0]?.jitterBufferDelayMs).toBeNull();
  });
});

describe('looksLikePeerReport', () => {
  it('accepts all three shapes, bare or wrapped', () => {
    expect(looksLikePeerReport(currentBody())).toBe(true);
    expect(looksLikePeerReport({ ...participantFields(), peer_report: {} })).toBe(true);
    expect(looksLikePeerReport({ participant: { id: 'x', role: 'host', peer_stats: {} } })).toBe(true);
    expect(looksLikePeerReport({ success: true, data: { participant: { id: 'x', joined_at: iso(0) } } })).toBe(true);
    expect(looksLikePeerReport({ id: 'x', joined_at: iso(0) })).toBe(true);
  });
  it('rejects what is not a peer report', () => {
    for (const input of [
      { sessions: [] },
      { success: true, data: { sessions: [] } },
      { success: false, error: { code: 404, message: 'No user found' } },
      {},
      [],
      [currentBody()],
      null,
      'report',
      42,
      { participant: 5 },
      { participant: {} },
      { id: 'x' },
    ]) {
      expect(looksLikePeerReport(input)).toBe(false);
    }
  });
});
