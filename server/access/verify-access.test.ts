// Access verification against a key pair made here and a key endpoint on this machine that
// counts how often it is asked, standing in for https://<team>.cloudflareaccess.com/cdn-cgi/access/certs.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  accessSettingsFromEnv,
  createAccessVerifier,
  isServerSideFailure,
  type AccessSettings,
} from './verify-access.ts';

const AUD = '4714c1358e65fe4b408ad6d432a5f878f08194bdb6f2e5d4a2e2b3d2c1f0e9d8';
const KID = 'peerscope-test-key';

let server: Server;
let teamDomain: string;
let publicJwk: JWK;
let privateKey: CryptoKey;
let strangerKey: CryptoKey;
let certsFetches = 0;
let certsStatus = 200;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  // Another key pair: what a forger would sign with.
  strangerKey = (await generateKeyPair('RS256')).privateKey;

  server = createServer((req, res) => {
    if (req.url !== '/cdn-cgi/access/certs') {
      res.writeHead(404).end();
      return;
    }
    certsFetches += 1;
    res.writeHead(certsStatus, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [publicJwk], public_cert: { kid: KID, cert: '' }, public_certs: [] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  teamDomain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

beforeEach(() => {
  certsFetches = 0;
  certsStatus = 200;
});

interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  audience?: string | string[];
  issuer?: string;
  expiresAt?: number;
  withoutExpiry?: boolean;
}

async function accessToken(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ email: 'ada@example.com', type: 'app', identity_nonce: 'n0nce', country: 'GB' })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID })
    .setSubject('7335d417-61da-459d-899c-0a01c76a2f94')
    .setIssuer(options.issuer ?? teamDomain)
    .setAudience(options.audience ?? [AUD])
    .setIssuedAt(now - 60)
    .setNotBefore(now - 60);
  if (!options.withoutExpiry) jwt.setExpirationTime(options.expiresAt ?? now + 3600);
  return jwt.sign(options.key ?? privateKey);
}

function request(token?: string): Request {
  return new Request('https://peerscope.example/api/config', token === undefined ? {} : { headers: { 'cf-access-jwt-assertion': token } });
}

function settings(): AccessSettings {
  return { teamDomain, audience: AUD };
}

