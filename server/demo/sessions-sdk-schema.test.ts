// The demo upstream's session answers are held to the published schema: the `cloudflare`
// SDK's SessionGetSessionsResponse, SessionGetSessionDetailsResponse,
// SessionGetSessionParticipantsResponse and SessionGetSessionParticipantDetailsResponse.
// sessions-answer.ts builds them as the SDK's object literals; this test takes what is
// actually sent, every session, page and participant, and checks it twice against the
// SDK's own .d.ts: key by key, and written out as an object literal of the SDK's type.

import { beforeAll, describe, expect, it } from 'vitest';
import {
  keysOutside,
  literalTypeErrors,
  readSessionSchemas,
  summary,
  type LiteralCase,
  type SchemaNode,
  type SessionResponseType,
} from '../test-support/sdk-schema.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_TOKEN } from './catalog.ts';
import { createDemoState, demoAnswer } from './demo-answer.ts';
import { BENCH_SESSION_ID, demoSessions } from './sessions.ts';

const BASE = `/client/v4/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions`;

/** What the demo sends for one request, parsed; every request here must succeed. */
function sent(path: string, query: Record<string, string> = {}, bench = false): unknown {
  // A fresh state and a late clock: the rate-limited session answers at the second asking.
  const state = createDemoState();
  const request = { method: 'GET', path: `${BASE}${path}`, query: new URLSearchParams(query), authorization: `Bearer ${DEMO_TOKEN}` };
  let answer = demoAnswer(request, state, { token: DEMO_TOKEN, now: 0, slowAnswerMs: 0, benchPeers: bench });
  if (answer.kind === 'respond' && answer.status === 429) answer = demoAnswer(request, state, { token: DEMO_TOKEN, now: 60_000, slowAnswerMs: 0, benchPeers: bench });
  if (answer.kind !== 'respond' || answer.status !== 200) throw new Error(`${path} did not answer 200`);
  return JSON.parse(answer.body);
}

/** Every answer the demo's sessions give: lists, sessions, every page of participants in both views, every participant. */
function everyAnswer(bench: boolean): LiteralCase[] {
  const cases: LiteralCase[] = [];
  const add = (type: SessionResponseType, value: unknown) => cases.push({ type, value });
  for (const status of [undefined, 'LIVE', 'ENDED']) {
    add('SessionGetSessionsResponse', sent('', { per_page: '100', ...(status ? { status } : {}) }, bench));
  }
  add('SessionGetSessionsResponse', sent('', { search: 'no such meeting' }, bench));
  for (const session of demoSessions({ benchPeers: bench })) {
    // The benchmark session is checked beside the others only when it is served.
    if (!bench && session.id === BENCH_SESSION_ID) continue;
    add('SessionGetSessionDetailsResponse', sent(`/${session.id}`, {}, bench));
    add('SessionGetSessionDetailsResponse', sent(`/${session.id}`, { include_breakout_rooms: 'true' }, bench));
    const joins = session.joins();
    for (let page = 1; (page - 1) * 100 < joins.length; page += 1) {
      add('SessionGetSessionParticipantsResponse', sent(`/${session.id}/participants`, { page_no: String(page), per_page: '100', include_peer_events: 'true' }, bench));
    }
    add('SessionGetSessionParticipantsResponse', sent(`/${session.id}/participants`, { view: 'consolidated', per_page: '100' }, bench));
    // A crowd's participants are all alike: the first hundred stand for them.
    for (const j of joins.slice(0, 100)) {
      add('SessionGetSessionParticipantDetailsResponse', sent(`/${session.id}/participants/${j.peerId}`, { include_peer_events: 'true' }, bench));
    }
  }
  return cases;
}

describe('the demo session answers against the SDK schema', () => {
  let schemas: Record<SessionResponseType, SchemaNode>;
  let answers: LiteralCase[];
  beforeAll(() => {
    schemas = readSessionSchemas();
    answers = everyAnswer(false);
  }, 60_000);

  it('reads the schemas from the SDK itself, and would catch a key outside them', () => {
    const list = schemas.SessionGetSessionsResponse;
    expect(keysOutside(list, { success: true, paging: { total_count: 1 }, data: { sessions: [{ id: 'x', breakout_rooms: [{ any: 1 }] }] } })).toEqual([]);
    expect(keysOutside(list, { data: { sessions: [{ id: 'x', title: 'y' }] }, data_paging: {} })).toEqual(['data.sessions[0].title', 'data_paging']);
    expect(keysOutside(schemas.SessionGetSessionParticipantsResponse, { data: { participants: [{ role: 'host' }], paging: {} } })).toEqual([
      'data.participants[0].role',
      'data.paging',
    ]);
    expect(keysOutside(schemas.SessionGetSessionParticipantDetailsResponse, { data: { participant: { peer_report: {} } } })).toEqual(['data.participant.peer_report']);
  });

  it('covers every kind of answer', () => {
    const kinds = new Set(answers.map((entry) => entry.type));
    expect([...kinds].sort()).toEqual([
      'SessionGetSessionDetailsResponse',
      'SessionGetSessionParticipantDetailsResponse',
      'SessionGetSessionParticipantsResponse',
      'SessionGetSessionsResponse',
    ]);
    // Over a thousand participant rows of the webinar alone, across its pages.
    const rows = answers
      .filter((entry) => entry.type === 'SessionGetSessionParticipantsResponse')
      .reduce((sum, entry) => sum + ((entry.value as { data: { participants: unknown[] } }).data.participants.length ?? 0), 0);
    expect(rows).toBeGreaterThan(1240);
  });

  it('every key of every answer is in its schema', () => {
    const outside = answers.flatMap((entry) => keysOutside(schemas[entry.type], entry.value).map((path) => `${entry.type}: ${path}`));
    expect(summary(outside)).toEqual([]);
  });

  it('the type checker would refuse an unknown key, a missing required field and a status outside the enum', () => {
    const session = (answers.find((entry) => entry.type === 'SessionGetSessionDetailsResponse')?.value as { data: Record<string, unknown> }).data;
    const { id: _id, ...withoutId } = session;
    const errors = literalTypeErrors([
      { type: 'SessionGetSessionDetailsResponse', value: { success: true, data: { ...session, title: 'extra' } } },
      { type: 'SessionGetSessionDetailsResponse', value: { success: true, data: withoutId } },
      { type: 'SessionGetSessionDetailsResponse', value: { success: true, data: { ...session, status: 'RUNNING' } } },
      { type: 'SessionGetSessionParticipantsResponse', value: { success: true, data: { participants: [] }, paging: { total_count: 0 } } },
    ]);
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/'"title"' does not exist/);
    expect(errors.join('\n')).toMatch(/'id' is missing/);
    expect(errors.join('\n')).toMatch(/"RUNNING"/);
    expect(errors.join('\n')).toMatch(/'"paging"' does not exist/);
  }, 60_000);

  it('every answer type-checks as an object literal of its SDK type', () => {
    expect(literalTypeErrors(answers)).toEqual([]);
  }, 120_000);

  it('so does the benchmark session, served with the bench peers', () => {
    const bench = everyAnswer(true).filter((entry) => JSON.stringify(entry.value).includes(BENCH_SESSION_ID));
    expect(bench.length).toBeGreaterThan(50);
    expect(summary(bench.flatMap((entry) => keysOutside(schemas[entry.type], entry.value)))).toEqual([]);
    expect(literalTypeErrors(bench)).toEqual([]);
  }, 120_000);
});
