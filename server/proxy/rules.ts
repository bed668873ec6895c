// The proxy's rules as pure functions over the Fetch API's Request and Response, so the
// Vite plugin (Node) and the Cloudflare Worker (worker/) share them. No node: imports here.
import {
  API_PREFIX,
  API_ROUTES,
  checkPath,
  matchRoute,
  routePath,
  SOURCE_HEADER,
  upstreamQuery,
  type ApiParamErrorCode,
} from '../../src/lib/api-routes.ts';
import { redactingStream } from './redact-stream.ts';

export interface DemoPeerSummary {
  id: string;
  label: string;
  description: string;
}

export interface DemoInfo {
  accountId: string;
  appId: string;
  peers: DemoPeerSummary[];
  /** Sample sessions beside the sample peers. */
  sessions?: DemoPeerSummary[];
}

export interface ProxyConfig {
  mode: 'demo' | 'live';
  /** Upstream base such as `https://api.cloudflare.com/client/v4`, no trailing slash. */
  upstreamBaseUrl: string;
  token: string;
  defaultAccountId: string | null;
  demo: DemoInfo | null;
  /** How long the upstream may take to send its status and headers. */
  upstreamTimeoutMs: number;
  /**
   * How long the whole body may take once the headers are in; then the body is cut off.
   * Default 120 s.
   */
  upstreamBodyTimeoutMs?: number;
  /**
   * Where colleagues open this Peerscope (PEERSCOPE_PUBLIC_URL), the base of shared links.
   * Unset, the page's own origin is: a deployed Worker's, or localhost, which the page says.
   */
  publicUrl?: string | null;
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

/**
 * Generous: an 8-hour call's report is tens of megabytes. Without a limit an upstream that
 * drips a byte at a time would hold the request (and its sockets) open for good.
 */
const DEFAULT_UPSTREAM_BODY_TIMEOUT_MS = 120_000;

const ALLOWED_METHODS = 'GET, HEAD';

/** Upstream response headers the browser gets; everything else (set-cookie included) is dropped. */
const PASSED_RESPONSE_HEADERS = ['content-type', 'retry-after', 'cf-ray'] as const;

export type ProxyErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'invalid_path'
  | ApiParamErrorCode
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

interface ProxyErrorBody {
  success: false;
  errors: [{ code: ProxyErrorCode; message: string }];
  source: 'proxy';
}

export function isApiPath(pathOrTarget: string): boolean {
  const path = pathOf(pathOrTarget);
  return path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
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

  const segments = path.slice(API_PREFIX.length + 1).split('/');
  const route = matchRoute(API_ROUTES, segments);
  if (!route) return proxyError(404, 'not_found', 'There is no such Peerscope API route.', config.token);
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed(config.token);
  if (route.answeredBy === 'proxy') return configResponse(config, request.method === 'HEAD');

  const checked = checkPath(route, segments);
  if (!checked.ok) return proxyError(400, checked.code, checked.message, config.token);
  const query = upstreamQuery(route, url.searchParams);
  if (!query.ok) return proxyError(400, query.code, query.message, config.token);

  return forward(`${config.upstreamBaseUrl}${routePath(route, checked.values)}${query.search}`, request, config, fetchUpstream);
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
  if (config.publicUrl) body.publicUrl = config.publicUrl;
  if (config.mode === 'demo' && config.demo) {
    body.demo = {
      accountId: config.demo.accountId,
      appId: config.demo.appId,
      peers: config.demo.peers.map(({ id, label, description }) => ({ id, label, description })),
      ...(config.demo.sessions ? { sessions: config.demo.sessions.map(({ id, label, description }) => ({ id, label, description })) } : {}),
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
  // An upstream may echo what it was sent (a 401 quoting the Authorization header): the
  // token is taken out of every header and every body byte passed on.
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, redactSecret(value, config.token));
  }

  const bodyless = request.method === 'HEAD' || upstream.status === 204 || upstream.status === 205;
  if (bodyless || !upstream.body) {
    await upstream.body?.cancel().catch(() => undefined);
    return new Response(null, { status: upstream.status, headers });
  }
  const bodyTimeoutMs = config.upstreamBodyTimeoutMs ?? DEFAULT_UPSTREAM_BODY_TIMEOUT_MS;
  const body = withDeadline(upstream.body.pipeThrough(redactingStream(config.token)), bodyTimeoutMs, () => upstreamAbort.abort());
  return new Response(body, { status: upstream.status, headers });
}

/**
 * `source`, errored once `ms` have passed before its end. The browser already has the
 * status, so all that can be done is to cut the body off: the host then breaks the
 * connection and the page sees a truncated body. `onExpire` lets go of the upstream.
 */
function withDeadline(source: ReadableStream<Uint8Array>, ms: number, onExpire: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setTimeout(() => {
        expired = true;
        controller.error(new Error(`The upstream body took longer than ${formatDuration(ms)}.`));
        reader.cancel().catch(() => undefined);
        onExpire();
      }, ms);
    },
    async pull(controller) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        clearTimeout(timer);
        throw error;
      }
      const { done, value } = next;
      // Cut off while this read waited: the stream is already errored.
      if (expired) return;
      if (done) {
        clearTimeout(timer);
        controller.close();
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
