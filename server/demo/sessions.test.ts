import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_TOKEN } from './catalog.ts';
import { createDemoState, demoAnswer, type DemoAnswer, type DemoContext, type DemoState } from './demo-answer.ts';
import { scenarioSpec } from './scenarios.ts';
import { BENCH_SESSION_ID } from './sessions.ts';

const BASE = `/client/v4/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions`;

interface Asked {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function ask(path: string, options: { query?: Record<string, string>; bench?: boolean; token?: string; state?: DemoState; now?: number } = {}): Asked {
  const context: DemoContext = { token: DEMO_TOKEN, now: options.now ?? 0, slowAnswerMs: 0, benchPeers: options.bench ?? false };
  const answer: DemoAnswer = demoAnswer(
    { method: 'GET', path: `${BASE}${path}`, query: new URLSearchParams(options.query), authorization: `Bearer ${options.token ?? DEMO_TOKEN}` },
    options.state ?? createDemoState(),
    context,
  );
  if (answer.kind !== 'respond') throw new Error('the demo did not answer');
  return { status: answer.status, headers: answer.headers, body: JSON.parse(answer.body) };
}

interface WireSession {
  id: string;
  meeting_display_name: string;
  status: string;
  started_at: string;
  minutes_consumed: number;
}

interface WireParticipant {
  id: string;
  display_name: string;
  custom_participant_id: string;
  user_id: string;
  joined_at: string;
  left_at?: string;
  duration: number;
}

const sessionsOf = (asked: Asked) => (asked.body as { data: { sessions: WireSession[] } }).data.sessions;
const participantsOf = (asked: Asked) => (asked.body as { data: { participants: WireParticipant[] } }).data.participants;

/** Every participant of a session, page by page, as a client would read them. */
function allParticipants(sessionId: string, bench = false): WireParticipant[] {
  const all: WireParticipant[] = [];
  for (let page = 1; page < 1000; page += 1) {
    const rows = participantsOf(ask(`/${sessionId}/participants`, { query: { page_no: String(page), per_page: '100' }, bench }));
    all.push(...rows);
    if (rows.length < 100) break;
  }
  return all;
}

describe('the benchmark session', () => {
  it('lists exactly 5,000 joins across pages when the upstream serves the bench peers', () => {
    const session = ask(`/${BENCH_SESSION_ID}`, { bench: true });
    expect(session.status).toBe(200);
    expect((session.body as { data: { id: string } }).data.id).toBe(BENCH_SESSION_ID);
    const joins = allParticipants(BENCH_SESSION_ID, true);
    expect(joins).toHaveLength(5000);
    expect(new Set(joins.map((j) => j.id)).size).toBe(5000);
    // One join per person: however the page groups joins, it shows 5,000 rows.
    expect(new Set(joins.map((j) => j.user_id)).size).toBe(5000);
  });

  it('does not exist otherwise', () => {
    expect(ask(`/${BENCH_SESSION_ID}`).status).toBe(404);
    expect(ask(`/${BENCH_SESSION_ID}/participants`).status).toBe(404);
    expect(sessionsOf(ask('', { query: { per_page: '100' } })).map((s) => s.id)).not.toContain(BENCH_SESSION_ID);
    expect(sessionsOf(ask('', { query: { per_page: '100' }, bench: true })).map((s) => s.id)).toContain(BENCH_SESSION_ID);
  });
});

describe('sessions of the sample peers', () => {
  it('the group call holds its receiver and the six senders its report names', () => {
    const spec = scenarioSpec('group-receiver');
    const joins = allParticipants(spec.sessionId);
    expect(joins.map((j) => j.id).sort()).toEqual([spec.peerId, ...spec.remoteSenders.map((s) => s.peerId)].sort());
    const receiver = joins.find((j) => j.id === spec.peerId);
    expect(receiver).toMatchObject({ display_name: 'Mei Chen', custom_participant_id: 'crm-user-2207', joined_at: spec.joinedAt });
  });
});
