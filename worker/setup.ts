// What a Peerscope Worker does, decided once from its bindings: live or demo, Access or
// not, or a configuration it refuses to serve. Pure: the Worker's bindings in, no I/O.
import { accessSettingsFromEnv, createAccessVerifier, type AccessEnv, type AccessVerifier } from '../server/access/verify-access.ts';
import { DEMO_TOKEN } from '../server/demo/catalog.ts';
import { createDemoFetch, DEMO_FETCH_BASE_URL } from '../server/demo/demo-fetch.ts';
import { demoProxyConfig, liveProxyConfig, ProxyEnvError, resolveProxyEnv } from '../server/proxy/config.ts';
import type { ProxyConfig } from '../server/proxy/rules.ts';

/** The static assets binding (`assets.binding` in wrangler.jsonc). */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/** The Worker's bindings: vars from wrangler.jsonc or `--var`, the token as a secret. */
export interface WorkerEnv extends AccessEnv {
  ASSETS: AssetFetcher;
  CLOUDFLARE_API_TOKEN?: string;
  CLOUDFLARE_API_BASE_URL?: string;
  CLOUDFLARE_ACCOUNT_ID?: string;
  /** `1`: serve live data with no Access in front (something else authenticates every request). */
  ALLOW_UNAUTHENTICATED?: string;
  /** `1`: the demo upstream also answers the benchmark's long-call peers. */
  PEERSCOPE_BENCH?: string;
  /** The base of shared links; by default the page's own origin, the Worker's when deployed. */
  PEERSCOPE_PUBLIC_URL?: string;
}

export type WorkerSetup =
  | {
      kind: 'ready';
      /** Null: no Access in front (demo mode, or live with ALLOW_UNAUTHENTICATED=1). */
      access: AccessVerifier | null;
      proxy: ProxyConfig;
      fetchUpstream: typeof fetch;
    }
  | {
      kind: 'misconfigured';
      /** Still checked first when it could be set up, so only the team learns what is wrong. */
      access: AccessVerifier | null;
      /** Fit for the page and the log; never quotes the token. */
      message: string;
      token: string | null;
    };

function isExplicitlyOn(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  return text === '1' || text === 'true';
}

export function createWorkerSetup(env: WorkerEnv): WorkerSetup {
  const token = env.CLOUDFLARE_API_TOKEN?.trim() || null;

  const accessSettings = accessSettingsFromEnv(env);
  if (accessSettings.kind === 'invalid') return { kind: 'misconfigured', access: null, message: accessSettings.message, token };
  const access = accessSettings.kind === 'configured' ? createAccessVerifier(accessSettings.settings) : null;

  let proxyEnv: ReturnType<typeof resolveProxyEnv>;
  try {
    proxyEnv = resolveProxyEnv({
      CLOUDFLARE_API_TOKEN: env.CLOUDFLARE_API_TOKEN,
      CLOUDFLARE_API_BASE_URL: env.CLOUDFLARE_API_BASE_URL,
      CLOUDFLARE_ACCOUNT_ID: env.CLOUDFLARE_ACCOUNT_ID,
      PEERSCOPE_PUBLIC_URL: env.PEERSCOPE_PUBLIC_URL,
    });
  } catch (error) {
    if (!(error instanceof ProxyEnvError)) throw error;
    return { kind: 'misconfigured', access, message: error.message, token };
  }

  if (proxyEnv.mode === 'demo') {
    return {
      kind: 'ready',
      access,
      proxy: demoProxyConfig(proxyEnv, DEMO_FETCH_BASE_URL),
      // One demo upstream per isolate, so the rate-limited peer remembers its first request.
      fetchUpstream: createDemoFetch({ token: DEMO_TOKEN, benchPeers: isExplicitlyOn(env.PEERSCOPE_BENCH) }),
    };
  }

  if (!access && !isExplicitlyOn(env.ALLOW_UNAUTHENTICATED)) {
    return {
      kind: 'misconfigured',
      access: null,
      message:
        'This Peerscope holds an API token but no Cloudflare Access settings, so anyone who finds it could use the token. ' +
        'Set ACCESS_TEAM_DOMAIN and ACCESS_AUD (docs/access.md), or ALLOW_UNAUTHENTICATED=1 if something else ' +
        'authenticates every request.',
      token,
    };
  }

  return {
    kind: 'ready',
    access,
    proxy: liveProxyConfig(proxyEnv),
    // A plain call: the runtime's fetch refuses to run with another object as `this`.
    fetchUpstream: (input, init) => fetch(input, init),
  };
}
