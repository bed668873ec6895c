// The Worker host around the shared proxy rules: Cloudflare Access first, then /api through
// handleApiRequest and everything else from the static assets of the build, every answer
// with the security headers. No proxy rule lives here.
import { ACCESS_FAILURE_MESSAGES, isServerSideFailure, type AccessFailure } from '../server/access/verify-access.ts';
import { crossSiteNavigationRedirect } from '../server/proxy/cross-site-navigation.ts';
import { handleApiRequest, isApiPath, proxyError, redactSecret } from '../server/proxy/rules.ts';
import { isSecretFileTarget } from '../server/proxy/secret-files.ts';
import { withSecurityHeaders } from '../server/proxy/security-headers.ts';
import { createWorkerSetup, type AssetFetcher, type WorkerEnv, type WorkerSetup } from './setup.ts';

/** Vite names these files by their content, so a browser may keep them for good. */
const IMMUTABLE_ASSETS_PREFIX = '/assets/';

// The bindings object lives as long as the isolate: so do the Access key cache and the
// demo upstream's memory kept in its setup.
const setups = new WeakMap<WorkerEnv, WorkerSetup>();

function setupFor(env: WorkerEnv): WorkerSetup {
  let setup = setups.get(env);
  if (!setup) {
    setup = createWorkerSetup(env);
    setups.set(env, setup);
  }
  return setup;
}

export async function handleWorkerRequest(request: Request, env: WorkerEnv): Promise<Response> {
  let response: Response;
  try {
    response = await answer(request, env, setupFor(env));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    console.error(`Peerscope worker: ${redactSecret(detail, env.CLOUDFLARE_API_TOKEN?.trim() || null)}`);
    response = hostError(request, 500, 'internal_error', 'Peerscope failed to answer this request.', null);
  }
  return withSecurityHeaders(response, { contentSecurityPolicy: true });
}

async function answer(request: Request, env: WorkerEnv, setup: WorkerSetup): Promise<Response> {
  const token = setup.kind === 'ready' ? setup.proxy.token : setup.token;
  if (setup.access) {
    const result = await setup.access.verify(request);
    if (!result.ok) return accessRefusal(request, result.failure, token);
  }
  if (setup.kind === 'misconfigured') {
    console.error(`Peerscope worker is not configured: ${redactSecret(setup.message, token)}`);
    return hostError(request, 503, 'not_configured', `Peerscope is not configured: ${setup.message}`, token);
  }
  if (isApiPath(new URL(request.url).pathname)) {
    return handleApiRequest(request, setup.proxy, setup.fetchUpstream);
  }
  // The build holds no such file unless one was put in public/ by mistake: it stays unserved.
  if (isSecretFileTarget(new URL(request.url).pathname)) return hostError(request, 404, 'not_found', 'Not found.', token);
  return crossSiteNavigationRedirect(request) ?? serveAsset(request, env.ASSETS);
}

function accessRefusal(request: Request, failure: AccessFailure, token: string | null): Response {
  const serverSide = isServerSideFailure(failure);
  return hostError(
    request,
    serverSide ? 503 : 403,
    serverSide ? 'access_unavailable' : 'access_denied',
    ACCESS_FAILURE_MESSAGES[failure],
    token,
  );
}

/** The proxy's JSON error body for /api (the page reads it), a short text page elsewhere. */
function hostError(
  request: Request,
  status: number,
  code: 'not_found' | 'access_denied' | 'access_unavailable' | 'not_configured' | 'internal_error',
  message: string,
  token: string | null,
): Response {
  if (isApiPath(new URL(request.url).pathname)) return proxyError(status, code, message, token);
  const text = redactSecret(message, token);
  return new Response(request.method === 'HEAD' ? null : `${status}: ${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * The build's files. A GET for a path that is no file and looks like a page (no file
 * extension) gets index.html, so a deep link opens the app; a missing script or stylesheet
 * stays a 404 rather than HTML under a JavaScript name (that would be cached for good).
 */
async function serveAsset(request: Request, assets: AssetFetcher): Promise<Response> {
  const { pathname } = new URL(request.url);
  let response = await assets.fetch(request);
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (response.status === 404 && isRead && !/\.[a-z0-9]+$/i.test(pathname)) {
    await response.body?.cancel();
    response = await assets.fetch(new Request(new URL('/', request.url), { method: request.method, headers: request.headers }));
  }
  if (response.status !== 200 || !pathname.startsWith(IMMUTABLE_ASSETS_PREFIX)) return response;
  const headers = new Headers(response.headers);
  headers.set('cache-control', 'public, max-age=31536000, immutable');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
