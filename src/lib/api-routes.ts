// The routes under /api, described once for both ends: the page builds its URLs from this
// table and the proxy (Vite plugin and Worker alike) matches, validates and forwards by it,
// so the two cannot drift apart. Pure: no DOM, no node: imports.
//
// A route is its path segments after `/api` (literals, and parameters each with its own
// check), the query parameters it lets through (each with a value rule that validates and
// normalizes), and who answers it. An upstream route goes to the upstream base URL plus the
// same segments, rebuilt from the validated values; every other query parameter is dropped.
import { REPORT_FILTERS } from './filters.ts';
import { accountIdProblem, appIdProblem, participantIdProblem, peerIdProblem, sessionIdProblem } from './ids.ts';

/** Marks who answered: `proxy` for the proxy's own answers, `upstream` for what it passed on. */
export const SOURCE_HEADER = 'x-peerscope-source';

/** Every route lives under this path; nothing outside it is forwarded. */
export const API_PREFIX = '/api';

// ---------------------------------------------------------------------------------------
// Path segments

export interface PathParam<Name extends string = string> {
  readonly param: Name;
  /** Null when the segment is acceptable, otherwise a sentence for the user. */
  readonly problem: (value: string) => string | null;
}

/** A literal segment is its text; a parameter is checked before anything is forwarded. */
export type Segment = string | PathParam;

export function pathParam<const Name extends string>(param: Name, problem: (value: string) => string | null): PathParam<Name> {
  return { param, problem };
}

// ---------------------------------------------------------------------------------------
// Query values

export type ParsedQueryValue =
  /** `wire`: the text the upstream receives, already safe in a query; null sends nothing. */
  | { ok: true; wire: string | null }
  | { ok: false };

export interface QueryValue<T> {
  /** One received value (as URLSearchParams decoded it) to what goes upstream, or refused. */
  parse(raw: string): ParsedQueryValue;
  /** The page's side: a typed value to the query text the proxy will accept. */
  format(value: T): string;
  /** The rule as a sentence naming the parameter, for the proxy's 400 answer. */
  rule(name: string): string;
  /** The answer when the parameter comes more than once. */
  repeated(name: string): string;
}

const accepted = (wire: string | null): ParsedQueryValue => ({ ok: true, wire });
const REFUSED: ParsedQueryValue = { ok: false };

/** `true` or `false`, exactly; an empty value is a mistake, not an absence. */
export function booleanValue(): QueryValue<boolean> {
  const rule = (name: string) => `${name} is true or false.`;
  return {
    parse: (raw) => (raw === 'true' || raw === 'false' ? accepted(raw) : REFUSED),
    format: (value) => (value ? 'true' : 'false'),
    rule,
    repeated: rule,
  };
}

/** One of `values`, exactly as the API spells it. */
export function enumValue<const V extends string>(values: readonly V[]): QueryValue<V> {
  const rule = (name: string) => `${name} is one of ${values.join(', ')}.`;
  return {
    parse: (raw) => ((values as readonly string[]).includes(raw) ? accepted(raw) : REFUSED),
    format: (value) => value,
    rule,
    repeated: rule,
  };
}

/**
 * A comma list of `values`, no spaces, each name once (the first occurrence keeps its place).
 * An empty value means what an absent one does: the API's default, so nothing is sent.
 */
export function enumListValue<const V extends string>(values: readonly V[]): QueryValue<readonly V[]> {
  return {
    parse: (raw) => {
      if (raw === '') return accepted(null);
      const names = raw.split(',');
      if (!names.every((name) => (values as readonly string[]).includes(name))) return REFUSED;
      // Joined by hand: the API documents a bare comma, which URLSearchParams would encode.
      return accepted([...new Set(names)].join(','));
    },
    format: (list) => list.join(','),
    rule: (name) => `${name} is a comma list without spaces of ${values.join(', ')}.`,
    repeated: (name) => `Send ${name} once, as one comma list.`,
  };
}

// A meeting ID is a UUID for current meetings and a room name (`abcdef-ghijkl`) for older ones.
const MEETING_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A meeting ID: a UUID, or an older meeting's room name of letters, digits, - and _. */
export function meetingIdValue(): QueryValue<string> {
  const rule = (name: string) => `${name} is a meeting ID: a UUID, or a room name of at most 64 letters, digits, - and _.`;
  return {
    parse: (raw) => (MEETING_ID.test(raw) ? accepted(raw) : REFUSED),
    format: (value) => value,
    rule,
    repeated: rule,
  };
}

