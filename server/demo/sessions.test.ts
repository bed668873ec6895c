import { describe, expect, it } from 'vitest';
import { demoProxyConfig, resolveProxyEnv } from '../proxy/config.ts';
import { handleApiRequest } from '../proxy/rules.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_TOKEN, demoPeerByKey } from './catalog.ts';
import { createDemoFetch, DEMO_FETCH_BASE_URL } from './demo-fetch.ts';
import { createDemoState, demoAnswer, type DemoAnswer, type DemoContext, type DemoState } from './demo-answer.ts';
import { scenarioSpec } from './scenarios.ts';
import { BENCH_SESSION_ID, demoSessions } from './sessions.ts';

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
const totalOf = (asked: Asked) => (asked.body as { paging: { total_count: number } }).paging.total_count;
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

/** The report of any peer, as the demo's peer-report route answers it. */
function report(peerId: string, bench = false) {
  const context: DemoContext = { token: DEMO_TOKEN, now: 0, slowAnswerMs: 0, benchPeers: bench };
  const answer = demoAnswer(
    { method: 'GET', path: `${BASE}/peer-report/${peerId}`, query: new URLSearchParams(), authorization: `Bearer ${DEMO_TOKEN}` },
    createDemoState(),
    context,
  );
  if (answer.kind !== 'respond') throw new Error('the demo did not answer');
  expect(answer.status).toBe(200);
  type Sample = { peer_id?: string; packets_sent?: number; packets_lost?: number; quality_limitation_reason?: string; frame_height?: number };
  return (JSON.parse(answer.body) as {
    data: {
      participant: {
        id: string;
        session_id: string;
        display_name: string;
        peer_report: { quality: { video_producer?: Sample[]; audio_consumer?: Sample[]; video_consumer?: Sample[] } };
      };
    };
  }).data.participant;
}

function sentLossPercent(samples: readonly { packets_sent?: number; packets_lost?: number }[]): number {
  const sent = samples.reduce((sum, s) => sum + (s.packets_sent ?? 0), 0);
  const lost = samples.reduce((sum, s) => sum + (s.packets_lost ?? 0), 0);
  return (100 * lost) / sent;
}

describe('every participant has a report of their own', () => {
  const group = scenarioSpec('group-receiver');
  const poor = group.remoteSenders.findIndex((sender) => sender.poor);

  it('the group call’s senders open as peers of the same session, receiving from the others', () => {
    expect(group.remoteSenders).toHaveLength(6);
    for (const sender of group.remoteSenders) {
      const participant = report(sender.peerId);
      expect(participant.id).toBe(sender.peerId);
      expect(participant.session_id).toBe(group.sessionId);
      // Mei Chen, who received from them, is one of the peers they received from.
      const from = new Set(participant.peer_report.quality.audio_consumer?.map((sample) => sample.peer_id));
      expect(from.has(group.peerId)).toBe(true);
      expect(from.has(sender.peerId)).toBe(false);
    }
  });

  it('the poor sender’s own report shows the uplink trouble its receivers saw', () => {
    const poorSender = group.remoteSenders[poor];
    const goodSender = group.remoteSenders[poor === 0 ? 1 : 0];
    if (!poorSender || !goodSender) throw new Error('the group call has a poor and a good sender');
    const poorSent = report(poorSender.peerId).peer_report.quality.video_producer ?? [];
    const goodSent = report(goodSender.peerId).peer_report.quality.video_producer ?? [];
    expect(poorSent.length).toBeGreaterThan(100);
    expect(sentLossPercent(poorSent)).toBeGreaterThan(5);
    expect(sentLossPercent(goodSent)).toBeLessThan(1);
    const limited = poorSent.filter((sample) => sample.quality_limitation_reason === 'bandwidth').length;
    expect(limited / poorSent.length).toBeGreaterThan(0.8);
    // Sent below the 640x360 it would send on a good uplink, almost all the time.
    const thin = poorSent.filter((sample) => (sample.frame_height ?? 0) < 360).length;
    expect(thin / poorSent.length).toBeGreaterThan(0.9);
  });

  it('every join of every meeting-sized session opens a report of that session that agrees with its row', () => {
    const meetings = demoSessions().filter((session) => session.joins().length < 100 && !session.rateLimited);
    expect(meetings.length).toBeGreaterThan(20);
    for (const session of meetings) {
      for (const row of allParticipants(session.id)) {
        // The flat and legacy sample peers answer in their own shapes, checked by the scenario tests.
        if (row.id === demoPeerByKey('flat-shape').id || row.id === demoPeerByKey('legacy-shape').id) continue;
        const participant = report(row.id) as unknown as Record<string, unknown>;
        expect(participant, `${session.title}: ${row.display_name}`).toMatchObject({
          id: row.id,
          session_id: session.id,
          display_name: row.display_name,
          custom_participant_id: row.custom_participant_id,
          user_id: row.user_id,
          joined_at: row.joined_at,
        });
        if (row.left_at === undefined) expect(participant).not.toHaveProperty('left_at');
        else expect(participant.left_at).toBe(row.left_at);
      }
    }
  }, 120_000);

  it('the names the session lists are the names in the reports', () => {
    const joins = allParticipants(group.sessionId);
    const dmitri = joins.find((j) => j.display_name === 'Dmitri Volkov');
    expect(dmitri?.id).toBe(group.remoteSenders[3]?.peerId);
    expect(report(dmitri?.id ?? '').display_name).toBe('Dmitri Volkov');
  });
});

