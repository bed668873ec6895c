import { describe, expect, it } from 'vitest';
import { BENCH_PEERS, benchBodyJson, benchPeerByKey } from './bench-peers.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, DEMO_TOKEN } from './catalog.ts';
import { createDemoState, demoAnswer, type DemoAnswer } from './demo-answer.ts';

const path = (peerId: string) => `/client/v4/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/peer-report/${peerId}`;

function ask(peerId: string, benchPeers: boolean, query = 'include_peer_events=true'): DemoAnswer {
  return demoAnswer(
    { method: 'GET', path: path(peerId), query: new URLSearchParams(query), authorization: `Bearer ${DEMO_TOKEN}` },
    createDemoState(),
    { token: DEMO_TOKEN, now: 0, slowAnswerMs: 0, benchPeers },
  );
}

describe('benchmark peers', () => {
  const short = benchPeerByKey('bench-30m');

  it('are answered only when the upstream is started for benchmarks, and never listed', () => {
    expect(ask(short.id, false)).toMatchObject({ kind: 'respond', status: 404 });
    expect(ask(short.id, true)).toMatchObject({ kind: 'respond', status: 200 });
    for (const peer of BENCH_PEERS) expect(DEMO_PEERS.some((demo) => demo.id === peer.id)).toBe(false);
  });

  it('honour the filters like every demo peer', () => {
    const answer = ask(short.id, true, 'filters=device_info');
    if (answer.kind !== 'respond') throw new Error('no answer');
    const data = (JSON.parse(answer.body) as { data: { participant: { peer_report: Record<string, unknown> } } }).data;
    expect(data.participant.peer_report.quality).toBeUndefined();
    expect(ask(short.id, true, 'filters=nonsense')).toMatchObject({ status: 400 });
  });

  it('are long: a sample every ~7 s per stream, one stream pair per remote sender, many events', () => {
    const body = JSON.parse(benchBodyJson(short)) as {
      data: { participant: { peer_report: { quality: Record<string, unknown[]>; metadata: { events: unknown[] } } } };
    };
    const { quality, metadata } = body.data.participant.peer_report;
    const perStream = (30 * 60) / 7;
    expect(quality.audio_producer?.length).toBeGreaterThan(perStream * 0.95);
    expect(quality.audio_consumer?.length).toBeGreaterThan(short.senderCount * perStream * 0.95);
    expect(metadata.events.length).toBeGreaterThan(150);
    // Generated once: the same body (string) on every request.
    expect(benchBodyJson(short)).toBe(benchBodyJson(short));
  });
});
