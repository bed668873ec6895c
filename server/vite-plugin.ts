// The Vite adapter around the proxy rules: Node request in, Fetch Request to the rules,
// Fetch Response back out. No proxy rule lives here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { loadEnv, type Connect, type Logger, type Plugin, type ResolvedConfig } from 'vite';
import { DEMO_TOKEN } from './demo/catalog';
import { demoProxyConfig, liveProxyConfig, pickProxyEnv, resolveProxyEnv } from './proxy/config';
import {
  handleApiRequest,
  isApiPath,
  methodNotAllowed,
  proxyError,
  redactSecret,
  type ProxyConfig,
} from './proxy/rules';

interface ProxyHost {
  config: ResolvedConfig;
  middlewares: Connect.Server;
  httpServer: { once(event: 'close', listener: () => void): unknown } | null;
  close(): Promise<void>;
}

export function peerscopeProxy(): Plugin {
  return {
    name: 'peerscope-proxy',
    async configureServer(server) {
      await attachProxy(server);
    },
    async configurePreviewServer(server) {
      await attachProxy(server);
    },
  };
}

async function attachProxy(host: ProxyHost): Promise<void> {
  const { logger } = host.config;
  const env = resolveProxyEnv(readEnv(host.config));

  let config: ProxyConfig;
  if (env.mode === 'demo') {
    // Loaded only in demo mode: live mode never runs the demo scenarios' code.
    const { startDemoUpstream } = await import('./demo/upstream');
    const demo = await startDemoUpstream({
      token: DEMO_TOKEN,
      host: '127.0.0.1',
      port: 0,
      log: (line) => logger.info(`Peerscope demo upstream: ${line}`, { timestamp: true }),
    });
    onServerClose(host, () => demo.close());
    config = demoProxyConfig(env, demo.baseUrl);
    logger.info(`Peerscope: demo mode, built-in demo upstream at ${new URL(demo.baseUrl).origin}`);
  } else {
    config = liveProxyConfig(env);
    logger.info(`Peerscope: live mode, forwarding to ${config.upstreamBaseUrl}`);
  }

  // Added directly (not in a returned post hook) so it runs before Vite's own middlewares.
  host.middlewares.use(apiMiddleware(config, logger));
}

/** process.env wins over `.env` files; only the proxy's own names are read. */
function readEnv(config: ResolvedConfig): ReturnType<typeof pickProxyEnv> {
  const fileEnv = config.envDir === false ? {} : loadEnv(config.mode, config.envDir, 'CLOUDFLARE_');
  return pickProxyEnv(process.env, fileEnv);
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

function apiMiddleware(config: ProxyConfig, logger: Logger): Connect.NextHandleFunction {
  return (req, res, next) => {
    const target = req.url ?? '/';
    if (!isApiPath(target)) {
      next();
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
