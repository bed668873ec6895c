import { describe, expect, it } from 'vitest';
import type { QualityStream, TimeInterval } from '../model.ts';
import { DIAGNOSIS_RULES } from './diagnose.ts';
import { coincide, groupHits, overlapDuration, type StreamHit } from './grouping.ts';
import { JITTER, PACKET_LOSS, QUALITY_RULES } from './quality-rules.ts';
import { JOIN, makeReport, series, stream } from '../test-support/test-report.ts';
import type { DiagnosisRule } from './types.ts';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';

const PEER_A = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';
const PEER_B = '8f7f9a13-0e2b-4ace-9e4a-b1c2d3e4f5a7';
const PEER_C = '9e017ce8-01bf-4150-8839-61c2d3e4f5a8';

const span = (start: number, end: number): TimeInterval => ({ start, end });

/** 30 samples, 7 s apart; `bad` marks which ones lost 8 % of packets. */
function lossy(bad: (i: number) => boolean): number[] {
  return Array.from({ length: 30 }, (_, i) => (bad(i) ? 8 : 0));
}
const during = (from: number, to: number) => (i: number) => i >= from && i < to;

function lossStream(kind: QualityStream['kind'], direction: QualityStream['direction'], bad: (i: number) => boolean, peer: string | null = null) {
  return stream(kind, direction, series('lossPercent', lossy(bad), { kind }), peer);
}

function ruleOf(id: string): DiagnosisRule {
  const rule = QUALITY_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}
const lossRule = ruleOf(PACKET_LOSS.id);
const jitterRule = ruleOf(JITTER.id);

describe('interval overlap', () => {
  it('adds up the time two merged lists share', () => {
    expect(overlapDuration([span(0, 10), span(20, 30)], [span(5, 25)])).toBe(10);
    expect(overlapDuration([span(0, 10)], [span(10, 20)])).toBe(0);
    expect(overlapDuration([], [span(0, 1)])).toBe(0);
  });

  it('"within" accepts a short problem inside a long one; "mutual" needs both mostly together', () => {
    const long = [span(0, 100)];
    const blip = [span(10, 20)];
    expect(coincide(long, blip, 'within')).toBe(true);
    expect(coincide(long, blip, 'mutual')).toBe(false);
    expect(coincide([span(0, 100)], [span(40, 140)], 'mutual')).toBe(true);
    expect(coincide([span(0, 100)], [span(60, 160)], 'mutual')).toBe(false);
    expect(coincide([span(0, 10)], [span(20, 30)], 'within')).toBe(false);
  });

  it('groups transitively, sent streams first, and keeps every hit once', () => {
    const a = stream('audio', 'receive', [], PEER_A);
    const b = stream('audio', 'send', []);
    const c = stream('video', 'send', []);
    const d = stream('video', 'receive', [], PEER_B);
    const hits: StreamHit[] = [
      { stream: a, severity: 'warning', intervals: [span(0, 100)] },
      { stream: b, severity: 'critical', intervals: [span(10, 100)] },
      { stream: c, severity: 'warning', intervals: [span(0, 90)] },
      { stream: d, severity: 'warning', intervals: [span(500, 600)] },
    ];
    const groups = groupHits(hits, [b, a, c, d]);
    expect(groups.map((g) => g.map((h) => h.stream.id))).toEqual([['audio-send', 'video-send', `audio-receive-${PEER_A}`], [`video-receive-${PEER_B}`]]);
  });
});

