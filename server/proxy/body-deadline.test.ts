// The upstream's body against its deadline, with a real HTTP upstream and the runtime's own
// fetch: one that sends its headers at once and then a byte a second.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { handleApiRequest, type ProxyConfig } from './rules.ts';

const TOKEN = 'canary-DEADLINE-5e1c9a';
const ROUTE = '/api/accounts/0123456789abcdef0123456789abcdef/realtime/kit/my_app/sessions/peer-report/6513270e-269e-4d37-b2a7-4de452e6b438';

interface Dripping {
  base: string;
  /** Resolves when the proxy has let go of the upstream connection. */
  closed: Promise<void>;
  server: Server;
}

/** Headers at once, then `bytes` one by one, `everyMs` apart, then the end. */
async function drippingUpstream(bytes: string, everyMs: number): Promise<Dripping> {
  let markClosed = (): void => undefined;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.flushHeaders();
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < bytes.length) {
        res.write(bytes[sent]);
        sent += 1;
      } else {
        clearInterval(timer);
        res.end();
      }
    }, everyMs);
    res.on('close', () => {
      clearInterval(timer);
      markClosed();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`, closed, server };
}

function config(base: string, upstreamBodyTimeoutMs: number): ProxyConfig {
  return { mode: 'live', upstreamBaseUrl: base, token: TOKEN, defaultAccountId: null, demo: null, upstreamTimeoutMs: 5_000, upstreamBodyTimeoutMs };
}

/** Reads the body to its end or its error, giving up after `limitMs`: what came, and how it stopped. */
async function readAll(response: Response, limitMs = 8_000): Promise<{ text: string; error: unknown }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: '', error: null };
  const giveUp = setTimeout(() => void reader.cancel('still open'), limitMs);
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: text.endsWith('}') ? null : 'still open' };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  } finally {
    clearTimeout(giveUp);
  }
}

let running: Server | null = null;

afterEach(async () => {
  running?.closeAllConnections();
  running?.close();
  running = null;
});

describe('the upstream body deadline', () => {
  it('cuts off a body that drips a byte a second, and lets go of the upstream', { timeout: 15_000 }, async () => {
    const upstream = await drippingUpstream('{"success":true,"data":{}}', 1_000);
    running = upstream.server;
    const started = Date.now();
    const response = await handleApiRequest(new Request(`http://localhost${ROUTE}`), config(upstream.base, 2_500));
    // The status is already on its way to the browser; only the body can be cut.
    expect(response.status).toBe(200);
    const { text, error } = await readAll(response);
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('longer than 3 s');
    // What came is a beginning of the body (the token redaction holds back a few bytes).
    expect('{"success":true,"data":{}}'.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(5);
    expect(elapsed).toBeGreaterThanOrEqual(2_400);
    expect(elapsed).toBeLessThan(6_000);
    await upstream.closed;
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('lets a body that ends in time through whole', { timeout: 15_000 }, async () => {
    const upstream = await drippingUpstream('{"ok":1}', 20);
    running = upstream.server;
    const response = await handleApiRequest(new Request(`http://localhost${ROUTE}`), config(upstream.base, 5_000));
    expect(await readAll(response)).toEqual({ text: '{"ok":1}', error: null });
  });
});
