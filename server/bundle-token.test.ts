// The built app must not carry the API token: nothing reads it on the browser side, and
// only VITE_-prefixed variables are inlined. This builds with a canary token set and reads
// every file the browser could be served; then it serves that build with `vite preview` in
// live mode, the canary as the token, against the demo upstream standing in for the
// Cloudflare API (it accepts only that token), and looks for the canary in every page
// resource, every /api answer (status line, headers, body) and every log line.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { build, preview } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, demoPeerByKey } from './demo/catalog.ts';
import { startDemoUpstream } from './demo/upstream.ts';
import { CONTENT_SECURITY_POLICY } from './proxy/security-headers.ts';
import { captureConsole, captureLogger, filesUnder, removeTempDir, tempDir } from './test-support/servers.ts';

const CANARY = 'canary-bundle-TOKEN-8d2f61c0e4';
const root = resolve(import.meta.dirname, '..');
const outDir = tempDir('peerscope-build-');
const GOOD = demoPeerByKey('good-call').id;

function reportPath(peer: string, query = '', account = DEMO_ACCOUNT_ID, app = DEMO_APP_ID): string {
  return `/api/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}${query}`;
}

afterAll(() => {
  removeTempDir(outDir);
});

describe('built bundle', () => {
  it('contains no trace of the API token', { timeout: 120_000 }, async () => {
    vi.stubEnv('CLOUDFLARE_API_TOKEN', CANARY);
    try {
      await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      vi.unstubAllEnvs();
    }
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('index.html'))).toBe(true);
    for (const file of files) {
      expect(readFileSync(file, 'latin1').includes(CANARY), file).toBe(false);
    }
  });

  it('has no inline script, so the preview CSP (script-src \'self\') lets it run', () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', body = ''] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/[^"]+"/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<style\b/i);
  });

  it('served by vite preview in live mode, shows the token in no resource, /api answer or log line', { timeout: 60_000 }, async () => {
    const logLines: string[] = [];
    const consoleCapture = captureConsole();
    const upstream = await startDemoUpstream({ token: CANARY, log: (line) => logLines.push(`upstream: ${line}`), slowAnswerMs: 500 });
    vi.stubEnv('CLOUDFLARE_API_TOKEN', CANARY);
    vi.stubEnv('CLOUDFLARE_API_BASE_URL', upstream.baseUrl);
    vi.stubEnv('CLOUDFLARE_ACCOUNT_ID', DEMO_ACCOUNT_ID);
    vi.stubEnv('PEERSCOPE_ALLOW_REMOTE', '');
    const server = await preview({
      root,
      configFile: join(root, 'vite.config.ts'),
      customLogger: captureLogger(logLines).logger,
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    }).finally(() => vi.unstubAllEnvs());

    const seen: string[] = [];
    const statuses = new Map<string, number>();
    try {
      const address = server.httpServer.address();
      if (!address || typeof address === 'string') throw new Error('preview is not listening');
      const origin = `http://127.0.0.1:${address.port}`;
      const request = async (target: string, init: RequestInit = {}): Promise<Response | null> => {
        const label = `${init.method ?? 'GET'} ${target}`;
        try {
          const response = await fetch(`${origin}${target}`, { redirect: 'manual', signal: AbortSignal.timeout(3_000), ...init });
          const body = await response.text();
          if (!statuses.has(label)) statuses.set(label, response.status);
          seen.push(`${label} -> ${response.status} ${response.statusText}\n${[...response.headers].join('\n')}\n${body}`);
          return response;
        } catch {
          // The demo's never-answering peer: the browser gives up, which is its own path through the proxy.
          if (!statuses.has(label)) statuses.set(label, 0);
          return null;
        }
      };

      // The page and everything it can load: each built file by its URL, and the SPA entry with a lookup in it.
      const page = await request('/');
      expect(page?.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      await request(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=${GOOD}&peerEvents=1`);
      for (const file of filesUnder(outDir)) await request(`/${relative(outDir, file).split('\\').join('/')}`);

      // Every demo peer, as the page asks for it, all at once.
      await Promise.all(
        DEMO_PEERS.map((peer) =>
          request(reportPath(peer.id, '?filters=device_info,ip_information,precall_network_information,events,quality_stats&include_peer_events=true')),
        ),
      );
      await request(reportPath(GOOD));
      await request(reportPath(GOOD), { method: 'HEAD' });
      await request('/api/config');
      // Bad paths, other methods, other sites.
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        await request(reportPath(GOOD), { method, body: method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{}' : undefined });
        await request('/api/config', { method });
      }
      for (const target of [
        '/api',
        '/api/nope',
        reportPath('not-a-uuid'),
        reportPath(GOOD, '', 'bad-account!'),
        reportPath(GOOD, '', DEMO_ACCOUNT_ID, 'bad.app'),
        reportPath(GOOD, '?filters=secrets'),
        reportPath(GOOD, '?include_peer_events=maybe'),
        reportPath('00000000-0000-4000-8000-000000000000'),
        reportPath(GOOD, '', '0123456789abcdef0123456789abcdef'),
        `${reportPath(GOOD)}/..%2f..%2f`,
      ]) {
        await request(target);
      }
      await request(reportPath(GOOD), { headers: { 'sec-fetch-site': 'cross-site' } });
    } finally {
      await server.close();
      await upstream.close();
      consoleCapture.restore();
    }

    // The canary really was the token: the upstream accepted it, so reports came back.
    expect(statuses.get(`GET ${reportPath(GOOD)}`)).toBe(200);
    expect(statuses.get(`HEAD ${reportPath(GOOD)}`)).toBe(200);
    expect(statuses.get(`GET ${reportPath(demoPeerByKey('error-429').id, '?filters=device_info,ip_information,precall_network_information,events,quality_stats&include_peer_events=true')}`)).toBe(429);
    expect(statuses.get(`POST ${reportPath(GOOD)}`)).toBe(405);
    expect(seen.length).toBeGreaterThan(DEMO_PEERS.length + 20);
    expect(logLines.some((line) => line.startsWith('upstream: GET'))).toBe(true);

    const leaks = [...seen, ...logLines, ...consoleCapture.lines].filter((text) => text.includes(CANARY));
    expect(leaks).toEqual([]);
  });
});
