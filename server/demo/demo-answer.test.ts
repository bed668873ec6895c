// The rate-limited and slow peers end with a report like any other peer: it must be the
// report of the peer asked for, or the page would rightly warn that the answer is about
// someone else (and a demo of "it worked after waiting" would show that warning instead).

import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, demoPeerByKey, type DemoPeerKey } from './catalog.ts';
import { createDemoState, demoAnswer, type DemoAnswer, type DemoState } from './demo-answer.ts';
import { participantOf, rec, recs, str } from '../test-support/report-json.ts';

const TOKEN = 'test-token-not-secret';

function ask(key: DemoPeerKey, state: DemoState = createDemoState(), now = 0): DemoAnswer {
  return demoAnswer(
    {
      method: 'GET',
      path: `/client/v4/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/peer-report/${demoPeerByKey(key).id}`,
      query: new URLSearchParams('include_peer_events=true'),
      authorization: `Bearer ${TOKEN}`,
    },
    state,
    { token: TOKEN, now, slowAnswerMs: 8000 },
  );
}

function reportBody(answer: DemoAnswer): Record<string, unknown> {
  if (answer.kind !== 'respond' || answer.status !== 200) throw new Error('expected a report');
  return rec(JSON.parse(answer.body));
}

/** The rate-limited peer's report: a 429 first, then the answer once Retry-After (2 s) has passed. */
function afterRateLimit(): DemoAnswer {
  const state = createDemoState();
  const first = ask('error-429', state, 10_000);
  if (first.kind !== 'respond' || first.status !== 429) throw new Error('expected a 429 first');
  return ask('error-429', state, 12_000);
}

describe('the rate-limited and slow peers answer as themselves', () => {
  it.each([
    ['error-429', afterRateLimit],
    ['slow-8s', () => ask('slow-8s')],
  ] as const)('%s: the report is about the peer asked for, its peer events too', (key, answer) => {
    const asked = demoPeerByKey(key).id;
    const data = rec(reportBody(answer()).data);
    const participant = participantOf(data);
    expect(str(participant, 'id')).toBe(asked);
    const events = recs(participant.peer_events);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.peer_id).toBe(asked);
  });

  it('are not the good call under another name: another peer asked for gets another participant ID', () => {
    const goodCall = demoPeerByKey('good-call').id;
    const rateLimited = str(participantOf(rec(reportBody(afterRateLimit()).data)), 'id');
    const slow = str(participantOf(rec(reportBody(ask('slow-8s')).data)), 'id');
    expect(new Set([goodCall, rateLimited, slow]).size).toBe(3);
    expect(str(participantOf(rec(reportBody(ask('good-call')).data)), 'id')).toBe(goodCall);
  });
});
