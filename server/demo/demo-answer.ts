// How the demo upstream answers one request, like Cloudflare's RealtimeKit peer report and
// session endpoints would: routes, token check, envelopes, status codes, filters and the
// failure scenarios (the session routes' answers are built in sessions-answer.ts). Pure (no
// node: imports, no sockets, no timers): the Node demo server (upstream.ts) and the
// Fetch-based one a Worker runs (demo-fetch.ts) only carry it out.

import { benchBodyJson, benchPeerById } from './bench-peers.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS, type DemoPeer } from './catalog.ts';
import { DEMO_FILTERS, isReportScenarioKey, parseFilters, scenarioBodyJson, type ReportScenarioKey, type ScenarioOptions } from './scenarios.ts';
import { joinReportBodyJson } from './session-reports.ts';
import { demoJoinByPeerId, demoSessionById } from './sessions.ts';
import { isBadRequest, participantDetailsAnswer, participantsAnswer, sessionDetailsAnswer, sessionsListAnswer, type BadRequest } from './sessions-answer.ts';

export type DemoRequest = {
  method: string;
  /** The URL path, without the query string. */
  path: string;
  query: URLSearchParams;
  /** The raw Authorization header, if any. */
  authorization: string | null | undefined;
};

export type DemoAnswer =
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: string; delayMs: number }
  /** Never answer (the no-answer peer): the client must time out on its own. */
  | { kind: 'hang' };

export type DemoState = {
  /** When each rate-limited peer (or session resource, by path) last got a 429, in clock milliseconds. */
  rateLimitedAt: Map<string, number>;
};

export type DemoContext = {
  token: string;
  /** Clock reading for this request, in milliseconds. */
  now: number;
  /** How long the slow peer takes. */
  slowAnswerMs: number;
  /** Also answer the benchmark's long-call peers (bench-peers.ts). */
  benchPeers?: boolean;
};

export function createDemoState(): DemoState {
  return { rateLimitedAt: new Map() };
}

/** Retry-After the rate-limited peer sends, and the wait it then honours. */
const RATE_LIMIT_RETRY_AFTER_SECONDS = 2;
export const SLOW_ANSWER_MS = 8000;

const JSON_TYPE = 'application/json; charset=utf-8';
const ROUTE = /^\/client\/v4\/accounts\/([^/]+)\/realtime\/kit\/([^/]+)\/sessions\/peer-report\/([^/]+)\/?$/;
/** The sessions list, one session, its participants, one participant. */
const SESSIONS_ROUTE = /^\/client\/v4\/accounts\/([^/]+)\/realtime\/kit\/([^/]+)\/sessions(?:\/([^/]+)(?:\/(participants)(?:\/([^/]+))?)?)?\/?$/;

function json(status: number, body: unknown, headers: Record<string, string> = {}, delayMs = 0): DemoAnswer {
  return { kind: 'respond', status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(body), delayMs };
}

/** Cloudflare's API gateway answers auth and rate-limit failures in its own v4 envelope. */
function gatewayError(status: number, code: number, message: string, headers: Record<string, string> = {}): DemoAnswer {
  return json(status, { success: false, errors: [{ code, message }], messages: [], result: null }, headers);
}

/** RealtimeKit's own errors use a different envelope: a single `error`, no `result`. */
function realtimeKitError(status: number, message: string): DemoAnswer {
  return json(status, { success: false, error: { code: status, message } });
}

/**
 * The rate limit of one resource (a peer, or a session path): a 429 with Retry-After, or
 * null once the wait was honoured (answered once; the next request starts over).
 */
function rateLimit(state: DemoState, key: string, now: number): DemoAnswer | null {
  const last = state.rateLimitedAt.get(key);
  if (last !== undefined && now - last >= RATE_LIMIT_RETRY_AFTER_SECONDS * 1000) {
    state.rateLimitedAt.delete(key);
    return null;
  }
  state.rateLimitedAt.set(key, now);
  return gatewayError(429, 971, 'Please wait and consider throttling your request speed', {
    'retry-after': String(RATE_LIMIT_RETRY_AFTER_SECONDS),
  });
}

