import { describe, expect, it } from 'vitest';
import type { Lookup } from './lookup.ts';
import { formatZoom, pageSearch, parsePageSearch, parseZoom, reportSearch, routeKey, sameZoom } from './page-url.ts';

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
