// The proxy's security policy as a browser or another machine meets it: real Vite dev and
// preview servers with the plugin, in live mode with a canary token against a local
// stand-in upstream that records everything it is sent.
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { createServer, preview, type Connect, type Logger } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_HEADERS, CASE_ACCOUNT, CASE_APP, CASE_PEER, CASE_ROUTE, PROXY_RULE_CASES, standInAnswer, type ProxyRuleCase } from './test-support/rule-cases.ts';
import { CONTENT_SECURITY_POLICY } from './proxy/security-headers.ts';
import { captureConsole, captureLogger, removeTempDir, tempProjectRoot, type CapturedConsole, type CapturedLogger } from './test-support/servers.ts';
import { peerscopeProxy } from './vite-plugin.ts';

type Kind = 'dev' | 'preview';

const ENV_NAMES = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID', 'PEERSCOPE_ALLOW_REMOTE'] as const;
const CANARY = 'canary-SECURITY-3e7b91d04c';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A case of the shared proxy-rule table, by name; throws if the table no longer has it. */
function ruleCase(name: string): ProxyRuleCase {
  const found = PROXY_RULE_CASES.find((testCase) => testCase.name === name);
  if (!found) throw new Error(`no proxy-rule case named "${name}"`);
  return found;
}

function portOf(server: { address(): string | AddressInfo | null } | null | undefined): number {
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a port');
  return address.port;
}

function headerLines(headers: Headers): string {
  return [...headers.entries()].map(([name, value]) => `${name}: ${value}`).join('\n');
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}

