import { describe, expect, it } from 'vitest';
import type { QualitySample } from '../model.ts';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';
import { event, JOIN, makeReport, series, STEP, stream } from '../test-support/test-report.ts';
import { MEDIA_OFF } from './media-off-rule.ts';

/** Opus silence frames as a muted microphone sends them: 350 packets of 19 bytes per 7 s, scored MOS 1. */
const SILENCE: Partial<QualitySample> = { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1 };

describe('microphone muted or silent, camera off', () => {
  it('says a microphone muted the whole call in words, as info, never as low quality', () => {
    const silence = series('mos', Array(20).fill(1), { base: SILENCE });
    const findings = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', silence)], timeline: [] }));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['media-off', 'info']]);
    const [finding] = findings;
    expect(finding?.title).toBe('Microphone muted or silent for the whole call');
    expect(finding?.sentence).toBe(
      'The microphone was muted or silent for the whole call. A muted or silent microphone sends silence frames scored MOS 1: that is not bad quality, so MOS and bitrate there are not judged; round-trip time, jitter and loss of what did flow still are.',
    );
    expect(finding?.streamIds).toEqual(['audio-send']);
  });

  it('names the stretches of a partial mute, from the events or from the silence frames', () => {
    // Talking, then audio_off at +35 s to audio_on at +70 s.
    const samples = series('mos', Array(20).fill(4.4));
    const timeline = [event(JOIN + 1000, 'audio_on'), event(JOIN + 5 * STEP, 'audio_off'), event(JOIN + 10 * STEP, 'audio_on')];
    const [finding] = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', samples)], timeline }), [MEDIA_OFF]);
    expect(finding?.title).toBe('Microphone muted or silent for part of the call');
    expect(finding?.sentence).toContain('The microphone was muted or silent for 35 s, from 13:00:35 to 13:01:10 UTC (T+00:35 to T+01:10).');
    // The same stretch with no events at all, told by the silence frames alone.
    const quiet = samples.map((s, i) => (i >= 5 && i <= 9 ? { ...s, ...SILENCE } : s));
    const [byBytes] = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', quiet)], timeline: [] }), [MEDIA_OFF]);
    expect(byBytes?.sentence).toContain('for 35 s, from 13:00:35 to 13:01:10 UTC');
  });

  it('says a camera that was off is off, and no frame-rate problem', () => {
    const frames = series('fps', [30, 30, 0, 0, 0, 0, 0, 30, 30, 30], { kind: 'video' }).map((s) =>
      s.fps === 0 ? { ...s, bitrateKbps: 0, packets: 0, bytes: 0, width: 0, height: 0 } : s,
    );
    const timeline = [event(JOIN + 1000, 'video_on'), event(JOIN + 2 * STEP, 'video_off'), event(JOIN + 7 * STEP, 'video_on')];
    const findings = diagnoseInUtc(makeReport({ streams: [stream('video', 'send', frames)], timeline }));
    expect(findings.map((f) => f.rule)).toEqual(['media-off']);
    expect(findings[0]?.title).toBe('Camera off for part of the call');
    expect(findings[0]?.sentence).toContain('A camera that is off sends no frames');
    expect(findings[0]?.sentence).toContain('bitrate, frame rate and resolution there are not judged');
  });

  it('is one finding for both, and says nothing of remote senders or of media that was on', () => {
    const silence = series('mos', Array(10).fill(1), { base: SILENCE });
    const off = series('fps', Array(10).fill(0), { kind: 'video', base: { bitrateKbps: 0, packets: 0, bytes: 0 } });
    const [both] = diagnoseInUtc(makeReport({ streams: [stream('audio', 'send', silence), stream('video', 'send', off)], timeline: [] }), [MEDIA_OFF]);
    expect(both?.title).toBe('Microphone muted or silent and camera off for the whole call');
    expect(both?.streamIds).toEqual(['audio-send', 'video-send']);
    const received = stream('audio', 'receive', series('mos', Array(10).fill(1), { base: SILENCE }), 'peer-a');
    const talking = stream('audio', 'send', series('mos', Array(10).fill(4.4)));
    expect(diagnoseInUtc(makeReport({ streams: [received, talking], timeline: [] }), [MEDIA_OFF])).toEqual([]);
  });
});
