// The demo upstream: a real HTTP server that answers like Cloudflare's RealtimeKit peer
// report endpoint, so demo mode exercises the same proxy, headers, envelopes and failure
// paths as live mode. What to answer is decided by the pure demoAnswer (demo-answer.ts),
// shared with the Fetch-based demo upstream a Worker runs; this server only adds timing,
// socket bookkeeping and logging.

import http from 'node:http';
import type { Socket } from 'node:net';
import { createDemoState, demoAnswer, demoInternalError, SLOW_ANSWER_MS, type DemoAnswer } from './demo-answer.ts';

export type DemoUpstreamOptions = {
  /** The bearer token requests must carry. Never logged. */
  token: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  log?: (line: string) => void;
  /** Injectable for tests; defaults to the wall clock (used for rate-limit timing only). */
  now?: () => number;
  /** Default 8000. */
  slowAnswerMs?: number;
  /** Default false: answer the benchmark-only long-call peers too. */
  benchPeers?: boolean;
};

export type DemoUpstream = {
  /** e.g. http://127.0.0.1:43117/client/v4 */
  baseUrl: string;
  close(): Promise<void>;
};

export async function startDemoUpstream(options: DemoUpstreamOptions): Promise<DemoUpstream> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const clock = options.now ?? (() => Date.now());
  const slowAnswerMs = options.slowAnswerMs ?? SLOW_ANSWER_MS;
  const state = createDemoState();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const method = req.method ?? 'GET';
    // Path and query only: the Authorization header must never reach a log.
    const target = `${method} ${url.pathname}${url.search}`;
    let answer: DemoAnswer;
    try {
      answer = demoAnswer(
        { method, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization },
        state,
        { token: options.token, now: clock(), slowAnswerMs, benchPeers: options.benchPeers ?? false },
      );
    } catch (error) {
      answer = demoInternalError();
      log(`${target} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (answer.kind === 'hang') {
      log(`${target} -> no answer (by design)`);
      return;
    }
    const { status, headers, body, delayMs } = answer;
    const send = (): void => {
      if (res.destroyed) return;
      res.writeHead(status, { ...headers, 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      log(`${target} -> ${status} (${Math.round(performance.now() - started)} ms)`);
    };
    if (delayMs <= 0) {
      send();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, delayMs);
    timers.add(timer);
    res.on('close', () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  });

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The demo upstream is not listening on a TCP port');
  const hostForUrl = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    baseUrl: `http://${hostForUrl}:${address.port}/client/v4`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        // close() alone waits for open sockets, and the no-answer peer keeps one open forever.
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
