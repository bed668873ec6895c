import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, parseRetryAfter, rayIdOf } from './api-error.ts';
import { fetchAppConfig, fetchPeerReport } from './client.ts';
import type { Lookup } from '../lib/lookup.ts';
import { retryDelay, shouldRetry } from './queries.ts';

const ORIGIN = 'http://peerscope.test';
const lookup: Lookup = {
  accountId: 'abc123',
  appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73',
  peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
  filters: ['device_info', 'events'],
  includePeerEvents: true,
};

function answer(status: number, body: string, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('fetchPeerReport success', () => {
  it('requests the proxied route with the filters and peer events, and returns data', async () => {
    const fetchMock = answer(200, JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, peer_report: {} } } }));
    const result = await fetchPeerReport(lookup, { early: null, origin: ORIGIN });
    const url = String((fetchMock.mock.calls[0] as unknown as [URL])[0]);
    expect(url).toBe(
      `${ORIGIN}/api/accounts/abc123/realtime/kit/${lookup.appId}/sessions/peer-report/${lookup.peerId}?filters=device_info,events&include_peer_events=true`,
    );
    expect(result.data).toEqual({ participant: { id: lookup.peerId, peer_report: {} } });
    expect(await result.body.text()).toContain('"success":true');
  });

  it('reads the body with the listener it is given, and hands that listener back with the data', async () => {
    const samples = Array.from({ length: 8000 }, (_, index) => ({ timestamp: index }));
    const text = JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, peer_report: { quality: { audio_producer: samples } } } } });
    // In 4 KB chunks, as a network delivers it: the sample array is still open well past 64 KB, so the reader enters it.
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.slice(at, at + 4096));
        controller.close();
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })));
    const heard: { path: string; items: number }[] = [];
    let ended = '';
    const early = {
      items: (path: readonly (string | number)[], items: readonly unknown[]) => heard.push({ path: path.join('.'), items: items.length }),
      end: (path: readonly (string | number)[]) => {
        ended = path.join('.');
      },
    };
    const result = await fetchPeerReport(lookup, { early, origin: ORIGIN });
    expect(result.early).toBe(early);
    expect(heard.every(({ path }) => path === 'data.participant.peer_report.quality.audio_producer')).toBe(true);
    expect(heard.reduce((sum, { items }) => sum + items, 0)).toBe(8000);
    expect(ended).toBe('data.participant.peer_report.quality.audio_producer');
  });

  it('keeps the body byte for byte, decoded across chunk boundaries, and counts its bytes', async () => {
    const body = JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, display_name: 'Zoë Ångström 東京 🎧', peer_report: {} } } });
    const encoded = new TextEncoder().encode(body);
    // One byte at a time: every multi-byte character is split between chunks.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of encoded) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } })));
    const result = await fetchPeerReport(lookup, { early: null, origin: ORIGIN });
    expect((result.data.participant as Record<string, unknown>).display_name).toBe('Zoë Ångström 東京 🎧');
    expect(new Uint8Array(await result.body.arrayBuffer())).toEqual(encoded);
    expect(result.bytes).toBe(encoded.byteLength);
    expect(result.bytes).toBeGreaterThan(body.length);
  });

  it('keeps a body of many megabytes byte for byte, as it arrived in chunks', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => ({ at: i, note: `sample ${i} ✓ ${'x'.repeat(i % 200)}` }));
    const body = JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, peer_report: { rows } } } });
    const encoded = new TextEncoder().encode(body);
    expect(encoded.byteLength).toBeGreaterThan(9 * 1024 * 1024);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < encoded.length; at += 65_536) controller.enqueue(encoded.slice(at, at + 65_536));
        controller.close();
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stream, { status: 200 })));
    const result = await fetchPeerReport(lookup, { early: null, origin: ORIGIN });
    expect(result.bytes).toBe(encoded.byteLength);
    // Compared as text: a deep comparison of 9 MB of bytes takes a minute.
    expect((await result.body.text()) === body).toBe(true);
    expect(result.body.type).toBe('application/json');
    expect(JSON.stringify(result.data) === JSON.stringify((JSON.parse(body) as { data: unknown }).data)).toBe(true);
  });

  it('accepts the flat and legacy shapes', async () => {
    answer(200, JSON.stringify({ success: true, data: { id: lookup.peerId, preset_name: 'host', peer_report: {} } }));
    await expect(fetchPeerReport(lookup, { early: null, origin: ORIGIN })).resolves.toBeTruthy();
    answer(200, JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, role: 'host', peer_stats: {} } } }));
    await expect(fetchPeerReport(lookup, { early: null, origin: ORIGIN })).resolves.toBeTruthy();
  });
});