describe('the sessions list', () => {
  it('finds a session by a part of its title in any case, by meeting ID and by session ID', () => {
    const quarterly = sessionsOf(ask('', { query: { search: 'QUARTERLY' } }));
    expect(quarterly.map((s) => s.meeting_display_name)).toEqual(['Q3 quarterly review']);
    const id = scenarioSpec('poor-wifi').sessionId;
    expect(quarterly[0]?.id).toBe(id);
    expect(sessionsOf(ask('', { query: { search: id } })).map((s) => s.id)).toEqual([id]);
    const meetingId = (ask(`/${id}`).body as { data: { associated_id: string } }).data.associated_id;
    expect(sessionsOf(ask('', { query: { search: meetingId } })).map((s) => s.id)).toEqual([id]);
    expect(sessionsOf(ask('', { query: { associated_id: meetingId } })).map((s) => s.id)).toEqual([id]);
    expect(sessionsOf(ask('', { query: { search: 'no such meeting' } }))).toEqual([]);
  });

  it('bounds when sessions started, and filters live or ended', () => {
    const afternoon = sessionsOf(ask('', { query: { start_time: '2026-09-14T12:00:00Z', end_time: '2026-09-14T18:00:00Z', per_page: '100' } }));
    expect(afternoon.map((s) => s.meeting_display_name).sort()).toEqual(['Field team check-in', 'Northwind Freight onboarding', 'Q3 quarterly review']);
    const live = sessionsOf(ask('', { query: { status: 'LIVE' } }));
    expect(live.map((s) => s.id)).toEqual([scenarioSpec('still-in-call').sessionId]);
    expect(live[0]).not.toHaveProperty('ended_at');
    const ended = sessionsOf(ask('', { query: { status: 'ENDED', per_page: '100' } }));
    expect(ended.every((s) => s.status === 'ENDED')).toBe(true);
    expect(ended.length + live.length).toBe(totalOf(ask('')));
  });

  it('sorts newest first by default, and by minutes or oldest first when asked', () => {
    const newest = sessionsOf(ask('', { query: { per_page: '100' } })).map((s) => Date.parse(s.started_at));
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    const oldest = sessionsOf(ask('', { query: { sort_order: 'ASC', per_page: '100' } })).map((s) => Date.parse(s.started_at));
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    const minutes = sessionsOf(ask('', { query: { sort_by: 'minutesConsumed', sort_order: 'DESC', per_page: '3' } }));
    // The town hall's 1,240 joins consumed by far the most minutes.
    expect(minutes[0]?.meeting_display_name).toBe('Company town hall: Q3 results');
    expect(minutes.map((s) => s.minutes_consumed)).toEqual([...minutes.map((s) => s.minutes_consumed)].sort((a, b) => b - a));
  });

  it('pages: page_no and per_page, with the total beside the data', () => {
    const all = sessionsOf(ask('', { query: { per_page: '100' } }));
    expect(all.length).toBeGreaterThan(25);
    const second = ask('', { query: { page_no: '2', per_page: '5' } });
    expect(sessionsOf(second).map((s) => s.id)).toEqual(all.slice(5, 10).map((s) => s.id));
    expect(second.body).toMatchObject({ success: true, paging: { total_count: all.length, start_offset: 5, end_offset: 9 } });
    expect(sessionsOf(ask('', { query: { page_no: '100', per_page: '5' } }))).toEqual([]);
  });

  it('refuses a value the API does not document', () => {
    expect(ask('', { query: { sort_by: 'title' } }).status).toBe(400);
    expect(ask('', { query: { per_page: '1000' } }).status).toBe(400);
    expect(ask('', { query: { start_time: 'yesterday' } }).status).toBe(400);
  });
});

