import { describe, expect, it } from 'vitest';
import { DiagnosisContext } from './diagnosis/context.ts';
import { event, JOIN, makeReport, sample, series, STEP, stream } from './test-support/test-report.ts';
import { isSilenceFrames, mediaOffIntervals, mediaOffSamples, metricClassOf, offMaskFor, sampleLooksOff } from './media-state.ts';

/** Whether a sample at `at` is inside one of the stretches, read as (start, end]: a sample speaks for the time before it. */
const insideAny = (at: number, intervals: readonly { start: number; end: number }[]): boolean =>
  intervals.some((interval) => at > interval.start && at <= interval.end);

const audio = { kind: 'audio' } as const;
const video = { kind: 'video' } as const;

describe('sampleLooksOff', () => {
  it('audio: Opus silence frames (~50 packets/s of ~19 bytes, ~7 kbps) are muted or silent, whatever the MOS', () => {
    // 350 packets of 19 bytes in 7 s: 7.6 kbps, scored MOS 1 by the client.
    const silence = sample(JOIN, { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1 });
    expect(isSilenceFrames(silence)).toBe(true);
    expect(sampleLooksOff(audio, silence)).toBe(true);
    // Received silence from a muted remote sender carries the receiver's own MOS estimate.
    expect(sampleLooksOff(audio, { ...silence, mos: 4.1 })).toBe(true);
    // Speech at 32 kbps is 80 bytes a packet; at 16 kbps still 40.
    expect(sampleLooksOff(audio, sample(JOIN, { packets: 350, bytes: 28_000, bitrateKbps: 32, mos: 4.4 }))).toBe(false);
    expect(sampleLooksOff(audio, sample(JOIN, { packets: 350, bytes: 14_000, bitrateKbps: 16, mos: 1.2 }))).toBe(false);
    // Bytes per packet need both counts.
    expect(isSilenceFrames(sample(JOIN, { packets: null, bytes: 6650 }))).toBe(false);
    expect(isSilenceFrames(sample(JOIN, { packets: 0, bytes: 0 }))).toBe(false);
  });

  it('audio: under 2 kbps with MOS 1 (or none) is muted; quiet speech with a real MOS is not', () => {
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: 0, mos: 1 }))).toBe(true);
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: 1.9, mos: null }))).toBe(true);
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: 1.2, mos: 4.3 }))).toBe(false);
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: 2, mos: 1 }))).toBe(false);
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: null, mos: 1 }))).toBe(false);
  });

  it('video: no frames and under 8 kbps (or no byte count) is off; 0 fps while bytes flow is a frozen picture', () => {
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: 0, fps: 0 }))).toBe(true);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: 7, fps: null }))).toBe(true);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: null, fps: 0 }))).toBe(true);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: 900, fps: 0 }))).toBe(false);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: 3, fps: 12 }))).toBe(false);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: null, fps: null }))).toBe(false);
  });

  it('heavy packet loss is an outage, never "off"', () => {
    expect(sampleLooksOff(audio, sample(JOIN, { bitrateKbps: 1, mos: 1, lossPercent: 80 }))).toBe(false);
    expect(sampleLooksOff(video, sample(JOIN, { bitrateKbps: 2, fps: 0, lossPercent: 60 }))).toBe(false);
  });
});

describe('off per metric', () => {
  it('leaves MOS, bitrate, frame rate and resolution out of muted samples, and keeps the network measures of what flowed', () => {
    expect(['bitrateKbps', 'mos', 'fps', 'height', 'framesDropped'].map((m) => metricClassOf(m as 'mos'))).toEqual(Array(5).fill('quality'));
    expect(['rttMs', 'jitterMs', 'lossPercent', 'jitterBufferDelayMs', 'concealmentEvents'].map((m) => metricClassOf(m as 'rttMs'))).toEqual(
      Array(5).fill('network'),
    );
    // A microphone muted the whole call, without events: silence frames, MOS 1, and one 783 ms round trip.
    const silence = series('rttMs', [48, 52, 783, 50], { base: { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1, jitterMs: 4 } });
    const state = mediaOffSamples(stream('audio', 'send', silence), []);
    expect([...state.off]).toEqual([1, 1, 1, 1]);
    expect([...state.noFlow]).toEqual([0, 0, 0, 0]);
    expect([...offMaskFor(state, 'mos')]).toEqual([1, 1, 1, 1]);
    expect([...offMaskFor(state, 'bitrateKbps')]).toEqual([1, 1, 1, 1]);
    expect([...offMaskFor(state, 'rttMs')]).toEqual([0, 0, 0, 0]);
    expect([...offMaskFor(state, 'jitterMs')]).toEqual([0, 0, 0, 0]);
    expect([...offMaskFor(state, 'lossPercent')]).toEqual([0, 0, 0, 0]);
  });

  it('leaves the network measures out too where nothing flowed at all', () => {
    // A camera switched off sends no packets: its jitter of 0 measured nothing.
    const samples = series('fps', [30, 0, 0, 30], { kind: 'video' }).map((s, i) =>
      i === 1 || i === 2 ? { ...s, bitrateKbps: 0, packets: 0, bytes: 0, jitterMs: 0, lossPercent: null } : s,
    );
    const state = mediaOffSamples(stream('video', 'send', samples), []);
    expect([...state.off]).toEqual([0, 1, 1, 0]);
    expect([...offMaskFor(state, 'jitterMs')]).toEqual([0, 1, 1, 0]);
    expect([...offMaskFor(state, 'fps')]).toEqual([0, 1, 1, 0]);
  });
});