describe('grouped findings', () => {
  it('two sent streams hit at the same times give one finding naming both', () => {
    const streams = [lossStream('audio', 'send', during(3, 10)), lossStream('video', 'send', during(4, 11))];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      id: 'packet-loss:audio-send',
      title: 'Packet loss on sent audio and video',
      severity: 'critical',
      streamId: 'audio-send',
      streamIds: ['audio-send', 'video-send'],
      remotePeerId: null,
    });
    // The union of both stretches: bad samples at T+28 s .. T+70 s (audio) and T+35 s .. T+77 s (video),
    // from one interval before the first.
    expect(finding?.intervals).toEqual([{ start: JOIN + 21_000, end: JOIN + 77_000 }]);
    expect(finding?.sentence).toMatch(/^Sent audio and video lost more than 5 % of packets for 56 s, from 13:00:21 to 13:01:17 UTC \(T\+00:21 to T\+01:17\), peaking at 8 % \(sent audio\)\. Both sent streams were hit at the same times: that points at this participant's uplink\.$/);
  });

  it('streams hit at different times stay separate findings', () => {
    const streams = [lossStream('audio', 'send', during(2, 7)), lossStream('video', 'send', during(18, 24))];
    const result = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(result.map((f) => f.streamIds)).toEqual([['video-send'], ['audio-send']]);
    expect(result.map((f) => f.title)).toEqual(['Packet loss on sent video', 'Packet loss on sent audio']);
  });

  it('a short blip does not join a long problem elsewhere', () => {
    // Received audio lost packets all along; sent audio only briefly, in the middle.
    const streams = [lossStream('audio', 'send', during(12, 16)), lossStream('audio', 'receive', during(0, 30), PEER_A), lossStream('audio', 'receive', () => false, PEER_B)];
    const result = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(result.map((f) => f.streamIds)).toEqual([[`audio-receive-${PEER_A}`], ['audio-send']]);
  });

  it('sent and received together: one finding "in both directions"', () => {
    const bad = during(5, 15);
    const streams = [
      lossStream('audio', 'send', bad),
      lossStream('video', 'send', () => false),
      lossStream('audio', 'receive', bad, PEER_A),
      lossStream('video', 'receive', bad, PEER_A),
    ];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(rest).toEqual([]);
    expect(finding?.title).toBe('Packet loss in both directions');
    expect(finding?.streamIds).toEqual(['audio-send', `audio-receive-${PEER_A}`, `video-receive-${PEER_A}`]);
    expect(finding?.sentence).toContain('Sent audio and received audio and video from peer 3f2a9c1d…e4f5a6 lost more than 5 % of packets');
    expect(finding?.sentence).toContain("points at this participant's own network");
    // With the sent video hit too, that is everything this participant sent and received.
    streams[1] = lossStream('video', 'send', bad);
    const [everything] = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(everything?.title).toBe('Packet loss in both directions');
    expect(everything?.streamIds).toHaveLength(4);
    expect(everything?.sentence).toMatch(/^Everything this participant sent and received \(audio and video; one remote sender\) lost more than 5 % of packets for 1 min 10 s, from 13:00:35 to 13:01:45 UTC/);
  });

  it('every remote sender hit at once: one "all senders" finding, and no sender blamed', () => {
    const bad = during(5, 15);
    const streams = [
      lossStream('audio', 'send', () => false),
      ...[PEER_A, PEER_B, PEER_C].flatMap((peer) => [lossStream('audio', 'receive', bad, peer), lossStream('video', 'receive', bad, peer)]),
    ];
    const result = diagnoseInUtc(makeReport({ streams }), DIAGNOSIS_RULES);
    expect(result.map((f) => f.rule)).toEqual(['packet-loss']);
    const [finding] = result;
    expect(finding?.title).toBe('Packet loss on received audio and video from all 3 remote senders');
    expect(finding?.streamIds).toHaveLength(6);
    expect(finding?.remotePeerId).toBeNull();
    expect(finding?.sentence).toContain("Every remote sender was hit at the same times: that points at this participant's downlink, not at the senders.");
  });

  it('one sender alone among several: its own finding, and that sender is blamed', () => {
    const bad = during(5, 15);
    const streams = [
      lossStream('audio', 'receive', bad, PEER_A),
      lossStream('video', 'receive', bad, PEER_A),
      lossStream('audio', 'receive', () => false, PEER_B),
      lossStream('video', 'receive', () => false, PEER_B),
    ];
    const result = diagnoseInUtc(makeReport({ streams }), DIAGNOSIS_RULES);
    // The cause leads its symptom, although the symptom is the more severe.
    expect(result.map((f) => f.id)).toEqual(['remote-sender:call', `packet-loss:audio-receive-${PEER_A}`]);
    expect(result[1]).toMatchObject({ title: 'Packet loss on received audio and video from peer 3f2a9c1d…e4f5a6', remotePeerId: PEER_A });
    expect(result[1]?.sentence).not.toContain('points at');
    expect(result[0]?.remotePeerId).toBe(PEER_A);
  });

  it('some, not all, senders: says how many of how many, without a verdict', () => {
    const bad = during(5, 15);
    const streams = [PEER_A, PEER_B].map((peer) => lossStream('audio', 'receive', bad, peer));
    streams.push(lossStream('audio', 'receive', () => false, PEER_C));
    const [finding] = diagnoseInUtc(makeReport({ streams }), [lossRule]);
    expect(finding?.title).toBe('Packet loss on received audio from 2 of 3 remote senders (peer 3f2a9c1d…e4f5a6 and peer 8f7f9a13…e4f5a7)');
    expect(finding?.sentence).not.toContain('points at');
  });

  it('severity is the worst of the group; the peak names its stream', () => {
    const jitter = (values: number[], direction: 'send' | 'receive', peer: string | null = null) =>
      stream('audio', direction, series('jitterMs', values), peer);
    const mild = [5, 35, 35, 35, 35, 5, 5];
    const bad = [5, 35, 60, 60, 60, 5, 5];
    const [finding] = diagnoseInUtc(makeReport({ streams: [jitter(mild, 'send'), jitter(bad, 'receive', PEER_A)] }), [jitterRule]);
    expect(finding?.severity).toBe('critical');
    expect(finding?.sentence).toContain('peaking at 60 ms (received audio from peer 3f2a9c1d…e4f5a6)');
  });
});
