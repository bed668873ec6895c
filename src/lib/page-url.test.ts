import { describe, expect, it } from 'vitest';
import type { Lookup } from './lookup.ts';
import { formatZoom, isLocalOnlyLink, pageSearch, parsePageSearch, parseZoom, reportSearch, routeKey, sameZoom, shareLink } from './page-url.ts';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const PEER = 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450';
const lookup: Lookup = { accountId: ACCOUNT, appId: APP, peerId: PEER, filters: ['device_info', 'events'], includePeerEvents: true };
const REPORT = `?account=${ACCOUNT}&app=${APP}&peer=${PEER}&filters=device_info,events&peerEvents=1`;

describe('parsePageSearch', () => {
  it('reads the start page from an empty or unrelated query', () => {
    expect(parsePageSearch('')).toEqual({ page: 'start' });
    expect(parsePageSearch('?utm_source=mail')).toEqual({ page: 'start' });
  });

  it('reads a report link, with and without a zoom', () => {
    expect(parsePageSearch(REPORT)).toEqual({ page: 'report', lookup, zoom: null });
    expect(parsePageSearch(`${REPORT}&zoom=120-300.5`)).toEqual({ page: 'report', lookup, zoom: { start: 120, end: 300.5 } });
  });

  it('drops a zoom it cannot read, and keeps the report', () => {
    for (const zoom of ['300-120', '12', 'a-b', '-5-10', '5-5', '']) {
      expect(parsePageSearch(`${REPORT}&zoom=${zoom}`), zoom).toEqual({ page: 'report', lookup, zoom: null });
    }
  });

  it('keeps a report link that does not validate, with what is wrong', () => {
    const route = parsePageSearch(`?account=${ACCOUNT}&app=${APP}&peer=not-a-uuid`);
    expect(route.page).toBe('invalid-report');
    if (route.page !== 'invalid-report') return;
    expect(route.input.peerId).toBe('not-a-uuid');
    expect(Object.keys(route.errors)).toEqual(['peerId']);
  });
});

describe('pageSearch', () => {
  it('writes each route as its link', () => {
    expect(pageSearch({ page: 'start' })).toBe('');
    expect(pageSearch({ page: 'report', lookup, zoom: null })).toBe(REPORT);
    expect(pageSearch({ page: 'report', lookup, zoom: { start: 120, end: 300.54 } })).toBe(`${REPORT}&zoom=120-300.5`);
    expect(reportSearch(lookup)).toBe(REPORT);
  });

  it('writes a lookup that does not validate as typed, so the form shows it again', () => {
    const input = { ...lookup, peerId: 'not-a-uuid' };
    expect(pageSearch({ page: 'invalid-report', input, errors: { peerId: 'x' } })).toBe(
      `?account=${ACCOUNT}&app=${APP}&peer=not-a-uuid&filters=device_info,events&peerEvents=1`,
    );
  });

  it('reads back what it writes', () => {
    const route = { page: 'report' as const, lookup, zoom: { start: 7.5, end: 64 } };
    expect(parsePageSearch(pageSearch(route))).toEqual(route);
  });
});

describe('zoom in the address bar', () => {
  it('keeps tenths of a second', () => {
    expect(formatZoom({ start: 1.04, end: 99.96 })).toBe('1-100');
    expect(parseZoom('1.5-20')).toEqual({ start: 1.5, end: 20 });
  });

  it('counts two zooms the same when they write the same link', () => {
    expect(sameZoom({ start: 1.01, end: 5 }, { start: 1.04, end: 5.02 })).toBe(true);
    expect(sameZoom({ start: 1, end: 5 }, { start: 1.2, end: 5 })).toBe(false);
    expect(sameZoom(null, null)).toBe(true);
    expect(sameZoom(null, { start: 1, end: 5 })).toBe(false);
  });

  it('is not part of the route key', () => {
    expect(routeKey({ page: 'report', lookup, zoom: { start: 1, end: 5 } })).toBe(REPORT);
    expect(routeKey({ page: 'start' })).toBe('');
  });
});

