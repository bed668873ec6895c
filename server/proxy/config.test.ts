import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, DEMO_TOKEN } from '../demo/catalog.ts';
import {
  demoProxyConfig,
  liveProxyConfig,
  pickProxyEnv,
  ProxyEnvError,
  resolveProxyEnv,
} from './config.ts';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, handleApiRequest } from './rules.ts';

const TOKEN = 'canary-token-Jm4vQ8';

describe('resolveProxyEnv', () => {
  it.each([{}, { CLOUDFLARE_API_TOKEN: '' }, { CLOUDFLARE_API_TOKEN: '   \n' }])('is demo mode without a token (%o)', (env) => {
    const resolved = resolveProxyEnv(env);
    expect(resolved.mode).toBe('demo');
    expect(resolved.defaultAccountId).toBe(DEMO_ACCOUNT_ID);
  });

  it('in demo mode uses the demo account even when CLOUDFLARE_ACCOUNT_ID is set, and lists every demo peer', () => {
    const resolved = resolveProxyEnv({ CLOUDFLARE_ACCOUNT_ID: 'abc123', CLOUDFLARE_API_BASE_URL: 'not a url' });
    if (resolved.mode !== 'demo') throw new Error('expected demo mode');
    expect(resolved.defaultAccountId).toBe(DEMO_ACCOUNT_ID);
    expect(resolved.demo.accountId).toBe(DEMO_ACCOUNT_ID);
    expect(resolved.demo.appId).toBe(DEMO_APP_ID);
    expect(resolved.demo.peers).toEqual(DEMO_PEERS.map(({ id, label, description }) => ({ id, label, description })));
  });

  it('is live mode against the Cloudflare API by default when a token is set', () => {
    expect(resolveProxyEnv({ CLOUDFLARE_API_TOKEN: `  ${TOKEN}\n` })).toEqual({
      mode: 'live',
      upstreamBaseUrl: 'https://api.cloudflare.com/client/v4',
      token: TOKEN,
      defaultAccountId: null,
      publicUrl: null,
    });
  });

  it('takes PEERSCOPE_PUBLIC_URL as the base of shared links, in either mode, and refuses one that is not an address', () => {
    expect(resolveProxyEnv({ PEERSCOPE_PUBLIC_URL: ' https://peerscope.example.com/ ' }).publicUrl).toBe('https://peerscope.example.com');
    expect(resolveProxyEnv({ CLOUDFLARE_API_TOKEN: TOKEN, PEERSCOPE_PUBLIC_URL: 'https://example.com/tools/peerscope/' }).publicUrl).toBe(
      'https://example.com/tools/peerscope',
    );
    for (const bad of ['peerscope.example.com', 'ftp://example.com', 'https://user:pw@example.com', 'https://example.com/?x=1']) {
      expect(() => resolveProxyEnv({ PEERSCOPE_PUBLIC_URL: bad }), bad).toThrow(/PEERSCOPE_PUBLIC_URL/);
    }
  });

  it('takes the base URL without its trailing slash, and the default account', () => {
    const resolved = resolveProxyEnv({
      CLOUDFLARE_API_TOKEN: TOKEN,
      CLOUDFLARE_API_BASE_URL: 'http://127.0.0.1:8787/client/v4//',
      CLOUDFLARE_ACCOUNT_ID: ' 0123456789abcdef0123456789abcdef ',
    });
    expect(resolved).toMatchObject({
      upstreamBaseUrl: 'http://127.0.0.1:8787/client/v4',
      defaultAccountId: '0123456789abcdef0123456789abcdef',
    });
  });

  it('falls back to the default base URL when the variable is empty', () => {
    expect(resolveProxyEnv({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: ' ' })).toMatchObject({
      upstreamBaseUrl: 'https://api.cloudflare.com/client/v4',
    });
  });

  it.each([
    ['not a URL', 'api.cloudflare.com/client/v4', /not a URL/],
    ['another scheme', 'ftp://api.example/client/v4', /https:\/\/ or http:\/\//],
    ['credentials', 'https://user:pass@api.example/client/v4', /user name or password/],
    ['a query', 'https://api.example/client/v4?x=1', /query/],
  ])('refuses a base URL with %s, naming the variable', (_name, value, message) => {
    const resolve = () => resolveProxyEnv({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_BASE_URL: value });
    expect(resolve).toThrow(ProxyEnvError);
    expect(resolve).toThrow(/CLOUDFLARE_API_BASE_URL/);
    expect(resolve).toThrow(message);
  });

  it('refuses a token that cannot be sent as a header, without quoting it', () => {
    const secret = 'abc def-secret';
    let message = '';
    try {
      resolveProxyEnv({ CLOUDFLARE_API_TOKEN: secret });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/CLOUDFLARE_API_TOKEN/);
    expect(message).not.toContain('def-secret');
  });

  it('refuses a default account ID that the form would refuse', () => {
    expect(() => resolveProxyEnv({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: 'a'.repeat(33) })).toThrow(
      /CLOUDFLARE_ACCOUNT_ID/,
    );
  });
});

describe('pickProxyEnv', () => {
  it('reads only the proxy names, process env winning over the file, even when empty', () => {
    const picked = pickProxyEnv(
      { CLOUDFLARE_API_TOKEN: '', PATH: '/usr/bin', VITE_CLOUDFLARE_API_TOKEN: 'x' },
      { CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_ACCOUNT_ID: 'abc', OTHER: 'y', PEERSCOPE_ALLOW_REMOTE: '1', PEERSCOPE_E2E: '1' },
    );
    expect(Object.entries(picked)).toEqual([
      ['CLOUDFLARE_API_TOKEN', ''],
      ['CLOUDFLARE_API_BASE_URL', undefined],
      ['CLOUDFLARE_ACCOUNT_ID', 'abc'],
      ['PEERSCOPE_ALLOW_REMOTE', '1'],
      ['PEERSCOPE_PUBLIC_URL', undefined],
    ]);
  });
});

describe('proxy configs', () => {
  it('live mode forwards with the configured token and the 45 s timeout', () => {
    const resolved = resolveProxyEnv({ CLOUDFLARE_API_TOKEN: TOKEN });
    if (resolved.mode !== 'live') throw new Error('expected live mode');
    expect(liveProxyConfig(resolved)).toEqual({
      mode: 'live',
      upstreamBaseUrl: 'https://api.cloudflare.com/client/v4',
      token: TOKEN,
      defaultAccountId: null,
      demo: null,
      upstreamTimeoutMs: 45_000,
      publicUrl: null,
    });
    expect(DEFAULT_UPSTREAM_TIMEOUT_MS).toBeGreaterThan(30_000);
  });

  it('demo mode forwards to the built-in upstream with the demo token', () => {
    const resolved = resolveProxyEnv({});
    if (resolved.mode !== 'demo') throw new Error('expected demo mode');
    const config = demoProxyConfig(resolved, 'http://127.0.0.1:40123/client/v4/');
    expect(config).toMatchObject({
      mode: 'demo',
      upstreamBaseUrl: 'http://127.0.0.1:40123/client/v4',
      token: DEMO_TOKEN,
      defaultAccountId: DEMO_ACCOUNT_ID,
    });
    expect(config.demo?.peers.length).toBe(DEMO_PEERS.length);
  });
});

describe('the public address in /api/config', () => {
  it('is there when PEERSCOPE_PUBLIC_URL is set, and absent otherwise', async () => {
    const config = async (env: Record<string, string>) => {
      const resolved = resolveProxyEnv(env);
      if (resolved.mode !== 'demo') throw new Error('expected demo mode');
      const answer = await handleApiRequest(new Request('http://localhost/api/config'), demoProxyConfig(resolved, 'http://127.0.0.1:9/client/v4'));
      return (await answer.json()) as Record<string, unknown>;
    };
    expect((await config({ PEERSCOPE_PUBLIC_URL: 'https://peerscope.example.com' })).publicUrl).toBe('https://peerscope.example.com');
    expect(await config({})).not.toHaveProperty('publicUrl');
  });
});
