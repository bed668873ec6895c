import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { fetchAppConfig, fetchPeerReport } from './client.ts';
import type { Lookup } from '../lib/lookup.ts';

// A body that breaks off after the status arrived (the proxy cuts off an upstream body that
// outruns its deadline; a connection drops) is not a server that could not be reached.

const ORIGIN = 'http://peerscope.test';
const lookup: Lookup = {
  accountId: 'abc123',
  appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73',
  peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
  filters: ['device_info', 'events'],
  includePeerEvents: true,
};

/** An answer whose status and first bytes arrive, then the connection breaks as the browser's fetch reports it. */
function brokenAnswer(status: number, headers: Record<string, string> = {}) {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"success":true,"data":{"participant":{"id":"6513270e'));
      controller.error(new TypeError('network error'));
    },
  });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(stream, { status, headers: { 'content-type': 'application/json', ...headers } })));
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
});

describe('a body cut off after the status arrived', () => {
  it('is said to be cut off, with the status that arrived, not a server out of reach', async () => {
    brokenAnswer(200);
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('malformed-body');
    expect(error.status).toBe(200);
    expect(error.source).toBe('upstream');
    expect(error.message).toBe('The answer was cut off before its end: the connection broke after the status (200) had arrived.');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('names the proxy as the source when its own answer broke off, and covers error answers too', async () => {
    brokenAnswer(502, { 'x-peerscope-source': 'proxy' });
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error).toMatchObject({ kind: 'malformed-body', status: 502, source: 'proxy' });
    brokenAnswer(200);
    expect(await failure(fetchAppConfig({ origin: ORIGIN }))).toMatchObject({ kind: 'malformed-body', status: 200 });
  });

  it('still calls a request that got no answer at all a network error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const error = await failure(fetchPeerReport(lookup, { early: null, origin: ORIGIN }));
    expect(error.kind).toBe('network');
    expect(error.message).toBe('The request did not reach the Peerscope server.');
  });
});