function sessionsJson(answer: object | BadRequest): DemoAnswer {
  return isBadRequest(answer) ? realtimeKitError(400, answer.badRequest) : json(200, answer);
}

/** The four session routes, after the token, account and app were checked. */
function sessionsRouteAnswer(request: DemoRequest, match: RegExpExecArray, state: DemoState, context: DemoContext): DemoAnswer {
  const catalog = { benchPeers: context.benchPeers ?? false };
  if (match[3] === undefined) return sessionsJson(sessionsListAnswer(request.query, catalog));
  const sessionId = decode(match[3]);
  const session = demoSessionById(sessionId, catalog);
  if (!session) return realtimeKitError(404, `No session found with id ${sessionId}`);
  if (session.rateLimited) {
    const limited = rateLimit(state, request.path.replace(/\/+$/, ''), context.now);
    if (limited) return limited;
  }
  if (match[4] === undefined) return sessionsJson(sessionDetailsAnswer(session, request.query));
  if (match[5] === undefined) return sessionsJson(participantsAnswer(session, request.query));
  const participantId = decode(match[5]);
  const answer = participantDetailsAnswer(session, participantId, request.query);
  if (answer === null) return realtimeKitError(404, `No participant found with id ${participantId} in session ${session.id}`);
  return sessionsJson(answer);
}

function reportAnswer(key: ReportScenarioKey, options: ScenarioOptions, delayMs = 0): DemoAnswer {
  return { kind: 'respond', status: 200, headers: { 'content-type': JSON_TYPE }, body: scenarioBodyJson(key, options), delayMs };
}

const BAD_GATEWAY_PAGE = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="en-US"> <!--<![endif]-->
<head>
<title>api.cloudflare.com | 502: Bad gateway</title>
<meta charset="UTF-8" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<meta name="robots" content="noindex, nofollow" />
<meta name="viewport" content="width=device-width,initial-scale=1" />
</head>
<body>
<div id="cf-wrapper">
  <div id="cf-error-details" class="p-0">
    <header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
      <h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
        <span class="inline-block">Bad gateway</span>
        <span class="code-label">Error code 502</span>
      </h1>
      <div>Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_502">cloudflare.com</a> for more information.</div>
    </header>
    <div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
      <p class="text-13">
        <span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">8d2f0c7a9b1e4f30</strong></span>
        <span class="cf-footer-separator sm:hidden">&bull;</span>
        <span class="cf-footer-item sm:block sm:mb-1">Performance &amp; security by Cloudflare</span>
      </p>
    </div>
  </div>