describe('one session and its participants', () => {
  it('a live session has no end, and counts who is still in it', () => {
    const spec = scenarioSpec('still-in-call');
    const session = ask(`/${spec.sessionId}`).body as { data: Record<string, unknown> };
    expect(session.data).toMatchObject({ status: 'LIVE', live_participants: 4, max_concurrent_participants: 4, type: 'meeting' });
    expect(session.data).not.toHaveProperty('ended_at');
    const joins = allParticipants(spec.sessionId);
    expect(joins).toHaveLength(4);
    expect(joins.every((j) => !('left_at' in j))).toBe(true);
  });

  it('the webinar lists over a thousand joins across pages, some of the same person', () => {
    const session = sessionsOf(ask('', { query: { search: 'town hall' } }))[0];
    if (!session) throw new Error('no town hall');
    const joins = allParticipants(session.id);
    expect(joins).toHaveLength(1240);
    const people = new Set(joins.map((j) => j.user_id));
    expect(people.size).toBeLessThan(1240);
    expect(people.size).toBeGreaterThan(1100);
  });

  it('a participant who rejoined: one user, two peer IDs', () => {
    const spec = scenarioSpec('poor-wifi');
    const tomas = participantsOf(ask(`/${spec.sessionId}/participants`, { query: { search: 'tomás' } }));
    expect(tomas).toHaveLength(2);
    expect(tomas[0]?.id).toBe(spec.peerId);
    expect(tomas[1]?.id).not.toBe(spec.peerId);
    expect(new Set(tomas.map((j) => j.user_id))).toEqual(new Set([spec.userId]));
    expect(Date.parse(tomas[1]?.joined_at ?? '')).toBeGreaterThan(Date.parse(tomas[0]?.left_at ?? ''));
    // The second join has its report too, in the same session, with the same three people still in the call.
    const second = report(tomas[1]?.id ?? '');
    expect(second.session_id).toBe(spec.sessionId);
    expect(new Set(second.peer_report.quality.audio_consumer?.map((sample) => sample.peer_id))).toEqual(new Set(spec.remoteSenders.map((s) => s.peerId)));
  });

  it('searches participants by name, custom participant ID and peer ID', () => {
    const spec = scenarioSpec('group-receiver');
    const path = `/${spec.sessionId}/participants`;
    expect(participantsOf(ask(path, { query: { search: 'volkov' } })).map((j) => j.display_name)).toEqual(['Dmitri Volkov']);
    expect(participantsOf(ask(path, { query: { search: 'crm-user-2207' } })).map((j) => j.display_name)).toEqual(['Mei Chen']);
    expect(participantsOf(ask(path, { query: { search: spec.peerId.toUpperCase() } })).map((j) => j.id)).toEqual([spec.peerId]);
    expect(participantsOf(ask(path, { query: { search: 'nobody' } }))).toEqual([]);
  });

  it('sorts participants by join time (oldest first by default) or by time in call', () => {
    const path = `/${scenarioSpec('group-receiver').sessionId}/participants`;
    const joined = participantsOf(ask(path)).map((j) => Date.parse(j.joined_at));
    expect(joined).toEqual([...joined].sort((a, b) => a - b));
    const longest = participantsOf(ask(path, { query: { sort_by: 'duration', sort_order: 'DESC' } })).map((j) => j.duration);
    expect(longest).toEqual([...longest].sort((a, b) => b - a));
    // Liam Gallagher came four minutes into Mei Chen's call: the shortest stay.
    expect(participantsOf(ask(path, { query: { sort_by: 'duration', sort_order: 'ASC', per_page: '1' } }))[0]?.display_name).toBe('Liam Gallagher');
  });

  it('one participant by peer ID, with peer events when asked', () => {
    const spec = scenarioSpec('group-receiver');
    const one = ask(`/${spec.sessionId}/participants/${spec.peerId}`, { query: { include_peer_events: 'true' } }).body as {
      data: { participant: { id: string; peer_events: { event_name: string }[] } };
    };
    expect(one.data.participant.id).toBe(spec.peerId);
    expect(one.data.participant.peer_events.map((e) => e.event_name)).toEqual(['PEER_CREATED', 'PEER_JOINING', 'PEER_LEAVING']);
    const without = ask(`/${spec.sessionId}/participants/${spec.peerId}`).body as { data: { participant: object } };
    expect(without.data.participant).not.toHaveProperty('peer_events');
  });
});