describe('createAccessVerifier', () => {
  it('lets a valid token through and names who it is', async () => {
    const result = await createAccessVerifier(settings()).verify(request(await accessToken()));
    expect(result).toEqual({ ok: true, subject: '7335d417-61da-459d-899c-0a01c76a2f94', email: 'ada@example.com' });
  });

  it('refuses a request without the header, without fetching keys', async () => {
    const verifier = createAccessVerifier(settings());
    expect(await verifier.verify(request())).toEqual({ ok: false, failure: 'missing_token' });
    expect(await verifier.verify(request('  '))).toEqual({ ok: false, failure: 'missing_token' });
    expect(certsFetches).toBe(0);
  });

  it('refuses a token for another application', async () => {
    const result = await createAccessVerifier(settings()).verify(request(await accessToken({ audience: ['another-app-aud'] })));
    expect(result).toEqual({ ok: false, failure: 'wrong_audience' });
  });

  it('refuses an expired token', async () => {
    const token = await accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 5 });
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'expired' });
  });

  it('refuses a token without an expiry', async () => {
    const token = await accessToken({ withoutExpiry: true });
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'invalid_claims' });
  });

  it('refuses a token from another team', async () => {
    const token = await accessToken({ issuer: 'https://other-team.cloudflareaccess.com' });
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'wrong_issuer' });
  });

  it('refuses a token signed by another key under the team’s key ID', async () => {
    const token = await accessToken({ key: strangerKey });
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'bad_signature' });
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [header, payload] = (await accessToken()).split('.');
    const other = (await accessToken({ audience: [AUD, 'x'] })).split('.')[2];
    expect(await createAccessVerifier(settings()).verify(request(`${header}.${payload}.${other}`))).toEqual({
      ok: false,
      failure: 'bad_signature',
    });
  });

  it('refuses a token naming a key the team does not publish', async () => {
    const token = await accessToken({ key: strangerKey, kid: 'not-a-team-key' });
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'unknown_key' });
  });

  it.each([
    ['garbage', 'not-a-jwt'],
    ['an unsigned token', `${btoa('{"alg":"none"}')}.${btoa(`{"aud":"${AUD}","exp":9999999999}`)}.`],
    ['an HMAC token', 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.c2lnbmF0dXJl'],
  ])('refuses %s', async (_name, token) => {
    expect(await createAccessVerifier(settings()).verify(request(token))).toEqual({ ok: false, failure: 'malformed_token' });
  });

  it('fetches the keys once and reuses them for every later request', async () => {
    const verifier = createAccessVerifier(settings());
    const token = await accessToken();
    const results = await Promise.all(Array.from({ length: 5 }, () => verifier.verify(request(token))));
    for (let i = 0; i < 5; i += 1) results.push(await verifier.verify(request(await accessToken())));
    results.push(await verifier.verify(request(await accessToken({ key: strangerKey }))));
    expect(results.filter((result) => result.ok)).toHaveLength(10);
    expect(certsFetches).toBe(1);
  });

  it('fetches the keys again once they are older than the cache allows', async () => {
    const verifier = createAccessVerifier(settings(), { keysMaxAgeMs: 50 });
    const token = await accessToken();
    await verifier.verify(request(token));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect((await verifier.verify(request(token))).ok).toBe(true);
    expect(certsFetches).toBe(2);
  });

  it('does not fetch again on every unknown key ID (cooldown)', async () => {
    const verifier = createAccessVerifier(settings());
    await verifier.verify(request(await accessToken()));
    for (let i = 0; i < 3; i += 1) await verifier.verify(request(await accessToken({ kid: `rotated-${i}` })));
    expect(certsFetches).toBe(1);
  });

  it('fails closed, as a server-side problem, when the keys cannot be fetched', async () => {
    certsStatus = 500;
    const result = await createAccessVerifier(settings()).verify(request(await accessToken()));
    expect(result).toEqual({ ok: false, failure: 'keys_unavailable' });
    expect(isServerSideFailure('keys_unavailable')).toBe(true);
    expect(isServerSideFailure('bad_signature')).toBe(false);

    const unreachable = createAccessVerifier({ teamDomain: 'http://127.0.0.1:1', audience: AUD });
    expect(await unreachable.verify(request(await accessToken({ issuer: 'http://127.0.0.1:1' })))).toEqual({
      ok: false,
      failure: 'keys_unavailable',
    });
  });

  it('calls any failure of the key fetch server-side, whatever the runtime throws', async () => {
    // workerd rejects a refused connection with a plain Error, Node with a TypeError.
    for (const thrown of [new Error('Network connection lost.'), new TypeError('fetch failed'), new RangeError('odd')]) {
      vi.stubGlobal('fetch', () => Promise.reject(thrown));
      try {
        const result = await createAccessVerifier(settings()).verify(request(await accessToken()));
        expect(result, thrown.message).toEqual({ ok: false, failure: 'keys_unavailable' });
      } finally {
        vi.unstubAllGlobals();
      }
    }
    expect(certsFetches).toBe(0);
  });
});

describe('accessSettingsFromEnv', () => {
  it('is absent when neither is set', () => {
    expect(accessSettingsFromEnv({})).toEqual({ kind: 'absent' });
    expect(accessSettingsFromEnv({ ACCESS_TEAM_DOMAIN: ' ', ACCESS_AUD: '' })).toEqual({ kind: 'absent' });
  });

  it.each([
    ['your-team.cloudflareaccess.com', 'https://your-team.cloudflareaccess.com'],
    ['https://your-team.cloudflareaccess.com', 'https://your-team.cloudflareaccess.com'],
    [' https://your-team.cloudflareaccess.com/ ', 'https://your-team.cloudflareaccess.com'],
    ['http://127.0.0.1:4321', 'http://127.0.0.1:4321'],
  ])('takes %j as the team domain %s', (domain, origin) => {
    expect(accessSettingsFromEnv({ ACCESS_TEAM_DOMAIN: domain, ACCESS_AUD: AUD })).toEqual({
      kind: 'configured',
      settings: { teamDomain: origin, audience: AUD },
    });
  });

  it.each([
    [{ ACCESS_TEAM_DOMAIN: 'your-team.cloudflareaccess.com' }, /set together/],
    [{ ACCESS_AUD: AUD }, /set together/],
    [{ ACCESS_TEAM_DOMAIN: 'http://your-team.cloudflareaccess.com', ACCESS_AUD: AUD }, /https only/],
    [{ ACCESS_TEAM_DOMAIN: 'https://your-team.cloudflareaccess.com/cdn-cgi/access/certs', ACCESS_AUD: AUD }, /team domain/],
    [{ ACCESS_TEAM_DOMAIN: 'https://user:pw@your-team.cloudflareaccess.com', ACCESS_AUD: AUD }, /team domain/],
    [{ ACCESS_TEAM_DOMAIN: 'your team', ACCESS_AUD: AUD }, /team domain/],
    [{ ACCESS_TEAM_DOMAIN: 'your-team.cloudflareaccess.com', ACCESS_AUD: 'two words' }, /AUD/],
  ])('refuses %j', (env, message) => {
    const result = accessSettingsFromEnv(env);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.message).toMatch(message);
  });
});