describe('finding a call in the address bar', () => {
  const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
  const SENDER = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';
  const search = {
    accountId: ACCOUNT,
    appId: APP,
    text: 'Quarterly review',
    from: Date.UTC(2026, 8, 14, 12, 0, 0),
    to: Date.UTC(2026, 8, 14, 18, 0, 0),
    status: 'ended' as const,
    sort: 'newest' as const,
    page: 1,
  };

  it('writes a search of sessions with its text, range and status, the defaults left out', () => {
    expect(pageSearch({ page: 'sessions', search })).toBe(
      `?account=${ACCOUNT}&app=${APP}&q=Quarterly+review&from=2026-09-14T12:00:00.000Z&to=2026-09-14T18:00:00.000Z&status=ended`,
    );
    expect(pageSearch({ page: 'sessions', search: { ...search, text: '', from: null, to: null, status: null } })).toBe(`?account=${ACCOUNT}&app=${APP}`);
    expect(pageSearch({ page: 'sessions', search: { ...search, sort: 'most-minutes', page: 3 } })).toBe(
      `?account=${ACCOUNT}&app=${APP}&q=Quarterly+review&from=2026-09-14T12:00:00.000Z&to=2026-09-14T18:00:00.000Z&status=ended&sort=most-minutes&page=3`,
    );
  });

  it('reads a search of sessions back, %-encoded or not', () => {
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&q=Quarterly%20review&from=2026-09-14T14%3A00%3A00%2B02%3A00&to=2026-09-14T18:00:00Z&status=ended`)).toEqual({
      page: 'sessions',
      search,
    });
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}`)).toEqual({
      page: 'sessions',
      search: { ...search, text: '', from: null, to: null, status: null },
    });
  });

  it('keeps a search link that does not validate, with what is wrong', () => {
    const route = parsePageSearch(`?account=${ACCOUNT}&app=${APP}&from=yesterday&status=open`);
    expect(route).toEqual({
      page: 'invalid-sessions',
      input: { accountId: ACCOUNT, appId: APP, text: '', from: 'yesterday', to: '', status: 'open', sort: '', page: '' },
      errors: { from: 'From is a date and time with a time zone, like 2026-09-14T13:00:00Z.', status: 'Status is live or ended.' },
    });
    if (route.page !== 'invalid-sessions') return;
    expect(pageSearch(route)).toBe(`?account=${ACCOUNT}&app=${APP}&from=yesterday&status=open`);
  });

  it('writes and reads one session', () => {
    const session = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };
    expect(pageSearch({ page: 'session', session })).toBe(`?account=${ACCOUNT}&app=${APP}&session=${SESSION}`);
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&session=${SESSION.toUpperCase()}`)).toEqual({ page: 'session', session });
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&session=quarterly`)).toEqual({
      page: 'invalid-session',
      input: { accountId: ACCOUNT, appId: APP, sessionId: 'quarterly' },
      errors: { sessionId: 'Session ID is a UUID, like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e.' },
    });
  });

  it('writes and reads a comparison with a remote sender; a sender that is no peer ID is the report alone', () => {
    expect(pageSearch({ page: 'compare', lookup, sender: SENDER })).toBe(`${REPORT}&compare=${SENDER}`);
    expect(parsePageSearch(`${REPORT}&compare=${SENDER}`)).toEqual({ page: 'compare', lookup, sender: SENDER });
    expect(parsePageSearch(`${REPORT}&compare=nobody`)).toEqual({ page: 'report', lookup, zoom: null });
    expect(parsePageSearch(`${REPORT}&compare=${PEER}`)).toEqual({ page: 'report', lookup, zoom: null });
  });

  it('keeps confirm=1 on every route another site can open, and out of the route key', () => {
    const session = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&session=${SESSION}&confirm=1`)).toEqual({ page: 'session', session, confirm: true });
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&q=x&confirm=1`)).toMatchObject({ page: 'sessions', confirm: true });
    expect(parsePageSearch(`${REPORT}&compare=${SENDER}&confirm=1`)).toEqual({ page: 'compare', lookup, sender: SENDER, confirm: true });
    expect(pageSearch({ page: 'session', session, confirm: true })).toBe(`?account=${ACCOUNT}&app=${APP}&session=${SESSION}&confirm=1`);
    expect(routeKey({ page: 'session', session, confirm: true })).toBe(`?account=${ACCOUNT}&app=${APP}&session=${SESSION}`);
    expect(routeKey({ page: 'compare', lookup, sender: SENDER, confirm: true })).toBe(`${REPORT}&compare=${SENDER}`);
  });

  it('reads back what it writes', () => {
    for (const route of [
      { page: 'sessions' as const, search: { ...search, status: 'live' as const, sort: 'oldest' as const, page: 2 } },
      { page: 'session' as const, session: { accountId: ACCOUNT, appId: APP, sessionId: SESSION } },
      { page: 'compare' as const, lookup, sender: SENDER },
    ]) {
      expect(parsePageSearch(pageSearch(route))).toEqual(route);
    }
  });
});

describe('links to share', () => {
  const page = { origin: 'http://localhost:5173', pathname: '/', search: '?account=a&app=b&peer=c' };

  it('use the public address when one is set, the page’s own origin otherwise', () => {
    expect(shareLink('https://peerscope.example.com/', page)).toBe('https://peerscope.example.com/?account=a&app=b&peer=c');
    expect(shareLink('https://example.com/tools/peerscope', { ...page, pathname: '/' })).toBe('https://example.com/tools/peerscope/?account=a&app=b&peer=c');
    expect(shareLink(null, page)).toBe('http://localhost:5173/?account=a&app=b&peer=c');
  });

  it('know a link only this machine can open', () => {
    for (const link of ['http://localhost:5173/', 'http://127.0.0.1:4173/x', 'http://[::1]:5173/', 'http://app.localhost/']) {
      expect(isLocalOnlyLink(link), link).toBe(true);
    }
    for (const link of ['https://peerscope.example.com/', 'http://10.0.0.5:5173/', 'not a url']) {
      expect(isLocalOnlyLink(link), link).toBe(false);
    }
  });
});
