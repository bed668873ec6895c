// The Vite adapter around the proxy rules: Node request in, Fetch Request to the rules,
// Fetch Response back out. No proxy rule lives here.
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { loadEnv, type Connect, type Logger, type Plugin, type ResolvedConfig } from 'vite';
import { DEMO_TOKEN } from './demo/catalog.ts';
import { demoProxyConfig, liveProxyConfig, pickProxyEnv, PROXY_ENV_PREFIXES, resolveProxyEnv } from './proxy/config.ts';
import { isAllowRemote, remoteAccessDecision, remoteAccessWarning, remoteRefusal, type RemoteAccessPolicy } from './proxy/remote-access.ts';
import {
  handleApiRequest,
  isApiPath,
  methodNotAllowed,
  proxyError,
  redactSecret,
  type ProxyConfig,
} from './proxy/rules.ts';
import { crossSiteNavigationRedirect } from './proxy/cross-site-navigation.ts';
import { isSecretFileTarget } from './proxy/secret-files.ts';
import { securityHeaders } from './proxy/security-headers.ts';

type ServerKind = 'dev' | 'preview';

interface ListeningServer {
  once(event: 'close' | 'listening', listener: () => void): unknown;
  address(): AddressInfo | string | null;
  readonly listening: boolean;
  // Node's EventEmitter signature, `any` included: the server's own overloads must fit it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  emit(event: string | symbol, ...args: any[]): boolean;
}

interface ProxyHost {
  config: ResolvedConfig;
  middlewares: Connect.Server;
  httpServer: ListeningServer | null;
  close(): Promise<void>;
}

export function peerscopeProxy(): Plugin {
  return {
    name: 'peerscope-proxy',
    config(user) {
      // Vite's default CORS policy lets a page on any localhost port read every answer,
      // /api included; the app is same-origin and needs none. An explicit setting stays.
      return {
        server: { cors: user.server?.cors ?? false, fs: servedFiles(user.server?.fs) },
        preview: { cors: user.preview?.cors ?? user.server?.cors ?? false },
      };
    },
    async configureServer(server) {
      await attachProxy(server, 'dev');
    },
    async configurePreviewServer(server) {
      await attachProxy(server, 'preview');
    },
  };
}

/** Vite 8's own default deny list, kept: a `deny` set here replaces it rather than adding to it. */
const VITE_DEFAULT_DENY = ['.env', '.env.*', '*.{crt,pem,key,p12,pfx,cer,der}', '.npmrc', '.yarnrc.yml', '**/.git/**'];

/**
 * What the dev server may read from disk: the page, its sources, the public folder and the
 * dependencies, nothing else of the project (server code, configuration, wrangler's
 * `.dev.vars` and state). Secrets files are also refused by name before Vite sees a request
 * (isSecretFileTarget); this is the second lock. A project's own `fs` settings win.
 */
function servedFiles(user: { allow?: string[]; deny?: string[] } | undefined): { allow: string[]; deny: string[] } {
  return {
    allow: user?.allow ?? ['index.html', 'src', 'public', 'node_modules'],
    deny: user?.deny ?? [...VITE_DEFAULT_DENY, '.dev.vars', '.dev.vars.*', '**/.wrangler/**'],
  };
}

