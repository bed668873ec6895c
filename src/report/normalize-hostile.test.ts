// Malformed, surprising and huge inputs: the model must come back partial, with warnings
// that name what was wrong, and never throw (a throw would blank the whole page).

import { describe, expect, it } from 'vitest';
import { normalizePeerReport } from './normalize-peer-report.ts';
import type { PeerReport } from './model.ts';

const T0 = Date.UTC(2025, 2, 4, 10, 0, 0);
const iso = (offsetMs: number): string => new Date(T0 + offsetMs).toISOString();

function warningAt(report: PeerReport, path: string): string | undefined {
  return report.warnings.find((w) => w.path === path)?.message;
}

function withQuality(quality: Record<string, unknown>): unknown {
  return { success: true, data: { participant: { id: 'p', peer_report: { quality } } } };
}

describe('normalizePeerReport on hostile input', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', []],
    ['a string', 'x'],
    ['a number', 42],
    ['a boolean', true],
    ['an empty object', {}],
    ['a non-object participant', { participant: 5 }],
    ['success: false', { success: false, error: { code: 404, message: 'No user found' } }],
    ['an envelope without data', { success: true }],
    ['an envelope with list data', { success: true, data: [1, 2] }],
    ['another endpoint', { success: true, data: { sessions: [] } }],
  ])('returns an empty model with warnings for %s', (_name, input) => {
    const report = normalizePeerReport(input);
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.participant.peerId).toBeNull();
    expect(report.streams).toEqual([]);
    expect(report.timeline).toEqual([]);
  });

  it('names the wrong participant type', () => {
    const report = normalizePeerReport({ participant: 5 });
    expect(warningAt(report, 'participant')).toMatch(/expected an object, got 5/);
    expect(report.shape).toBe('current');
  });

  it('survives null and wrong types where objects belong', () => {
    const report = normalizePeerReport({
      participant: {
        id: 'p',
        joined_at: iso(0),
        peer_events: 'nope',
        peer_report: {
          metadata: {
            device_info: null,
            browser_metadata: 7,
            ip_information: [],
            pc_metadata: 'x',
            candidate_pairs: { producing_transport: [null, 3, { local_candidate_type: 5 }], consuming_transport: 'x' },
            events: [null, 'event', { name: 'call_join' }, { name: 'audio_on', timestamp: 'yesterday' }],
            audio_devices_updates: [{ timestamp: iso(0), added: [null, 'USB Mic'], removed: 'x' }],
            selected_device_updates: [{ timestamp: iso(0), device: null }],
          },
          quality: { audio_producer: { not: 'a list' }, video_consumer: [null, 1, 'x'], audio_producer_cumulative: [] },
        },
      },
    });
    expect(report.participant.peerId).toBe('p');
    expect(report.device).toBeNull();
    expect(report.location).toBeNull();
    expect(report.present.peerEvents).toBe(false);
    expect(report.present.events).toBe(true);
    expect(report.connectivity?.sending).toHaveLength(1);
    expect(report.connectivity?.receiving).toEqual([]);
    expect(warningAt(report, 'participant.peer_report.metadata.events[3].timestamp')).toMatch(/unreadable/);
    expect(warningAt(report, 'participant.peer_report.metadata.events[2]')).toMatch(/without a time/);
    expect(report.timeline.map((e) => e.label)).toEqual(['Microphone added: USB Mic', 'Selected device: unnamed device']);
    expect(warningAt(report, 'participant.peer_report.quality.audio_producer')).toMatch(/expected a list/);
    expect(report.streams).toEqual([]);
    expect(report.warnings.length).toBeGreaterThan(8);
  });

  it('turns NaN, Infinity, negatives and junk numbers into null, reads numeric text', () => {
    const report = normalizePeerReport(
      withQuality({
        audio_producer: [
          { timestamp: iso(0), rtt: Number.NaN, jitter: Number.POSITIVE_INFINITY, bytes_sent: -5, mos_quality: '4.1' },
          { timestamp: iso(7000), rtt: '0.05', jitter: 'fast', bytes_sent: 35_000, packets_sent: {}, mos_quality: true },
        ],
      }),
    );
    const [first, second] = report.streams[0]?.samples ?? [];
    expect(first).toMatchObject({ rttMs: null, jitterMs: null, bitrateKbps: null, mos: 4.1 });
    expect(second?.rttMs).toBeCloseTo(50);
    expect(second).toMatchObject({ jitterMs: null, mos: null, packets: null });
    expect(second?.bitrateKbps).toBeCloseTo(40);
    const base = 'participant.peer_report.quality.audio_producer';
    expect(warningAt(report, `${base}[0].rtt`)).toMatch(/expected a number, got NaN/);
    expect(warningAt(report, `${base}[0].jitter`)).toMatch(/Infinity/);
    expect(warningAt(report, `${base}[0].bytes_sent`)).toMatch(/negative/);
    expect(warningAt(report, `${base}[0].mos_quality`)).toMatch(/as text/);
    expect(warningAt(report, `${base}[1].jitter`)).toMatch(/text "fast"/);
  });

  it('reads unparsable participant dates as null with a warning', () => {
    const report = normalizePeerReport({
      participant: { id: 'p', joined_at: 'last tuesday', left_at: 12, created_at: {}, duration: 'long' },
    });
    expect(report.participant).toMatchObject({ joinedAt: null, leftAt: null, createdAt: null, durationMs: null });
    expect(warningAt(report, 'participant.joined_at')).toMatch(/unreadable time/);
    expect(warningAt(report, 'participant.left_at')).toMatch(/unreadable time/);
    expect(warningAt(report, 'participant.duration')).toMatch(/expected a number/);
  });

  it('rejects loss over 100 % and negative counters', () => {
    const report = normalizePeerReport({
      participant: {
        id: 'p',
        quality_stats: {
          audio_stats: [
            { timestamp: iso(0), packet_loss: 150 },
            { timestamp: iso(7000), packets: 100, packets_lost: -3 },
            { timestamp: iso(14_000), packet_loss: 12 },
          ],
        },
      },
    });
    const samples = report.streams[0]?.samples ?? [];
    expect(samples.map((s) => s.lossPercent)).toEqual([null, null, 12]);
    expect(warningAt(report, 'participant.quality_stats.audio_stats[0]')).toMatch(/150 % is outside 0..100/);
    expect(warningAt(report, 'participant.quality_stats.audio_stats[1].packets_lost')).toMatch(/negative/);
  });

  it('sorts out-of-order samples and drops duplicate times', () => {
    const report = normalizePeerReport(
      withQuality({
        audio_producer: [
          { timestamp: iso(14_000), bytes_sent: 3 },
          { timestamp: iso(0), bytes_sent: 1 },
          { timestamp: iso(7000), bytes_sent: 2 },
          { timestamp: iso(7000), bytes_sent: 99 },
        ],
      }),
    );
    const samples = report.streams[0]?.samples ?? [];
    expect(samples.map((s) => s.at)).toEqual([T0, T0 + 7000, T0 + 14_000]);
    expect(warningAt(report, 'participant.peer_report.quality.audio_producer')).toMatch(/out of time order/);
    expect(warningAt(report, 'participant.peer_report.quality.audio_producer[3].timestamp')).toMatch(/duplicate/);
  });

  it('skips samples without a readable time', () => {
    const report = normalizePeerReport(
      withQuality({ audio_producer: [{ timestamp: 'soon', rtt: 0.1 }, { rtt: 0.1 }, { timestamp: iso(0), rtt: 0.1 }] }),
    );
    expect(report.streams[0]?.samples).toHaveLength(1);
    expect(report.warnings.map((w) => w.path)).toEqual([
      'participant.peer_report.quality.audio_producer[0].timestamp',
      'participant.peer_report.quality.audio_producer[1]',
    ]);
  });

  it('rejects out-of-range summary values', () => {
    const report = normalizePeerReport(
      withQuality({
        audio_producer_cumulative: {
          packet_loss: { avg: 250, '5_or_greater_event_fraction': 7 },
          rtt: { avg: -1 },
          quality_mos: { avg: 'good' },
        },
      }),
    );
    expect(report.summaries[0]).toMatchObject({ lossAvgPercent: null, lossShares: [], rttAvgMs: null, mos: null });
    expect(report.warnings.length).toBe(4);
  });

  it('folds thousands of identical warnings into one', () => {
    const samples = Array.from({ length: 5000 }, (_, i) => ({ timestamp: iso(i * 7000), rtt: 'slow' }));
    const report = normalizePeerReport(withQuality({ audio_producer: samples }));
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]?.message).toMatch(/and 4999 more like this/);
  });

  it('caps distinct warnings', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({ name: `e${i}`, timestamp: `bad-${i}` }));
    const report = normalizePeerReport({ participant: { id: 'p', peer_report: { metadata: { events } } } });
    expect(report.warnings.length).toBeLessThanOrEqual(201);
    expect(report.warnings.at(-1)?.message).toMatch(/further warnings not listed/);
  });

  it('never throws on randomly corrupted reports', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const junk = [null, 0, -1, Number.NaN, '', 'x', '2025-99-99', [], {}, [null], { a: 1 }, true, 1e308];
    const pick = (list: readonly unknown[]): unknown => list[Math.floor(random() * list.length)];
    const corrupt = (value: unknown): unknown => {
      if (random() < 0.08) return pick(junk);
      if (Array.isArray(value)) return value.map(corrupt);
      if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, corrupt(v)]));
      }
      return value;
    };
    const base = {
      success: true,
      data: {
        participant: {
          id: 'p',
          joined_at: iso(0),
          duration: 3,
          peer_events: [{ event_name: 'PEER_JOINING', created_at: iso(0) }],
          peer_report: {
            metadata: {
              device_info: { os: 'x', cpus: 4 },
              ip_information: { country: 'de', asn: { asn: 'AS1' } },
              pc_metadata: [{ timestamp: iso(0), turn_connectivity: true, sdp: ['v=0'] }],
              candidate_pairs: { producing_transport: [{ current_round_trip_time: 0.1, local_candidate_type: 'relay' }] },
              events: [{ name: 'media_permission', timestamp: iso(1), metadata: { audio: 'denied' } }],
              audio_devices_updates: [{ timestamp: iso(2), added: [{ label: 'm', kind: 'audioinput' }], removed: [] }],
            },
            quality: {
              audio_consumer: Array.from({ length: 20 }, (_, i) => ({
                timestamp: iso(i * 7000),
                peer_id: i % 2 ? 'a' : 'b',
                bytes_received: 30_000,
                packets_received: 300,
                packets_lost: 2,
                jitter_buffer_delay: 0.04,
                jitter_buffer_emitted_count: 336_000,
              })),
              audio_consumer_cumulative: { quality_mos: { avg: 4 }, packet_loss: { avg: 1, '5_or_greater_event_fraction': 0.1 } },
            },
          },
        },
      },
    };
    for (let run = 0; run < 300; run += 1) {
      const input = corrupt(base);
      expect(() => normalizePeerReport(input)).not.toThrow();
    }
  });
});

