import { describe, expect, it } from 'vitest';
import { generateCallReport, makeCallSpec, type CallSpec } from './generate-report.ts';
import { createRng, hashSeed } from './random.ts';
import { arr, asSent, lossPercent, mean, ms, num, participantOf, rec, recs, reportOf, samples, str } from '../test-support/report-json.ts';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The eight sample arrays of peer_report.quality, as the API names them. */
const QUALITY_ARRAY_NAMES = [
  'audio_producer',
  'audio_consumer',
  'video_producer',
  'video_consumer',
  'screenshare_audio_producer',
  'screenshare_audio_consumer',
  'screenshare_video_producer',
  'screenshare_video_consumer',
] as const;

function spec(overrides: Partial<CallSpec> = {}): CallSpec {
  return { ...makeCallSpec({ seed: 7, durationSeconds: 25 * 60 }), ...overrides };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

describe('random', () => {
  it('repeats for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(hashSeed(1, 'a')).toBe(hashSeed(1, 'a'));
    expect(hashSeed(1, 'a')).not.toBe(hashSeed(1, 'b'));
  });

  it('makes version-4 UUIDs and bounded integers', () => {
    const rng = createRng(9);
    for (let i = 0; i < 200; i += 1) {
      expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const n = rng.int(3, 5);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
  });
});

describe('generateCallReport', () => {
  const data = asSent(generateCallReport(spec()));
  const participant = participantOf(data);
  const { metadata, quality } = reportOf(data);

  it('is deterministic for a spec and changes with the seed', () => {
    expect(JSON.stringify(generateCallReport(spec()))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateCallReport({ ...spec(), seed: 8 }))).not.toBe(JSON.stringify(data));
  });

  it('gives duration in decimal minutes that agrees with joined_at and left_at', () => {
    const elapsed = ms(participant, 'left_at') - ms(participant, 'joined_at');
    expect(Math.abs(num(participant, 'duration') * 60_000 - elapsed)).toBeLessThan(60);
    // Decimal minutes, three places: 66.5 s is 1.108.
    expect(num(participantOf(asSent(generateCallReport(spec({ durationSeconds: 66.5 })))), 'duration')).toBe(1.108);
    for (const key of ['joined_at', 'left_at', 'created_at', 'updated_at']) expect(str(participant, key)).toMatch(ISO_MS);
  });

  it('samples about every 7 seconds, with ISO millisecond timestamps', () => {
    const audio = samples(data, 'audio_producer');
    expect(audio.length).toBeGreaterThanOrEqual(205);
    expect(audio.length).toBeLessThanOrEqual(216);
    for (let i = 1; i < audio.length; i += 1) {
      const gap = ms(rec(audio[i]), 'timestamp') - ms(rec(audio[i - 1]), 'timestamp');
      expect(gap).toBeGreaterThan(6700);
      expect(gap).toBeLessThan(7400);
    }
    for (const sample of audio) expect(str(sample, 'timestamp')).toMatch(ISO_MS);
  });

  it('keeps per-sample rtt and jitter in seconds and the cumulative rtt in milliseconds', () => {
    for (const name of ['audio_producer', 'video_producer']) {
      const list = samples(data, name);
      const rtts = list.map((s) => num(s, 'rtt'));
      for (const rtt of rtts) {
        expect(rtt).toBeGreaterThan(0);
        expect(rtt).toBeLessThan(2);
      }
      for (const s of list) expect(num(s, 'jitter')).toBeLessThan(1);
      const cumulative = rec(rec(quality[`${name}_cumulative`]).rtt);
      expect(num(cumulative, 'avg')).toBeCloseTo(mean(rtts) * 1000, 1);
      expect(num(cumulative, 'avg')).toBeGreaterThan(20);
    }
    // jitter_buffer_delay is WebRTC's sum over the samples emitted in the interval: per sample it is well under a second.
    for (const s of samples(data, 'audio_consumer')) {
      expect(num(s, 'jitter_buffer_emitted_count')).toBeGreaterThan(300_000);
      expect(num(s, 'jitter_buffer_delay') / num(s, 'jitter_buffer_emitted_count')).toBeLessThan(0.2);
    }
  });

  it('counts packets and bytes per interval, not as running totals', () => {
    const audio = samples(data, 'audio_producer');
    const bytes = audio.map((s) => num(s, 'bytes_sent'));
    const packets = audio.map((s) => num(s, 'packets_sent'));
    // 32 kbps Opus for ~7 s is about 28 kB and 350 packets; a running total would reach megabytes.
    expect(Math.max(...bytes)).toBeLessThan(45_000);
    expect(Math.max(...packets)).toBeLessThan(400);
    expect(Math.min(...packets)).toBeGreaterThan(300);
    const growing = bytes.every((b, i) => i === 0 || b >= (bytes[i - 1] ?? 0));
    expect(growing).toBe(false);
  });

  it('computes every cumulative block from its samples', () => {
    for (const name of QUALITY_ARRAY_NAMES) {
      const list = samples(data, name);
      const cumulative = rec(quality[`${name}_cumulative`]);
      if (list.length === 0) {
        for (const block of Object.values(cumulative)) expect(block).toEqual({});
        continue;
      }
      const mos = list.map((s) => num(s, 'mos_quality'));
      const qualityMos = rec(cumulative.quality_mos);
      expect(num(qualityMos, 'avg')).toBeCloseTo(mean(mos), 2);
      expect(num(qualityMos, 'p50')).toBe(percentile(mos, 0.5));
      expect(num(qualityMos, 'p90')).toBe(percentile(mos, 0.9));

      const loss = list.map(lossPercent);
      const packetLoss = rec(cumulative.packet_loss);
      expect(num(packetLoss, 'avg')).toBeCloseTo(mean(loss), 2);
      expect(num(packetLoss, '5_or_greater_event_fraction')).toBeCloseTo(loss.filter((l) => l >= 5).length / loss.length, 3);

      if (name.endsWith('consumer')) {
        const delays = list.map((s) => (num(s, 'jitter_buffer_delay') / num(s, 'jitter_buffer_emitted_count')) * 1000);
        expect(num(rec(cumulative.jitter_buffer_delay), 'avg')).toBeCloseTo(mean(delays), 1);
      }
      if (name.includes('video')) {
        const fps = list.map((s) => num(s, 'frames_per_second'));
        expect(num(rec(cumulative.frame_per_second), 'p75')).toBe(percentile(fps, 0.75));
        const issues = rec(cumulative.issues);
        const noVideo = list.filter((s) => num(s, 'frames_per_second') === 0).length / list.length;
        expect(num(issues, 'no_video_fraction')).toBeCloseTo(noVideo, 3);
      }
    }
  });

  it('gives one consumer series per remote sender, interleaved', () => {
    const senders = spec().remoteSenders.map((s) => s.peerId);
    const consumers = samples(data, 'video_consumer');
    expect(new Set(consumers.map((s) => str(s, 'peer_id')))).toEqual(new Set(senders));
    expect(new Set(consumers.map((s) => str(s, 'consumer_id'))).size).toBe(senders.length);
    expect(str(rec(consumers[0]), 'peer_id')).not.toBe(str(rec(consumers[1]), 'peer_id'));
  });

  it('carries every metadata block', () => {
    for (const key of [
      'device_info',
      'browser_metadata',
      'sdk_name',
      'sdk_type',
      'sdk_version',
      'room_view_type',
      'native_metadata',
      'ip_information',
      'pc_metadata',
      'candidate_pairs',
      'events',
      'audio_devices_updates',
      'video_devices_updates',
      'speaker_devices_updates',
      'selected_device_updates',
    ]) {
      expect(metadata, key).toHaveProperty(key);
    }
    expect(str(rec(rec(metadata.ip_information).asn), 'asn')).toMatch(/^AS\d+$/);
    const sdp = arr(rec(recs(metadata.pc_metadata)[0]).sdp);
    expect(sdp.length).toBe(2);
    expect(String(sdp[0])).toContain('a=candidate:');
    expect(String(sdp[0]).length).toBeGreaterThan(2000);
  });

  it('keeps events in time order with scalar metadata', () => {
    const events = recs(metadata.events);
    const times = events.map((e) => ms(e, 'timestamp'));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const event of events) {
      for (const value of Object.values(rec(event.metadata))) {
        expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
      }
    }
  });

  it('gives candidate pairs rtt in seconds and last-packet times in epoch milliseconds', () => {
    const pairs = rec(metadata.candidate_pairs);
    const joined = ms(participant, 'joined_at');
    const left = ms(participant, 'left_at');
    for (const pair of [...recs(pairs.producing_transport), ...recs(pairs.consuming_transport)].filter((p) => p.nominated === true)) {
      expect(num(pair, 'current_round_trip_time')).toBeLessThan(2);
      expect(num(pair, 'last_packet_sent_timestamp')).toBeGreaterThan(joined);
      expect(num(pair, 'last_packet_received_timestamp')).toBeLessThanOrEqual(left + 1000);
    }
    expect(num(recs(pairs.producing_transport)[0] ?? {}, 'available_outgoing_bitrate')).toBeGreaterThan(1_000_000);
  });

  it('sends silence frames for muted audio, scored MOS 1, and no video while the camera is off', () => {
    const muted = asSent(generateCallReport(spec({ audioOff: [{ from: 300, to: 420 }], videoOff: [{ from: 600, to: 700 }] })));
    const joined = ms(participantOf(muted), 'joined_at');
    const inside = (s: Record<string, unknown>, from: number, to: number) => {
      const t = (ms(s, 'timestamp') - joined) / 1000;
      return t >= from + 7.5 && t < to;
    };
    const mutedSamples = samples(muted, 'audio_producer').filter((s) => inside(s, 300, 420));
    expect(mutedSamples.length).toBeGreaterThan(10);
    for (const s of mutedSamples) {
      // Opus keeps sending while muted: ~50 packets/s of 18-21 bytes (~7 kbps).
      expect(num(s, 'mos_quality')).toBe(1);
      expect(num(s, 'packets_sent') / 7).toBeGreaterThan(45);
      expect(num(s, 'packets_sent') / 7).toBeLessThan(55);
      const perPacket = num(s, 'bytes_sent') / num(s, 'packets_sent');
      expect(perPacket).toBeGreaterThanOrEqual(18);
      expect(perPacket).toBeLessThanOrEqual(21);
      // Its round trip and jitter are still measured.
      expect(num(s, 'rtt')).toBeGreaterThan(0);
      expect(num(s, 'jitter')).toBeGreaterThan(0);
    }
    // Speech is several times larger a packet than a silence frame.
    const talking = samples(muted, 'audio_producer').filter((s) => !inside(s, 293, 427));
    for (const s of talking) expect(num(s, 'bytes_sent') / num(s, 'packets_sent')).toBeGreaterThan(60);
    const off = samples(muted, 'video_producer').filter((s) => inside(s, 600, 700));
    for (const s of off) expect(num(s, 'frames_per_second')).toBe(0);
    const names = recs(reportOf(muted).metadata.events).map((e) => str(e, 'name'));
    expect(names).toEqual(expect.arrayContaining(['audio_off', 'audio_on', 'video_off', 'video_on']));
  });

  it('collects every candidate pair of a transport and nominates the one media took', () => {
    const pairs = recs(rec(metadata.candidate_pairs).producing_transport);
    const nominated = pairs.filter((pair) => pair.nominated === true);
    expect(nominated).toHaveLength(1);
    expect(nominated[0]?.local_candidate_type).toBe('srflx');
    // The host and relay candidates were checked, never nominated, and carried no media.
    const tried = pairs.filter((pair) => pair.nominated === false);
    expect(tried.map((pair) => pair.local_candidate_type).sort()).toEqual(['host', 'relay']);
    for (const pair of tried) expect(num(pair, 'bytes_sent')).toBeLessThan(2000);
    for (const pair of pairs) expect(pair.local_candidate_network_type).toBe('ethernet');
  });

  it('builds an 8-hour report with 12 remote senders quickly', () => {
    const started = performance.now();
    const big = asSent(generateCallReport(makeCallSpec({ seed: 3, durationSeconds: 8 * 3600, senderCount: 12, poorSenders: [2, 7] })));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(3000);
    const audio = samples(big, 'audio_producer');
    expect(audio.length).toBeGreaterThan(4000);
    expect(new Set(samples(big, 'video_consumer').map((s) => str(s, 'peer_id'))).size).toBe(12);
  });
});
