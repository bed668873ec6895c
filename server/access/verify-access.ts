// Cloudflare Access in front of a Peerscope Worker: every request must carry the JWT that
// Access adds after a login (`Cf-Access-Jwt-Assertion`), signed by one of the team's keys,
// for this application (aud), from this team (iss), not expired. Pure over the Fetch API
// (no node: imports), so it runs in the Worker and in Node tests alike.
import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose';

const ACCESS_JWT_HEADER = 'cf-access-jwt-assertion';

/** Access signs application tokens with RSA keys; any other algorithm is refused outright. */
const ACCESS_ALGORITHMS = ['RS256'];

/** The team's published signing keys. */
const ACCESS_CERTS_PATH = '/cdn-cgi/access/certs';

export interface AccessSettings {
  /** The team domain as an origin, e.g. `https://your-team.cloudflareaccess.com`; also the tokens' issuer. */
  teamDomain: string;
  /** The Access application's Application Audience (AUD) tag. */
  audience: string;
}

export type AccessSettingsResult =
  | { kind: 'configured'; settings: AccessSettings }
  | { kind: 'absent' }
  | { kind: 'invalid'; message: string };

export interface AccessEnv {
  ACCESS_TEAM_DOMAIN?: string | undefined;
  ACCESS_AUD?: string | undefined;
}

/**
 * Both set: Access is enforced. Neither: absent (the caller decides whether that may run).
 * One without the other, or a value that cannot be right: invalid, never silently open.
 */
export function accessSettingsFromEnv(env: AccessEnv): AccessSettingsResult {
  const domain = env.ACCESS_TEAM_DOMAIN?.trim() ?? '';
  const audience = env.ACCESS_AUD?.trim() ?? '';
  if (domain === '' && audience === '') return { kind: 'absent' };
  if (domain === '' || audience === '') {
    return { kind: 'invalid', message: 'ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together (or neither).' };
  }
  if (!/^[\x21-\x7e]+$/.test(audience)) {
    return { kind: 'invalid', message: 'ACCESS_AUD must be the Access application’s Application Audience (AUD) tag.' };
  }
  const teamDomain = teamDomainOrigin(domain);
  if (teamDomain === null) {
    return {
      kind: 'invalid',
      message: 'ACCESS_TEAM_DOMAIN must be your team domain, like your-team.cloudflareaccess.com (https only).',
    };
  }
  return { kind: 'configured', settings: { teamDomain, audience } };
}

/**
 * `your-team.cloudflareaccess.com` or `https://your-team.cloudflareaccess.com[/]`, as an
 * origin. Plain http only for a loopback host: a key endpoint on this machine, for tests.
 */
function teamDomainOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    return null;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  if (url.pathname !== '/' && url.pathname !== '') return null;
  return url.origin;
}

export type AccessFailure =
  | 'missing_token'
  | 'malformed_token'
  | 'bad_signature'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'invalid_claims'
  | 'keys_unavailable';

export type AccessResult = { ok: true; subject: string | null; email: string | null } | { ok: false; failure: AccessFailure };

export interface AccessVerifier {
  verify(request: Request): Promise<AccessResult>;
}

export interface AccessVerifierOptions {
  /** How long fetched keys are trusted before they are fetched again. Default 10 minutes. */
  keysMaxAgeMs?: number;
  /** After a fetch, an unknown key ID does not trigger another one for this long. Default 30 s. */
  refetchCooldownMs?: number;
  /** Give up on the key endpoint after this long. Default 5 s. */
  keysTimeoutMs?: number;
}

/**
 * One verifier per team and application, kept for the life of the process (a Worker
 * isolate): the keys are fetched once and reused until they are older than keysMaxAgeMs,
 * or a token names a key ID the cached set lacks (Access rotates its keys) and the
 * cooldown has passed.
 */
export function createAccessVerifier(settings: AccessSettings, options: AccessVerifierOptions = {}): AccessVerifier {
  const keys = createRemoteJWKSet(new URL(ACCESS_CERTS_PATH, settings.teamDomain), {
    cacheMaxAge: options.keysMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.refetchCooldownMs ?? 30_000,
    timeoutDuration: options.keysTimeoutMs ?? 5_000,
    [customFetch]: fetchKeys,
  });

  return {
    async verify(request) {
      const token = request.headers.get(ACCESS_JWT_HEADER)?.trim() ?? '';
      if (token === '') return { ok: false, failure: 'missing_token' };
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer: settings.teamDomain,
          audience: settings.audience,
          algorithms: ACCESS_ALGORITHMS,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        return { ok: false, failure: failureOf(error) };
      }
      return {
        ok: true,
        subject: typeof payload.sub === 'string' ? payload.sub : null,
        email: typeof payload.email === 'string' ? payload.email : null,
      };
    },
  };
}

/** The key endpoint could not be asked at all. */
class KeyFetchFailed extends Error {
  constructor(cause: unknown) {
    super('The Access key endpoint could not be reached.', { cause });
    this.name = 'KeyFetchFailed';
  }
}

/**
 * The keys are fetched through here so that a failed fetch is known by where it happened,
 * not by what the runtime threw: Node's fetch rejects with a TypeError, workerd's with a
 * plain Error ("Network connection lost."), a timeout with a DOMException. Any of them is
 * the server's problem (503), never the requester's token (403).
 */
async function fetchKeys(url: string, init: RequestInit): Promise<Response> {
  try {
    // A plain call: workerd's fetch refuses to run with another object as `this`.
    return await fetch(url, init);
  } catch (error) {
    throw new KeyFetchFailed(error);
  }
}

function failureOf(error: unknown): AccessFailure {
  if (error instanceof KeyFetchFailed) return 'keys_unavailable';
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return 'invalid_claims';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'malformed_token';
  }
  // The key endpoint answered something that is no key set (not 200, not JSON, no keys).
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof errors.JOSEError) {
    return 'keys_unavailable';
  }
  return 'malformed_token';
}

/** A failure the requester caused (403), as against one on the server's side (503). */
export function isServerSideFailure(failure: AccessFailure): boolean {
  return failure === 'keys_unavailable';
}

export const ACCESS_FAILURE_MESSAGES: Readonly<Record<AccessFailure, string>> = {
  missing_token: 'This Peerscope is behind Cloudflare Access and the request carries no Access token. Sign in through the team’s Access login.',
  malformed_token: 'The Cloudflare Access token is not a valid token.',
  bad_signature: 'The Cloudflare Access token is not signed by this team’s keys.',
  unknown_key: 'The Cloudflare Access token is signed with a key this team does not publish.',
  expired: 'The Cloudflare Access token has expired. Reload the page to sign in again.',
  not_yet_valid: 'The Cloudflare Access token is not valid yet.',
  wrong_audience: 'The Cloudflare Access token is for another application.',
  wrong_issuer: 'The Cloudflare Access token is from another team.',
  invalid_claims: 'The Cloudflare Access token’s claims are not acceptable.',
  keys_unavailable: 'The team’s Cloudflare Access signing keys could not be fetched; try again shortly.',
};
