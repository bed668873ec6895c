// The proxy's rules as pure functions over the Fetch API's Request and Response, so the
// Vite plugin (Node) and the Cloudflare Worker (worker/) share them. No node: imports here.
import { isReportFilter, type ReportFilter } from '../../src/lib/filters.ts';
import { accountIdProblem, appIdProblem, isAccountId, isAppId, isUuid, peerIdProblem } from '../../src/lib/ids.ts';

export interface DemoPeerSummary {
  id: string;
  label: string;
  description: string;
}

export interface DemoInfo {
  accountId: string;
  appId: string;
  peers: DemoPeerSummary[];
}

export interface ProxyConfig {
  mode: 'demo' | 'live';
  /** Upstream base such as `https://api.cloudflare.com/client/v4`, no trailing slash. */
  upstreamBaseUrl: string;
  token: string;
  defaultAccountId: string | null;
  demo: DemoInfo | null;
  upstreamTimeoutMs: number;
}

export interface HandleApiRequestOptions {
  /**
   * The request-target exactly as received (Node's `req.url`). The Fetch API's URL parser
   * resolves `%2e%2e` and `\` before the rules could see them, so an adapter that has the
   * raw target passes it here to have traversal attempts refused rather than silently resolved.
   */
  rawTarget?: string;
}

/** Longer than the browser's own 30 s, so the page gives up first and shows its own message. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 45_000;

export const ALLOWED_METHODS = 'GET, HEAD';

export const SOURCE_HEADER = 'x-peerscope-source';

/** Upstream response headers the browser gets; everything else (set-cookie included) is dropped. */
const PASSED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'cf-ray'] as const;

const PEER_REPORT_LITERALS = ['api', 'accounts', null, 'realtime', 'kit', null, 'sessions', 'peer-report', null] as const;

export type ProxyErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_path'
  | 'invalid_account_id'
  | 'invalid_app_id'
  | 'invalid_peer_id'
  | 'invalid_filters'
  | 'invalid_include_peer_events'
  | 'cross_site_request'
  | 'remote_refused'
  | 'upstream_timeout'
  | 'upstream_unreachable'
  | 'upstream_redirect'
  | 'upstream_invalid_response'
  | 'client_closed_request'
  | 'access_denied'
  | 'access_unavailable'
  | 'not_configured'
  | 'internal_error';

export interface ProxyErrorBody {
  success: false;
  errors: [{ code: ProxyErrorCode; message: string }];
  source: 'proxy';
}

export function isApiPath(pathOrTarget: string): boolean {
  const path = pathOf(pathOrTarget);
  return path === '/api' || path.startsWith('/api/');
}

export async function handleApiRequest(
  request: Request,
  config: ProxyConfig,
  fetchUpstream: typeof fetch = fetch,
  options: HandleApiRequestOptions = {},
): Promise<Response> {
  const url = new URL(request.url);
  const path = options.rawTarget !== undefined ? pathOf(options.rawTarget) : url.pathname;
  if (!isApiPath(path)) return proxyError(404, 'not_found', 'Only /api/ paths are served here.', config.token);

  // Browsers mark requests from other pages; such a page must not spend this token. Same-site
  // counts too: a page on another localhost port is same-site with this one.
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
    return proxyError(403, 'cross_site_request', 'Requests from other sites and ports are refused.', config.token);
  }

  const pathProblem = unsafePathProblem(path);
  if (pathProblem) return proxyError(400, 'invalid_path', pathProblem, config.token);

  const segments = path.split('/').slice(1);
  const isReadMethod = request.method === 'GET' || request.method === 'HEAD';

  if (segments.length === 2 && segments[1] === 'config') {
    if (!isReadMethod) return methodNotAllowed(config.token);
    return configResponse(config, request.method === 'HEAD');
  }

  if (!matchesPeerReportShape(segments)) {
    return proxyError(404, 'not_found', 'There is no such Peerscope API route.', config.token);
  }
  if (!isReadMethod) return methodNotAllowed(config.token);

  const [, , account = '', , , app = '', , , peer = ''] = segments;
  if (!isAccountId(account)) {
    return proxyError(400, 'invalid_account_id', accountIdProblem(account) ?? 'Invalid account ID.', config.token);
  }
  if (!isAppId(app)) return proxyError(400, 'invalid_app_id', appIdProblem(app) ?? 'Invalid app ID.', config.token);
  if (!isUuid(peer)) return proxyError(400, 'invalid_peer_id', peerIdProblem(peer) ?? 'Invalid peer ID.', config.token);

  const query = upstreamQuery(url.searchParams);
  if ('error' in query) return proxyError(400, query.error, query.message, config.token);

  const upstreamUrl =
    `${config.upstreamBaseUrl}/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}` + query.search;
  return forward(upstreamUrl, request, config, fetchUpstream);
}

