// The Worker host itself, in workerd as `wrangler dev` runs it: static files with the
// security headers, demo mode through the in-process demo upstream, the refusal to serve
// live data without Access, and Cloudflare Access checked against a key pair made here and
// a key endpoint on this machine. The proxy rules through this host: proxy-hosts.test.ts.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_PAGE_TITLE, FIXTURE_SCRIPT, startLocalWorker, type LocalWorker } from '../worker/test-support/start-local-worker.ts';
import { benchPeerByKey } from './demo/bench-peers.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, DEMO_TOKEN, demoPeerByKey } from './demo/catalog.ts';
import { CONTENT_SECURITY_POLICY } from './proxy/security-headers.ts';

const TOKEN = 'canary-WORKER-91b3e57c0a';
const ACCOUNT = '0123456789abcdef0123456789abcdef';
const APP = '14a396e7-ca44-4937-bf1f-050a69118543';
const PEER = demoPeerByKey('good-call').id;
const AUD = 'f1e2d3c4b5a697887766554433221100ffeeddccbbaa99887766554433221100';
const KID = 'worker-test-key';

function reportPath(peer = PEER, account = ACCOUNT, app = APP): string {
  return `/api/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}`;
}

function expectSecurityHeaders(response: Response, what: string): void {
  expect(response.headers.get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
}

/** The stand-in for the Cloudflare API: records what it is sent, answers a small report. */
async function startUpstream(seen: IncomingHttpHeaders[]): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, data: { participant: { id: PEER } } }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4` };
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

const SECRET_CANARY = 'canary-WORKER-ASSET-5d02f7';

describe('demo mode (no token)', () => {
  let worker: LocalWorker;

  beforeAll(async () => {
    // Secrets files that a careless public/ folder would copy into the build.
    const secret = `CLOUDFLARE_API_TOKEN=${SECRET_CANARY}\n`;
    worker = await startLocalWorker({}, { assetFiles: { '.dev.vars': secret, '.env.local': secret, 'certs/server.key': secret } });
  }, 60_000);

  it('serves no secrets file the build holds, in any spelling', async () => {
    for (const path of ['/.dev.vars', '/%2edev.vars', '/%252edev.vars', '/./.dev.vars', '/.DEV.VARS', '/.env.local', '/certs/server.key', '/certs/server.key?raw']) {
      const response = await fetch(`${worker.origin}${path}`);
      const text = await response.text();
      expect(text, path).not.toContain(SECRET_CANARY);
      expect(response.status, path).toBe(404);
    }
  });

  afterAll(async () => {
    await worker?.close();
  });

  it('serves the page with the security headers and the CSP', async () => {
    const response = await fetch(`${worker.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(FIXTURE_PAGE_TITLE);
    expectSecurityHeaders(response, '/');
  });

  it('opens the app on a deep link, and keeps a missing file a 404', async () => {
    const deep = await fetch(`${worker.origin}/some/deep/link?peer=${PEER}`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain(FIXTURE_PAGE_TITLE);
    expectSecurityHeaders(deep, 'deep link');

    for (const missing of ['/missing.js', '/assets/gone-1234abcd.js']) {
      const response = await fetch(`${worker.origin}${missing}`);
      expect(response.status, missing).toBe(404);
      expect(await response.text(), missing).not.toContain(FIXTURE_PAGE_TITLE);
      expectSecurityHeaders(response, missing);
      expect(response.headers.get('cache-control') ?? '', missing).not.toContain('immutable');
    }
  });

  it('sends a report link another site opened back with confirm=1; same-site, typed and confirmed links get the page', async () => {
    const link = `/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=${PEER}&filters=events`;
    const navigation = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    const crossSite = await fetch(`${worker.origin}${link}`, { redirect: 'manual', headers: { ...navigation, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(303);
    expect(crossSite.headers.get('location')).toBe(`${link.slice(1)}&confirm=1`);
    expectSecurityHeaders(crossSite, 'the redirect');

    for (const [what, target, fetchSite] of [
      ['the confirmed link, still from the other site', `${link}&confirm=1`, 'cross-site'],
      ['same-site', link, 'same-site'],
      ['typed', link, 'none'],
    ] as const) {
      const response = await fetch(`${worker.origin}${target}`, { redirect: 'manual', headers: { ...navigation, 'sec-fetch-site': fetchSite } });
      expect(response.status, what).toBe(200);
      expect(await response.text(), what).toContain(FIXTURE_PAGE_TITLE);
    }
  });

  it('lets browsers keep the content-hashed files for good', async () => {
    const response = await fetch(`${worker.origin}${FIXTURE_SCRIPT}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(response, FIXTURE_SCRIPT);
  });

  it('answers /api/config with the sample peers', async () => {
    const response = await fetch(`${worker.origin}/api/config`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response, '/api/config');
    const body = (await response.json()) as { mode: string; demo: { peers: unknown[] } };
    expect(body).toMatchObject({ mode: 'demo', defaultAccountId: DEMO_ACCOUNT_ID });
    expect(body.demo.peers).toHaveLength(DEMO_PEERS.length);
  });

  it('answers a demo report through the proxy rules and the in-process demo upstream', async () => {
    const response = await fetch(`${worker.origin}${reportPath(PEER, DEMO_ACCOUNT_ID, DEMO_APP_ID)}?filters=device_info,events`, {
      headers: { cookie: 'a=b', authorization: 'Bearer from-the-browser' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-peerscope-source')).toBe('upstream');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ success: true });
    expect(text).toContain(PEER);
    expect(text).not.toContain(DEMO_TOKEN);
  });

  it('answers the demo errors as the Node demo upstream does', async () => {
    const unauthorized = await fetch(`${worker.origin}${reportPath(demoPeerByKey('error-401').id, DEMO_ACCOUNT_ID, DEMO_APP_ID)}`);
    expect(unauthorized.status).toBe(401);
    const html = await fetch(`${worker.origin}${reportPath(demoPeerByKey('error-502-html').id, DEMO_ACCOUNT_ID, DEMO_APP_ID)}`);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const limited = await fetch(`${worker.origin}${reportPath(demoPeerByKey('error-429').id, DEMO_ACCOUNT_ID, DEMO_APP_ID)}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
  });

  it('does not answer the benchmark peers unless PEERSCOPE_BENCH=1', async () => {
    const response = await fetch(`${worker.origin}${reportPath(benchPeerByKey('bench-30m').id, DEMO_ACCOUNT_ID, DEMO_APP_ID)}`);
    expect(response.status).toBe(404);
  });
});

describe('demo mode with PEERSCOPE_BENCH=1', () => {
  it('answers the long-call peers', { timeout: 60_000 }, async () => {
    const worker = await startLocalWorker({ PEERSCOPE_BENCH: '1' });
    try {
      const response = await fetch(
        `${worker.origin}${reportPath(benchPeerByKey('bench-30m').id, DEMO_ACCOUNT_ID, DEMO_APP_ID)}?filters=device_info`,
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ success: true });
    } finally {
      await worker.close();
    }
  });
});

describe('live mode without Access', () => {
  const seen: IncomingHttpHeaders[] = [];
  let upstream: { server: Server; base: string };

  beforeAll(async () => {
    upstream = await startUpstream(seen);
  });

  afterAll(async () => {
    await stop(upstream?.server);
  });

  it('refuses every request with a configuration error that never quotes the token', { timeout: 60_000 }, async () => {
    // Quiet: the Worker logs its configuration error on every request, as it should.
    const worker = await startLocalWorker({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: upstream.base }, { quiet: true });
    try {
      for (const path of ['/api/config', reportPath()]) {
        const response = await fetch(`${worker.origin}${path}`);
        const text = await response.text();
        expect(response.status, path).toBe(503);
        expectSecurityHeaders(response, path);
        expect(JSON.parse(text), path).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'not_configured' }] });
        expect(text, path).toMatch(/ACCESS_TEAM_DOMAIN and ACCESS_AUD/);
        expect(text + [...response.headers].join('\n'), path).not.toContain(TOKEN);
      }
      for (const path of ['/', FIXTURE_SCRIPT, '/some/page']) {
        const response = await fetch(`${worker.origin}${path}`);
        const text = await response.text();
        expect(response.status, path).toBe(503);
        expect(response.headers.get('content-type'), path).toBe('text/plain; charset=utf-8');
        expect(text, path).toMatch(/^503: Peerscope is not configured: .*ALLOW_UNAUTHENTICATED=1/);
        expect(text, path).not.toContain(FIXTURE_PAGE_TITLE);
        expect(text, path).not.toContain(TOKEN);
      }
      expect(seen).toEqual([]);
    } finally {
      await worker.close();
    }
  });

  it('serves with ALLOW_UNAUTHENTICATED=1, set on purpose', { timeout: 60_000 }, async () => {
    const worker = await startLocalWorker({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: upstream.base, ALLOW_UNAUTHENTICATED: '1' });
    try {
      const config = await fetch(`${worker.origin}/api/config`);
      expect(await config.json()).toEqual({ mode: 'live', defaultAccountId: null });
      expect((await fetch(`${worker.origin}${reportPath()}`)).status).toBe(200);
      expect(seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    } finally {
      await worker.close();
    }
  });

  it('refuses to start half-configured: one Access setting without the other', { timeout: 60_000 }, async () => {
    const worker = await startLocalWorker({ ACCESS_AUD: AUD }, { quiet: true });
    try {
      const response = await fetch(`${worker.origin}/api/config`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ errors: [{ code: 'not_configured', message: expect.stringMatching(/set together/) }] });
      expect((await fetch(`${worker.origin}/`)).status).toBe(503);
    } finally {
      await worker.close();
    }
  });
});

