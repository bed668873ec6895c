import { describe, expect, it } from 'vitest';
import type { QualityStream } from '../model.ts';
import {
  BANDWIDTH_LIMITED,
  CPU_LIMITED,
  JITTER,
  LOW_FRAME_RATE,
  LOW_MOS,
  LOW_RESOLUTION,
  NO_MEDIA_SENT,
  PACKET_LOSS,
  QUALITY_RULES,
  ROUND_TRIP_TIME,
  type ThresholdRuleSpec,
} from './quality-rules.ts';
import { event, JOIN, makeReport, series, STEP, stream } from '../test-support/test-report.ts';
import type { DiagnosisRule } from './types.ts';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';

const ruleOf = (spec: ThresholdRuleSpec): DiagnosisRule => {
  const rule = QUALITY_RULES.find((r) => r.id === spec.id);
  if (!rule) throw new Error(`no rule ${spec.id}`);
  return rule;
};

function findings(rule: DiagnosisRule, streams: QualityStream[], timeline = makeReport().timeline) {
  return diagnoseInUtc(makeReport({ streams, timeline }), [rule]);
}

/** Five samples: `bad` three times among `good` (3 of 5), then good ones. */
const threeOfFive = (bad: number, good: number): number[] => [good, bad, bad, good, bad, good, good, good];
const twoOfFive = (bad: number, good: number): number[] => [good, bad, good, bad, good, good, good, good];

describe('packet loss', () => {
  const rule = ruleOf(PACKET_LOSS);
  const audio = (values: number[]) => [stream('audio', 'send', series('lossPercent', values))];

  it('ignores loss exactly at 1 % and 2 of 5 samples over it', () => {
    expect(findings(rule, audio(threeOfFive(1, 0)))).toEqual([]);
    expect(findings(rule, audio(twoOfFive(4, 0)))).toEqual([]);
  });

  it('warns just over 1 % held for 3 of 5 samples', () => {
    const [finding, ...rest] = findings(rule, audio(threeOfFive(1.01, 0)));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      id: 'packet-loss:audio-send',
      rule: 'packet-loss',
      severity: 'warning',
      title: 'Packet loss on sent audio',
      streamId: 'audio-send',
      metric: 'lossPercent',
      source: expect.stringContaining('Twilio'),
    });
    // Bad samples 2, 3 and 5 (T+14 s .. T+35 s); the first measured the 7 s before it.
    expect(finding?.intervals).toEqual([{ start: JOIN + 7000, end: JOIN + 35000 }]);
    expect(finding?.sentence).toBe(
      'Sent audio lost more than 1 % of packets for 28 s, from 13:00:07 to 13:00:35 UTC (T+00:07 to T+00:35), peaking at 1 %.',
    );
  });

  it('stays a warning exactly at 5 % and turns critical just over it', () => {
    expect(findings(rule, audio(threeOfFive(5, 0)))[0]?.severity).toBe('warning');
    const [critical] = findings(rule, audio(threeOfFive(5.2, 0)));
    expect(critical?.severity).toBe('critical');
    expect(critical?.sentence).toContain('lost more than 5 % of packets for 28 s');
    expect(critical?.sentence).toContain('peaking at 5.2 %');
  });

  it('is a warning when only 2 of 5 samples pass 5 % but 3 pass 1 %', () => {
    const [finding] = findings(rule, audio([0, 8, 2, 0, 8, 0, 0, 0]));
    expect(finding?.severity).toBe('warning');
    expect(finding?.sentence).toContain('peaking at 8 %');
  });

  it('says how long the milder level held when it outlasted the critical one', () => {
    const [finding] = findings(rule, audio([0, 2, 2, 2, 9, 9, 9, 2, 2, 0, 0, 0]));
    expect(finding?.severity).toBe('critical');
    expect(finding?.sentence).toContain('more than 5 % of packets for 21 s');
    expect(finding?.sentence).toContain('and more than 1 % for 56 s in all');
  });

  it('gives one finding per stream when their problems are at different times', () => {
    const early = [0, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0];
    const late = [0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 0];
    const result = findings(rule, [
      stream('audio', 'send', series('lossPercent', early)),
      stream('audio', 'receive', series('lossPercent', late), 'peer-a'),
    ]);
    expect(result.map((f) => f.id).sort()).toEqual(['packet-loss:audio-receive-peer-a', 'packet-loss:audio-send']);
    expect(result.find((f) => f.streamId === 'audio-receive-peer-a')).toMatchObject({
      title: 'Packet loss on received audio from peer peer-a',
      streamIds: ['audio-receive-peer-a'],
      remotePeerId: 'peer-a',
    });
  });

  it('skips null loss (nothing flowed) rather than counting it as good', () => {
    expect(findings(rule, audio([0, 3, 0, 0, 3, 0, 0, 3, 0, 0]))).toEqual([]);
    const withNulls = [stream('audio', 'send', series('lossPercent', [0, 3, null, null, 3, null, null, 3, 0, 0]))];
    expect(findings(rule, withNulls)[0]?.severity).toBe('warning');
  });
});

