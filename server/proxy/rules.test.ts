import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, demoPeerByKey } from '../demo/catalog.ts';
import {
  CASE_ACCOUNT,
  CASE_TOKEN,
  expectProxyRuleOutcome,
  PROXY_RULE_CASES,
  standInAnswer,
  type UpstreamRecord,
} from '../test-support/rule-cases.ts';
import { handleApiRequest, methodNotAllowed, type ProxyConfig } from './rules.ts';

const TOKEN = 'canary-token-7Hq2x9ZpL';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const APP = '14a396e7-ca44-4937-bf1f-050a69118543';
const PEER = demoPeerByKey('good-call').id;
const ROUTE = `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report/${PEER}`;

const live: ProxyConfig = {
  mode: 'live',
  upstreamBaseUrl: 'https://upstream.example/client/v4',
  token: TOKEN,
  defaultAccountId: ACCOUNT,
  demo: null,
  upstreamTimeoutMs: 45_000,
};

const demo: ProxyConfig = {
  mode: 'demo',
  upstreamBaseUrl: 'http://127.0.0.1:9/client/v4',
  token: TOKEN,
  defaultAccountId: DEMO_ACCOUNT_ID,
  demo: {
    accountId: DEMO_ACCOUNT_ID,
    appId: DEMO_APP_ID,
    peers: [{ id: PEER, label: 'Good call', description: 'Fine.' }],
  },
  upstreamTimeoutMs: 45_000,
};

function browserRequest(path: string, init: RequestInit = {}): Request {
  return new Request(`http://localhost:5173${path}`, init);
}

/** A fake upstream that records what the proxy sent and answers with `answer`. */
function fakeUpstream(answer: () => Response | Promise<Response> = () => Response.json({ success: true, data: {} })) {
  const calls: Request[] = [];
  const fetchUpstream = (async (input: RequestInfo | URL) => {
    calls.push(input as Request);
    return answer();
  }) as typeof fetch;
  return { calls, fetchUpstream };
}

async function errorOf(response: Response): Promise<{ code: string; message: string; text: string }> {
  const text = await response.text();
  const body = JSON.parse(text) as { success: boolean; source: string; errors: { code: string; message: string }[] };
  expect(body.success).toBe(false);
  expect(body.source).toBe('proxy');
  expect(response.headers.get('x-peerscope-source')).toBe('proxy');
  const [first] = body.errors;
  if (!first) throw new Error('no error entry');
  return { ...first, text };
}

