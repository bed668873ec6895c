// The live/demo decision from the environment. Pure (no node: imports, no Vite), so a
// Worker can feed it its own bindings; the Vite plugin feeds it process.env and `.env`.
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, DEMO_TOKEN } from '../demo/catalog.ts';
import { demoSampleSessions } from '../demo/sessions.ts';
import { isAccountId } from '../../src/lib/ids.ts';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, type DemoInfo, type ProxyConfig } from './rules.ts';

/** The only variables the proxy reads. None starts with VITE_, so Vite never ships them to the browser. */
const PROXY_ENV_NAMES = [
  'CLOUDFLARE_API_TOKEN',
  'CLOUDFLARE_API_BASE_URL',
  'CLOUDFLARE_ACCOUNT_ID',
  'PEERSCOPE_ALLOW_REMOTE',
  'PEERSCOPE_PUBLIC_URL',
] as const;

/** Prefixes of the names above, for reading them from `.env` files. */
export const PROXY_ENV_PREFIXES = ['CLOUDFLARE_', 'PEERSCOPE_'] as const;

export type ProxyEnvName = (typeof PROXY_ENV_NAMES)[number];

export type ProxyEnvInput = Partial<Record<string, string | undefined>>;

const DEFAULT_UPSTREAM_BASE_URL = 'https://api.cloudflare.com/client/v4';

export type ProxyEnv =
  | { mode: 'live'; upstreamBaseUrl: string; token: string; defaultAccountId: string | null; publicUrl: string | null }
  | { mode: 'demo'; defaultAccountId: string; demo: DemoInfo; publicUrl: string | null };

export class ProxyEnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProxyEnvError';
  }
}

/**
 * Token set (after trimming) means live mode against CLOUDFLARE_API_BASE_URL; otherwise
 * demo mode. Throws ProxyEnvError with a message fit for a startup failure, never quoting the token.
 */
export function resolveProxyEnv(env: ProxyEnvInput): ProxyEnv {
  const token = env.CLOUDFLARE_API_TOKEN?.trim() ?? '';
  const publicUrl = publicBaseUrl(env.PEERSCOPE_PUBLIC_URL);
  if (token === '') {
    return { mode: 'demo', defaultAccountId: DEMO_ACCOUNT_ID, demo: demoInfo(), publicUrl };
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ProxyEnvError(
      'CLOUDFLARE_API_TOKEN contains spaces or characters that cannot go in an HTTP header; check how it was pasted.',
    );
  }

  const accountId = env.CLOUDFLARE_ACCOUNT_ID?.trim() ?? '';
  if (accountId !== '' && !isAccountId(accountId)) {
    throw new ProxyEnvError('CLOUDFLARE_ACCOUNT_ID must be 1-32 letters and digits (usually 32 hex characters).');
  }

  return {
    mode: 'live',
    upstreamBaseUrl: upstreamBaseUrl(env.CLOUDFLARE_API_BASE_URL),
    token,
    defaultAccountId: accountId === '' ? null : accountId,
    publicUrl,
  };
}

/** Picks only the proxy's names; a name present in processEnv wins over the file, even when empty. */
export function pickProxyEnv(processEnv: ProxyEnvInput, fileEnv: ProxyEnvInput): Record<ProxyEnvName, string | undefined> {
  const picked = {} as Record<ProxyEnvName, string | undefined>;
  for (const name of PROXY_ENV_NAMES) picked[name] = processEnv[name] ?? fileEnv[name];
  return picked;
}

export function liveProxyConfig(env: Extract<ProxyEnv, { mode: 'live' }>): ProxyConfig {
  return {
    mode: 'live',
    upstreamBaseUrl: env.upstreamBaseUrl,
    token: env.token,
    defaultAccountId: env.defaultAccountId,
    demo: null,
    upstreamTimeoutMs: DEFAULT_UPSTREAM_TIMEOUT_MS,
    publicUrl: env.publicUrl,
  };
}

/** Demo mode goes through the same proxy, with the demo token, to the built-in upstream. */
export function demoProxyConfig(env: Extract<ProxyEnv, { mode: 'demo' }>, demoUpstreamBaseUrl: string): ProxyConfig {
  return {
    mode: 'demo',
    upstreamBaseUrl: demoUpstreamBaseUrl.replace(/\/+$/, ''),
    token: DEMO_TOKEN,
    defaultAccountId: env.defaultAccountId,
    demo: env.demo,
    upstreamTimeoutMs: DEFAULT_UPSTREAM_TIMEOUT_MS,
    publicUrl: env.publicUrl,
  };
}

function demoInfo(): DemoInfo {
  return {
    accountId: DEMO_ACCOUNT_ID,
    appId: DEMO_APP_ID,
    peers: DEMO_PEERS.map(({ id, label, description }) => ({ id, label, description })),
    sessions: demoSampleSessions(),
  };
}

/** PEERSCOPE_PUBLIC_URL: an http(s) address with no query or credentials, without its trailing slash; null when unset. */
function publicBaseUrl(raw: string | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyEnvError('PEERSCOPE_PUBLIC_URL is not a URL; expected something like https://peerscope.example.com.');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new ProxyEnvError('PEERSCOPE_PUBLIC_URL must be an http(s) address without a user name, query (?) or fragment (#).');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function upstreamBaseUrl(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (value === '') return DEFAULT_UPSTREAM_BASE_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyEnvError(
      `CLOUDFLARE_API_BASE_URL is not a URL; expected something like ${DEFAULT_UPSTREAM_BASE_URL}.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ProxyEnvError(
      `CLOUDFLARE_API_BASE_URL must start with https:// or http://, like ${DEFAULT_UPSTREAM_BASE_URL}.`,
    );
  }
  // Credentials in the URL would end up in log lines and error messages that name the host.
  if (url.username !== '' || url.password !== '') {
    throw new ProxyEnvError('CLOUDFLARE_API_BASE_URL must not contain a user name or password.');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ProxyEnvError('CLOUDFLARE_API_BASE_URL must not contain a query (?) or fragment (#).');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