describe('jitter and round-trip time', () => {
  const jitter = ruleOf(JITTER);
  const rtt = ruleOf(ROUND_TRIP_TIME);
  const jitterOf = (values: number[]) => [stream('audio', 'receive', series('jitterMs', values), 'peer-a')];

  it('jitter: nothing at 30 ms, warning just over, critical only over 50 ms', () => {
    expect(findings(jitter, jitterOf(threeOfFive(30, 5)))).toEqual([]);
    expect(findings(jitter, jitterOf(threeOfFive(30.5, 5)))[0]?.severity).toBe('warning');
    expect(findings(jitter, jitterOf(threeOfFive(50, 5)))[0]?.severity).toBe('warning');
    const [critical] = findings(jitter, jitterOf(threeOfFive(51, 5)));
    expect(critical?.severity).toBe('critical');
    expect(critical?.sentence).toContain('had jitter over 50 ms');
    expect(critical?.metric).toBe('jitterMs');
  });

  it('round-trip time: nothing at 300 ms, warning over, critical only over 500 ms', () => {
    const rttOf = (values: number[]) => [stream('audio', 'send', series('rttMs', values))];
    expect(findings(rtt, rttOf(threeOfFive(300, 40)))).toEqual([]);
    expect(findings(rtt, rttOf(threeOfFive(301, 40)))[0]?.severity).toBe('warning');
    expect(findings(rtt, rttOf(threeOfFive(500, 40)))[0]?.severity).toBe('warning');
    expect(findings(rtt, rttOf(threeOfFive(501, 40)))[0]?.severity).toBe('critical');
  });

  it('round-trip time: one finding for the send transport, not one per sent stream', () => {
    const high = Array.from({ length: 10 }, () => 450);
    const result = findings(rtt, [
      stream('audio', 'send', series('rttMs', high)),
      stream('video', 'send', series('rttMs', [...high.slice(0, 5), 600, 600, 600, 40, 40], { kind: 'video' })),
    ]);
    // Both sent streams report the transport's round-trip time: one finding naming both,
    // as bad as the worse of them, without claiming two independent witnesses.
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ streamId: 'audio-send', streamIds: ['audio-send', 'video-send'], severity: 'critical', metric: 'rttMs' });
    expect(result[0]?.title).toBe('High round-trip time on sent audio and video');
    expect(result[0]?.sentence).not.toContain('uplink');
  });
});