describe('fetchPeerReport failures', () => {
  it.each([
    [400, { success: false, error: { code: 400, message: 'BAD_REQUEST: invalid filters' } }, 'invalid-request', 'BAD_REQUEST: invalid filters'],
    [401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }, 'unauthorized', 'Authentication error'],
    [403, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null }, 'forbidden', 'Authentication error'],
    [404, { success: false, error: { code: 404, message: `No user found with id ${lookup.peerId}` } }, 'not-found', `No user found with id ${lookup.peerId}`],
    [500, { success: false, error: { code: 500, message: 'Internal error' } }, 'server', 'Internal error'],
    [401, { message: 'Unauthorized' }, 'unauthorized', 'Unauthorized'],
    [409, {}, 'unexpected-status', null],
  ] as const)('maps %i %j to %s', async (status, body, kind, message) => {
    answer(status, JSON.stringify(body));
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.upstreamMessage).toBe(message);
  });

  it('reads Retry-After on a 429', async () => {
    answer(429, JSON.stringify({ success: false, errors: [{ code: 971, message: 'Please wait' }] }), { 'retry-after': '2' });
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(2);
  });

  it('recognises an HTML gateway page', async () => {
    answer(502, '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', { 'content-type': 'text/html' });
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('bad-gateway');
    expect(error.html).toBe(true);
    expect(error.upstreamMessage).toBeNull();
  });

  it('marks errors the proxy itself produced', async () => {
    answer(502, JSON.stringify({ success: false, errors: [{ code: 'upstream_unreachable', message: 'could not reach api.example' }], source: 'proxy' }), {
      'x-peerscope-source': 'proxy',
    });
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.source).toBe('proxy');
    expect(error.code).toBe('upstream_unreachable');
  });

  it.each([
    ['{"success": true, "data": {"partic', 'malformed-body'],
    ['', 'malformed-body'],
    ['[1,2,3]', 'not-a-report'],
    ['{"success": true, "data": {"sessions": []}}', 'not-a-report'],
    ['{"success": true}', 'not-a-report'],
    ['{"success": true, "data": {"participant": 5}}', 'not-a-report'],
  ])('rejects the 200 body %s as %s', async (body, kind) => {
    answer(200, body);
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe(kind);
    expect(error.empty).toBe(body === '');
  });

  it.each([
    ['an HTML page', '<!DOCTYPE html><html><body>' + 'Gateway says no. '.repeat(8000) + '</body></html>', true],
    ['a report cut short', JSON.stringify({ success: true, data: { participant: { id: lookup.peerId, rows: Array(5000).fill({ a: 1 }) } } }).slice(0, -40_000), false],
  ])('describes a 200 body that arrives in chunks and is not JSON (%s) as it would a whole one', async (_name, body, html) => {
    const encoded = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < encoded.length; at += 4096) controller.enqueue(encoded.slice(at, at + 4096));
        controller.close();
      },
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(stream, { status: 200 })));
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('malformed-body');
    expect(error.message).toBe('The answer is not valid JSON.');
    expect(error.html).toBe(html);
  });

  it.each([
    [{ success: false, error: { code: 500, message: 'Something broke' } }, 'Something broke'],
    [{ success: false, errors: [{ code: 7003, message: 'No route' }] }, 'No route'],
    [{ success: false, message: 'Nope' }, 'Nope'],
  ])('treats success:false in a 200 as a failure: %j', async (body, message) => {
    answer(200, JSON.stringify(body));
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('unsuccessful');
    expect(error.upstreamMessage).toBe(message);
  });

  it('turns a network failure into a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('network');
  });

  it('gives up after the timeout', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: URL, init: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      ),
    );
    const pending = failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    await vi.advanceTimersByTimeAsync(30_000);
    const error = await pending;
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('30 s');
  });

  it('passes a caller abort through instead of calling it a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: URL, init: RequestInit) =>
          new Promise<Response>((_resolve, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
          }),
      ),
    );
    const controller = new AbortController();
    const pending = fetchPeerReport(lookup, { early: null, origin: ORIGIN, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/Aborted/);
  });
});