interface RawAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/** A request with a raw target and any method, which fetch would normalize or refuse. */
function rawRequest(port: number, method: string, target: string, headers: Readonly<Record<string, string>> = {}, body?: string): Promise<RawAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: toHeaders(res.headers), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The stand-in for the Cloudflare API: records every request, answers as the table's hosts are answered. */
async function startUpstream(seen: Seen[]): Promise<{ server: Server; base: string }> {
  const server = createHttpServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const answer = standInAnswer(req.url ?? '');
    // Node takes repeated headers (set-cookie) as one flat name, value, name, value list.
    res.writeHead(answer.status, answer.headers.flat());
    res.end(answer.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${portOf(server)}/client/v4` };
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

interface Running {
  port: number;
  middlewares: Connect.Server;
  close(): Promise<void>;
}

async function startVite(kind: Kind, root: string, logger: Logger, host = '127.0.0.1'): Promise<Running> {
  const inline = {
    configFile: false as const,
    root,
    customLogger: logger,
    plugins: [peerscopeProxy()],
    server: { host, port: 0 },
    preview: { host, port: 0 },
  };
  if (kind === 'dev') {
    const server = await createServer(inline);
    await server.listen();
    return { port: portOf(server.httpServer), middlewares: server.middlewares, close: () => server.close() };
  }
  const server = await preview(inline);
  return { port: portOf(server.httpServer), middlewares: server.middlewares, close: () => server.close() };
}

function tempRoot(): string {
  // The .env is what a file-serving bug in the dev server would hand out.
  return tempProjectRoot('peerscope-security-', { '.env': `CLOUDFLARE_API_TOKEN=${CANARY}\n` });
}

function setLiveEnv(upstreamBase: string, extra: Partial<Record<(typeof ENV_NAMES)[number], string>> = {}): void {
  vi.stubEnv('CLOUDFLARE_API_TOKEN', CANARY);
  vi.stubEnv('CLOUDFLARE_API_BASE_URL', upstreamBase);
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

beforeEach(() => {
  for (const name of ENV_NAMES) vi.stubEnv(name, '');
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(['dev', 'preview'] as const)('live mode through vite %s', (kind) => {
  const seen: Seen[] = [];
  const seenByBrowser: string[] = [];
  const consoleLines: string[] = [];
  let consoleCapture: CapturedConsole | undefined;
  let upstream: Server;
  let vite: Running;
  let root: string;
  let captured: CapturedLogger;

  async function get(target: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`http://127.0.0.1:${vite.port}${target}`, { redirect: 'manual', ...init });
    const text = await response.clone().text();
    seenByBrowser.push(`${init.method ?? 'GET'} ${target} -> ${response.status}\n${headerLines(response.headers)}\n${text}`);
    return response;
  }

  async function raw(method: string, target: string, headers: Readonly<Record<string, string>> = {}, body?: string): Promise<RawAnswer> {
    const answer = await rawRequest(vite.port, method, target, headers, body);
    seenByBrowser.push(`${method} ${target} -> ${answer.status}\n${headerLines(answer.headers)}\n${answer.body}`);
    return answer;
  }

  beforeAll(async () => {
    consoleCapture = captureConsole(consoleLines);
    const started = await startUpstream(seen);
    upstream = started.server;
    root = tempRoot();
    captured = captureLogger();
    setLiveEnv(started.base);
    vite = await startVite(kind, root, captured.logger);
    vi.unstubAllEnvs();
  });

  afterAll(async () => {
    await vite.close();
    await stopServer(upstream);
    removeTempDir(root);
    consoleCapture?.restore();
    // Everything any test in this block saw: no response, header or log line carries the token.
    const everything = [...seenByBrowser, ...captured.lines, ...consoleLines].join('\n');
    expect(seenByBrowser.length).toBeGreaterThan(15);
    expect(everything).not.toContain(CANARY);
  });

  // The route table (methods, paths, traversal, header policy, redirects, other pages) runs
  // through this host and the Worker in server/proxy-hosts.test.ts; here, what is Vite's own.
  it('serves no project file that holds the token, and forwards none of it', async () => {
    const before = seen.length;
    // /.env as the table sends it to every host, and the ways to it that only Vite has.
    const requests: Pick<ProxyRuleCase, 'method' | 'target' | 'headers' | 'body'>[] = [
      ruleCase('GET /.env, outside /api'),
      ruleCase('POST /.env, outside /api'),
      ...[`/@fs${root}/.env`, `/@fs${root}/.env?raw`, '/.env?import'].flatMap((target) =>
        ['GET', 'POST'].map((method) => ({ method, target, headers: BROWSER_HEADERS })),
      ),
    ];
    for (const { method, target, headers, body } of requests) {
      const answer = await raw(method, target, headers, body);
      expect(answer.headers.get('x-peerscope-source'), `${method} ${target}`).not.toBe('upstream');
      expect(answer.body, `${method} ${target}`).not.toContain(CANARY);
    }
    expect(seen).toHaveLength(before);
  });

  it('sends a report link another site opened back with confirm=1; same-site, typed and confirmed links are served as they are', async () => {
    const before = seen.length;
    const link = `/?account=${CASE_ACCOUNT}&app=${CASE_APP}&peer=${CASE_PEER}&filters=events`;
    const navigation = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    const crossSite = await raw('GET', link, { ...navigation, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(303);
    expect(crossSite.headers.get('location')).toBe(`${link.slice(1)}&confirm=1`);
    expect(crossSite.headers.get('x-frame-options')).toBe('DENY');

    const plain = await raw('GET', link);
    for (const [what, target, fetchSite] of [
      ['the confirmed link, still from the other site', `${link}&confirm=1`, 'cross-site'],
      ['same-site', link, 'same-site'],
      ['same-origin', link, 'same-origin'],
      ['typed', link, 'none'],
    ] as const) {
      const answer = await raw('GET', target, { ...navigation, 'sec-fetch-site': fetchSite });
      expect(answer.status, what).toBe(plain.status);
      expect(answer.body, what).toBe(plain.body);
    }
    expect(seen).toHaveLength(before);
  });

  it('grants no CORS on /api or on the page, whatever origin asks', async () => {
    const config = await get('/api/config', { headers: { origin: 'http://127.0.0.1:8080' } });
    expect(config.headers.get('access-control-allow-origin')).toBeNull();
    const report = await get(CASE_ROUTE, { headers: { origin: 'http://localhost:3000' } });
    expect(report.status).toBe(200);
    expect(report.headers.get('access-control-allow-origin')).toBeNull();
    const page = await get('/', { headers: { origin: 'http://localhost:3000' } });
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it(`sends the security headers on every response${kind === 'preview' ? ', with the CSP' : ', without the CSP (HMR needs inline scripts)'}`, async () => {
    const answers: [string, Headers][] = [];
    for (const target of ['/index.html', '/missing.js']) answers.push([target, (await get(target)).headers]);
    // The page, the proxy's own answers and the upstream's, as the table sends them.
    for (const name of ['GET /, outside /api', 'GET /api/config', 'GET /api/nothing-here', 'GET of the peer report, with browser credentials']) {
      const { method, target, headers, body } = ruleCase(name);
      answers.push([`${method} ${target}`, (await raw(method, target, headers, body)).headers]);
    }
    for (const [what, headers] of answers) {
      expect(headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(headers.get('x-frame-options'), what).toBe('DENY');
      expect(headers.get('content-security-policy'), what).toBe(kind === 'preview' ? CONTENT_SECURITY_POLICY : null);
    }
  });
});

/** Files that hold (or may hold) the token, as a developer's checkout has them. */
const SECRET_FILES = ['.dev.vars', '.dev.vars.staging', '.env', '.env.local', 'server.key', 'localhost.pem', '.wrangler/state/v3/vars.json', '.npmrc'];

/** Every spelling of a path to `name` that some part of Vite or a browser decodes back to it. */
function secretFileTargets(root: string, name: string): string[] {
  const encodedDot = name.replace(/^\./, '%2e');
  return [
    `/${name}`,
    `/${name}?raw`,
    `/${name}?import`,
    `/${name}?url`,
    `/${name}?raw&import`,
    `/@fs${root}/${name}`,
    `/@fs${root}/${name}?raw`,
    `/@fs${root}/${name}?import`,
    `/@fs${root}/dist/${name}`,
    `/./${name}`,
    `//${name}`,
    `/src/../${name}`,
    `/${encodedDot}`,
    `/${name.replace(/^\./, '%252e')}`,
    `/${name.toUpperCase()}`,
    `/dist/${name}`,
  ];
}

describe.each([
  ['dev', 'demo'],
  ['dev', 'live'],
  ['preview', 'demo'],
  ['preview', 'live'],
] as const)('secrets files through vite %s in %s mode', (kind, mode) => {
  let root: string;
  let vite: Running;
  let upstream: Server | undefined;
  const captured = captureLogger();

  beforeAll(async () => {
    root = tempRoot();
    // At the root as a developer has them, and in the build's folder as if public/ had copied them.
    for (const name of SECRET_FILES) {
      for (const path of [join(root, name), join(root, 'dist', name)]) {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `CLOUDFLARE_API_TOKEN=${CANARY}\n`);
      }
    }
    // Project files the page never needs: the server's code and the configuration.
    mkdirSync(join(root, 'server'), { recursive: true });
    writeFileSync(join(root, 'server', 'proxy.ts'), 'export const serverOnly = "server-only-source";\n');
    writeFileSync(join(root, 'package.json'), '{"name":"server-only-manifest"}\n');
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'src', 'main.ts'), 'export const pageSource = "page-source";\n');
    if (mode === 'live') {
      const started = await startUpstream([]);
      upstream = started.server;
      setLiveEnv(started.base);
    }
    vite = await startVite(kind, root, captured.logger);
    vi.unstubAllEnvs();
  });

  afterAll(async () => {
    await vite.close();
    if (upstream) await stopServer(upstream);
    removeTempDir(root);
    expect(captured.lines.join('\n')).not.toContain(CANARY);
  });

  it('answers none of them, in any spelling of the path', async () => {
    let tried = 0;
    for (const name of SECRET_FILES) {
      for (const target of secretFileTargets(root, name)) {
        for (const method of ['GET', 'HEAD']) {
          const answer = await rawRequest(vite.port, method, target);
          tried += 1;
          expect(answer.body, `${method} ${target}`).not.toContain(CANARY);
          expect(answer.status, `${method} ${target}`).not.toBe(200);
        }
      }
    }
    expect(tried).toBe(SECRET_FILES.length * 16 * 2);
  });

  it.runIf(kind === 'dev')('serves the page and its sources, and no other project file', async () => {
    const page = await rawRequest(vite.port, 'GET', '/');
    expect(page.status).toBe(200);
    const source = await rawRequest(vite.port, 'GET', '/src/main.ts');
    expect(source.status).toBe(200);
    expect(source.body).toContain('page-source');
    for (const target of ['/server/proxy.ts', '/server/proxy.ts?raw', '/package.json', `/@fs${root}/package.json`, `/@fs${root}/server/proxy.ts?import`]) {
      const answer = await rawRequest(vite.port, 'GET', target);
      expect(answer.body, target).not.toContain('server-only');
    }
  });
});

/** A non-loopback IPv4 address of this machine, to be a "remote" client of our own server. */
function externalAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Runs a request through the server's middleware stack as if it came from `remoteAddress`.
 * Only for requests the stack answers without streaming (the remote refusal).
 */
function fakeRemoteRequest(middlewares: Connect.Server, target: string, remoteAddress: string): Promise<FakeAnswer | 'passed on'> {
  return new Promise((resolvePromise, reject) => {
    const req = Object.assign(Readable.from([]), {
      url: target,
      originalUrl: target,
      method: 'GET',
      headers: { host: 'localhost' },
      socket: { remoteAddress },
    });
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 200,
      headersSent: false,
      destroyed: false,
      writableEnded: false,
      setHeader(name: string, value: string | number | readonly string[]) {
        headers[name.toLowerCase()] = String(value);
        return res;
      },
      getHeader: (name: string) => headers[name.toLowerCase()],
      getHeaderNames: () => Object.keys(headers),
      removeHeader(name: string) {
        delete headers[name.toLowerCase()];
      },
      writeHead(status: number) {
        res.statusCode = status;
        return res;
      },
      end(body?: string) {
        resolvePromise({ status: res.statusCode, headers, body: body ?? '' });
        return res;
      },
      destroy() {
        reject(new Error('destroyed'));
      },
      once: () => res,
      on: () => res,
    };
    (middlewares as unknown as (req: unknown, res: unknown, next: (error?: unknown) => void) => void)(req, res, (error) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolvePromise('passed on');
    });
  });
}