</div>
</body>
</html>
`;

function isAuthorized(header: string | null | undefined, token: string): boolean {
  if (!header) return false;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1] === token;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Decides the answer to one request. Pure apart from `state`, which carries the rate-limit
 * memory between requests.
 */
export function demoAnswer(request: DemoRequest, state: DemoState, context: DemoContext): DemoAnswer {
  if (request.method !== 'GET') {
    return gatewayError(405, 10405, `Method ${request.method} not allowed`, { allow: 'GET' });
  }
  const match = ROUTE.exec(request.path);
  const sessionsMatch = match ? null : SESSIONS_ROUTE.exec(request.path);
  const routed = match ?? sessionsMatch;
  if (!routed) {
    return gatewayError(404, 7003, `Could not route to ${request.path}, perhaps your object identifier is invalid?`);
  }
  if (!isAuthorized(request.authorization, context.token)) {
    return gatewayError(401, 10000, 'Authentication error');
  }

  const account = decode(routed[1] ?? '');
  const app = decode(routed[2] ?? '');
  if (account !== DEMO_ACCOUNT_ID) return realtimeKitError(404, `No account found with id ${account}`);
  if (app !== DEMO_APP_ID) return realtimeKitError(404, `No app found with id ${app}`);
  if (sessionsMatch) return sessionsRouteAnswer(request, sessionsMatch, state, context);

  const peerId = decode(routed[3] ?? '');
  const peer: DemoPeer | undefined = DEMO_PEERS.find((p) => p.id === peerId);
  const bench = peer || !context.benchPeers ? undefined : benchPeerById(peerId);
  // Everyone else in a demo session has a report of their own.
  const inSession = peer || bench ? undefined : demoJoinByPeerId(peerId, { benchPeers: context.benchPeers ?? false });
  if (!peer && !bench && !inSession) return realtimeKitError(404, `No user found with id ${peerId}`);

  const parsed = parseFilters(request.query.getAll('filters'));
  if (!parsed.ok) {
    return realtimeKitError(400, `BAD_REQUEST: invalid filters ${parsed.invalid.join(', ')}; allowed: ${DEMO_FILTERS.join(', ')}`);
  }
  const includeRaw = request.query.get('include_peer_events');
  if (includeRaw !== null && includeRaw !== 'true' && includeRaw !== 'false') {
    return realtimeKitError(400, 'BAD_REQUEST: include_peer_events must be true or false');
  }
  const options: ScenarioOptions = { filters: parsed.filters, includePeerEvents: includeRaw === 'true' };

  if (bench) return { kind: 'respond', status: 200, headers: { 'content-type': JSON_TYPE }, body: benchBodyJson(bench, options), delayMs: 0 };
  if (inSession) {
    return { kind: 'respond', status: 200, headers: { 'content-type': JSON_TYPE }, body: joinReportBodyJson(inSession.session, inSession.join, options), delayMs: 0 };
  }
  if (!peer) return realtimeKitError(404, `No user found with id ${peerId}`);

  if (isReportScenarioKey(peer.key)) return reportAnswer(peer.key, options);

  switch (peer.key) {
    case 'error-401':
      return gatewayError(401, 10000, 'Authentication error');
    case 'error-403':
      // What Cloudflare sends when a valid token lacks the Realtime permission.
      return gatewayError(403, 10000, 'Authentication error');
    case 'error-429':
      // The wait was honoured: the good call's report, as this peer's (the participant asked for), once.
      return rateLimit(state, peer.id, context.now) ?? reportAnswer('good-call', { ...options, peerId: peer.id });
    case 'error-500':
      return realtimeKitError(500, 'Internal Server Error');
    case 'error-502-html':
      return { kind: 'respond', status: 502, headers: { 'content-type': 'text/html; charset=UTF-8', 'cf-ray': '8d2f0c7a9b1e4f30-SJC' }, body: BAD_GATEWAY_PAGE, delayMs: 0 };
    case 'slow-8s':
      return reportAnswer('good-call', { ...options, peerId: peer.id }, context.slowAnswerMs);
    case 'malformed-json': {
      const full = scenarioBodyJson('good-call', options);
      // Cut inside the quality arrays: the status and headers look fine, the body does not parse.
      return { kind: 'respond', status: 200, headers: { 'content-type': JSON_TYPE }, body: full.slice(0, Math.floor(full.length * 0.43)), delayMs: 0 };
    }
    case 'not-a-report':
      return json(200, { success: true, data: { sessions: [], paging: { total_count: 0, start_offset: 0, end_offset: 0 } } });
    case 'success-false':
      return json(200, { success: false, error: { code: 500, message: 'Could not build the peer report, please retry later' } });
    case 'no-answer':
      return { kind: 'hang' };
    default:
      return realtimeKitError(500, `Demo peer ${peer.key} has no behaviour`);
  }
}

/** The answer when deciding one threw: what the API's own 500 looks like. */
export function demoInternalError(): DemoAnswer {
  return realtimeKitError(500, 'Internal Server Error');
}