describe('mediaOffIntervals', () => {
  it('makes one stretch of off samples that follow each other, even a little late', () => {
    // Samples every 7.2 s, a little over the stream's usual spacing at either end: still one mute.
    const at = [0, 7000, 14_000, 21_000, 28_200, 35_400, 42_600, 49_600, 56_600, 63_600, 70_600];
    const samples = at.map((t, i) => sample(JOIN + t, i >= 3 && i <= 6 ? { packets: 350, bytes: 350 * 19, bitrateKbps: 7.6, mos: 1 } : {}));
    expect(mediaOffIntervals(stream('audio', 'send', samples), [])).toEqual([{ start: JOIN + 14_000, end: JOIN + 42_600 }]);
  });
});

describe('one definition for the charts and the diagnosis', () => {
  // Samples (0-based) 2-4 muted by bytes and MOS; then audio_off .. audio_on covering most of samples 8 and 9.
  const samples = series('mos', [4.4, 4.4, 1, 1, 1, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4], {
    base: { bitrateKbps: 32 },
  }).map((s, i) => (i >= 2 && i <= 4 ? { ...s, bitrateKbps: 0, packets: 0, bytes: 0 } : s));
  const own = stream('audio', 'send', samples);
  const timeline = [event(JOIN, 'audio_on'), event(JOIN + 8 * STEP + 500, 'audio_off'), event(JOIN + 10 * STEP - 500, 'audio_on')];

  it('shades exactly the samples the diagnosis leaves out', () => {
    const { off } = mediaOffSamples(own, timeline);
    const context = new DiagnosisContext(makeReport({ streams: [own], timeline }));
    expect([...context.activity(own).inactive]).toEqual([...off]);
    expect([...context.mask(own, 'mos')]).toEqual([...off]);
    // Nothing flowed in samples 2-4; in 8 and 9 the silence frames still did.
    expect([...context.mask(own, 'rttMs')]).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    // Samples 2-4 by themselves; 8 and 9 measured time that was mostly switched off.
    expect([...off]).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 0]);
    const intervals = mediaOffIntervals(own, timeline);
    expect(intervals).toEqual([
      { start: JOIN + 2 * STEP, end: JOIN + 5 * STEP },
      { start: JOIN + 8 * STEP, end: JOIN + 10 * STEP },
    ]);
    // A chart nulls exactly the off samples: the sample at an interval's start is the last one before it.
    expect(samples.map((s) => (insideAny(s.at, intervals) ? 1 : 0))).toEqual([...off]);
  });

  it('does not apply the participant\'s own toggles to what remote peers sent', () => {
    const received = stream('audio', 'receive', series('mos', [4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4]), 'peer-a');
    expect(mediaOffIntervals(received, timeline)).toEqual([]);
    expect(mediaOffSamples(received, timeline).knownOn).toBeNull();
  });

  it('a sample only a moment into a mute still counts, but is not "known on"', () => {
    const talk = stream('audio', 'send', series('mos', [4.4, 4.4, 4.4, 4.4]));
    // Muted 1 s before the third sample was taken.
    const { off, knownOn } = mediaOffSamples(talk, [event(JOIN, 'audio_on'), event(JOIN + 3 * STEP - 1000, 'audio_off')]);
    expect([...off]).toEqual([0, 0, 0, 1]);
    expect([...(knownOn ?? [])]).toEqual([1, 1, 0, 0]);
  });

  it('a call that starts muted is off until the first audio_on', () => {
    const quiet = stream('audio', 'send', series('mos', [4.4, 4.4, 4.4, 4.4]));
    // Unmuted 5.5 s into the third sample's interval: that sample mostly measured silence.
    const { off, knownOn } = mediaOffSamples(quiet, [event(JOIN + 2 * STEP + 5500, 'audio_on')]);
    expect([...off]).toEqual([1, 1, 1, 0]);
    expect([...(knownOn ?? [])]).toEqual([0, 0, 0, 1]);
  });
});
