import { describe, expect, it } from 'vitest';
import type { Lookup } from './lookup.ts';
import { pageSearch, parsePageSearch, routeKey } from './page-url.ts';

// A report link another site opened: the server adds confirm=1, and the page keeps the
// lookup but fetches nothing until the user asks (server/proxy/cross-site-navigation.ts).

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const PEER = 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450';
const lookup: Lookup = { accountId: ACCOUNT, appId: APP, peerId: PEER, filters: ['device_info', 'events'], includePeerEvents: true };
const REPORT = `?account=${ACCOUNT}&app=${APP}&peer=${PEER}&filters=device_info,events&peerEvents=1`;

describe('a report link to confirm', () => {
  it('is read as the report, flagged', () => {
    expect(parsePageSearch(`${REPORT}&confirm=1`)).toEqual({ page: 'report', lookup, zoom: null, confirm: true });
    expect(parsePageSearch(`?confirm=1&${REPORT.slice(1)}&zoom=5-10`)).toEqual({ page: 'report', lookup, zoom: { start: 5, end: 10 }, confirm: true });
  });

  it('is not flagged without confirm=1', () => {
    for (const search of [REPORT, `${REPORT}&confirm=0`, `${REPORT}&confirm=`, `${REPORT}&confirm=true`]) {
      const route = parsePageSearch(search);
      expect(route, search).toEqual({ page: 'report', lookup, zoom: null });
      expect(route, search).not.toHaveProperty('confirm');
    }
  });

  it('keeps the flag in its link, and loses it once confirmed', () => {
    expect(pageSearch({ page: 'report', lookup, zoom: null, confirm: true })).toBe(`${REPORT}&confirm=1`);
    expect(pageSearch({ page: 'report', lookup, zoom: { start: 5, end: 10 }, confirm: true })).toBe(`${REPORT}&zoom=5-10&confirm=1`);
    expect(pageSearch({ page: 'report', lookup, zoom: null })).toBe(REPORT);
  });

  it('is the same view as the report once confirmed: the form keeps what it shows', () => {
    expect(routeKey(parsePageSearch(`${REPORT}&confirm=1`))).toBe(routeKey(parsePageSearch(REPORT)));
  });

  it('leaves a link that does not validate as it was: it fetches nothing anyway', () => {
    expect(parsePageSearch(`?account=${ACCOUNT}&app=${APP}&peer=nope&confirm=1`).page).toBe('invalid-report');
  });
});
