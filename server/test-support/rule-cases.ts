// The proxy rules as a table of requests and what must come of them, for tests only. One
// table, run against the rules themselves (server/proxy/rules.test.ts) and through every host that
// carries them: Vite dev, Vite preview and the Worker in workerd (server/proxy-hosts.test.ts).
// Every host runs in live mode with CASE_TOKEN, against a stand-in upstream that answers
// with standInAnswer and records what it was sent.
import { expect } from 'vitest';
import { demoPeerByKey } from '../demo/catalog.ts';
import type { ProxyErrorCode } from '../proxy/rules.ts';

export const CASE_TOKEN = 'canary-RULES-4c1e8b27d9f3';
export const CASE_ACCOUNT = '0123456789abcdef0123456789abcdef';
export const CASE_APP = '14a396e7-ca44-4937-bf1f-050a69118543';
export const CASE_PEER = demoPeerByKey('good-call').id;
/** The stand-in upstream answers this peer with a redirect that would carry the token away. */
export const REDIRECT_PEER = '00000000-0000-4000-8000-000000000302';
/** ...and this one with a gateway's HTML error page. */
export const HTML_PEER = '00000000-0000-4000-8000-000000000502';

const CASE_SESSION = 'b2f0c8a4-3d1e-4f5a-9c7b-6e2d1a0f9c83';

export const CASE_ROUTE = `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`;
/** Where the allowlisted route goes, under the upstream base's path. */
export const UPSTREAM_ROUTE = `/client/v4/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`;

// The session routes, written out: the app's sessions, one session, its participants, one of them.
const SESSIONS = `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions`;
const SESSION = `${SESSIONS}/${CASE_SESSION}`;
const PARTICIPANTS = `${SESSION}/participants`;
const PARTICIPANT = `${PARTICIPANTS}/${CASE_PEER}`;
const UPSTREAM_SESSIONS = `/client/v4/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions`;
const UPSTREAM_SESSION = `${UPSTREAM_SESSIONS}/${CASE_SESSION}`;
const UPSTREAM_PARTICIPANTS = `${UPSTREAM_SESSION}/participants`;
const UPSTREAM_PARTICIPANT = `${UPSTREAM_PARTICIPANTS}/${CASE_PEER}`;

/** Credentials and forwarding headers a browser (or an attacker) sends that must never reach the upstream. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  authorization: 'Bearer browser-token',
  cookie: 'sid=browser-session',
  'proxy-authorization': 'Basic YnJvd3Nlcjpwdw==',
  'x-forwarded-for': '203.0.113.9',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'for=203.0.113.9;host=evil.example',
  'x-real-ip': '203.0.113.9',
  via: '1.1 evil-proxy',
  'x-custom': 'browser-custom',
};

export interface StandInAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** What the stand-in for the Cloudflare API answers to `target` (path and query). */
export function standInAnswer(target: string): StandInAnswer {
  if (target.includes(REDIRECT_PEER)) {
    return { status: 302, headers: [['location', 'http://127.0.0.1:1/steal']], body: '' };
  }
  if (target.includes(HTML_PEER)) {
    return { status: 502, headers: [['content-type', 'text/html']], body: '<html>502 Bad Gateway</html>' };
  }
  const peer = target.split('?')[0]?.split('/').pop() ?? '';
  return {
    status: 200,
    headers: [
      ['content-type', 'application/json'],
      ['retry-after', '3'],
      ['cf-ray', '8a1b2c3d4e5f-LHR'],
      ['set-cookie', '__cf_bm=upstream; HttpOnly'],
      ['set-cookie', 'other=1'],
      ['cache-control', 'public, max-age=600'],
      ['access-control-allow-origin', '*'],
      ['x-upstream-internal', 'yes'],
    ],
    body: JSON.stringify({ success: true, data: { participant: { id: peer } } }),
  };
}

export interface UpstreamRecord {
  method: string;
  /** Path and query as the upstream received them. */
  target: string;
  headers: Record<string, string>;
}

