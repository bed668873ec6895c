import { describe, expect, it } from 'vitest';
import type { QualityStream } from '../model.ts';
import { REMOTE_SENDER } from './remote-sender-rule.ts';
import { makeReport, series, stream } from '../test-support/test-report.ts';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';

const PEER_A = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';
const PEER_B = '8f7f9a13-0e2b-4ace-9e4a-b1c2d3e4f5a7';
const PEER_C = '9e017ce8-01bf-4150-8839-61c2d3e4f5a8';

/** Received audio from a peer whose `bad` samples from sample `from` on lost 8 % of packets. */
function audioFrom(peer: string, bad: number, from = 0, total = 30): QualityStream {
  return stream('audio', 'receive', series('lossPercent', Array.from({ length: total }, (_, i) => (i >= from && i < from + bad ? 8 : 0))), peer);
}

describe('one remote sender responsible', () => {
  it('names the sender behind most received problems', () => {
    const streams = [
      audioFrom(PEER_A, 8),
      stream('video', 'receive', series('fps', [5, 5, 5, 5, 30, 30], { kind: 'video' }), PEER_A),
      audioFrom(PEER_B, 0),
      audioFrom(PEER_C, 0),
    ];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ streams }), [REMOTE_SENDER]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'remote-sender:call', severity: 'warning', remotePeerId: PEER_A, streamId: null, metric: 'lossPercent' });
    expect(finding?.sentence).toContain(`One sender, peer ${PEER_A}, accounts for 100 % of the problem samples in received media (packet loss, low frame rate) across 3 remote senders`);
    expect(finding?.sentence).toContain("the problem is on that sender's side, not this participant's network");
  });

  it('fires at 60 % and not below', () => {
    // The senders' problems at different times: each sender's own uplink.
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 6), audioFrom(PEER_B, 4, 15)] }), [REMOTE_SENDER])[0]?.remotePeerId).toBe(PEER_A);
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 5), audioFrom(PEER_B, 4, 15)] }), [REMOTE_SENDER])).toEqual([]);
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 5), audioFrom(PEER_B, 5, 15)] }), [REMOTE_SENDER])).toEqual([]);
    expect(
      diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 4), audioFrom(PEER_B, 3, 10), audioFrom(PEER_C, 3, 20)] }), [REMOTE_SENDER]),
    ).toEqual([]);
  });

  it('blames nobody when every sender was hit at the same times: that is this participant\'s downlink', () => {
    // A has the larger share (60 %), but B lost packets during the same stretch.
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 6), audioFrom(PEER_B, 4)] }), [REMOTE_SENDER])).toEqual([]);
    // One sender clean: the shared-stretch excuse does not apply.
    expect(
      diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 8), audioFrom(PEER_B, 0), audioFrom(PEER_C, 0)] }), [REMOTE_SENDER])[0]?.remotePeerId,
    ).toBe(PEER_A);
  });

  it('needs two remote senders and a sustained problem', () => {
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 8)] }), [REMOTE_SENDER])).toEqual([]);
    // Two lossy samples are not a sustained problem, so there is nothing to blame.
    expect(diagnoseInUtc(makeReport({ streams: [audioFrom(PEER_A, 2), audioFrom(PEER_B, 0)] }), [REMOTE_SENDER])).toEqual([]);
  });

  it('ignores the participant\'s own sent streams', () => {
    const streams = [stream('audio', 'send', series('lossPercent', [8, 8, 8, 8, 8, 8, 8, 8])), audioFrom(PEER_A, 3), audioFrom(PEER_B, 3)];
    expect(diagnoseInUtc(makeReport({ streams }), [REMOTE_SENDER])).toEqual([]);
  });
});