describe('behind Cloudflare Access', () => {
  const upstreamSeen: IncomingHttpHeaders[] = [];
  let upstream: { server: Server; base: string };
  let keyServer: Server;
  let teamDomain: string;
  let keyFetches = 0;
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;
  let worker: LocalWorker;

  async function accessToken(options: { key?: CryptoKey; audience?: string; expiresIn?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ email: 'ada@example.com', type: 'app' })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setSubject('ada')
      .setIssuer(teamDomain)
      .setAudience([options.audience ?? AUD])
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(options.key ?? privateKey);
  }

  function withToken(token: string): RequestInit {
    return { headers: { 'cf-access-jwt-assertion': token } };
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
    keyServer = createServer((req, res) => {
      if (req.url !== '/cdn-cgi/access/certs') {
        res.writeHead(404).end();
        return;
      }
      keyFetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    keyServer.listen(0, '127.0.0.1');
    await once(keyServer, 'listening');
    teamDomain = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
    upstream = await startUpstream(upstreamSeen);
    worker = await startLocalWorker({
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_API_BASE_URL: upstream.base,
      ACCESS_TEAM_DOMAIN: teamDomain,
      ACCESS_AUD: AUD,
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await stop(keyServer);
    await stop(upstream?.server);
  });

  it('lets a valid token through to the page, /api/config and the report', async () => {
    const token = await accessToken();
    const page = await fetch(`${worker.origin}/`, withToken(token));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(FIXTURE_PAGE_TITLE);
    expectSecurityHeaders(page, '/');
    expect((await fetch(`${worker.origin}/api/config`, withToken(token))).status).toBe(200);
    const report = await fetch(`${worker.origin}${reportPath()}`, withToken(token));
    expect(report.status).toBe(200);
    expect(report.headers.get('x-peerscope-source')).toBe('upstream');
    // The Access token is the browser's credential: it stays behind like the others.
    const sent = upstreamSeen.at(-1);
    expect(sent?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.['cf-access-jwt-assertion']).toBeUndefined();
  });

  const refusals: [string, () => Promise<RequestInit>][] = [
    ['no Access header', async () => ({})],
    ['a token for another application (aud)', async () => withToken(await accessToken({ audience: 'another-application' }))],
    ['an expired token', async () => withToken(await accessToken({ expiresIn: -30 }))],
    ['a token signed by another key (bad signature)', async () => withToken(await accessToken({ key: strangerKey }))],
    ['a token that is no JWT', async () => withToken('not.a.jwt')],
  ];

  it.each(refusals)('refuses %s with 403 on every path, before anything reaches the upstream', async (_name, init) => {
    const before = upstreamSeen.length;
    const request = await init();
    for (const path of ['/api/config', reportPath()]) {
      const response = await fetch(`${worker.origin}${path}`, request);
      expect(response.status, path).toBe(403);
      expectSecurityHeaders(response, path);
      expect(await response.json(), path).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'access_denied' }] });
    }
    for (const path of ['/', FIXTURE_SCRIPT, '/some/page']) {
      const response = await fetch(`${worker.origin}${path}`, request);
      expect(response.status, path).toBe(403);
      expectSecurityHeaders(response, path);
      const text = await response.text();
      expect(text, path).toMatch(/^403: /);
      expect(text, path).not.toContain(FIXTURE_PAGE_TITLE);
    }
    expect(upstreamSeen).toHaveLength(before);
  });

  it('fetched the team’s keys once for all of the requests above (cached in the isolate)', async () => {
    for (let i = 0; i < 5; i += 1) expect((await fetch(`${worker.origin}/api/config`, withToken(await accessToken()))).status).toBe(200);
    expect(keyFetches).toBe(1);
  });
});

