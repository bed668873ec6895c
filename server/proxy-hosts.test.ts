// The shared proxy-rule table (server/test-support/rule-cases.ts) through every host that carries
// the rules, over real sockets with raw request-targets: Vite dev and preview with the
// plugin, and the Worker in workerd (wrangler's local runtime). Live mode with a canary
// token, against a stand-in upstream that records everything it is sent.
import { once } from 'node:events';
import { createServer as createHttpServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CASE_ACCOUNT,
  CASE_TOKEN,
  expectProxyRuleOutcome,
  PROXY_RULE_CASES,
  standInAnswer,
  type RuleHost,
  type UpstreamRecord,
} from './test-support/rule-cases.ts';
import { CONTENT_SECURITY_POLICY } from './proxy/security-headers.ts';
import { captureConsole, captureLogger, removeTempDir, tempProjectRoot, type CapturedConsole } from './test-support/servers.ts';
import { startLocalWorker } from '../worker/test-support/start-local-worker.ts';
import { peerscopeProxy } from './vite-plugin.ts';

type HostName = 'vite dev' | 'vite preview' | 'worker';

interface RunningHost {
  port: number;
  close(): Promise<void>;
}

interface RawAnswer {
  status: number;
  headers: Headers;
  body: string;
}

const ENV_NAMES = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID', 'PEERSCOPE_ALLOW_REMOTE'] as const;

function portOf(server: { address(): string | AddressInfo | null } | null | undefined): number {
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a port');
  return address.port;
}

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}

/** Any method, the request-target byte for byte: what fetch would normalize or refuse. */
function rawRequest(port: number, method: string, target: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
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

async function startStandInUpstream(seen: UpstreamRecord[]): Promise<{ server: Server; base: string }> {
  const server = createHttpServer((req, res) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = String(value);
    const target = req.url ?? '';
    seen.push({ method: req.method ?? '', target, headers });
    const answer = standInAnswer(target);
    const grouped: Record<string, string | string[]> = {};
    for (const [name, value] of answer.headers) {
      const existing = grouped[name];
      grouped[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
    }
    res.writeHead(answer.status, grouped);
    res.end(answer.body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${portOf(server)}/client/v4` };
}

async function startVite(kind: 'dev' | 'preview', upstreamBase: string, lines: string[]): Promise<RunningHost> {
  const root = tempProjectRoot('peerscope-hosts-');
  for (const name of ENV_NAMES) vi.stubEnv(name, '');
  vi.stubEnv('CLOUDFLARE_API_TOKEN', CASE_TOKEN);
  vi.stubEnv('CLOUDFLARE_API_BASE_URL', upstreamBase);
  vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', CASE_ACCOUNT);
  const inline = {
    configFile: false as const,
    root,
    envDir: false as const,
    customLogger: captureLogger(lines).logger,
    plugins: [peerscopeProxy()],
    server: { host: '127.0.0.1', port: 0 },
    preview: { host: '127.0.0.1', port: 0 },
  };
  try {
    const server = kind === 'dev' ? await createServer(inline) : await preview(inline);
    if ('listen' in server) await server.listen();
    return {
      port: portOf(server.httpServer),
      close: async () => {
        await server.close();
        removeTempDir(root);
      },
    };
  } finally {
    vi.unstubAllEnvs();
  }
}

/** The Worker of wrangler.jsonc in workerd, as `wrangler dev` runs it. */
async function startWorker(upstreamBase: string): Promise<RunningHost> {
  return startLocalWorker({
    CLOUDFLARE_API_TOKEN: CASE_TOKEN,
    CLOUDFLARE_API_BASE_URL: upstreamBase,
    CLOUDFLARE_ACCOUNT_ID: CASE_ACCOUNT,
    // No Access here: these cases are about the proxy rules; server/worker.test.ts has Access.
    ALLOW_UNAUTHENTICATED: '1',
  });
}

const HOSTS: readonly { name: HostName; rules: RuleHost; csp: boolean }[] = [
  { name: 'vite dev', rules: 'vite', csp: false },
  { name: 'vite preview', rules: 'vite', csp: true },
  { name: 'worker', rules: 'worker', csp: true },
];

const wireCases = PROXY_RULE_CASES.filter((testCase) => !testCase.rulesOnly).map((testCase) => [testCase.name, testCase] as const);

describe.each(HOSTS)('the proxy-rule table through $name', ({ name, rules, csp }) => {
  const seen: UpstreamRecord[] = [];
  const logLines: string[] = [];
  const answers: string[] = [];
  let consoleCapture: CapturedConsole | undefined;
  let upstream: Server;
  let host: RunningHost;

  beforeAll(async () => {
    consoleCapture = captureConsole(logLines);
    const started = await startStandInUpstream(seen);
    upstream = started.server;
    host = name === 'worker' ? await startWorker(started.base) : await startVite(name === 'vite dev' ? 'dev' : 'preview', started.base, logLines);
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    upstream?.closeAllConnections();
    upstream?.close();
    consoleCapture?.restore();
    // Whatever any case provoked: no answer and no log line carries the token.
    expect(answers.length).toBeGreaterThan(40);
    expect([...answers, ...logLines].join('\n')).not.toContain(CASE_TOKEN);
  });

  it.each(wireCases)('%s', async (_name, testCase) => {
    const before = seen.length;
    const answer = await rawRequest(host.port, testCase.method, testCase.target, testCase.headers ?? {}, testCase.body);
    answers.push(`${answer.status}\n${[...answer.headers].join('\n')}\n${answer.body}`);
    expectProxyRuleOutcome(testCase, rules, answer, seen.slice(before));
    if (rules === 'worker' && testCase.refusedByWorkerRuntime) {
      expect(answer.status).toBe(500);
      return;
    }
    // And the host's own headers, on every answer whoever made it.
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toBe(csp ? CONTENT_SECURITY_POLICY : null);
  });
});