// Date and time with a zone, as the API's start_time / end_time take them; a bare date or a
// local time would be read in some server's zone.
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/i;

/** An ISO 8601 instant with a time zone; forwarded in UTC with milliseconds (toISOString). */
export function isoTimeValue(): QueryValue<Date> {
  const rule = (name: string) => `${name} is an ISO 8601 time with a time zone, like 2026-01-31T09:30:00Z.`;
  return {
    parse: (raw) => {
      const match = ISO_TIME.exec(raw);
      if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return REFUSED;
      const ms = Date.parse(raw);
      return Number.isNaN(ms) ? REFUSED : accepted(new Date(ms).toISOString());
    },
    format: (value) => value.toISOString(),
    rule,
    repeated: rule,
  };
}

/** Date.parse rolls 2026-02-30 over into March; a date the calendar lacks is a mistake. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A whole number from `min` to `max`, in plain decimal digits; forwarded without leading zeros. */
export function integerValue(min: number, max: number): QueryValue<number> {
  const rule = (name: string) => `${name} is a whole number from ${min} to ${max}.`;
  return {
    parse: (raw) => {
      if (!/^-?\d{1,15}$/.test(raw)) return REFUSED;
      const value = Number(raw);
      return value >= min && value <= max ? accepted(String(value)) : REFUSED;
    },
    format: (value) => String(value),
    rule,
    repeated: rule,
  };
}

/**
 * Free text of at most `maxLength` characters, no control characters; an empty value sends
 * nothing. Forwarded percent-encoded, so it can never add a parameter of its own.
 */
export function textValue(maxLength: number): QueryValue<string> {
  const rule = (name: string) => `${name} is text of at most ${maxLength} characters.`;
  return {
    parse: (raw) => {
      if (raw === '') return accepted(null);
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      if ([...raw].length > maxLength || /[\u0000-\u001f\u007f]/.test(raw)) return REFUSED;
      return accepted(encodeURIComponent(raw));
    },
    format: (value) => encodeURIComponent(value),
    rule,
    repeated: rule,
  };
}

// ---------------------------------------------------------------------------------------
// Routes

export interface ApiRouteSpec {
  readonly name: string;
  /** `proxy`: the proxy answers itself. `upstream`: forwarded to the upstream base plus `path`. */
  readonly answeredBy: 'proxy' | 'upstream';
  /** The segments after `/api`, which are also the upstream path after its base. */
  readonly path: readonly Segment[];
  /** The only query parameters passed on, by name, in the order they are sent upstream. */
  // `never`: a value rule of any type fits here (format takes its value, so T is contravariant).
  readonly query: Readonly<Record<string, QueryValue<never>>>;
}

/** Keeps the literal types of a route's segments and parameter names. */
function defineRoute<const R extends ApiRouteSpec>(route: R): R {
  return route;
}

// Distributed over a union of routes, so a union (ApiRoute) gets the names of all of them.
export type PathParamName<R extends ApiRouteSpec> = R extends ApiRouteSpec ? Extract<R['path'][number], PathParam>['param'] : never;
export type QueryParamName<R extends ApiRouteSpec> = R extends ApiRouteSpec ? keyof R['query'] & string : never;

/** The values of a route's path parameters, by name. */
export type PathValues<R extends ApiRouteSpec> = { readonly [N in PathParamName<R>]: string };

/** The typed values of a route's query parameters; an absent one is not sent. */
export type QueryValues<R extends ApiRouteSpec> = {
  readonly [N in QueryParamName<R>]?: R['query'][N] extends QueryValue<infer T> ? T : never;
};

export type RouteArgs<R extends ApiRouteSpec> = [PathParamName<R>] extends [never]
  ? { path?: PathValues<R>; query?: QueryValues<R> }
  : { path: PathValues<R>; query?: QueryValues<R> };

/** The error code of a refused parameter: `invalid_` and its name, as the API names it. */
export type ParamErrorCode<R extends ApiRouteSpec> = `invalid_${PathParamName<R> | QueryParamName<R>}`;

const ACCOUNT_ID = pathParam('account_id', accountIdProblem);
const APP_ID = pathParam('app_id', appIdProblem);
const PEER_ID = pathParam('peer_id', peerIdProblem);

/** Answered by the proxy itself: the mode, and in demo mode the sample peers. */
export const CONFIG_ROUTE = defineRoute({
  name: 'config',
  answeredBy: 'proxy',
  path: ['config'],
  query: {},
});

