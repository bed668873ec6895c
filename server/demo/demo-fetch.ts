// The demo upstream as a `fetch` function: a Request in, the demo API's Response out, with
// no socket in between. A Cloudflare Worker cannot listen on a port, so in demo mode it
// hands this to the proxy rules as their upstream `fetch`; the answers come from the same
// demoAnswer and scenario generators as the Node demo server's. No node: imports.

import { createDemoState, demoAnswer, demoInternalError, SLOW_ANSWER_MS, type DemoAnswer, type DemoState } from './demo-answer.ts';

/** Where the proxy is told the demo upstream lives. `.invalid` never resolves: nothing leaves the process. */
export const DEMO_FETCH_BASE_URL = 'http://demo-upstream.invalid/client/v4';

export interface DemoFetchOptions {
  /** The bearer token requests must carry. */
  token: string;
  /** Also answer the benchmark's long-call peers (bench-peers.ts). */
  benchPeers?: boolean;
  /** Default 8000. */
  slowAnswerMs?: number;
  /** Injectable for tests; defaults to the wall clock (used for rate-limit timing only). */
  now?: () => number;
  /** The rate-limit memory; by default one per function, kept across its requests. */
  state?: DemoState;
}

export function createDemoFetch(options: DemoFetchOptions): typeof fetch {
  const state = options.state ?? createDemoState();
  const clock = options.now ?? (() => Date.now());
  const slowAnswerMs = options.slowAnswerMs ?? SLOW_ANSWER_MS;

  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    let answer: DemoAnswer;
    try {
      answer = demoAnswer(
        { method: request.method, path: url.pathname, query: url.searchParams, authorization: request.headers.get('authorization') },
        state,
        { token: options.token, now: clock(), slowAnswerMs, benchPeers: options.benchPeers ?? false },
      );
    } catch {
      answer = demoInternalError();
    }
    // The no-answer peer: pending until the caller gives up, as a silent server would be.
    if (answer.kind === 'hang') return waitForAbort(request.signal);
    if (answer.delayMs > 0) await sleep(answer.delayMs, request.signal);
    return new Response(request.method === 'HEAD' ? null : answer.body, {
      status: answer.status,
      headers: { ...answer.headers, 'cache-control': 'no-store' },
    });
  };
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(abortReason(signal));
    else signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