interface UpgradeAnswer {
  status: number;
  /** The response body, or for a 101 the first bytes the WebSocket sent. */
  body: string;
}

/**
 * A WebSocket handshake as Vite's HMR client makes it, without the Origin a browser would
 * add (a script from another machine sends none). Resolves with the status and what came.
 */
function upgradeRequest(host: string, port: number, protocol: string, path = '/'): Promise<UpgradeAnswer> {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({
      host,
      port,
      path,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-version': '13',
        'sec-websocket-protocol': protocol,
      },
    });
    req.on('upgrade', (res, socket, head: Buffer) => {
      let first = head.toString('utf8');
      const done = () => {
        socket.destroy();
        resolvePromise({ status: res.statusCode ?? 0, body: first });
      };
      if (first !== '') {
        done();
        return;
      }
      socket.once('data', (chunk: Buffer) => {
        first = chunk.toString('utf8');
        done();
      });
      setTimeout(done, 500);
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(['dev', 'preview'] as const)('remote access through vite %s listening on 0.0.0.0', (kind) => {
  const seen: Seen[] = [];
  let upstream: Server;
  let upstreamBase: string;
  const external = externalAddress();

  beforeAll(async () => {
    const started = await startUpstream(seen);
    upstream = started.server;
    upstreamBase = started.base;
  });

  afterAll(async () => {
    await stopServer(upstream);
  });

  async function withServer(
    env: Partial<Record<(typeof ENV_NAMES)[number], string>>,
    run: (vite: Running, captured: CapturedLogger) => Promise<void>,
  ): Promise<void> {
    const root = tempRoot();
    const captured = captureLogger();
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const vite = await startVite(kind, root, captured.logger, '0.0.0.0');
    try {
      await run(vite, captured);
    } finally {
      await vite.close();
      removeTempDir(root);
    }
    expect(captured.lines.join('\n')).not.toContain(CANARY);
  }

  it('with a token: warns at start-up, serves this machine, refuses others on every path', async () => {
    await withServer({ CLOUDFLARE_API_TOKEN: CANARY, CLOUDFLARE_API_BASE_URL: upstreamBase }, async (vite, captured) => {
      const warnings = captured.lines.filter((line) => line.includes('listening on'));
      expect(warnings).toEqual([expect.stringMatching(/listening on 0\.0\.0\.0 with CLOUDFLARE_API_TOKEN set: requests from other machines are refused \(403\)/)]);

      const local = await fetch(`http://127.0.0.1:${vite.port}/api/config`);
      expect(local.status).toBe(200);

      for (const target of ['/api/config', CASE_ROUTE, '/', '/.env', '/index.html']) {
        for (const address of ['192.0.2.50', '::ffff:198.51.100.7', 'fd00::7']) {
          const answer = await fakeRemoteRequest(vite.middlewares, target, address);
          if (answer === 'passed on') throw new Error(`${target} from ${address} was not refused`);
          expect(answer.status).toBe(403);
          expect(answer.headers['x-peerscope-source']).toBe('proxy');
          expect(JSON.parse(answer.body)).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'remote_refused' }] });
          expect(answer.body).not.toContain(CANARY);
        }
      }

      if (external) {
        const before = seen.length;
        for (const target of ['/api/config', CASE_ROUTE, '/']) {
          const response = await fetch(`http://${external}:${vite.port}${target}`);
          expect(response.status, target).toBe(403);
          expect(await response.json()).toMatchObject({ errors: [{ code: 'remote_refused' }] });
        }
        expect(seen).toHaveLength(before);
      }
    });
  });

  it.runIf(external !== null)('with a token: refuses WebSocket upgrades from other machines, keeps them for this machine', async () => {
    await withServer({ CLOUDFLARE_API_TOKEN: CANARY, CLOUDFLARE_API_BASE_URL: upstreamBase }, async (vite) => {
      if (kind === 'dev') {
        // The HMR socket still works for the page on this machine.
        const local = await upgradeRequest('127.0.0.1', vite.port, 'vite-hmr');
        expect(local.status).toBe(101);
        expect(local.body).toContain('connected');
      }
      // Vite's HMR stream (file paths, source frames, stack traces), its ping, and any other path.
      for (const [protocol, path] of [['vite-hmr', '/'], ['vite-ping', '/'], ['vite-hmr', '/api/config'], ['chat', '/anything']] as const) {
        const remote = await upgradeRequest(external ?? '', vite.port, protocol, path);
        expect(remote.status, `${protocol} ${path}`).toBe(403);
        expect(JSON.parse(remote.body), `${protocol} ${path}`).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'remote_refused' }] });
        expect(remote.body).not.toContain(CANARY);
      }
    });
  });

  it('with a token and PEERSCOPE_ALLOW_REMOTE=1: warns that anyone who reaches it can use the token, and serves them', async () => {
    await withServer(
      { CLOUDFLARE_API_TOKEN: CANARY, CLOUDFLARE_API_BASE_URL: upstreamBase, PEERSCOPE_ALLOW_REMOTE: '1' },
      async (vite, captured) => {
        expect(captured.lines.filter((line) => line.includes('listening on'))).toEqual([
          expect.stringMatching(/PEERSCOPE_ALLOW_REMOTE=1: anyone who can reach this server can read RealtimeKit data/),
        ]);
        if (external) {
          const response = await fetch(`http://${external}:${vite.port}${CASE_ROUTE}`);
          expect(response.status).toBe(200);
          expect(response.headers.get('x-peerscope-source')).toBe('upstream');
        }
      },
    );
  });

  it('in demo mode: no token worth guarding, no warning, no refusal', async () => {
    await withServer({}, async (vite, captured) => {
      expect(captured.lines.filter((line) => line.includes('listening on'))).toEqual([]);
      if (external) {
        const response = await fetch(`http://${external}:${vite.port}/api/config`);
        expect(response.status).toBe(200);
      }
    });
  });
});