/** The proxy's own error answer; the token is scrubbed from the message whatever produced it. */
export function proxyError(
  status: number,
  code: ProxyErrorCode,
  message: string,
  token: string | null = null,
  extraHeaders: Record<string, string> = {},
): Response {
  const body: ProxyErrorBody = {
    success: false,
    errors: [{ code, message: redactSecret(message, token) }],
    source: 'proxy',
  };
  return proxyJson(status, body, extraHeaders);
}

export function methodNotAllowed(token: string | null = null): Response {
  return proxyError(405, 'method_not_allowed', 'This route only answers GET and HEAD.', token, { allow: ALLOWED_METHODS });
}

export function redactSecret(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join('[redacted]');
}

function configResponse(config: ProxyConfig, head: boolean): Response {
  const body: Record<string, unknown> = { mode: config.mode, defaultAccountId: config.defaultAccountId };
  if (config.mode === 'demo' && config.demo) {
    body.demo = {
      accountId: config.demo.accountId,
      appId: config.demo.appId,
      peers: config.demo.peers.map(({ id, label, description }) => ({ id, label, description })),
    };
  }
  const response = proxyJson(200, body);
  return head ? new Response(null, { status: 200, headers: response.headers }) : response;
}

function proxyJson(status: number, body: unknown, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      [SOURCE_HEADER]: 'proxy',
      ...extraHeaders,
    },
  });
}

function pathOf(target: string): string {
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

function unsafePathProblem(path: string): string | null {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path) || /%(?:[01][0-9a-f]|7f)/i.test(path)) {
    return 'The path contains control characters.';
  }
  if (/%2e|%2f|%5c|\\/i.test(path)) return 'The path contains an encoded dot, slash or a backslash.';
  if (path.includes('//')) return 'The path contains an empty segment (//).';
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) {
    return 'The path contains a . or .. segment.';
  }
  return null;
}

function matchesPeerReportShape(segments: string[]): boolean {
  if (segments.length !== PEER_REPORT_LITERALS.length) return false;
  return PEER_REPORT_LITERALS.every((literal, index) => literal === null || segments[index] === literal);
}

type UpstreamQuery =
  | { search: string }
  | { error: 'invalid_filters' | 'invalid_include_peer_events'; message: string };

/** Rebuilt from the two known parameters only; anything else the browser sent is dropped. */
function upstreamQuery(params: URLSearchParams): UpstreamQuery {
  const parts: string[] = [];

  const filterValues = params.getAll('filters');
  if (filterValues.length > 1) return { error: 'invalid_filters', message: 'Send filters once, as one comma list.' };
  const rawFilters = filterValues[0] ?? '';
  // An empty value means what an absent one does: every block.
  if (rawFilters !== '') {
    const names = rawFilters.split(',');
    const unknown = names.filter((name) => !isReportFilter(name));
    if (unknown.length > 0) {
      return {
        error: 'invalid_filters',
        message:
          'filters is a comma list without spaces of device_info, ip_information, ' +
          'precall_network_information, events, quality_stats.',
      };
    }
    const unique = [...new Set(names as ReportFilter[])];
    // Joined by hand: the API documents a bare comma, which URLSearchParams would encode.
    parts.push(`filters=${unique.join(',')}`);
  }

  const peerEvents = params.getAll('include_peer_events');
  if (peerEvents.length > 1 || (peerEvents[0] !== undefined && peerEvents[0] !== 'true' && peerEvents[0] !== 'false')) {
    return { error: 'invalid_include_peer_events', message: 'include_peer_events is true or false.' };
  }
  if (peerEvents[0] !== undefined) parts.push(`include_peer_events=${peerEvents[0]}`);

  return { search: parts.length > 0 ? `?${parts.join('&')}` : '' };
}

