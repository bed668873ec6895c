// The demo upstream is held to the published schema: every current-shape answer is the
// `cloudflare` SDK's SessionGetParticipantDataFromPeerIDResponse. The type checker holds
// the generator to it (it builds the SDK's object literals); this test holds what is
// actually sent to it, key by key, against the schema read from the SDK's .d.ts itself.

import type { SessionGetParticipantDataFromPeerIDResponse } from 'cloudflare/resources/realtime-kit/sessions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PEERS, benchBodyJson } from './bench-peers.ts';
import { generateCallReport, makeCallSpec } from './generate-report.ts';
import { isCurrentShape, REPORT_SCENARIO_KEYS, scenarioAnswer, scenarioBodyJson } from './scenarios.ts';
import { keysOutside, readSessionSchemas, summary, type SchemaNode } from '../test-support/sdk-schema.ts';

const CURRENT_KEYS = REPORT_SCENARIO_KEYS.filter(isCurrentShape);

describe('the demo upstream against the SDK schema', () => {
  let schema: SchemaNode;
  beforeAll(() => {
    schema = readSessionSchemas().SessionGetParticipantDataFromPeerIDResponse;
  }, 60_000);

  it('reads the schema from the SDK itself', () => {
    // A few places the schema is known to have, and one it is known not to.
    const participant = (schema.kind === 'object' && schema.keys.get('data')) || null;
    expect(participant?.kind).toBe('object');
    expect(keysOutside(schema, { success: true, data: { participant: { role: 'host', peer_report: { metadata: { candidate_pairs: { producing_transport: [{ nominated: true }] } } } } } })).toEqual([]);
    expect(keysOutside(schema, { data: { participant: { preset_name: 'host' } } })).toEqual(['data.participant.preset_name']);
  });

  it('catches what the demo once sent outside it', () => {
    const pairs = { producing_transport: [{ id: 'CP1', state: 'succeeded', requests_sent: 4, responses_received: 3, nominated: true }] };
    const quality = {
      video_producer_cumulative: { issues: { lag_fraction: 0 } },
      video_consumer_cumulative: { issues: { quality_limitation_fraction: 0 } },
    };
    expect(keysOutside(schema, { data: { participant: { peer_report: { metadata: { candidate_pairs: pairs }, quality } } } })).toEqual([
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].id',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].state',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].requests_sent',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].responses_received',
      'data.participant.peer_report.quality.video_producer_cumulative.issues.lag_fraction',
      'data.participant.peer_report.quality.video_consumer_cumulative.issues.quality_limitation_fraction',
    ]);
  });

  it.each(CURRENT_KEYS)('%s: every key it sends is in the schema', (key) => {
    const sent: unknown = JSON.parse(scenarioBodyJson(key));
    expect(summary(keysOutside(schema, sent))).toEqual([]);
  });

  it.each(CURRENT_KEYS)('%s: a participant still in the call has no left_at, not left_at: null', (key) => {
    const answer: SessionGetParticipantDataFromPeerIDResponse = scenarioAnswer(key);
    const participant = answer.data?.participant;
    expect(participant?.id).toBeTruthy();
    if (participant && 'left_at' in participant) expect(typeof participant.left_at).toBe('string');
  });

  it('holds for the rate-limited and slow answers, and the benchmark peers', () => {
    const asPeer: SessionGetParticipantDataFromPeerIDResponse = scenarioAnswer('good-call', { peerId: '6b4cb242-4a23-4596-a217-beaddbc496cb' });
    expect(summary(keysOutside(schema, asPeer))).toEqual([]);
    const short = BENCH_PEERS.find((peer) => peer.key === 'bench-30m');
    if (!short) throw new Error('no 30-minute bench peer');
    expect(summary(keysOutside(schema, JSON.parse(benchBodyJson(short))))).toEqual([]);
  });

  it('holds for any call the generator builds, as a typed literal', () => {
    // A literal of the SDK's type: the checker rejects a field the schema does not define.
    const answer: SessionGetParticipantDataFromPeerIDResponse = {
      success: true,
      data: generateCallReport({ ...makeCallSpec({ seed: 77, senderCount: 3, poorSenders: [1] }), stillInCall: true }),
    };
    expect(answer.data?.participant).not.toHaveProperty('left_at');
    expect(summary(keysOutside(schema, JSON.parse(JSON.stringify(answer))))).toEqual([]);
  });
});
