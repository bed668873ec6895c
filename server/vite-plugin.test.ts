// Real Vite servers (dev and preview) with the plugin, in demo mode against the real
// demo upstream and in live mode against a local stand-in upstream.
import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createServer, preview } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, demoPeerByKey } from './demo/catalog.ts';
import { captureConsole, captureLogger, removeTempDir, TEMP_ROOT_PAGE_TITLE, tempProjectRoot, type CapturedLogger } from './test-support/servers.ts';
import { peerscopeProxy } from './vite-plugin.ts';

const ENV_NAMES = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID'] as const;
const CANARY = 'canary-TOKEN-5f1c9e2b7a40d';
const LIVE_ACCOUNT = '0123456789abcdef0123456789abcdef';
const LIVE_APP = '14a396e7-ca44-4937-bf1f-050a69118543';
const GOOD_PEER = demoPeerByKey('good-call').id;
const HANGING_PEER = demoPeerByKey('no-answer').id;
const REDIRECT_PEER = '00000000-0000-4000-8000-000000000301';

function reportPath(account: string, app: string, peer: string, query = ''): string {
  return `/api/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}${query}`;
}

const ROOT_PREFIX = 'peerscope-plugin-';

function originOf(server: { address(): string | AddressInfo | null } | null | undefined): string {
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a port');
  return `http://127.0.0.1:${address.port}`;
}

/** GET with a raw request-target that fetch's URL parser would otherwise normalize. */
function rawGet(origin: string, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const { hostname, port } = new URL(origin);
    const req = httpRequest({ hostname, port, path: target, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 25));
  }
}

async function isRefused(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return false;
  } catch {
    return true;
  }
}

function demoUpstreamOrigin(lines: string[]): string {
  const line = lines.find((text) => text.startsWith('Peerscope: demo mode'));
  const match = line?.match(/^Peerscope: demo mode, built-in demo upstream at (http:\/\/127\.0\.0\.1:\d+)$/);
  if (!match?.[1]) throw new Error(`no demo startup line in ${JSON.stringify(lines)}`);
  return match[1];
}