async function attachProxy(host: ProxyHost, kind: ServerKind): Promise<void> {
  const { logger } = host.config;
  const rawEnv = readEnv(host.config);
  const env = resolveProxyEnv(rawEnv);

  let config: ProxyConfig;
  if (env.mode === 'demo') {
    // Loaded only in demo mode: live mode never runs the demo scenarios' code.
    const { startDemoUpstream } = await import('./demo/upstream.ts');
    const demo = await startDemoUpstream({
      token: DEMO_TOKEN,
      host: '127.0.0.1',
      port: 0,
      // Benchmark-only long-call peers, unlisted; read from the process only, never from `.env`.
      benchPeers: process.env.PEERSCOPE_BENCH === '1',
      log: (line) => logger.info(`Peerscope demo upstream: ${line}`, { timestamp: true }),
    });
    onServerClose(host, () => demo.close());
    config = demoProxyConfig(env, demo.baseUrl);
    logger.info(`Peerscope: demo mode, built-in demo upstream at ${new URL(demo.baseUrl).origin}`);
  } else {
    config = liveProxyConfig(env);
    logger.info(`Peerscope: live mode, forwarding to ${config.upstreamBaseUrl}`);
  }

  const policy: RemoteAccessPolicy = { tokenSet: config.mode === 'live', allowRemote: isAllowRemote(rawEnv.PEERSCOPE_ALLOW_REMOTE) };
  warnWhenExposed(host, kind, policy, logger);

  // Added directly (not in a returned post hook) so it runs before Vite's own middlewares
  // (after Vite's request validation and host check only). Vite dev injects inline
  // scripts for HMR and React refresh, so only the built app gets the CSP.
  const headers = securityHeaders({ contentSecurityPolicy: kind === 'preview' });
  host.middlewares.use(peerscopeMiddleware(config, logger, policy, headers));
  if (host.httpServer) refuseRemoteUpgrades(host.httpServer, policy, await rawRefusal(headers));
}

/**
 * WebSocket upgrades never reach the middlewares: Node hands them to the server's 'upgrade'
 * listeners, and Vite's HMR socket (file paths, source frames, stack traces) answers one
 * without an Origin from anywhere. Every listener is given the same socket, so a listener of
 * ours could not keep Vite's (or a configured ws proxy's) from acting on it too; the event
 * is refused before any listener sees it. A server with no 'upgrade' listener never emits
 * it: Node passes such a request to the middlewares, which refuse it there.
 */
function refuseRemoteUpgrades(server: ListeningServer, policy: RemoteAccessPolicy, refusal: string): void {
  const emit = server.emit.bind(server);
  server.emit = (event, ...args) => {
    const socket: unknown = args[1];
    if (event === 'upgrade' && isSocket(socket) && remoteAccessDecision(socket.remoteAddress, policy) === 'refuse') {
      socket.on('error', () => undefined);
      socket.end(refusal, () => socket.destroy());
      return true;
    }
    return emit(event, ...args);
  };
}

function isSocket(value: unknown): value is Duplex & { remoteAddress?: string } {
  return typeof value === 'object' && value !== null && 'end' in value && 'destroy' in value;
}