describe('low MOS', () => {
  const rule = ruleOf(LOW_MOS);

  it('warns below 3.5, is critical only below 3', () => {
    const mos = (values: number[]) => [stream('audio', 'send', series('mos', values))];
    expect(findings(rule, mos(threeOfFive(3.5, 4.4)))).toEqual([]);
    expect(findings(rule, mos(threeOfFive(3.49, 4.4)))[0]?.severity).toBe('warning');
    expect(findings(rule, mos(threeOfFive(3, 4.4)))[0]?.severity).toBe('warning');
    const [critical] = findings(rule, mos(threeOfFive(2.99, 4.4)));
    expect(critical?.severity).toBe('critical');
    expect(critical?.sentence).toContain('below 3 ');
    expect(critical?.sentence).toContain('dropping as low as 2.99');
  });

  it('does not flag a muted microphone (MOS 1 with no bytes)', () => {
    const muted = series('mos', [4.4, 1, 1, 1, 1, 1, 1, 4.4], { base: { bitrateKbps: 0 } });
    muted[0] = { ...muted[0]!, bitrateKbps: 32 };
    muted[7] = { ...muted[7]!, bitrateKbps: 32 };
    expect(findings(rule, [stream('audio', 'send', muted)])).toEqual([]);
  });

  it('does not flag a microphone muted the whole call without events: silence frames scored MOS 1', () => {
    // ~50 packets/s of 19 bytes (~7 kbps), MOS 1 throughout, and one 783 ms round trip: no audio_off to say so.
    const silence = series('mos', Array(40).fill(1), { base: { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6 } });
    silence[12] = { ...silence[12]!, rttMs: 783 };
    const all = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', silence)], timeline: [] }));
    expect(all.filter((f) => f.rule === 'low-mos')).toEqual([]);
    expect(all.filter((f) => f.severity !== 'info')).toEqual([]);
    // One round trip over 500 ms is not sustained; three of five would be.
    const slow = silence.map((s, i) => (i >= 12 && i <= 14 ? { ...s, rttMs: 783 } : s));
    const rtt = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', slow)], timeline: [] }), [ruleOf(ROUND_TRIP_TIME)]);
    expect(rtt[0]?.severity).toBe('critical');
  });

  it('judges the loss and jitter of silence frames: what flowed is a network measurement', () => {
    const silence = series('lossPercent', threeOfFive(12, 0), { base: { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1 } });
    expect(findings(ruleOf(PACKET_LOSS), [stream('audio', 'send', silence)])[0]?.severity).toBe('critical');
    expect(findings(rule, [stream('audio', 'send', silence)])).toEqual([]);
  });

  it('does not flag MOS inside an audio_off..audio_on stretch of the timeline', () => {
    const samples = series('mos', [4.4, 1, 1, 1, 1, 4.4, 4.4, 4.4], { base: { bitrateKbps: null } });
    const timeline = [event(JOIN + 1000, 'audio_on'), event(JOIN + 8000, 'audio_off'), event(JOIN + 36000, 'audio_on')];
    expect(findings(rule, [stream('audio', 'send', samples)], timeline)).toEqual([]);
    // The same samples without the mute events are a real problem.
    expect(findings(rule, [stream('audio', 'send', samples)])[0]?.severity).toBe('critical');
  });

  it("does not flag what a muted remote sender's microphone sends: silence frames received are not bad audio", () => {
    // The listener receives the sender's silence frames: 350 packets of 19 bytes per ~7 s, scored MOS 1.
    const received = series('mos', Array(20).fill(1), { base: { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, lossPercent: 0, jitterMs: 6 } });
    const all = diagnoseInUtc(makeReport({ streams: [stream('audio', 'receive', received, 'peer-a')], timeline: [] }));
    expect(all.filter((f) => f.severity !== 'info')).toEqual([]);
    // The same MOS on speech-sized packets (80 bytes) is a listener's real problem.
    const speech = received.map((sample) => ({ ...sample, bytes: 350 * 80, bitrateKbps: 32 }));
    expect(findings(rule, [stream('audio', 'receive', speech, 'peer-a')])[0]?.severity).toBe('critical');
  });

  it('judges received audio, and leaves video MOS to the video rules', () => {
    const low = threeOfFive(2.5, 4.4);
    const result = findings(rule, [
      stream('audio', 'receive', series('mos', low), 'peer-a'),
      stream('video', 'send', series('mos', low, { kind: 'video' })),
    ]);
    expect(result.map((f) => f.streamId)).toEqual(['audio-receive-peer-a']);
  });
});

describe('video frame rate and resolution', () => {
  const fps = ruleOf(LOW_FRAME_RATE);
  const fpsOf = (values: (number | null)[], base = {}) => [stream('video', 'send', series('fps', values, { kind: 'video', base }))];

  it('warns under 10 fps, is critical only under 7', () => {
    expect(findings(fps, fpsOf(threeOfFive(10, 30)))).toEqual([]);
    expect(findings(fps, fpsOf(threeOfFive(9, 30)))[0]?.severity).toBe('warning');
    expect(findings(fps, fpsOf(threeOfFive(7, 30)))[0]?.severity).toBe('warning');
    const [critical] = findings(fps, fpsOf(threeOfFive(6, 30)));
    expect(critical?.severity).toBe('critical');
    expect(critical?.sentence).toContain('ran at under 7 fps');
  });

  it('does not flag a camera that was off (0 fps, no bytes)', () => {
    expect(findings(fps, fpsOf([30, 0, 0, 0, 0, 0, 30, 30], { bitrateKbps: 0 }))).toEqual([]);
  });

  it('flags 0 fps while bytes still flow: a frozen picture', () => {
    expect(findings(fps, fpsOf([30, 0, 0, 0, 0, 0, 30, 30]))[0]?.severity).toBe('critical');
  });

  it('does not flag the stretch between video_off and video_on', () => {
    const timeline = [event(JOIN + 1000, 'video_on'), event(JOIN + 8000, 'video_off'), event(JOIN + 43000, 'video_on')];
    const samples = series('fps', [30, 0, 0, 0, 0, 0, 30, 30], { kind: 'video', base: { bitrateKbps: null } });
    expect(findings(fps, [stream('video', 'send', samples)], timeline)).toEqual([]);
  });

  it('leaves screen share frame rates alone: a few fps is normal for slides', () => {
    expect(findings(fps, [stream('screenshare_video', 'send', series('fps', threeOfFive(3, 5), { kind: 'screenshare_video' }))])).toEqual([]);
  });

  it('flags resolution under 360p, or under half the stream\'s own median', () => {
    const heightOf = (values: number[]) => [stream('video', 'receive', series('height', values, { kind: 'video' }), 'peer-a')];
    const normal = Array.from({ length: 10 }, () => 720);
    expect(findings(LOW_RESOLUTION, heightOf([...normal, ...threeOfFive(360, 720)]))).toEqual([]);
    const [low] = findings(LOW_RESOLUTION, heightOf([...normal, ...threeOfFive(358, 720)]));
    expect(low).toMatchObject({ severity: 'warning', metric: 'height', id: 'low-resolution:video-receive-peer-a' });
    expect(low?.sentence).toContain('was below 360p');
    expect(low?.sentence).toContain('as low as 358p');
    // A 1080p stream falling to 480p lost more than half its height.
    const full = Array.from({ length: 10 }, () => 1080);
    const [half] = findings(LOW_RESOLUTION, heightOf([...full, ...threeOfFive(480, 1080)]));
    expect(half?.sentence).toContain('below 540p (half its usual 1080p)');
    expect(findings(LOW_RESOLUTION, heightOf([...full, ...threeOfFive(540, 1080)]))).toEqual([]);
  });

  it('ignores a height of 0 (no frame to measure)', () => {
    const samples = series('height', [720, 0, 0, 0, 720, 720], { kind: 'video' });
    expect(findings(LOW_RESOLUTION, [stream('video', 'send', samples)])).toEqual([]);
  });
});