/** GET /accounts/{account_id}/realtime/kit/{app_id}/sessions/peer-report/{peer_id} */
export const PEER_REPORT_ROUTE = defineRoute({
  name: 'peer-report',
  answeredBy: 'upstream',
  path: ['accounts', ACCOUNT_ID, 'realtime', 'kit', APP_ID, 'sessions', 'peer-report', PEER_ID],
  query: {
    filters: enumListValue(REPORT_FILTERS),
    include_peer_events: booleanValue(),
  },
});

const SESSION_ID = pathParam('session_id', sessionIdProblem);
const PARTICIPANT_ID = pathParam('participant_id', participantIdProblem);

/** The most rows a page of sessions or participants may ask for. */
export const MAX_PER_PAGE = 100;
/** The highest page number passed on: far past any real listing, short of absurd. */
export const MAX_PAGE_NO = 10_000;
/** The longest search text passed on. */
export const MAX_SEARCH_LENGTH = 200;

export const SESSION_STATUSES = ['LIVE', 'ENDED'] as const;
export const SESSION_SORT_KEYS = ['minutesConsumed', 'createdAt'] as const;
export const PARTICIPANT_SORT_KEYS = ['joinedAt', 'duration'] as const;
export const SORT_ORDERS = ['ASC', 'DESC'] as const;

/** GET /accounts/{account_id}/realtime/kit/{app_id}/sessions: the app's sessions, a page at a time. */
export const SESSIONS_ROUTE = defineRoute({
  name: 'sessions',
  answeredBy: 'upstream',
  path: ['accounts', ACCOUNT_ID, 'realtime', 'kit', APP_ID, 'sessions'],
  query: {
    search: textValue(MAX_SEARCH_LENGTH),
    associated_id: meetingIdValue(),
    start_time: isoTimeValue(),
    end_time: isoTimeValue(),
    status: enumValue(SESSION_STATUSES),
    sort_by: enumValue(SESSION_SORT_KEYS),
    sort_order: enumValue(SORT_ORDERS),
    page_no: integerValue(1, MAX_PAGE_NO),
    per_page: integerValue(1, MAX_PER_PAGE),
    participants: booleanValue(),
  },
});

/** GET .../sessions/{session_id}: one session. */
export const SESSION_ROUTE = defineRoute({
  name: 'session',
  answeredBy: 'upstream',
  path: ['accounts', ACCOUNT_ID, 'realtime', 'kit', APP_ID, 'sessions', SESSION_ID],
  query: { include_breakout_rooms: booleanValue() },
});

/** GET .../sessions/{session_id}/participants: a page of its participants, one per join. */
export const PARTICIPANTS_ROUTE = defineRoute({
  name: 'participants',
  answeredBy: 'upstream',
  path: ['accounts', ACCOUNT_ID, 'realtime', 'kit', APP_ID, 'sessions', SESSION_ID, 'participants'],
  query: {
    search: textValue(MAX_SEARCH_LENGTH),
    sort_by: enumValue(PARTICIPANT_SORT_KEYS),
    sort_order: enumValue(SORT_ORDERS),
    page_no: integerValue(1, MAX_PAGE_NO),
    per_page: integerValue(1, MAX_PER_PAGE),
    include_peer_events: booleanValue(),
    view: enumValue(['raw', 'consolidated']),
  },
});

/** GET .../sessions/{session_id}/participants/{participant_id}: one join (the participant ID is its peer ID). */
export const PARTICIPANT_ROUTE = defineRoute({
  name: 'participant',
  answeredBy: 'upstream',
  path: ['accounts', ACCOUNT_ID, 'realtime', 'kit', APP_ID, 'sessions', SESSION_ID, 'participants', PARTICIPANT_ID],
  query: { include_peer_events: booleanValue() },
});

export const API_ROUTES = [CONFIG_ROUTE, PEER_REPORT_ROUTE, SESSIONS_ROUTE, SESSION_ROUTE, PARTICIPANTS_ROUTE, PARTICIPANT_ROUTE] as const;

export type ApiRoute = (typeof API_ROUTES)[number];

/** Every code the table can refuse a parameter with. */
export type ApiParamErrorCode = ParamErrorCode<ApiRoute>;

// ---------------------------------------------------------------------------------------
// Matching (the proxy's side)

/**
 * The route whose shape the segments (after `/api`) have: as many, with every literal in
 * place. Parameters are not checked here, so a request for a known route with a bad value
 * is told which value is wrong rather than that the route does not exist. Where two shapes
 * fit, the one with a literal at the first segment where they differ wins (`peer-report`
 * over a session ID in the same place).
 */