beforeEach(() => {
  // The developer's own token must not turn these tests live: process env wins over .env.
  for (const name of ENV_NAMES) vi.stubEnv(name, '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(['dev', 'preview'] as const)('demo mode through vite %s', (kind) => {
  let close: () => Promise<void>;
  let origin: string;
  let captured: CapturedLogger;
  let root: string;

  beforeAll(async () => {
    for (const name of ENV_NAMES) vi.stubEnv(name, '');
    captured = captureLogger();
    root = tempProjectRoot(ROOT_PREFIX);
    const inline = {
      configFile: false as const,
      root,
      customLogger: captured.logger,
      plugins: [peerscopeProxy()],
      server: { host: '127.0.0.1', port: 0 },
      preview: { host: '127.0.0.1', port: 0 },
    };
    if (kind === 'dev') {
      const server = await createServer(inline);
      await server.listen();
      origin = originOf(server.httpServer);
      close = () => server.close();
    } else {
      const server = await preview(inline);
      origin = originOf(server.httpServer);
      close = () => server.close();
    }
    vi.unstubAllEnvs();
  });

  afterAll(async () => {
    await close();
    removeTempDir(root);
  });

  it('prints the one demo startup line', () => {
    expect(captured.lines.filter((line) => line.startsWith('Peerscope:'))).toHaveLength(1);
    expect(demoUpstreamOrigin(captured.lines)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves /api/config with the demo peers', async () => {
    const response = await fetch(`${origin}/api/config`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-peerscope-source')).toBe('proxy');
    const body = (await response.json()) as { mode: string; defaultAccountId: string; demo: { peers: unknown[] } };
    expect(body).toMatchObject({ mode: 'demo', defaultAccountId: DEMO_ACCOUNT_ID });
    expect(body.demo).toMatchObject({ accountId: DEMO_ACCOUNT_ID, appId: DEMO_APP_ID });
    expect(body.demo.peers).toHaveLength(DEMO_PEERS.length);
  });

  it('forwards a demo peer report through the proxy to the demo upstream', async () => {
    const response = await fetch(
      `${origin}${reportPath(DEMO_ACCOUNT_ID, DEMO_APP_ID, GOOD_PEER, '?filters=device_info,events,quality_stats')}`,
      { headers: { cookie: 'a=b', authorization: 'Bearer from-the-browser' } },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('x-peerscope-source')).toBe('upstream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as { success: boolean; data: unknown };
    expect(body.success).toBe(true);
    expect(JSON.stringify(body.data)).toContain(GOOD_PEER);
  });

  it('answers unknown /api paths, other methods and traversal itself', async () => {
    const missing = await fetch(`${origin}/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'not_found' }] });

    const post = await fetch(`${origin}${reportPath(DEMO_ACCOUNT_ID, DEMO_APP_ID, GOOD_PEER)}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');

    const traversal = await rawGet(origin, reportPath(DEMO_ACCOUNT_ID, DEMO_APP_ID, `x/%2e%2e/${GOOD_PEER}`));
    expect(traversal.status).toBe(400);
    expect(JSON.parse(traversal.body)).toMatchObject({ errors: [{ code: 'invalid_path' }] });

    const encodedSlash = await rawGet(origin, reportPath(`${DEMO_ACCOUNT_ID}%2f..`, DEMO_APP_ID, GOOD_PEER));
    expect(encodedSlash.status).toBe(400);
  });

  it('leaves every other path to Vite', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.headers.get('x-peerscope-source')).toBeNull();
    if (kind === 'dev') expect(await response.text()).toContain(TEMP_ROOT_PAGE_TITLE);
  });
});

describe('demo mode through the project vite.config.ts', () => {
  it('is wired in and closes the demo upstream with the server', async () => {
    const captured = captureLogger();
    const server = await createServer({
      configFile: resolve(import.meta.dirname, '..', 'vite.config.ts'),
      customLogger: captured.logger,
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    try {
      await server.listen();
      const origin = originOf(server.httpServer);
      const response = await fetch(`${origin}${reportPath(DEMO_ACCOUNT_ID, DEMO_APP_ID, GOOD_PEER)}`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { success: boolean }).success).toBe(true);
    } finally {
      await server.close();
    }
    const upstream = demoUpstreamOrigin(captured.lines);
    await waitUntil(() => isRefused(upstream));
  });
});

describe('live mode with the token in .env', () => {
  let upstream: Server;
  let upstreamBase: string;
  const seen: IncomingMessage[] = [];
  const closedEarly: string[] = [];

  beforeAll(async () => {
    upstream = createHttpServer((req, res) => {
      seen.push(req);
      if (req.headers.authorization !== `Bearer ${CANARY}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}');
        return;
      }
      if (req.url?.includes(HANGING_PEER)) {
        res.on('close', () => closedEarly.push(req.url ?? ''));
        return;
      }
      if (req.url?.includes(REDIRECT_PEER)) {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        res.end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': 'session=upstream; HttpOnly',
        'retry-after': '3',
        'x-upstream-secret': 'internal',
      });
      res.end(JSON.stringify({ success: true, data: { participant: { id: req.url?.split('/').pop()?.split('?')[0] } } }));
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    upstreamBase = `${originOf(upstream)}/client/v4`;
  });

  afterAll(async () => {
    upstream.closeAllConnections();
    upstream.close();
    await once(upstream, 'close');
  });

  it('forwards with the token from .env, and the canary never reaches a response or a log line', async () => {
    for (const name of ENV_NAMES) vi.stubEnv(name, undefined);
    const root = tempProjectRoot(ROOT_PREFIX, {
      '.env': `CLOUDFLARE_API_TOKEN=${CANARY}\nCLOUDFLARE_API_BASE_URL=${upstreamBase}/\nCLOUDFLARE_ACCOUNT_ID=${LIVE_ACCOUNT}\n`,
    });
    const captured = captureLogger();
    const consoleCapture = captureConsole();

    const server = await createServer({
      configFile: false,
      root,
      customLogger: captured.logger,
      plugins: [peerscopeProxy()],
      server: { host: '127.0.0.1', port: 0 },
    });
    const seenByBrowser: string[] = [];
    try {
      await server.listen();
      const origin = originOf(server.httpServer);
      const get = async (path: string, init: RequestInit = {}) => {
        const response = await fetch(`${origin}${path}`, init);
        const text = await response.text();
        seenByBrowser.push(text, [...response.headers.entries()].map(([k, v]) => `${k}: ${v}`).join('\n'));
        return { response, text };
      };

      expect(captured.lines).toContain(`Peerscope: live mode, forwarding to ${upstreamBase}`);

      const config = await get('/api/config');
      expect(JSON.parse(config.text)).toEqual({ mode: 'live', defaultAccountId: LIVE_ACCOUNT });

      const report = await get(
        reportPath(LIVE_ACCOUNT, LIVE_APP, GOOD_PEER, '?filters=events,device_info&include_peer_events=true&debug=1'),
        { headers: { cookie: 'sid=browser', authorization: 'Bearer browser', 'x-forwarded-for': '203.0.113.1' } },
      );
      expect(report.response.status).toBe(200);
      expect(JSON.parse(report.text)).toEqual({ success: true, data: { participant: { id: GOOD_PEER } } });
      expect(report.response.headers.get('set-cookie')).toBeNull();
      expect(report.response.headers.get('x-upstream-secret')).toBeNull();
      expect(report.response.headers.get('retry-after')).toBe('3');

      const sent = seen.at(-1);
      expect(sent?.url).toBe(
        `/client/v4/accounts/${LIVE_ACCOUNT}/realtime/kit/${LIVE_APP}/sessions/peer-report/${GOOD_PEER}` +
          '?filters=events,device_info&include_peer_events=true',
      );
      expect(sent?.headers.authorization).toBe(`Bearer ${CANARY}`);
      expect(sent?.headers.cookie).toBeUndefined();
      expect(sent?.headers['x-forwarded-for']).toBeUndefined();

      const head = await fetch(`${origin}${reportPath(LIVE_ACCOUNT, LIVE_APP, GOOD_PEER)}`, { method: 'HEAD' });
      expect(head.status).toBe(200);

      const redirect = await get(reportPath(LIVE_ACCOUNT, LIVE_APP, REDIRECT_PEER));
      expect(redirect.response.status).toBe(502);
      expect(JSON.parse(redirect.text)).toMatchObject({ errors: [{ code: 'upstream_redirect' }] });

      await get('/api/unknown');
      await get(reportPath('bad-account', LIVE_APP, GOOD_PEER));

      // The browser gives up: the proxy must hang up on the upstream too.
      const browser = new AbortController();
      const pending = fetch(`${origin}${reportPath(LIVE_ACCOUNT, LIVE_APP, HANGING_PEER)}`, { signal: browser.signal });
      await waitUntil(() => seen.some((req) => req.url?.includes(HANGING_PEER)));
      browser.abort();
      await expect(pending).rejects.toThrow();
      await waitUntil(() => closedEarly.length === 1);
    } finally {
      await server.close();
      consoleCapture.restore();
      removeTempDir(root);
    }

    const everything = [...seenByBrowser, ...captured.lines, ...consoleCapture.lines].join('\n');
    expect(everything).not.toContain(CANARY);
    expect(seenByBrowser.length).toBeGreaterThan(0);
  });

  it('answers 502 naming only the host when the upstream is down', async () => {
    vi.stubEnv('CLOUDFLARE_API_TOKEN', CANARY);
    vi.stubEnv('CLOUDFLARE_API_BASE_URL', 'http://127.0.0.1:1/client/v4');
    const root = tempProjectRoot(ROOT_PREFIX);
    const captured = captureLogger();
    const server = await createServer({
      configFile: false,
      root,
      customLogger: captured.logger,
      plugins: [peerscopeProxy()],
      server: { host: '127.0.0.1', port: 0 },
    });
    try {
      await server.listen();
      const response = await fetch(`${originOf(server.httpServer)}${reportPath(LIVE_ACCOUNT, LIVE_APP, GOOD_PEER)}`);
      const text = await response.text();
      expect(response.status).toBe(502);
      expect(JSON.parse(text)).toEqual({
        success: false,
        errors: [{ code: 'upstream_unreachable', message: 'Could not reach 127.0.0.1:1.' }],
        source: 'proxy',
      });
      expect(text + captured.lines.join('\n')).not.toContain(CANARY);
    } finally {
      await server.close();
      removeTempDir(root);
    }
  });

  it('refuses to start with a base URL that is not http(s)', async () => {
    vi.stubEnv('CLOUDFLARE_API_TOKEN', CANARY);
    vi.stubEnv('CLOUDFLARE_API_BASE_URL', 'file:///etc/passwd');
    const root = tempProjectRoot(ROOT_PREFIX);
    try {
      await expect(
        createServer({
          configFile: false,
          root,
          customLogger: captureLogger().logger,
          plugins: [peerscopeProxy()],
          server: { host: '127.0.0.1', port: 0 },
        }),
      ).rejects.toThrow(/CLOUDFLARE_API_BASE_URL/);
    } finally {
      removeTempDir(root);
    }
  });
});

describe('CORS', () => {
  // Vite's default lets pages on any localhost port read every answer, /api included.
  type ConfigHook = (user: { server?: { cors?: unknown }; preview?: { cors?: unknown } }) => unknown;
  const hook = peerscopeProxy().config as ConfigHook;

  it('is off unless the config turns it on', () => {
    expect(hook({})).toMatchObject({ server: { cors: false }, preview: { cors: false } });
  });

  it('keeps an explicit setting, for preview inheriting the server one as Vite does', () => {
    const origin = { origin: 'https://example.test' };
    expect(hook({ server: { cors: origin } })).toMatchObject({ server: { cors: origin }, preview: { cors: origin } });
    expect(hook({ preview: { cors: true } })).toMatchObject({ server: { cors: false }, preview: { cors: true } });
  });
});

describe('files the dev server reads', () => {
  type ConfigHook = (user: { server?: { fs?: { allow?: string[]; deny?: string[] } } }) => { server: { fs: { allow: string[]; deny: string[] } } };
  const hook = peerscopeProxy().config as unknown as ConfigHook;

  it('are the page, its sources, public/ and the dependencies, with the wrangler secrets denied beside the Vite default list', () => {
    const { fs } = hook({}).server;
    expect(fs.allow).toEqual(['index.html', 'src', 'public', 'node_modules']);
    expect(fs.deny).toEqual(expect.arrayContaining(['.env', '.env.*', '**/.git/**', '.dev.vars', '.dev.vars.*', '**/.wrangler/**']));
  });

  it('are what the project sets, when it sets them', () => {
    expect(hook({ server: { fs: { allow: ['/srv/app'], deny: ['secret.txt'] } } }).server.fs).toEqual({ allow: ['/srv/app'], deny: ['secret.txt'] });
  });
});