describe('fetchAppConfig', () => {
  it('reads the demo config', async () => {
    answer(200, JSON.stringify({ mode: 'demo', defaultAccountId: 'abc', demo: { accountId: 'abc', appId: 'app', peers: [] } }));
    await expect(fetchAppConfig({ origin: ORIGIN })).resolves.toMatchObject({ mode: 'demo' });
  });

  it('rejects a config of the wrong shape', async () => {
    answer(200, JSON.stringify({ mode: 'other' }));
    expect((await failure(fetchAppConfig({ origin: ORIGIN }))).kind).toBe('malformed-body');
  });
});

describe('retry policy', () => {
  const rateLimited = (seconds: number | null) => new ApiError({ kind: 'rate-limited', status: 429, retryAfterSeconds: seconds, message: '429' });
  it('retries a 429 honouring Retry-After, at most three times', () => {
    expect(shouldRetry(0, rateLimited(2))).toBe(true);
    expect(shouldRetry(2, rateLimited(2))).toBe(true);
    expect(shouldRetry(3, rateLimited(2))).toBe(false);
    expect(retryDelay(1, rateLimited(2))).toBe(2000);
  });
  it('does not wait out a missing or very long Retry-After', () => {
    expect(shouldRetry(0, rateLimited(null))).toBe(false);
    expect(shouldRetry(0, rateLimited(3600))).toBe(false);
  });
  it('retries 5xx and network errors twice with backoff, never other 4xx', () => {
    const server = new ApiError({ kind: 'server', status: 500, message: '500' });
    expect(shouldRetry(1, server)).toBe(true);
    expect(shouldRetry(2, server)).toBe(false);
    expect(retryDelay(1, server)).toBe(1000);
    expect(retryDelay(2, server)).toBe(2000);
    for (const kind of ['unauthorized', 'forbidden', 'not-found', 'invalid-request', 'timeout', 'not-a-report'] as const) {
      expect(shouldRetry(0, new ApiError({ kind, message: kind }))).toBe(false);
    }
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter('Wed, 25 Nov 2026 18:00:10 GMT', Date.parse('Wed, 25 Nov 2026 18:00:00 GMT'))).toBe(10);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('rayIdOf', () => {
  it('takes the cf-ray header, else the Ray ID a Cloudflare error page prints', () => {
    expect(rayIdOf('8d2f0c7a9b1e4f30-SJC', '')).toBe('8d2f0c7a9b1e4f30-SJC');
    expect(rayIdOf(null, 'Cloudflare Ray ID: <strong class="font-semibold">8d2f0c7a9b1e4f30</strong>')).toBe('8d2f0c7a9b1e4f30');
    expect(rayIdOf('', 'Ray ID: 0123456789abcdef • 2026-11-25')).toBe('0123456789abcdef');
  });

  it('keeps nothing that is not shaped like one', () => {
    expect(rayIdOf('<script>', 'no id here')).toBeNull();
    expect(rayIdOf(null, 'Ray ID: 12345')).toBeNull();
  });

  it('comes with an error answer', async () => {
    answer(502, '<html><body>Cloudflare Ray ID: <strong>8d2f0c7a9b1e4f30</strong></body></html>', { 'content-type': 'text/html' });
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.rayId).toBe('8d2f0c7a9b1e4f30');
  });
});