type ProxyAnswer =
  | {
      /** The rules answered themselves. */
      source: 'proxy';
      status: number;
      code: ProxyErrorCode;
      allow?: string;
    }
  | {
      /** The upstream's answer, passed on under the header policy. */
      source: 'upstream';
      status: number;
      bodyless?: boolean;
    }
  | {
      /** `/api/config`: `json` is the exact body, null for HEAD. */
      source: 'config';
      json: unknown;
    }
  | {
      /** Not an /api path: the host serves it (page, files) or refuses it, the rules never see it. */
      source: 'host';
    };

export interface ProxyRuleCase {
  name: string;
  method: string;
  /** The request-target exactly as sent on the wire. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  answer: ProxyAnswer;
  /** What the upstream receives (path and query), or null: it is never asked. */
  upstream: string | null;
  /**
   * A URL parser resolves this target (dot segments, backslashes) before a host that has
   * only the parsed URL (the Worker: workerd parses it) can show it to the rules. There the
   * table holds it to the invariant instead: nothing but the allowlisted route ever goes
   * upstream, rebuilt from validated parts.
   */
  resolvedByUrlParser?: true;
  /**
   * With `resolvedByUrlParser`: the allowlisted upstream path the resolved target may become
   * (the peer report's when absent).
   */
  resolvedUpstream?: string;
  /** Cannot be sent over HTTP (a raw control character); the rules alone are tested with it. */
  rulesOnly?: true;
  /** workerd answers this target itself (an absolute-form URL: 500) before the Worker's code runs. */
  refusedByWorkerRuntime?: true;
}

const route = (peer = CASE_PEER, account = CASE_ACCOUNT, app = CASE_APP) =>
  `/api/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}`;
const upstreamRoute = (peer = CASE_PEER, app = CASE_APP) =>
  `/client/v4/accounts/${CASE_ACCOUNT}/realtime/kit/${app}/sessions/peer-report/${peer}`;

const refused = (status: number, code: ProxyErrorCode, allow?: string): ProxyAnswer =>
  allow === undefined ? { source: 'proxy', status, code } : { source: 'proxy', status, code, allow };
const notFound = refused(404, 'not_found');
const invalidPath = refused(400, 'invalid_path');