describe('errors of the session routes', () => {
  const groupSession = scenarioSpec('group-receiver').sessionId;

  it('401 for a bad token, in the gateway’s envelope', () => {
    for (const path of ['', `/${groupSession}`, `/${groupSession}/participants`, `/${groupSession}/participants/${scenarioSpec('group-receiver').peerId}`]) {
      const asked = ask(path, { token: 'wrong' });
      expect(asked.status).toBe(401);
      expect(asked.body).toMatchObject({ success: false, errors: [{ code: 10000 }], result: null });
    }
  });

  it('404 for an unknown session or a participant not in it', () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(ask(`/${unknown}`).status).toBe(404);
    expect(ask(`/${unknown}/participants`).status).toBe(404);
    const stranger = ask(`/${groupSession}/participants/${demoPeerByKey('good-call').id}`);
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ success: false, error: { code: 404 } });
  });

  it('429 with Retry-After for the rate-limited session, then the answer once the wait is honoured', () => {
    const sessions = sessionsOf(ask('', { query: { search: 'board prep' } }));
    const id = sessions[0]?.id ?? '';
    const state = createDemoState();
    const first = ask(`/${id}`, { state, now: 10_000 });
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2');
    expect(first.body).toMatchObject({ success: false, errors: [{ code: 971 }] });
    // The participants are limited on their own, so loading both at once does not reset either's wait.
    expect(ask(`/${id}/participants`, { state, now: 10_500 }).status).toBe(429);
    expect(ask(`/${id}`, { state, now: 12_000 }).status).toBe(200);
    expect(ask(`/${id}/participants`, { state, now: 12_500 }).status).toBe(200);
  });
});

describe('through the proxy', () => {
  const env = resolveProxyEnv({});
  if (env.mode !== 'demo') throw new Error('an empty environment is demo mode');
  const config = demoProxyConfig(env, DEMO_FETCH_BASE_URL);

  it('/api/config lists the sample sessions, and each opens', async () => {
    const demoFetch = createDemoFetch({ token: DEMO_TOKEN });
    const body = (await (await handleApiRequest(new Request('http://localhost:5173/api/config'), config, demoFetch)).json()) as {
      demo: { sessions: { id: string; label: string }[] };
    };
    expect(body.demo.sessions.map((s) => s.label)).toContain('Q3 quarterly review');
    expect(body.demo.sessions.length).toBeGreaterThanOrEqual(5);
    for (const session of body.demo.sessions) {
      const url = `http://localhost:5173/api/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/${session.id}/participants?per_page=5`;
      const response = await handleApiRequest(new Request(url), config, demoFetch);
      // The rate-limited one says so first.
      expect([200, 429]).toContain(response.status);
      if (response.status === 200) expect(((await response.json()) as { data: { participants: unknown[] } }).data.participants.length).toBeGreaterThan(0);
    }
  });
});