describe('behind Cloudflare Access, with the key endpoint unreachable', () => {
  it('answers 503 (closed, and said to be on the server side), never 403', { timeout: 60_000 }, async () => {
    // A port that was just free: nothing listens, so workerd's connection is refused.
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const teamDomain = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await stop(probe);

    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ email: 'ada@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: KID })
      .setIssuer(teamDomain)
      .setAudience(AUD)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 600)
      .sign(privateKey);

    const worker = await startLocalWorker(
      { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:9/client/v4', ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUD: AUD },
      { quiet: true },
    );
    try {
      const init = { headers: { 'cf-access-jwt-assertion': token } };
      for (const path of ['/api/config', reportPath()]) {
        const response = await fetch(`${worker.origin}${path}`, init);
        expect(response.status, path).toBe(503);
        expect(await response.json(), path).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'access_unavailable' }] });
      }
      const page = await fetch(`${worker.origin}/`, init);
      expect(page.status).toBe(503);
      expect(await page.text()).toMatch(/^503: The team’s Cloudflare Access signing keys could not be fetched/);
    } finally {
      await worker.close();
    }
  });
});

describe('an upstream that echoes the token', () => {
  it('reaches the browser with the token taken out of its headers and body', { timeout: 60_000 }, async () => {
    // Echoes the Authorization header it was sent, in a header and split across body chunks.
    const upstream = createServer((req, res) => {
      const authorization = req.headers.authorization ?? '';
      res.writeHead(401, { 'content-type': 'application/json', 'cf-ray': `8a1b2c-LHR ${authorization}`, 'retry-after': authorization });
      res.write(`{"message":"Unauthorized","echo":"${authorization.slice(0, 12)}`);
      setTimeout(() => res.end(`${authorization.slice(12)}"}`), 50);
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/client/v4`;
    const worker = await startLocalWorker({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: base, ALLOW_UNAUTHENTICATED: '1' });
    try {
      const response = await fetch(`${worker.origin}${reportPath()}`);
      expect(response.status).toBe(401);
      expect(await response.text()).toBe('{"message":"Unauthorized","echo":"Bearer [redacted]"}');
      expect(response.headers.get('cf-ray')).toBe('8a1b2c-LHR Bearer [redacted]');
      expect(response.headers.get('retry-after')).toBe('Bearer [redacted]');
      expect([...response.headers].join('\n')).not.toContain(TOKEN);
    } finally {
      await worker.close();
      await stop(upstream);
    }
  });
});