function headersText(response: Response): string {
  return [...response.headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
}

describe('GET /api/config', () => {
  it('describes demo mode with the sample peers and nothing secret', async () => {
    const response = await handleApiRequest(browserRequest('/api/config'), demo, fakeUpstream().fetchUpstream);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual({
      mode: 'demo',
      defaultAccountId: DEMO_ACCOUNT_ID,
      demo: { accountId: DEMO_ACCOUNT_ID, appId: DEMO_APP_ID, peers: demo.demo?.peers },
    });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('127.0.0.1');
    expect(headersText(response)).not.toContain(TOKEN);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('describes live mode without the token or the upstream URL', async () => {
    const response = await handleApiRequest(browserRequest('/api/config'), live, fakeUpstream().fetchUpstream);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ mode: 'live', defaultAccountId: ACCOUNT });
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('upstream.example');
    expect(headersText(response)).not.toContain(TOKEN);
  });

  it('refuses POST with 405 and an Allow header', async () => {
    const response = await handleApiRequest(browserRequest('/api/config', { method: 'POST' }), live);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect((await errorOf(response)).code).toBe('method_not_allowed');
  });
});

describe('forwarding the peer report', () => {
  it('sends only Accept and the bearer token, never the browser credentials', async () => {
    const { calls, fetchUpstream } = fakeUpstream();
    const request = browserRequest(`${ROUTE}?filters=device_info,events`, {
      headers: {
        authorization: 'Bearer browser-token',
        cookie: 'session=abc',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'x-forwarded-for': '203.0.113.9',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=203.0.113.9',
        'x-custom': 'nope',
        'user-agent': 'Mozilla/5.0',
      },
    });
    const response = await handleApiRequest(request, live, fetchUpstream);
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    const sent = calls[0]!;
    expect(sent.method).toBe('GET');
    expect(sent.url).toBe(`https://upstream.example/client/v4${ROUTE.slice('/api'.length)}?filters=device_info,events`);
    expect(Object.fromEntries(sent.headers.entries())).toEqual({
      accept: 'application/json',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(sent.redirect).toBe('manual');
  });

  it('passes status and body through, keeps safe headers, drops the rest, forces no-store', async () => {
    const { fetchUpstream } = fakeUpstream(
      () =>
        new Response('{"success":false,"errors":[{"code":971,"message":"Please wait"}]}', {
          status: 429,
          headers: [
            ['content-type', 'application/json'],
            ['retry-after', '2'],
            ['cf-ray', '8a1b2c3d4e5f-LHR'],
            ['set-cookie', '__cf_bm=abc; Path=/'],
            ['set-cookie', 'other=1'],
            ['cache-control', 'public, max-age=600'],
            ['server', 'cloudflare'],
            ['x-internal', 'secret'],
            ['access-control-allow-origin', '*'],
          ],
        }),
    );
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.status).toBe(429);
    expect(await response.text()).toBe('{"success":false,"errors":[{"code":971,"message":"Please wait"}]}');
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('cf-ray')).toBe('8a1b2c3d4e5f-LHR');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('server')).toBeNull();
    expect(response.headers.get('x-internal')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-peerscope-source')).toBe('upstream');
  });

  it('answers HEAD without a body', async () => {
    const { calls, fetchUpstream } = fakeUpstream();
    const response = await handleApiRequest(browserRequest(ROUTE, { method: 'HEAD' }), live, fetchUpstream);
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
    expect(calls[0]!.method).toBe('GET');
  });
});

describe('the shared case table (server/test-support/rule-cases.ts), against the rules alone', () => {
  const liveForCases: ProxyConfig = {
    ...live,
    upstreamBaseUrl: 'https://upstream.example/client/v4',
    token: CASE_TOKEN,
    defaultAccountId: CASE_ACCOUNT,
  };

  it.each(PROXY_RULE_CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const seen: UpstreamRecord[] = [];
    const fetchUpstream = (async (input: RequestInfo | URL) => {
      const sent = input as Request;
      const url = new URL(sent.url);
      seen.push({ method: sent.method, target: `${url.pathname}${url.search}`, headers: Object.fromEntries(sent.headers) });
      const answer = standInAnswer(`${url.pathname}${url.search}`);
      return new Response(answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
    }) as typeof fetch;

    let request: Request | null = null;
    try {
      request = new Request(new URL(testCase.target, 'http://localhost:5173'), {
        method: testCase.method,
        headers: testCase.headers ?? {},
        ...(testCase.body === undefined ? {} : { body: testCase.body }),
      });
    } catch {
      // The Fetch API refuses some methods outright (TRACE); hosts answer those with the rules' 405.
    }
    const response = request
      ? await handleApiRequest(request, liveForCases, fetchUpstream, { rawTarget: testCase.target })
      : methodNotAllowed(CASE_TOKEN);
    const body = await response.text();
    expectProxyRuleOutcome(testCase, 'rules', { status: response.status, headers: response.headers, body }, seen);
  });
});

describe('upstream failures', () => {
  it('504 when the upstream does not answer in time', async () => {
    const fetchUpstream = ((input: RequestInfo | URL) =>
      new Promise<Response>((_resolve, reject) => {
        const { signal } = input as Request;
        signal.addEventListener('abort', () => reject(signal.reason));
      })) as typeof fetch;
    const started = Date.now();
    const response = await handleApiRequest(browserRequest(ROUTE), { ...live, upstreamTimeoutMs: 50 }, fetchUpstream);
    expect(response.status).toBe(504);
    expect((await errorOf(response)).code).toBe('upstream_timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('502 naming only the host when the upstream is unreachable, even if the error quotes the token', async () => {
    const fetchUpstream = (async () => {
      throw new TypeError(`fetch failed: connect ECONNREFUSED (Authorization: Bearer ${TOKEN})`);
    }) as typeof fetch;
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.status).toBe(502);
    const error = await errorOf(response);
    expect(error.code).toBe('upstream_unreachable');
    expect(error.message).toContain('upstream.example');
    expect(error.text).not.toContain(TOKEN);
    expect(error.text).not.toContain('/client/v4');
    expect(headersText(response)).not.toContain(TOKEN);
  });

  it('502 against a real closed port', async () => {
    const response = await handleApiRequest(browserRequest(ROUTE), {
      ...live,
      upstreamBaseUrl: 'http://127.0.0.1:1/client/v4',
    });
    expect(response.status).toBe(502);
    const error = await errorOf(response);
    expect(error.message).toBe('Could not reach 127.0.0.1:1.');
    expect(error.text).not.toContain(TOKEN);
  });

  it.each([301, 302, 307, 308])('502 instead of following a %i redirect with the token', async (status) => {
    let calls = 0;
    const fetchUpstream = (async () => {
      calls += 1;
      return new Response(null, { status, headers: { location: 'https://elsewhere.example/steal' } });
    }) as typeof fetch;
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.status).toBe(502);
    expect(response.headers.get('location')).toBeNull();
    const error = await errorOf(response);
    expect(error.code).toBe('upstream_redirect');
    expect(error.text).not.toContain('elsewhere.example');
    expect(calls).toBe(1);
  });

  it('aborts the upstream call when the browser goes away', async () => {
    let upstreamSignal: AbortSignal | null = null;
    const fetchUpstream = ((input: RequestInfo | URL) =>
      new Promise<Response>((_resolve, reject) => {
        upstreamSignal = (input as Request).signal;
        upstreamSignal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    const browser = new AbortController();
    const pending = handleApiRequest(browserRequest(ROUTE, { signal: browser.signal }), live, fetchUpstream);
    await new Promise((resolve) => setTimeout(resolve, 10));
    browser.abort();
    const response = await pending;
    expect(upstreamSignal!.aborted).toBe(true);
    expect((await errorOf(response)).code).toBe('client_closed_request');
  });
});

describe('an upstream that echoes the token', () => {
  /** An upstream answer whose body arrives in exactly these chunks. */
  function chunkedAnswer(status: number, chunks: readonly string[], headers: HeadersInit = { 'content-type': 'application/json' }) {
    return () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
            controller.close();
          },
        }),
        { status, headers },
      );
  }

  it('takes it out of every header passed on', async () => {
    const { fetchUpstream } = fakeUpstream(
      () =>
        new Response('{}', {
          status: 429,
          headers: {
            'content-type': `application/json; note=${TOKEN}`,
            'cf-ray': `${TOKEN}-LHR`,
            'retry-after': `2 ${TOKEN}`,
          },
        }),
    );
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.headers.get('content-type')).toBe('application/json; note=[redacted]');
    expect(response.headers.get('cf-ray')).toBe('[redacted]-LHR');
    expect(response.headers.get('retry-after')).toBe('2 [redacted]');
    expect(headersText(response)).not.toContain(TOKEN);
  });

  it('takes it out of a small error body', async () => {
    const { fetchUpstream } = fakeUpstream(chunkedAnswer(401, [`{"message":"Unauthorized: Bearer ${TOKEN}"}`]));
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"message":"Unauthorized: Bearer [redacted]"}');
  });

  it('takes it out when it is split across two chunks', async () => {
    const { fetchUpstream } = fakeUpstream(chunkedAnswer(401, [`{"echo":"Bearer ${TOKEN.slice(0, 9)}`, `${TOKEN.slice(9)}"}`]));
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(await response.text()).toBe('{"echo":"Bearer [redacted]"}');
  });

  it('takes it out at the very end of a body', async () => {
    const { fetchUpstream } = fakeUpstream(chunkedAnswer(400, ['BAD_REQUEST: token ', TOKEN], { 'content-type': 'text/plain' }));
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(await response.text()).toBe('BAD_REQUEST: token [redacted]');
  });

  it('passes a large report through unchanged, byte for byte', async () => {
    const report = JSON.stringify({ success: true, data: { samples: Array.from({ length: 60_000 }, (_, index) => ({ index, rtt: index / 1000 })) } });
    const chunks = report.match(/[\s\S]{1,65536}/g) ?? [];
    const { fetchUpstream } = fakeUpstream(chunkedAnswer(200, chunks));
    const response = await handleApiRequest(browserRequest(ROUTE), live, fetchUpstream);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(report);
  });
});
