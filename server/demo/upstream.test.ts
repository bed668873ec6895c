import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, demoPeerByKey, type DemoPeerKey } from './catalog.ts';
import { createDemoState, demoAnswer, type DemoAnswer } from './demo-answer.ts';
import { startDemoUpstream, type DemoUpstream } from './upstream.ts';
import { arr, participantOf, rec, recs, reportOf } from '../test-support/report-json.ts';

const TOKEN = 'test-token-not-secret';
const SLOW_MS = 400;
const path = (peer: string, account = DEMO_ACCOUNT_ID, app = DEMO_APP_ID) =>
  `/client/v4/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}`;
const peerPath = (key: DemoPeerKey) => path(demoPeerByKey(key).id);

function answer(
  request: { method?: string; path: string; query?: string; authorization?: string | null },
  state = createDemoState(),
  now = 0,
): DemoAnswer {
  return demoAnswer(
    {
      method: request.method ?? 'GET',
      path: request.path,
      query: new URLSearchParams(request.query ?? ''),
      authorization: request.authorization === undefined ? `Bearer ${TOKEN}` : request.authorization,
    },
    state,
    { token: TOKEN, now, slowAnswerMs: 8000 },
  );
}

function responded(a: DemoAnswer): Extract<DemoAnswer, { kind: 'respond' }> {
  if (a.kind !== 'respond') throw new Error('expected a response');
  return a;
}

const body = (a: DemoAnswer): Record<string, unknown> => rec(JSON.parse(responded(a).body));

describe('demoAnswer', () => {
  it('serves a report with the token', () => {
    const a = responded(answer({ path: peerPath('good-call') }));
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('application/json; charset=utf-8');
    const parsed = body(a);
    expect(parsed.success).toBe(true);
    expect(participantOf(rec(parsed.data)).id).toBe(demoPeerByKey('good-call').id);
  });

  it('rejects a missing or wrong token with the gateway envelope', () => {
    for (const authorization of [null, `Bearer wrong`, TOKEN]) {
      const a = responded(answer({ path: peerPath('good-call'), authorization }));
      expect(a.status).toBe(401);
      expect(body(a)).toEqual({ success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
    }
  });

  it('answers 404 in the RealtimeKit envelope for unknown accounts, apps and peers', () => {
    const unknown = '11111111-2222-4333-8444-555555555555';
    const peer = responded(answer({ path: path(unknown) }));
    expect(peer.status).toBe(404);
    expect(body(peer)).toEqual({ success: false, error: { code: 404, message: `No user found with id ${unknown}` } });
    expect(responded(answer({ path: path(unknown, 'a'.repeat(32)) })).status).toBe(404);
    expect(responded(answer({ path: path(unknown, DEMO_ACCOUNT_ID, 'other-app') })).status).toBe(404);
    expect(rec(body(answer({ path: path(unknown, DEMO_ACCOUNT_ID, 'other-app') })).error).code).toBe(404);
  });

  it('answers 400 for an invalid filter and honours valid ones', () => {
    const bad = responded(answer({ path: peerPath('good-call'), query: 'filters=events,nope' }));
    expect(bad.status).toBe(400);
    expect(String(rec(body(bad).error).message)).toMatch(/^BAD_REQUEST: .*nope/);
    const ok = body(answer({ path: peerPath('good-call'), query: 'filters=ip_information&include_peer_events=true' }));
    const participant = participantOf(rec(ok.data));
    expect(participant).toHaveProperty('peer_events');
    expect(Object.keys(reportOf(rec(ok.data)).metadata)).toEqual(['ip_information']);
  });

  it('leaves out peer_events unless asked', () => {
    const data = rec(body(answer({ path: peerPath('good-call') })).data);
    expect(participantOf(data)).not.toHaveProperty('peer_events');
  });

  it('answers 404 for other paths and 405 for other methods', () => {
    expect(responded(answer({ path: '/client/v4/accounts' })).status).toBe(404);
    const post = responded(answer({ method: 'POST', path: peerPath('good-call') }));
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
  });

  it('plays each error peer', () => {
    expect(responded(answer({ path: peerPath('error-401') })).status).toBe(401);
    const forbidden = responded(answer({ path: peerPath('error-403') }));
    expect(forbidden.status).toBe(403);
    expect(arr(body(forbidden).errors)).toHaveLength(1);
    const serverError = responded(answer({ path: peerPath('error-500') }));
    expect(serverError.status).toBe(500);
    expect(rec(body(serverError).error).code).toBe(500);
    const html = responded(answer({ path: peerPath('error-502-html') }));
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('502: Bad gateway');
    const malformed = responded(answer({ path: peerPath('malformed-json') }));
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.body)).toThrow();
    const notReport = body(answer({ path: peerPath('not-a-report') }));
    expect(notReport.success).toBe(true);
    expect(rec(notReport.data)).not.toHaveProperty('participant');
    const successFalse = responded(answer({ path: peerPath('success-false') }));
    expect(successFalse.status).toBe(200);
    expect(body(successFalse).success).toBe(false);
    expect(answer({ path: peerPath('no-answer') }).kind).toBe('hang');
    const slow = responded(answer({ path: peerPath('slow-8s') }));
    expect(slow.delayMs).toBe(8000);
    expect(slow.status).toBe(200);
  });

  it('rate-limits until the Retry-After wait is honoured, then starts over', () => {
    const state = createDemoState();
    const at = (now: number) => responded(answer({ path: peerPath('error-429') }, state, now));
    const first = at(10_000);
    expect(first.status).toBe(429);
    expect(first.headers['retry-after']).toBe('2');
    expect(rec(arr(body(first).errors)[0]).code).toBe(971);
    expect(at(11_000).status).toBe(429);
    // The early retry restarted the wait.
    expect(at(12_500).status).toBe(429);
    expect(at(14_500).status).toBe(200);
    expect(at(14_600).status).toBe(429);
  });
});