describe.each(['dev', 'preview'] as const)('an upstream that echoes the token, through vite %s', (kind) => {
  it('reaches the browser with the token taken out of its headers and body', async () => {
    // Echoes the Authorization header it was sent, in headers and split across body chunks.
    const upstream = createHttpServer((req, res) => {
      const authorization = req.headers.authorization ?? '';
      res.writeHead(401, { 'content-type': `application/json; x=${authorization}`, 'cf-ray': `8a1b2c-LHR ${authorization}`, 'retry-after': authorization });
      res.write(`{"message":"Unauthorized","echo":"${authorization.slice(0, 12)}`);
      setTimeout(() => res.end(`${authorization.slice(12)}"}`), 50);
    });
    upstream.listen(0, '127.0.0.1');
    await once(upstream, 'listening');
    const root = tempRoot();
    const captured = captureLogger();
    setLiveEnv(`http://127.0.0.1:${portOf(upstream)}/client/v4`);
    const vite = await startVite(kind, root, captured.logger);
    vi.unstubAllEnvs();
    try {
      const answer = await rawRequest(vite.port, 'GET', CASE_ROUTE);
      expect(answer.status).toBe(401);
      expect(answer.body).toBe('{"message":"Unauthorized","echo":"Bearer [redacted]"}');
      expect(answer.headers.get('content-type')).toBe('application/json; x=Bearer [redacted]');
      expect(answer.headers.get('cf-ray')).toBe('8a1b2c-LHR Bearer [redacted]');
      expect(answer.headers.get('retry-after')).toBe('Bearer [redacted]');
      expect(headerLines(answer.headers)).not.toContain(CANARY);
    } finally {
      await vite.close();
      await stopServer(upstream);
      removeTempDir(root);
    }
  });
});
