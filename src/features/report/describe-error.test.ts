import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorKind } from '../../api/api-error.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { describeError } from './describe-error.ts';

const lookup: Lookup = {
  accountId: 'acc1',
  appId: 'app-1',
  peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
  filters: ['events'],
  includePeerEvents: false,
};

const kinds: [ApiErrorKind, number | null][] = [
  ['invalid-request', 400],
  ['unauthorized', 401],
  ['forbidden', 403],
  ['not-found', 404],
  ['rate-limited', 429],
  ['server', 500],
  ['bad-gateway', 502],
  ['unexpected-status', 409],
  ['timeout', null],
  ['network', null],
  ['malformed-body', 200],
  ['not-a-report', 200],
  ['unsuccessful', 200],
];

describe('describeError', () => {
  it('gives every failure class its own title, detail and action', () => {
    const titles = kinds.map(([kind, status]) => {
      const text = describeError(new ApiError({ kind, status, message: 'x' }), lookup, 'live');
      expect(text.detail.length).toBeGreaterThan(10);
      expect(text.action.length).toBeGreaterThan(10);
      return text.title;
    });
    expect(new Set(titles).size).toBe(kinds.length);
  });

  it('tells an empty answer from an unreadable one', () => {
    const empty = describeError(new ApiError({ kind: 'malformed-body', status: 200, empty: true, message: 'The answer was empty.' }), lookup, 'live');
    const broken = describeError(new ApiError({ kind: 'malformed-body', status: 200, message: 'The answer is not valid JSON.' }), lookup, 'live');
    expect(empty.title).toBe('An empty answer');
    expect(empty.detail).toContain('answered 200 with no body');
    expect(broken.title).not.toBe(empty.title);
  });

  it('names the peer and app on a 404 and the account on a 403', () => {
    expect(describeError(new ApiError({ kind: 'not-found', status: 404, message: '' }), lookup, 'live').detail).toContain(lookup.peerId);
    expect(describeError(new ApiError({ kind: 'forbidden', status: 403, message: '' }), lookup, 'live').detail).toContain('acc1');
  });

  it('does not call client mistakes retryable', () => {
    for (const kind of ['invalid-request', 'unauthorized', 'forbidden', 'not-found'] as const) {
      expect(describeError(new ApiError({ kind, message: '' }), lookup, 'live').retryable).toBe(false);
    }
    expect(describeError(new ApiError({ kind: 'timeout', message: '' }), lookup, 'live').retryable).toBe(true);
  });

  it('tells a proxy-side gateway failure from an upstream one', () => {
    const proxy = describeError(new ApiError({ kind: 'bad-gateway', status: 502, source: 'proxy', message: '502: could not reach api.example' }), lookup, 'live');
    expect(proxy.title).toContain('could not reach the API');
    expect(proxy.detail).toBe('could not reach api.example');
    const html = describeError(new ApiError({ kind: 'bad-gateway', status: 502, html: true, message: '502' }), lookup, 'live');
    expect(html.detail).toContain('HTML error page');
  });

  it('says where the token is set in live mode', () => {
    expect(describeError(new ApiError({ kind: 'unauthorized', message: '' }), lookup, 'live').action).toContain('CLOUDFLARE_API_TOKEN');
  });
});