describe('startDemoUpstream over HTTP', () => {
  let upstream: DemoUpstream;
  let clock = 1_000_000;
  const lines: string[] = [];

  beforeAll(async () => {
    upstream = await startDemoUpstream({ token: TOKEN, log: (line) => lines.push(line), now: () => clock, slowAnswerMs: SLOW_MS });
  });

  afterAll(async () => {
    await upstream.close();
  });

  const url = (key: DemoPeerKey, query = '') => `${upstream.baseUrl}${peerPath(key).slice('/client/v4'.length)}${query}`;
  const auth = { headers: { authorization: `Bearer ${TOKEN}` } };

  it('listens on a free local port under /client/v4', () => {
    expect(upstream.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/);
  });

  it('serves a report with the token and 401 without it', async () => {
    const ok = await fetch(url('good-call', '?include_peer_events=true'), auth);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const json = rec(await ok.json());
    expect(recs(participantOf(rec(json.data)).peer_events)).toHaveLength(3);
    const denied = await fetch(url('good-call'));
    expect(denied.status).toBe(401);
    expect(rec(await denied.json()).success).toBe(false);
  });

  it('answers 404 for an unknown peer', async () => {
    const response = await fetch(`${upstream.baseUrl}${path('00000000-0000-4000-8000-000000000000').slice('/client/v4'.length)}`, auth);
    expect(response.status).toBe(404);
    expect(rec(rec(await response.json()).error).message).toBe('No user found with id 00000000-0000-4000-8000-000000000000');
  });

  it('answers 429 with Retry-After, then the report once the wait has passed', async () => {
    const limited = await fetch(url('error-429'), auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    await limited.body?.cancel();
    clock += 2000;
    const retried = await fetch(url('error-429'), auth);
    expect(retried.status).toBe(200);
    expect(rec(await retried.json()).success).toBe(true);
  });

  it('sends the 502 as an HTML page', async () => {
    const response = await fetch(url('error-502-html'), auth);
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<title>');
  });

  it('delays the slow peer and serves requests concurrently', async () => {
    const started = performance.now();
    let slowDone = false;
    const slow = fetch(url('slow-8s'), auth).then((response) => {
      slowDone = true;
      return response;
    });
    const fast = await fetch(url('good-call'), auth);
    expect(fast.status).toBe(200);
    expect(slowDone).toBe(false);
    await fast.body?.cancel();
    const slowResponse = await slow;
    expect(slowResponse.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 10);
    await slowResponse.body?.cancel();
  });

  it('sends a cut-off body for the malformed peer', async () => {
    const response = await fetch(url('malformed-json'), auth);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('never logs the token', () => {
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('closes while a no-answer request hangs', async () => {
    const own = await startDemoUpstream({ token: TOKEN });
    const hanging = fetch(`${own.baseUrl}${peerPath('no-answer').slice('/client/v4'.length)}`, auth).then(
      () => 'answered',
      () => 'failed',
    );
    // Let the request reach the server before closing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hanging).toBe('failed');
  });
});
