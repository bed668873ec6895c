// Who may use the token: with a token set, only this machine, unless PEERSCOPE_ALLOW_REMOTE=1.
// Pure (no node: imports), so a Worker or another adapter can apply the same decision.
import { proxyError } from './rules.ts';

const ALLOW_REMOTE_ENV = 'PEERSCOPE_ALLOW_REMOTE';

export interface RemoteAccessPolicy {
  /** A real API token is set (live mode). The demo token guards nothing, so demo mode is open. */
  tokenSet: boolean;
  /** PEERSCOPE_ALLOW_REMOTE=1: the operator put an authenticating proxy in front. */
  allowRemote: boolean;
}

/** `1` or `true` (any case); anything else, including unset, keeps remote requests refused. */
export function isAllowRemote(value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  return text === '1' || text === 'true';
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * 127.0.0.0/8, ::1 and IPv4-mapped 127.x (`::ffff:127.0.0.1`), as Node reports a socket's
 * remote address. Anything else, including no address at all (a socket already gone), is not.
 */
function isLoopbackAddress(address: string | null | undefined): boolean {
  if (!address) return false;
  const text = address.trim().toLowerCase().replace(/%.*$/, '').replace(/^\[(.*)\]$/, '$1');
  if (IPV4_LOOPBACK.test(text)) return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(text);
  if (mapped?.[1] && IPV4_LOOPBACK.test(mapped[1])) return true;
  if (mapped?.[1] && /^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(mapped[1])) return true;
  return /^(?:0{0,4}:){2,7}0{0,3}1$/.test(text) || text === '::1';
}

/**
 * Whether the server listens only on this machine. `host` is Vite's `server.host` /
 * `preview.host` (undefined and false mean `localhost`; true and '' mean every interface)
 * or an address the server reports after listening.
 */
function isLoopbackListenHost(host: string | boolean | null | undefined): boolean {
  if (host === undefined || host === null || host === false) return true;
  if (host === true) return false;
  const text = host.trim().toLowerCase();
  if (text === 'localhost' || text.endsWith('.localhost')) return true;
  return isLoopbackAddress(text);
}

/**
 * Refuses a request from another machine while a token is set, unless the operator allowed
 * remote use. The listen host is not consulted: a server bound to localhost only ever sees
 * loopback peers anyway, and one reached some other way (middleware mode, a forwarded port)
 * is refused on the peer's address alone.
 */
export function remoteAccessDecision(remoteAddress: string | null | undefined, policy: RemoteAccessPolicy): 'allow' | 'refuse' {
  if (!policy.tokenSet || policy.allowRemote) return 'allow';
  return isLoopbackAddress(remoteAddress) ? 'allow' : 'refuse';
}

/** The start-up warning when a token meets a non-loopback listen address; null when there is nothing to say. */
export function remoteAccessWarning(listenHost: string | boolean | null | undefined, policy: RemoteAccessPolicy): string | null {
  if (!policy.tokenSet || isLoopbackListenHost(listenHost)) return null;
  const where = typeof listenHost === 'string' && listenHost.trim() !== '' ? listenHost : 'every interface';
  if (policy.allowRemote) {
    return (
      `Peerscope: listening on ${where} with CLOUDFLARE_API_TOKEN set and ${ALLOW_REMOTE_ENV}=1: anyone who can ` +
      'reach this server can read RealtimeKit data with the token. Keep an authenticating proxy in front of it.'
    );
  }
  return (
    `Peerscope: listening on ${where} with CLOUDFLARE_API_TOKEN set: requests from other machines are refused (403). ` +
    `Set ${ALLOW_REMOTE_ENV}=1 only behind an authenticating proxy.`
  );
}

/** The answer to a refused remote request: the proxy's own JSON error body. */
export function remoteRefusal(): Response {
  return proxyError(
    403,
    'remote_refused',
    `This Peerscope holds an API token and answers only on the machine it runs on. Its operator can set ${ALLOW_REMOTE_ENV}=1 behind an authenticating proxy.`,
  );
}