async function forward(
  upstreamUrl: string,
  request: Request,
  config: ProxyConfig,
  fetchUpstream: typeof fetch,
): Promise<Response> {
  const host = new URL(config.upstreamBaseUrl).host;
  const upstreamAbort = new AbortController();
  // Built from scratch: no browser header (Authorization, Cookie, X-Forwarded-*, Host...) goes upstream.
  const upstreamRequest = new Request(upstreamUrl, {
    method: 'GET',
    headers: { accept: 'application/json', authorization: `Bearer ${config.token}` },
    // A redirect would carry the token to wherever it points.
    redirect: 'manual',
    signal: upstreamAbort.signal,
  });

  // Raced against a plain timer and the browser's signal rather than trusting a chain of
  // derived AbortSignals, which the runtime may hold only weakly while the call is pending.
  let stopWaiting = (): void => undefined;
  const gaveUp = new Promise<'timeout' | 'client_closed'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), config.upstreamTimeoutMs);
    const onClientAbort = () => resolve('client_closed');
    request.signal.addEventListener('abort', onClientAbort, { once: true });
    if (request.signal.aborted) resolve('client_closed');
    stopWaiting = () => {
      clearTimeout(timer);
      request.signal.removeEventListener('abort', onClientAbort);
    };
  });
  const answered = fetchUpstream(upstreamRequest).then(
    (response) => ({ response }),
    () => ({ failed: true as const }),
  );

  const outcome = await Promise.race([answered, gaveUp]);
  stopWaiting();
  if (outcome === 'timeout' || outcome === 'client_closed') {
    upstreamAbort.abort();
    // A response that still arrives after giving up is released, not leaked.
    void answered.then((late) => ('response' in late ? late.response.body?.cancel() : undefined)).catch(() => undefined);
    if (outcome === 'timeout') {
      return proxyError(
        504,
        'upstream_timeout',
        `${host} did not answer within ${formatDuration(config.upstreamTimeoutMs)}.`,
        config.token,
      );
    }
    return proxyError(499, 'client_closed_request', 'The browser closed the request.', config.token);
  }
  // The fetch error's own text is never echoed: it could quote a header or a URL.
  if (!('response' in outcome)) {
    return proxyError(502, 'upstream_unreachable', `Could not reach ${host}.`, config.token);
  }
  const upstream = outcome.response;

  const isRedirect =
    upstream.type === 'opaqueredirect' || (upstream.status >= 300 && upstream.status < 400);
  if (isRedirect || upstream.status < 200 || upstream.status > 599) {
    await upstream.body?.cancel().catch(() => undefined);
    if (isRedirect) {
      return proxyError(
        502,
        'upstream_redirect',
        `${host} answered with a redirect (${upstream.status}); the proxy does not follow redirects.`,
        config.token,
      );
    }
    return proxyError(502, 'upstream_invalid_response', `${host} answered with status ${upstream.status}.`, config.token);
  }

  const headers = new Headers({
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    [SOURCE_HEADER]: 'upstream',
  });
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }

  const bodyless = request.method === 'HEAD' || upstream.status === 204 || upstream.status === 205;
  if (bodyless) await upstream.body?.cancel().catch(() => undefined);
  return new Response(bodyless ? null : upstream.body, { status: upstream.status, headers });
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