describe('normalizePeerReport on long calls', () => {
  it('counts a gap (outage) as one typical interval, not the whole gap', () => {
    const times = [0, 7, 14, 21, 28, 35, 335, 342].map((s) => s * 1000);
    const report = normalizePeerReport(
      withQuality({ audio_producer: times.map((t) => ({ timestamp: iso(t), bytes_sent: 35_000 })) }),
    );
    const kbps = report.streams[0]?.samples.map((s) => s.bitrateKbps) ?? [];
    expect(kbps[6]).toBeCloseTo(40);
  });

  it('reads per-interval jitter-buffer sums as sums', () => {
    // 336 000 audio samples per interval, each held about 60 ms.
    const delays = [20_160, 19_800, 20_500, 20_100, 19_900];
    const report = normalizePeerReport(
      withQuality({
        audio_consumer: delays.map((delay, i) => ({
          timestamp: iso(i * 7000),
          peer_id: 'b',
          jitter_buffer_delay: delay,
          jitter_buffer_emitted_count: 336_000,
        })),
      }),
    );
    expect(report.streams[0]?.samples[0]?.jitterBufferDelayMs).toBeCloseTo(60);
  });

  it('normalizes an 8-hour group call in linear time', () => {
    const intervals = Math.floor((8 * 3600) / 7);
    const peers = Array.from({ length: 12 }, (_, i) => `peer-${i}`);
    const audioProducer = [];
    const videoProducer = [];
    const audioConsumer = [];
    const videoConsumer = [];
    const events = [];
    for (let i = 0; i < intervals; i += 1) {
      const timestamp = iso(i * 7000 + (i % 5));
      audioProducer.push({ timestamp, bytes_sent: 28_000, packets_sent: 350, packets_lost: i % 7, jitter: 0.005, rtt: 0.04, mos_quality: 4.3 });
      videoProducer.push({ timestamp, bytes_sent: 1_300_000, packets_sent: 1200, packets_lost: 0, frame_width: 1280, frame_height: 720, frames_per_second: 30 });
      for (const peer of peers) {
        audioConsumer.push({ timestamp, peer_id: peer, bytes_received: 28_000, packets_received: 350, packets_lost: 1, jitter_buffer_delay: 0.04, jitter_buffer_emitted_count: 336_000 });
        videoConsumer.push({ timestamp, peer_id: peer, bytes_received: 1_000_000, packets_received: 900, packets_lost: 3, frames_per_second: 30, frame_width: 1280, frame_height: 720 });
      }
      if (i % 3 === 0) events.push({ name: 'ping_stat', timestamp, metadata: { rtt_ms: 40 } });
    }
    const input = {
      success: true,
      data: {
        participant: {
          id: 'p',
          joined_at: iso(0),
          peer_report: {
            metadata: { events },
            quality: { audio_producer: audioProducer, video_producer: videoProducer, audio_consumer: audioConsumer, video_consumer: videoConsumer },
          },
        },
      },
    };
    const started = performance.now();
    const report = normalizePeerReport(input);
    const elapsed = performance.now() - started;
    expect(report.warnings).toEqual([]);
    expect(report.streams).toHaveLength(2 + 2 * peers.length);
    expect(report.streams[0]?.samples).toHaveLength(intervals);
    // About 115 000 samples: a quadratic step would take minutes, linear well under a second.
    expect(elapsed).toBeLessThan(3000);
  });
});