export const PROXY_RULE_CASES: readonly ProxyRuleCase[] = [
  // Forwarded: the allowlisted route, rebuilt, with the token and nothing of the browser's.
  {
    name: 'GET of the peer report, with browser credentials',
    method: 'GET',
    target: `${CASE_ROUTE}?filters=device_info,events`,
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_ROUTE}?filters=device_info,events`,
  },
  {
    name: 'HEAD, forwarded as a GET, answered without a body',
    method: 'HEAD',
    target: CASE_ROUTE,
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200, bodyless: true },
    upstream: UPSTREAM_ROUTE,
  },
  {
    name: 'query rebuilt from filters and include_peer_events only',
    method: 'GET',
    target: `${CASE_ROUTE}?x=1&include_peer_events=true&filters=events%2Cevents,quality_stats&url=http://evil.example`,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_ROUTE}?filters=events,quality_stats&include_peer_events=true`,
  },
  {
    name: 'empty filters, meaning every block',
    method: 'GET',
    target: `${CASE_ROUTE}?filters=`,
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_ROUTE,
  },
  {
    name: 'a short app identifier tag',
    method: 'GET',
    target: route(CASE_PEER, CASE_ACCOUNT, 'my_app-01'),
    answer: { source: 'upstream', status: 200 },
    upstream: upstreamRoute(CASE_PEER, 'my_app-01'),
  },
  {
    name: 'Sec-Fetch-Site: same-origin (the page itself)',
    method: 'GET',
    target: CASE_ROUTE,
    headers: { 'sec-fetch-site': 'same-origin' },
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_ROUTE,
  },
  {
    name: 'Sec-Fetch-Site: none (the address bar)',
    method: 'GET',
    target: CASE_ROUTE,
    headers: { 'sec-fetch-site': 'none' },
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_ROUTE,
  },
  {
    name: 'an upstream HTML gateway page, passed on as it came',
    method: 'GET',
    target: route(HTML_PEER),
    answer: { source: 'upstream', status: 502 },
    upstream: upstreamRoute(HTML_PEER),
  },
  {
    name: 'an upstream redirect, refused rather than followed',
    method: 'GET',
    target: route(REDIRECT_PEER),
    answer: refused(502, 'upstream_redirect'),
    upstream: upstreamRoute(REDIRECT_PEER),
  },

  // The session routes: each forwarded with its own parameters only, the rest dropped.
  {
    name: 'GET of the sessions list, query rebuilt from its own parameters only',
    method: 'GET',
    target:
      `${SESSIONS}?token=x&search=Quarterly%20review&status=ENDED&url=http://evil.example&per_page=25` +
      '&start_time=2026-09-14T12:00:00%2B02:00&sort_by=createdAt&sort_order=DESC&include_peer_events=true',
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200 },
    upstream:
      `${UPSTREAM_SESSIONS}?search=Quarterly%20review&start_time=2026-09-14T10:00:00.000Z&status=ENDED` +
      '&sort_by=createdAt&sort_order=DESC&per_page=25',
  },
  {
    name: 'GET of the sessions list without a query',
    method: 'GET',
    target: SESSIONS,
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_SESSIONS,
  },
  {
    name: 'GET of one session',
    method: 'GET',
    target: `${SESSION}?include_breakout_rooms=true&filters=events`,
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_SESSION}?include_breakout_rooms=true`,
  },
  {
    name: 'GET of a session\'s participants, paged and sorted',
    method: 'GET',
    target: `${PARTICIPANTS}?page_no=2&per_page=100&sort_by=joinedAt&sort_order=ASC&search=Mei&status=LIVE&view=raw&x=1`,
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_PARTICIPANTS}?search=Mei&sort_by=joinedAt&sort_order=ASC&page_no=2&per_page=100&view=raw`,
  },
  {
    name: 'GET of one participant',
    method: 'GET',
    target: `${PARTICIPANT}?include_peer_events=true&search=x`,
    headers: BROWSER_HEADERS,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_PARTICIPANT}?include_peer_events=true`,
  },
  {
    name: 'HEAD of a session\'s participants',
    method: 'HEAD',
    target: PARTICIPANTS,
    answer: { source: 'upstream', status: 200, bodyless: true },
    upstream: UPSTREAM_PARTICIPANTS,
  },
  // Each route passes on only its own parameters: another route's are as unknown as any.
  {
    name: 'GET of one session, the list\'s and the participants\' parameters dropped',
    method: 'GET',
    target: `${SESSION}?search=x&page_no=2&per_page=5&status=LIVE&include_peer_events=true&view=raw&sort_by=createdAt`,
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_SESSION,
  },
  {
    name: 'GET of one participant, the list parameters dropped',
    method: 'GET',
    target: `${PARTICIPANT}?search=x&page_no=2&per_page=5&sort_by=joinedAt&view=raw&include_breakout_rooms=true&filters=events`,
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_PARTICIPANT,
  },
  {
    name: 'GET of a session\'s participants, the sessions list\'s parameters dropped',
    method: 'GET',
    target: `${PARTICIPANTS}?start_time=2026-09-14T12:00:00Z&end_time=2026-09-15T12:00:00Z&associated_id=abc&status=ENDED&participants=true&include_breakout_rooms=true`,
    answer: { source: 'upstream', status: 200 },
    upstream: UPSTREAM_PARTICIPANTS,
  },
  {
    name: 'GET of the sessions list, parameter names in another case or as arrays dropped',
    method: 'GET',
    target: `${SESSIONS}?SEARCH=x&search[]=y&Status=LIVE&status=ENDED&page_no%5B%5D=2&sort_by%00=createdAt`,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_SESSIONS}?status=ENDED`,
  },
  {
    name: 'GET of the sessions list, a search that looks like more parameters stays one value',
    method: 'GET',
    target: `${SESSIONS}?search=a%26status%3DLIVE%23x&per_page=5`,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_SESSIONS}?search=a%26status%3DLIVE%23x&per_page=5`,
  },
  {
    name: 'GET of a session\'s participants, an empty search not sent',
    method: 'GET',
    target: `${PARTICIPANTS}?search=&page_no=1`,
    answer: { source: 'upstream', status: 200 },
    upstream: `${UPSTREAM_PARTICIPANTS}?page_no=1`,
  },

  // /api/config, answered by the proxy layer itself.
  {
    name: 'GET /api/config',
    method: 'GET',
    target: '/api/config',
    answer: { source: 'config', json: { mode: 'live', defaultAccountId: CASE_ACCOUNT } },
    upstream: null,
  },
  { name: 'HEAD /api/config', method: 'HEAD', target: '/api/config', answer: { source: 'config', json: null }, upstream: null },
  {
    name: 'POST /api/config',
    method: 'POST',
    target: '/api/config',
    body: '{}',
    answer: refused(405, 'method_not_allowed', 'GET, HEAD'),
    upstream: null,
  },

  // Other methods on the route.
  ...['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'TRACE'].map(
    (method): ProxyRuleCase => ({
      name: `${method} on the peer report`,
      method,
      target: CASE_ROUTE,
      headers: { 'content-type': 'application/json', ...BROWSER_HEADERS },
      ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: '{"x":1}' } : {}),
      answer: refused(405, 'method_not_allowed', 'GET, HEAD'),
      upstream: null,
    }),
  ),
  ...(
    [
      ['POST', SESSIONS],
      ['PUT', SESSIONS],
      ['DELETE', SESSIONS],
      ['POST', SESSION],
      ['DELETE', SESSION],
      ['PATCH', SESSION],
      ['POST', PARTICIPANTS],
      ['PUT', PARTICIPANTS],
      ['TRACE', PARTICIPANTS],
      ['OPTIONS', PARTICIPANTS],
      ['POST', PARTICIPANT],
      ['PATCH', PARTICIPANT],
      ['DELETE', PARTICIPANT],
      ['PROPFIND', PARTICIPANT],
    ] as const
  ).map(
    ([method, target]): ProxyRuleCase => ({
      name: `${method} on ${target.slice(target.indexOf('/sessions'))}`,
      method,
      target,
      headers: { 'content-type': 'application/json', ...BROWSER_HEADERS },
      ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: '{"x":1}' } : {}),
      answer: refused(405, 'method_not_allowed', 'GET, HEAD'),
      upstream: null,
    }),
  ),
  {
    name: 'a CORS preflight',
    method: 'OPTIONS',
    target: CASE_ROUTE,
    headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    answer: refused(405, 'method_not_allowed', 'GET, HEAD'),
    upstream: null,
  },

  // Pages that would spend the token.
  ...['cross-site', 'same-site'].map(
    (site): ProxyRuleCase => ({
      name: `Sec-Fetch-Site: ${site} (another page made the browser send it)`,
      method: 'GET',
      target: CASE_ROUTE,
      headers: { 'sec-fetch-site': site, origin: 'http://localhost:3000' },
      answer: refused(403, 'cross_site_request'),
      upstream: null,
    }),
  ),

  // No such route.
  ...[
    '/api',
    '/api/',
    '/api/nothing-here',
    '/api/accounts',
    '/api/config/',
    '/api/config/extra',
    `${CASE_ROUTE}/extra`,
    `${CASE_ROUTE}/`,
    `${SESSION}/chat`,
    `${SESSION}/summary`,
    `${SESSION}/participant`,
    `${PARTICIPANT}/extra`,
    `${PARTICIPANT}/peer-report`,
    `${PARTICIPANT}/${CASE_PEER}`,
    `${SESSION}/transcript`,
    `${SESSION}/participants-consolidated`,
    `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}`,
    `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/session`,
    `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions-list`,
    `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/meetings`,
  ].map((target): ProxyRuleCase => ({ name: `GET ${target}`, method: 'GET', target, answer: notFound, upstream: null })),

  // Paths a URL parser would resolve, or that smuggle separators: refused before parsing.
  ...(
    [
      ['encoded dot-dot', `/api/accounts/%2e%2e/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, true],
      ['encoded dot-dot, upper case', `${CASE_ROUTE}/%2E%2E/${CASE_PEER}`, true],
      ['dot-dot segments up and out of the route', `${CASE_ROUTE}/../../../../user/tokens/verify`, true],
      ['dot-dot segments out of /api', '/api/../etc/passwd', true],
      ['a dot-dot segment', `/api/accounts/x/../${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, true],
      ['a raw backslash', `/api/accounts/${CASE_ACCOUNT}\\x/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, true],
      ['an encoded slash', `/api/accounts/${CASE_ACCOUNT}%2f..%2fx/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['an encoded slash and dots in the peer', `${CASE_ROUTE}%2f..%2f..%2fsessions`, false],
      ['an encoded backslash', `/api/accounts/${CASE_ACCOUNT}%5c/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['a doubled slash', `/api/accounts/${CASE_ACCOUNT}/realtime//kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['a doubled slash after the account', `/api/accounts/${CASE_ACCOUNT}//realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['an encoded line feed', `/api/accounts/${CASE_ACCOUNT}%0a/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['an encoded tab', route(CASE_PEER, `${CASE_ACCOUNT}%09`), false],
      ['an encoded NUL', `${CASE_ROUTE}%00`, false],
    ] as const
  ).map(
    ([what, target, resolved]): ProxyRuleCase => ({
      name: `a path with ${what}`,
      method: 'GET',
      target,
      answer: invalidPath,
      upstream: null,
      ...(resolved ? { resolvedByUrlParser: true as const } : {}),
    }),
  ),
  {
    name: 'a path with a raw control character',
    method: 'GET',
    target: `/api/accounts/${CASE_ACCOUNT}\u0001/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`,
    answer: invalidPath,
    upstream: null,
    rulesOnly: true,
  },

  // The same, in every segment of the session routes.
  ...(
    [
      ['an encoded dot-dot after the session', `${SESSION}/%2e%2e/participants`, true, undefined],
      ['an encoded dot-dot in place of the session', `${SESSIONS}/%2E%2E/peer-report/${CASE_PEER}`, true, UPSTREAM_ROUTE],
      ['dot-dot segments out of the participants', `${PARTICIPANTS}/../../../../../../../user/tokens/verify`, true, undefined],
      ['a dot-dot segment back into the participants', `${PARTICIPANTS}/../participants/${CASE_PEER}`, true, UPSTREAM_PARTICIPANT],
      ['a dot segment before participants', `${SESSION}/./participants`, true, UPSTREAM_PARTICIPANTS],
      ['a raw backslash before participants', `${SESSION}\\participants`, true, UPSTREAM_PARTICIPANTS],
      ['a raw backslash in the participant', `${PARTICIPANTS}\\${CASE_PEER}`, true, UPSTREAM_PARTICIPANT],
      ['an encoded slash in the session', `${SESSIONS}/${CASE_SESSION}%2fparticipants`, false, undefined],
      ['an encoded slash and dots after the participant', `${PARTICIPANT}%2f..%2f..%2f..%2fpeer-report%2f${CASE_PEER}`, false, undefined],
      ['an encoded backslash in the participants literal', `${SESSION}/participants%5c${CASE_PEER}`, false, undefined],
      ['a doubled slash before the session', `${SESSIONS}//${CASE_SESSION}`, false, undefined],
      ['a doubled slash before the participant', `${PARTICIPANTS}//${CASE_PEER}`, false, undefined],
      ['an encoded line feed in the session', `${SESSIONS}/${CASE_SESSION}%0a`, false, undefined],
      ['an encoded NUL in the participant', `${PARTICIPANT}%00`, false, undefined],
      ['an encoded tab in the sessions literal', `${SESSIONS}%09/${CASE_SESSION}`, false, undefined],
      ['an encoded dot-dot in the account of the sessions list', `/api/accounts/%2e%2e/realtime/kit/${CASE_APP}/sessions`, true, undefined],
      ['a dot-dot segment in the app of a session', `/api/accounts/${CASE_ACCOUNT}/realtime/kit/x/../${CASE_APP}/sessions/${CASE_SESSION}`, true, UPSTREAM_SESSION],
      ['a raw backslash in the account of the participants', `/api/accounts/${CASE_ACCOUNT}\\x/realtime/kit/${CASE_APP}/sessions/${CASE_SESSION}/participants`, true, undefined],
      ['a dot-dot segment out of the sessions list', `${SESSIONS}/..`, true, undefined],
      ['an encoded dot-dot in place of the participant', `${PARTICIPANTS}/%2e%2e`, true, undefined],
      ['an encoded slash and dots in the app of the participants', `/api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}%2f..%2fx/sessions/${CASE_SESSION}/participants`, false, undefined],
      ['an encoded dot-dot glued to the sessions literal', `${SESSIONS}%2f%2e%2e`, false, undefined],
      ['a doubled slash at the end of the sessions list', `${SESSIONS}//`, false, undefined],
      ['an encoded line feed in the participants literal', `${SESSION}/participants%0a/${CASE_PEER}`, false, undefined],
    ] as const
  ).map(
    ([what, target, resolved, resolvedUpstream]): ProxyRuleCase => ({
      name: `a session path with ${what}`,
      method: 'GET',
      target,
      answer: invalidPath,
      upstream: null,
      ...(resolved ? { resolvedByUrlParser: true as const } : {}),
      ...(resolvedUpstream ? { resolvedUpstream } : {}),
    }),
  ),

  // Segments and query the API would refuse, refused before it is asked.
  ...(
    [
      ['an overlong account', route(CASE_PEER, 'a'.repeat(33)), 'invalid_account_id'],
      ['an account with a dash', route(CASE_PEER, 'abc-def'), 'invalid_account_id'],
      ['an overlong app tag', route(CASE_PEER, CASE_ACCOUNT, 'a'.repeat(33)), 'invalid_app_id'],
      ['an app with a dot', route(CASE_PEER, CASE_ACCOUNT, 'my.app'), 'invalid_app_id'],
      ['a peer that is no UUID', route('not-a-uuid'), 'invalid_peer_id'],
      ['a peer UUID with more after it', route(`${CASE_PEER}0`), 'invalid_peer_id'],
      ['a peer with an encoded space', route(`${CASE_PEER}%20`), 'invalid_peer_id'],
      ['an unknown filter', `${CASE_ROUTE}?filters=device_info,secrets`, 'invalid_filters'],
      ['a filter with a space', `${CASE_ROUTE}?filters=device_info,%20events`, 'invalid_filters'],
      ['filters twice', `${CASE_ROUTE}?filters=events&filters=device_info`, 'invalid_filters'],
      ['a trailing comma in filters', `${CASE_ROUTE}?filters=events,`, 'invalid_filters'],
      ['include_peer_events=yes', `${CASE_ROUTE}?include_peer_events=yes`, 'invalid_include_peer_events'],
      ['a session that is no UUID', `${SESSIONS}/not-a-session`, 'invalid_session_id'],
      ['an empty session (a trailing slash on the list)', `${SESSIONS}/`, 'invalid_session_id'],
      ['an empty participant (a trailing slash on the participants)', `${PARTICIPANTS}/`, 'invalid_participant_id'],
      ['peer-report without a peer, read as a session', `${SESSIONS}/peer-report`, 'invalid_session_id'],
      ['a session UUID with more after it', `${SESSION}0/participants`, 'invalid_session_id'],
      ['an oversized session', `${SESSIONS}/${CASE_SESSION.repeat(40)}/participants/${CASE_PEER}`, 'invalid_session_id'],
      ['a participant that is no UUID', `${PARTICIPANTS}/not-a-peer`, 'invalid_participant_id'],
      ['an oversized participant', `${PARTICIPANTS}/${CASE_PEER.repeat(40)}`, 'invalid_participant_id'],
      ['an account with a dash on the sessions list', `/api/accounts/abc-def/realtime/kit/${CASE_APP}/sessions`, 'invalid_account_id'],
      ['an app with a dot on a session', `/api/accounts/${CASE_ACCOUNT}/realtime/kit/my.app/sessions/${CASE_SESSION}`, 'invalid_app_id'],
      ['an oversized search of sessions', `${SESSIONS}?search=${'x'.repeat(201)}`, 'invalid_search'],
      ['an oversized search of participants', `${PARTICIPANTS}?search=${'%C3%A9'.repeat(201)}`, 'invalid_search'],
      ['a search with a line feed', `${SESSIONS}?search=a%0Ab`, 'invalid_search'],
      ['a page size over 100', `${SESSIONS}?per_page=101`, 'invalid_per_page'],
      ['a page size of participants over 100', `${PARTICIPANTS}?per_page=5000`, 'invalid_per_page'],
      ['page 0', `${PARTICIPANTS}?page_no=0`, 'invalid_page_no'],
      ['a page past 10000', `${SESSIONS}?page_no=10001`, 'invalid_page_no'],
      ['an oversized page number', `${SESSIONS}?page_no=${'9'.repeat(400)}`, 'invalid_page_no'],
      ['a negative page number', `${SESSIONS}?page_no=-1`, 'invalid_page_no'],
      ['a start time without a zone', `${SESSIONS}?start_time=2026-09-14T10:00:00`, 'invalid_start_time'],
      ['an end time that is no date', `${SESSIONS}?end_time=yesterday`, 'invalid_end_time'],
      ['a lower-case status', `${SESSIONS}?status=live`, 'invalid_status'],
      ['status twice', `${SESSIONS}?status=LIVE&status=ENDED`, 'invalid_status'],
      ['a sessions sort the API lacks', `${SESSIONS}?sort_by=duration`, 'invalid_sort_by'],
      ['a participants sort the API lacks', `${PARTICIPANTS}?sort_by=createdAt`, 'invalid_sort_by'],
      ['a meeting ID with a space', `${SESSIONS}?associated_id=a%20b`, 'invalid_associated_id'],
      ['an unknown participants view', `${PARTICIPANTS}?view=all`, 'invalid_view'],
      ['include_breakout_rooms=1', `${SESSION}?include_breakout_rooms=1`, 'invalid_include_breakout_rooms'],
      ['include_peer_events=yes on a participant', `${PARTICIPANT}?include_peer_events=yes`, 'invalid_include_peer_events'],
      ['an oversized meeting ID', `${SESSIONS}?associated_id=${'a'.repeat(65)}`, 'invalid_associated_id'],
      ['an oversized start time', `${SESSIONS}?start_time=2026-09-14T12:00:00.${'0'.repeat(400)}Z`, 'invalid_start_time'],
      ['an oversized end time', `${SESSIONS}?end_time=${'2026-09-14T12:00:00Z'.repeat(50)}`, 'invalid_end_time'],
      ['an oversized status', `${SESSIONS}?status=${'LIVE'.repeat(500)}`, 'invalid_status'],
      ['an oversized sessions sort order', `${SESSIONS}?sort_order=${'ASC'.repeat(500)}`, 'invalid_sort_order'],
      ['an oversized participants flag', `${SESSIONS}?participants=${'true'.repeat(500)}`, 'invalid_participants'],
      ['an oversized include_breakout_rooms', `${SESSION}?include_breakout_rooms=${'true'.repeat(500)}`, 'invalid_include_breakout_rooms'],
      ['an oversized participants sort', `${PARTICIPANTS}?sort_by=${'joinedAt'.repeat(200)}`, 'invalid_sort_by'],
      ['an oversized participants page size', `${PARTICIPANTS}?per_page=${'1'.repeat(400)}`, 'invalid_per_page'],
      ['an oversized participants view', `${PARTICIPANTS}?view=${'raw'.repeat(500)}`, 'invalid_view'],
      ['an oversized include_peer_events on a participant', `${PARTICIPANT}?include_peer_events=${'true'.repeat(500)}`, 'invalid_include_peer_events'],
      ['an oversized search of sessions in multi-byte characters', `${SESSIONS}?search=${'%F0%9F%93%9E'.repeat(201)}`, 'invalid_search'],
    ] as const
  ).map(
    ([what, target, code]): ProxyRuleCase => ({ name: `${what}`, method: 'GET', target, answer: refused(400, code), upstream: null }),
  ),

  // Not /api: the rules never see these, so nothing of them goes upstream.
  ...(
    [
      ['/', false],
      [`/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      [UPSTREAM_ROUTE, false],
      [`/API/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      [`/%61pi/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      [`//api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      [`/apiaccounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      [`/x/../api/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, true],
      [`http://127.0.0.1/client/v4/accounts/${CASE_ACCOUNT}/realtime/kit/${CASE_APP}/sessions/peer-report/${CASE_PEER}`, false],
      ['/.env', false],
    ] as const
  ).flatMap(([target, resolved]) =>
    ['GET', 'POST'].map(
      (method): ProxyRuleCase => ({
        name: `${method} ${target}, outside /api`,
        method,
        target,
        headers: BROWSER_HEADERS,
        answer: { source: 'host' },
        upstream: null,
        ...(resolved ? { resolvedByUrlParser: true as const } : {}),
        ...(target.startsWith('http:') ? { refusedByWorkerRuntime: true as const } : {}),
      }),
    ),
  ),
];

export type RuleHost = 'rules' | 'vite' | 'worker';

export interface ObservedAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * Holds one case's outcome to the table. `upstreamSeen` is what the upstream received
 * while the case ran. `host` is what carried it: the rules alone (called for /api paths
 * only, with the raw target), Vite (has the raw target) or the Worker (has a parsed URL).
 */
export function expectProxyRuleOutcome(testCase: ProxyRuleCase, host: RuleHost, answer: ObservedAnswer, upstreamSeen: UpstreamRecord[]): void {
  const where = `${testCase.method} ${testCase.target}`;
  const everything = [String(answer.status), ...[...answer.headers].map(([name, value]) => `${name}: ${value}`), answer.body].join('\n');
  expect(everything, where).not.toContain(CASE_TOKEN);
  // No answer grants another origin anything, whoever made it.
  expect([...answer.headers.keys()].filter((name) => name.startsWith('access-control-')), where).toEqual([]);
  expect(answer.headers.get('set-cookie'), where).toBeNull();

  if (host === 'worker' && testCase.resolvedByUrlParser) {
    // The runtime resolved the target first; whatever it became, only the allowlisted route goes out.
    for (const sent of upstreamSeen) expect(sent.target.split('?')[0], where).toBe(testCase.resolvedUpstream ?? UPSTREAM_ROUTE);
    if (answer.headers.get('x-peerscope-source') === 'upstream') expect(upstreamSeen, where).toHaveLength(1);
    return;
  }

  if (testCase.upstream === null) {
    expect(upstreamSeen, where).toEqual([]);
  } else {
    expect(upstreamSeen, where).toHaveLength(1);
    const [sent] = upstreamSeen;
    expect(sent?.method, where).toBe('GET');
    expect(sent?.target, where).toBe(testCase.upstream);
    expect(sent?.headers.authorization, where).toBe(`Bearer ${CASE_TOKEN}`);
    for (const name of Object.keys(BROWSER_HEADERS).filter((header) => header !== 'authorization')) {
      expect(sent?.headers[name], `${where}: ${name}`).toBeUndefined();
    }
    expect(Object.values(sent?.headers ?? {}).join('\n'), where).not.toMatch(/browser|evil|203\.0\.113\.9/);
  }

  const expected = testCase.answer;
  const source = answer.headers.get('x-peerscope-source');
  if (expected.source === 'host') {
    // The host's own page, file or refusal; never the upstream's answer.
    if (host === 'rules') expect({ status: answer.status, source }, where).toEqual({ status: 404, source: 'proxy' });
    else expect(source, where).not.toBe('upstream');
    return;
  }
  if (expected.source === 'config') {
    expect(answer.status, where).toBe(200);
    expect(source, where).toBe('proxy');
    expect(answer.headers.get('cache-control'), where).toBe('no-store');
    if (expected.json === null) expect(answer.body, where).toBe('');
    else expect(JSON.parse(answer.body), where).toEqual(expected.json);
    return;
  }
  expect(answer.status, where).toBe(expected.status);
  expect(source, where).toBe(expected.source);
  expect(answer.headers.get('cache-control'), where).toBe('no-store');
  expect(answer.headers.get('x-content-type-options'), where).toBe('nosniff');
  if (expected.source === 'proxy') {
    expect(answer.headers.get('content-type'), where).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('allow'), where).toBe(expected.allow ?? null);
    expect(answer.headers.get('location'), where).toBeNull();
    const body = JSON.parse(answer.body) as { success: boolean; source: string; errors: { code: string; message: string }[] };
    expect(body, where).toEqual({ success: false, source: 'proxy', errors: [{ code: expected.code, message: expect.any(String) }] });
    expect(body.errors[0]?.message, where).not.toBe('');
    return;
  }
  // The upstream's answer: its status and body, and of its headers only the safe ones.
  const upstreamAnswer = standInAnswer(testCase.upstream ?? '');
  expect(answer.body, where).toBe(expected.bodyless ? '' : upstreamAnswer.body);
  for (const name of ['content-type', 'retry-after', 'cf-ray']) {
    const value = upstreamAnswer.headers.find(([header]) => header === name)?.[1] ?? null;
    expect(answer.headers.get(name), `${where}: ${name}`).toBe(value);
  }
  expect(answer.headers.get('x-upstream-internal'), where).toBeNull();
}
