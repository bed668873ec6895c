import { describe, expect, it } from 'vitest';
import type { Finding } from '../model.ts';
import { causesFirst } from './causes.ts';

function finding(rule: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding {
  return {
    id: `${rule}:${extra.streamId ?? 'call'}`,
    rule,
    severity,
    title: rule,
    sentence: rule,
    streamId: null,
    streamIds: [],
    remotePeerId: null,
    metric: null,
    intervals: [],
    source: 'test',
    ...extra,
  };
}

describe('causesFirst', () => {
  it('puts the sender behind the received problems ahead of them, where the first of them stood', () => {
    const drop = finding('reconnects', 'critical');
    const loss = finding('packet-loss', 'critical', { remotePeerId: 'peer-a', streamId: 'audio-receive-peer-a', streamIds: ['audio-receive-peer-a'] });
    const mos = finding('low-mos', 'critical', { remotePeerId: 'peer-a', streamId: 'audio-receive-peer-a', streamIds: ['audio-receive-peer-a'] });
    const own = finding('jitter', 'warning', { streamId: 'audio-send', streamIds: ['audio-send'] });
    const blame = finding('remote-sender', 'warning', { remotePeerId: 'peer-a' });
    const other = finding('packet-loss', 'warning', { remotePeerId: 'peer-b', streamId: 'video-receive-peer-b', streamIds: ['video-receive-peer-b'] });
    expect(causesFirst([drop, loss, mos, own, blame, other]).map((f) => f.id)).toEqual([
      'reconnects:call',
      'remote-sender:call',
      'packet-loss:audio-receive-peer-a',
      'low-mos:audio-receive-peer-a',
      'jitter:audio-send',
      'packet-loss:video-receive-peer-b',
    ]);
  });

  it('puts an encoder limit ahead of the frame-rate and resolution drops on the same stream only', () => {
    const fps = finding('low-frame-rate', 'critical', { streamId: 'video-send', streamIds: ['video-send'] });
    const fpsElsewhere = finding('low-frame-rate', 'critical', { streamId: 'video-receive-x', streamIds: ['video-receive-x'] });
    const cpu = finding('cpu-limited', 'warning', { streamId: 'video-send', streamIds: ['video-send'] });
    expect(causesFirst([fps, fpsElsewhere, cpu]).map((f) => f.id)).toEqual(['cpu-limited:video-send', 'low-frame-rate:video-send', 'low-frame-rate:video-receive-x']);
  });

  it('leaves findings without a cause in their order', () => {
    const a = finding('packet-loss', 'critical');
    const b = finding('turn-relay', 'info');
    expect(causesFirst([a, b])).toEqual([a, b]);
  });
});