export function matchRoute<R extends ApiRouteSpec>(routes: readonly R[], segments: readonly string[]): R | null {
  let best: R | null = null;
  for (const route of routes) {
    if (route.path.length !== segments.length) continue;
    if (!route.path.every((segment, index) => typeof segment !== 'string' || segment === segments[index])) continue;
    if (best === null || moreSpecific(route, best)) best = route;
  }
  return best;
}

function moreSpecific(route: ApiRouteSpec, than: ApiRouteSpec): boolean {
  for (let index = 0; index < route.path.length; index += 1) {
    const mine = typeof route.path[index] === 'string';
    const theirs = typeof than.path[index] === 'string';
    if (mine !== theirs) return mine;
  }
  return false;
}

export type CheckedPath<R extends ApiRouteSpec> =
  | { ok: true; values: PathValues<R> }
  | { ok: false; code: ParamErrorCode<R>; message: string };

/** The path parameters of a matched route, checked in order; the first bad one is named. */
export function checkPath<R extends ApiRouteSpec>(route: R, segments: readonly string[]): CheckedPath<R> {
  const values: Record<string, string> = {};
  for (const [index, segment] of route.path.entries()) {
    if (typeof segment === 'string') continue;
    const value = segments[index] ?? '';
    const problem = segment.problem(value);
    if (problem !== null) return { ok: false, code: errorCode<R>(segment.param), message: problem };
    values[segment.param] = value;
  }
  // Every parameter of the route was just given a value.
  return { ok: true, values: values as PathValues<R> };
}

export type CheckedQuery<R extends ApiRouteSpec> =
  | { ok: true; search: string }
  | { ok: false; code: ParamErrorCode<R>; message: string };

/**
 * The query the upstream receives, rebuilt from the route's own parameters only, in the
 * table's order; everything else the browser sent is dropped. `search` is `?...` or empty.
 */
export function upstreamQuery<R extends ApiRouteSpec>(route: R, params: URLSearchParams): CheckedQuery<R> {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(route.query)) {
    const received = params.getAll(name);
    if (received.length === 0) continue;
    if (received.length > 1) return { ok: false, code: errorCode<R>(name), message: value.repeated(name) };
    const parsed = value.parse(received[0] ?? '');
    if (!parsed.ok) return { ok: false, code: errorCode<R>(name), message: value.rule(name) };
    if (parsed.wire !== null) parts.push(`${name}=${parsed.wire}`);
  }
  return { ok: true, search: parts.length > 0 ? `?${parts.join('&')}` : '' };
}

function errorCode<R extends ApiRouteSpec>(name: string): ParamErrorCode<R> {
  // `name` is one of R's parameter names: it was read from R's own table.
  return `invalid_${name}` as ParamErrorCode<R>;
}

// ---------------------------------------------------------------------------------------
// Building (both sides)

/** `/segment/...` after a base: the page puts API_PREFIX before it, the proxy the upstream base. */
export function routePath<R extends ApiRouteSpec>(route: R, values: PathValues<R>): string {
  // Indexed by the parameter's own name, which PathValues<R> holds by construction.
  const byName = values as Readonly<Record<string, string>>;
  const segments = route.path.map((segment) =>
    encodeURIComponent(typeof segment === 'string' ? segment : (byName[segment.param] ?? '')),
  );
  return `/${segments.join('/')}`;
}

/** The query text for typed values, in the table's order; undefined values are left out. */
function routeSearch<R extends ApiRouteSpec>(route: R, query: QueryValues<R>): string {
  const byName = query as Readonly<Record<string, unknown>>;
  const parts: string[] = [];
  for (const [name, value] of Object.entries(route.query)) {
    const typed = byName[name];
    // `never`-typed rule in the table; the value came in as this parameter's own type.
    if (typed !== undefined) parts.push(`${name}=${value.format(typed as never)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

/** The page's URL for a route on its own origin (the proxy forwards from there). */
export function apiUrl<R extends ApiRouteSpec>(route: R, args: RouteArgs<R>, origin: string): URL {
  // Only a route without path parameters may leave `path` out (RouteArgs), so {} is all of it.
  const values = (args.path ?? {}) as PathValues<R>;
  const url = new URL(`${API_PREFIX}${routePath(route, values)}`, origin);
  // Assigned as text: URLSearchParams would encode the bare commas the API documents.
  url.search = routeSearch(route, args.query ?? {});
  return url;
}