describe('encoder limited by CPU or bandwidth', () => {
  const limited = (values: string[], direction: 'send' | 'receive' = 'send') => [
    stream('video', direction, series('qualityLimitationReason', values, { kind: 'video', base: { fps: 12 } }), direction === 'receive' ? 'peer-a' : null),
  ];

  it('warns when cpu holds 3 of 5 samples, with its share of the call', () => {
    const [finding] = findings(CPU_LIMITED, limited(['none', 'cpu', 'cpu', 'none', 'cpu', 'none', 'none']));
    expect(finding).toMatchObject({ id: 'cpu-limited:video-send', severity: 'warning', metric: 'fps' });
    expect(finding?.sentence).toBe(
      'Sent video was limited by the CPU for 28 s (2 % of the call), from 13:00:07 to 13:00:35 UTC (T+00:07 to T+00:35): the device could not encode fast enough, so the browser lowered resolution and frame rate, down to 12 fps.',
    );
    expect(findings(BANDWIDTH_LIMITED, limited(['none', 'cpu', 'cpu', 'none', 'cpu']))).toEqual([]);
  });

  it('does not fire on 2 of 5, nor on received video', () => {
    expect(findings(CPU_LIMITED, limited(['none', 'cpu', 'none', 'cpu', 'none', 'none']))).toEqual([]);
    expect(findings(CPU_LIMITED, limited(['cpu', 'cpu', 'cpu'], 'receive'))).toEqual([]);
  });

  it('reports bandwidth limitation apart', () => {
    const [finding] = findings(BANDWIDTH_LIMITED, limited(['bandwidth', 'bandwidth', 'bandwidth']));
    expect(finding?.id).toBe('bandwidth-limited:video-send');
    expect(finding?.sentence).toContain('limited by bandwidth');
  });
});

describe('nothing sent while switched on', () => {
  const onAt = [event(JOIN + 1000, 'audio_on')];
  const bitrates = (values: number[]) => [stream('audio', 'send', series('bitrateKbps', values))];

  it('warns when a sent stream carries ~0 kbps for 3 samples in a row while the microphone is on', () => {
    const [finding] = findings(NO_MEDIA_SENT, bitrates([32, 0, 0, 0, 32]), onAt);
    expect(finding).toMatchObject({ id: 'no-media-sent:audio-send', severity: 'warning', metric: 'bitrateKbps' });
    expect(finding?.intervals).toEqual([{ start: JOIN + 7000, end: JOIN + 28000 }]);
    expect(finding?.sentence).toContain('while the microphone was on for 21 s');
  });

  it('does not fire for 2 samples in a row', () => {
    expect(findings(NO_MEDIA_SENT, bitrates([32, 0, 0, 32, 0, 0, 32]), onAt)).toEqual([]);
  });

  it('does not fire while muted, nor when the timeline cannot tell', () => {
    const muted = [event(JOIN + 1000, 'audio_on'), event(JOIN + STEP + 500, 'audio_off')];
    expect(findings(NO_MEDIA_SENT, bitrates([32, 0, 0, 0, 0]), muted)).toEqual([]);
    expect(findings(NO_MEDIA_SENT, bitrates([32, 0, 0, 0, 0]), [])).toEqual([]);
  });
});
