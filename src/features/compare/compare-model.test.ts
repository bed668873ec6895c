import { describe, expect, it } from 'vitest';
import { JOIN, makeReport, sample, stream, STEP } from '../../report/test-support/test-report.ts';
import { compareGroups, compareRange, lossVerdict } from './compare-model.ts';

const PRIYA = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';
const KWAME = 'bbbbbbbb-0000-4000-8000-000000000002';
const names = { sender: 'Priya Raman', receiver: 'Mei Chen' };

/** Samples every 7 s from `start`, each with the given loss and a bitrate. */
function lossy(losses: readonly number[], start = JOIN + STEP, video = false) {
  return losses.map((lossPercent, index) =>
    sample(start + index * STEP, { lossPercent, bitrateKbps: 500, ...(video ? { fps: 24, height: 360, width: 640 } : {}) }),
  );
}

// Priya joined a minute before Mei: her report starts earlier on the same clock.
const sender = makeReport({
  streams: [
    stream('audio', 'send', lossy([0.2, 0.1, 0.3], JOIN - 60_000)),
    stream('video', 'send', lossy([9, 12, 10, 11], JOIN - 60_000, true)),
  ],
});
const receiver = makeReport({
  streams: [
    stream('audio', 'receive', lossy([0.1, 0.2, 0.2]), PRIYA),
    stream('video', 'receive', lossy([10, 13, 12], JOIN + STEP, true), PRIYA),
    stream('video', 'receive', lossy([40, 40, 40], JOIN + STEP, true), KWAME),
    stream('audio', 'send', lossy([30, 30, 30])),
  ],
});

describe('compareGroups', () => {
  it('pairs each metric of what the sender sent with what was received from them, and nothing of anyone else', () => {
    const groups = compareGroups(sender, receiver, PRIYA, names);
    expect(groups.map((group) => group.title)).toEqual(['Audio', 'Video']);
    const video = groups[1];
    const loss = video?.pairs.find((pair) => pair.metric.key === 'lossPercent');
    expect(loss?.sent?.series.map((series) => series.name)).toEqual(['Sent by Priya Raman']);
    expect(loss?.received?.series.map((series) => series.name)).toEqual(['Received by Mei Chen']);
    // One series each: Kwame's stream is not part of Mei's side.
    expect(loss?.received?.points().map((points) => Array.from(points.values))).toEqual([[10, 13, 12]]);
    expect(loss?.sent?.points().map((points) => Array.from(points.values))).toEqual([[9, 12, 10, 11]]);
  });

  it('keeps a metric only one side has, with the other side empty', () => {
    // What a listener's jitter buffer held: only the receiving side measures it.
    const buffered = makeReport({
      streams: [stream('audio', 'receive', [sample(JOIN, { jitterBufferDelayMs: 60 }), sample(JOIN + STEP, { jitterBufferDelayMs: 80 })], PRIYA)],
    });
    const [audio] = compareGroups(sender, buffered, PRIYA, names);
    const delay = audio?.pairs.find((pair) => pair.metric.key === 'jitterBufferDelayMs');
    expect(delay?.sent).toBeNull();
    expect(delay?.received).not.toBeNull();
  });

  it('averages the loss of each side', () => {
    const [audio, video] = compareGroups(sender, receiver, PRIYA, names);
    expect(audio?.sentLossPercent).toBeCloseTo(0.2, 5);
    expect(video?.sentLossPercent).toBeCloseTo(10.5, 5);
    expect(video?.receivedLossPercent).toBeCloseTo(35 / 3, 5);
  });

  it('has nothing to pair for a sender this participant received nothing from', () => {
    const groups = compareGroups(makeReport(), receiver, 'cccccccc-0000-4000-8000-000000000009', names);
    expect(groups).toEqual([]);
  });
});

describe('compareRange', () => {
  it('spans both sides, on one clock', () => {
    expect(compareRange(sender, receiver, PRIYA)).toEqual({ start: JOIN - 60_000, end: JOIN + 3 * STEP });
  });

  it('is null with nothing to compare', () => {
    expect(compareRange(makeReport(), makeReport(), PRIYA)).toBeNull();
  });
});

describe('lossVerdict', () => {
  it('puts loss already in what was sent on the sender’s uplink', () => {
    expect(lossVerdict({ title: 'Video', sentLossPercent: 10.5, receivedLossPercent: 11.7 }, names)).toBe(
      'Video was already lossy as Priya Raman sent it (10.5 % lost on average on the way up; Mei Chen received 11.7 % lost): Priya Raman’s uplink.',
    );
  });

  it('puts loss that appeared after a clean send on the receiver’s downlink', () => {
    expect(lossVerdict({ title: 'Audio', sentLossPercent: 0.2, receivedLossPercent: 6 }, names)).toBe(
      'Priya Raman sent audio cleanly (0.2 % lost on the way up), yet Mei Chen received it with 6 % lost: it was lost after the server, on Mei Chen’s downlink.',
    );
  });

  it('says nothing when neither side lost enough to matter, or a side has no figures', () => {
    expect(lossVerdict({ title: 'Audio', sentLossPercent: 0.2, receivedLossPercent: 0.4 }, names)).toBeNull();
    expect(lossVerdict({ title: 'Audio', sentLossPercent: null, receivedLossPercent: 9 }, names)).toBeNull();
  });
});