/** The remote refusal as raw HTTP/1.1, for a socket no ServerResponse wraps. */
async function rawRefusal(headers: Record<string, string>): Promise<string> {
  const response = remoteRefusal();
  const body = await response.text();
  const all = new Headers(response.headers);
  for (const [name, value] of Object.entries(headers)) all.set(name, value);
  all.set('content-length', String(new TextEncoder().encode(body).byteLength));
  all.set('connection', 'close');
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`, ...[...all].map(([name, value]) => `${name}: ${value}`)];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** process.env wins over `.env` files; only the proxy's own names are read. */
function readEnv(config: ResolvedConfig): ReturnType<typeof pickProxyEnv> {
  const fileEnv = config.envDir === false ? {} : loadEnv(config.mode, config.envDir, [...PROXY_ENV_PREFIXES]);
  return pickProxyEnv(process.env, fileEnv);
}

/** Says so at start-up when a token meets a non-loopback listen address, whatever the remote policy. */
function warnWhenExposed(host: ProxyHost, kind: ServerKind, policy: RemoteAccessPolicy, logger: Logger): void {
  const configured = kind === 'dev' ? host.config.server.host : host.config.preview.host;
  const warn = (listenHost: string | boolean | undefined) => {
    const warning = remoteAccessWarning(listenHost, policy);
    if (warning) logger.warn(warning, { timestamp: true });
  };
  const server = host.httpServer;
  if (!server) {
    warn(configured);
    return;
  }
  // The bound address is the truth (`--host` without a value, a host name resolving elsewhere).
  const onListening = () => {
    const address = server.address();
    warn(address !== null && typeof address === 'object' ? address.address : configured);
  };
  if (server.listening) onListening();
  else server.once('listening', onListening);
}

function onServerClose(host: ProxyHost, close: () => Promise<void>): void {
  const closeQuietly = () => void close().catch(() => undefined);
  if (host.httpServer) {
    host.httpServer.once('close', closeQuietly);
    return;
  }
  // Middleware mode has no HTTP server of its own to watch.
  const originalClose = host.close.bind(host);
  host.close = async () => {
    await originalClose();
    await close().catch(() => undefined);
  };
}

function peerscopeMiddleware(
  config: ProxyConfig,
  logger: Logger,
  policy: RemoteAccessPolicy,
  headers: Record<string, string>,
): Connect.NextHandleFunction {
  return (req, res, next) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    // Every path, not only /api: the dev server also serves files such as `.env` to whoever
    // finds a way past its file checks.
    if (remoteAccessDecision(req.socket?.remoteAddress, policy) === 'refuse') {
      void writeSmallResponse(remoteRefusal(), req, res).catch(() => res.destroy());
      return;
    }
    const target = req.url ?? '/';
    if (isSecretFileTarget(target)) {
      void writeSmallResponse(proxyError(404, 'not_found', 'Not found.'), req, res).catch(() => res.destroy());
      return;
    }
    if (!isApiPath(target)) {
      const request = pageRequest(req, target);
      const redirect = request && crossSiteNavigationRedirect(request);
      if (redirect) void writeSmallResponse(redirect, req, res).catch(() => res.destroy());
      else next();
      return;
    }
    serveApi(req, res, target, config).catch((error: unknown) => {
      const detail = redactSecret(error instanceof Error ? error.message : String(error), config.token);
      logger.error(`Peerscope proxy: ${detail}`, { timestamp: true });
      if (!res.headersSent && !res.destroyed) {
        void writeResponse(proxyError(500, 'internal_error', 'The proxy failed.', config.token), req, res);
      } else {
        res.destroy();
      }
    });
  };
}

async function serveApi(req: IncomingMessage, res: ServerResponse, target: string, config: ProxyConfig): Promise<void> {
  // The browser going away aborts the upstream call too.
  const disconnect = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) disconnect.abort();
  });

  let request: Request;
  try {
    // The origin is a placeholder: the rules read only the path and query, never the host.
    request = new Request(new URL(target, 'http://localhost'), {
      method: req.method ?? 'GET',
      headers: toHeaders(req),
      signal: disconnect.signal,
      // No body: every route is GET/HEAD, and any other method is refused before a body matters.
    });
  } catch {
    // The Fetch API refuses a few methods outright (TRACE, TRACK, malformed ones).
    await writeResponse(methodNotAllowed(config.token), req, res);
    return;
  }

  const response = await handleApiRequest(request, config, fetch, { rawTarget: target });
  await writeResponse(response, req, res);
}

/**
 * A page request as the rules read it (the origin is a placeholder, as for /api); null for
 * what the Fetch API cannot hold (TRACE, a malformed target), which is no page navigation.
 */
function pageRequest(req: IncomingMessage, target: string): Request | null {
  try {
    return new Request(new URL(target, 'http://localhost'), { method: req.method ?? 'GET', headers: toHeaders(req) });
  } catch {
    return null;
  }
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (:method, :path) are not header fields.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, item);
      } catch {
        // A header the Fetch API cannot hold is one the rules would not forward anyway.
      }
    }
  }
  return headers;
}

async function writeResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (res.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  res.statusCode = response.status;
  // Set by an earlier middleware (Vite's CORS, when a config turns it on): no other origin reads /api.
  for (const name of res.getHeaderNames()) if (name.startsWith('access-control-')) res.removeHeader(name);
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body || req.method === 'HEAD') {
    await response.body?.cancel().catch(() => undefined);
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch {
    // The browser left, or the upstream stream broke mid-body; the pipeline already closed both ends.
    res.destroy();
  }
}

/** For the proxy's own short answers: written in one piece, no streaming. */
async function writeSmallResponse(response: Response, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await response.text();
  if (res.destroyed || res.headersSent) return;
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(req.method === 'HEAD' ? undefined : body);
}
