import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProxyConfig, resolveProxyEnv } from '../proxy/config.ts';
import { handleApiRequest, type ProxyConfig } from '../proxy/rules.ts';
import { benchPeerByKey } from './bench-peers.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, DEMO_TOKEN, demoPeerByKey, type DemoPeerKey } from './catalog.ts';
import { createDemoFetch, DEMO_FETCH_BASE_URL } from './demo-fetch.ts';
import { startDemoUpstream, type DemoUpstream } from './upstream.ts';

const env = resolveProxyEnv({});
if (env.mode !== 'demo') throw new Error('an empty environment is demo mode');
const config: ProxyConfig = demoProxyConfig(env, DEMO_FETCH_BASE_URL);

function apiPath(peer: string, query = ''): string {
  return `/api/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/peer-report/${peer}${query}`;
}

function browser(path: string, init: RequestInit = {}): Request {
  return new Request(`http://localhost:8787${path}`, init);
}

function viaProxy(key: DemoPeerKey, demoFetch: typeof fetch, init: RequestInit = {}, overrides: Partial<ProxyConfig> = {}) {
  return handleApiRequest(browser(apiPath(demoPeerByKey(key).id), init), { ...config, ...overrides }, demoFetch);
}

describe('the Fetch-based demo upstream behind the proxy rules', () => {
  it('serves /api/config with every sample peer', async () => {
    const response = await handleApiRequest(browser('/api/config'), config, createDemoFetch({ token: DEMO_TOKEN }));
    const body = (await response.json()) as { mode: string; demo: { peers: unknown[] } };
    expect(body.mode).toBe('demo');
    expect(body.demo.peers).toHaveLength(DEMO_PEERS.length);
  });

  it('answers a report with the token the proxy adds', async () => {
    const response = await viaProxy('good-call', createDemoFetch({ token: DEMO_TOKEN }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-peerscope-source')).toBe('upstream');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { success: boolean; data: unknown };
    expect(body.success).toBe(true);
    expect(JSON.stringify(body.data)).toContain(demoPeerByKey('good-call').id);
  });

  it('refuses a request without the demo token, like the gateway', async () => {
    const response = await createDemoFetch({ token: DEMO_TOKEN })(`${DEMO_FETCH_BASE_URL}${apiPath(demoPeerByKey('good-call').id).slice(4)}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, errors: [{ code: 10000 }] });
  });

  it('answers 404 for an unknown peer and 429 until Retry-After has passed', async () => {
    let now = 1_000_000;
    const demoFetch = createDemoFetch({ token: DEMO_TOKEN, now: () => now });
    const unknown = await handleApiRequest(browser(apiPath('00000000-0000-4000-8000-000000000000')), config, demoFetch);
    expect(unknown.status).toBe(404);

    const limited = await viaProxy('error-429', demoFetch);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    now += 2_000;
    expect((await viaProxy('error-429', demoFetch)).status).toBe(200);
  });

  it('delays the slow peer and never answers the silent one, so the proxy times out', async () => {
    const demoFetch = createDemoFetch({ token: DEMO_TOKEN, slowAnswerMs: 200 });
    const started = performance.now();
    expect((await viaProxy('slow-8s', demoFetch)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);

    const silent = await viaProxy('no-answer', demoFetch, {}, { upstreamTimeoutMs: 100 });
    expect(silent.status).toBe(504);
    expect(await silent.json()).toMatchObject({ errors: [{ code: 'upstream_timeout', message: 'demo-upstream.invalid did not answer within 100 ms.' }] });
  });

  it('stops waiting when the browser goes away', async () => {
    const browserAbort = new AbortController();
    const pending = viaProxy('slow-8s', createDemoFetch({ token: DEMO_TOKEN }), { signal: browserAbort.signal });
    setTimeout(() => browserAbort.abort(), 20);
    const response = await pending;
    expect(response.status).toBe(499);
  });

  it('answers HEAD without a body', async () => {
    const response = await viaProxy('good-call', createDemoFetch({ token: DEMO_TOKEN }), { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('answers the benchmark peers only when asked to', async () => {
    const bench = apiPath(benchPeerByKey('bench-30m').id, '?filters=device_info');
    expect((await handleApiRequest(browser(bench), config, createDemoFetch({ token: DEMO_TOKEN }))).status).toBe(404);
    const enabled = await handleApiRequest(browser(bench), config, createDemoFetch({ token: DEMO_TOKEN, benchPeers: true }));
    expect(enabled.status).toBe(200);
  });
});

describe('the same answers as the Node demo server', () => {
  let server: DemoUpstream;

  beforeAll(async () => {
    server = await startDemoUpstream({ token: DEMO_TOKEN, slowAnswerMs: 0 });
  });

  afterAll(async () => {
    await server.close();
  });

  const keys = DEMO_PEERS.map((peer) => peer.key).filter((key) => key !== 'no-answer' && key !== 'error-429');

  it.each(keys)('%s: same status, content type and body', async (key) => {
    const upstreamPath = apiPath(demoPeerByKey(key).id, '?filters=device_info,events&include_peer_events=true').slice('/api'.length);
    const init = { headers: { authorization: `Bearer ${DEMO_TOKEN}` } };
    const overSocket = await fetch(`${server.baseUrl}${upstreamPath}`, init);
    const inProcess = await createDemoFetch({ token: DEMO_TOKEN, slowAnswerMs: 0 })(`${DEMO_FETCH_BASE_URL}${upstreamPath}`, init);
    expect(inProcess.status).toBe(overSocket.status);
    expect(inProcess.headers.get('content-type')).toBe(overSocket.headers.get('content-type'));
    expect(await inProcess.text()).toBe(await overSocket.text());
  });
});
