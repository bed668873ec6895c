import { describe, expect, it } from 'vitest';
import { crossSiteNavigationRedirect } from './cross-site-navigation.ts';

const REPORT_LINK =
  '/?account=8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d&app=2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73&peer=d23f0824-128b-4f33-8c5c-7fd0a6a3a450&filters=device_info,events&peerEvents=1';

/** What Chromium sends for a top-level navigation another site started (a link, a form, `location =`). */
const CROSS_SITE_NAVIGATION = {
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
  'sec-fetch-user': '?1',
};

function request(target: string, headers: Record<string, string> = CROSS_SITE_NAVIGATION, method = 'GET'): Request {
  return new Request(new URL(target, 'http://localhost:5173'), { method, headers });
}

describe('crossSiteNavigationRedirect', () => {
  it('sends a report link another site opened to the same link with confirm=1', async () => {
    const answer = crossSiteNavigationRedirect(request(REPORT_LINK));
    expect(answer?.status).toBe(303);
    expect(answer?.headers.get('location')).toBe(`${REPORT_LINK.slice(1)}&confirm=1`);
    expect(answer?.headers.get('cache-control')).toBe('no-store');
    expect(await answer?.text()).toBe('Opened from another site: the page asks before it fetches anything.\n');
  });

  it('counts a navigation by its mode or by its destination, frames included', () => {
    const { 'sec-fetch-dest': _dest, ...modeOnly } = CROSS_SITE_NAVIGATION;
    const { 'sec-fetch-mode': _mode, ...destOnly } = CROSS_SITE_NAVIGATION;
    for (const headers of [modeOnly, destOnly, { ...CROSS_SITE_NAVIGATION, 'sec-fetch-dest': 'iframe' }]) {
      expect(crossSiteNavigationRedirect(request(REPORT_LINK, headers))?.status, JSON.stringify(headers)).toBe(303);
    }
  });

  it('redirects HEAD too, without a body', () => {
    const answer = crossSiteNavigationRedirect(request(REPORT_LINK, CROSS_SITE_NAVIGATION, 'HEAD'));
    expect(answer?.status).toBe(303);
    expect(answer?.body).toBeNull();
  });

  it('never redirects the link it points to again', () => {
    const first = crossSiteNavigationRedirect(request(REPORT_LINK));
    const next = `/${first?.headers.get('location') ?? ''}`;
    expect(crossSiteNavigationRedirect(request(next))).toBeNull();
  });

  it('replaces a confirm parameter of another value, so the page cannot be told to skip the question', () => {
    for (const [target, location] of [
      [`${REPORT_LINK}&confirm=0`, `${REPORT_LINK.slice(1)}&confirm=1`],
      [`/?confirm=&peer=x&confirm=no`, '?peer=x&confirm=1'],
      [`/?confirm&peer=x`, '?peer=x&confirm=1'],
      [`/?%63onfirm=0&peer=x`, '?peer=x&confirm=1'],
      [`/?confirm=0&confirm=1&peer=x`, '?peer=x&confirm=1'],
    ] as const) {
      expect(crossSiteNavigationRedirect(request(target))?.headers.get('location'), target).toBe(location);
    }
  });

  it('keeps every other parameter as it was sent, find links and unknown ones too', () => {
    const target = '/?account=a&app=b&q=weekly%20sync&from=2026-01-01T10%3A00&x=1&&y';
    expect(crossSiteNavigationRedirect(request(target))?.headers.get('location')).toBe(
      '?account=a&app=b&q=weekly%20sync&from=2026-01-01T10%3A00&x=1&y&confirm=1',
    );
  });

  it('names no path and no host, whatever the request-target', () => {
    for (const target of ['//evil.example/?peer=x', '/.//evil.example/?peer=x', '/\\evil.example/?peer=x', '/deep/link?peer=x']) {
      const location = crossSiteNavigationRedirect(request(target))?.headers.get('location');
      expect(location, target).toBe('?peer=x&confirm=1');
    }
  });

  it('encodes what the address bar may not carry in a header', () => {
    const location = crossSiteNavigationRedirect(request('/?peer=<x y>"ü'))?.headers.get('location');
    expect(location).toBe('?peer=%3Cx%20y%3E%22%C3%BC&confirm=1');
  });

  it.each([
    ['from the same site (another port of this host)', { ...CROSS_SITE_NAVIGATION, 'sec-fetch-site': 'same-site' }],
    ['from the same origin', { ...CROSS_SITE_NAVIGATION, 'sec-fetch-site': 'same-origin' }],
    ['typed, bookmarked or opened from outside a browser page', { ...CROSS_SITE_NAVIGATION, 'sec-fetch-site': 'none' }],
    ['from a client that sends no fetch metadata', {}],
    ['a cross-site subresource, not a navigation', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
  ])('loads at once %s', (_what, headers) => {
    expect(crossSiteNavigationRedirect(request(REPORT_LINK, headers))).toBeNull();
  });

  it('leaves alone what fetches nothing, what is not a page and what the proxy answers', () => {
    expect(crossSiteNavigationRedirect(request('/'))).toBeNull();
    expect(crossSiteNavigationRedirect(request('/?'))).toBeNull();
    expect(crossSiteNavigationRedirect(request(REPORT_LINK, CROSS_SITE_NAVIGATION, 'POST'))).toBeNull();
    expect(crossSiteNavigationRedirect(request('/api/config?x=1'))).toBeNull();
    expect(crossSiteNavigationRedirect(request('/api/accounts/a/realtime/kit/b/sessions/peer-report/c?filters=events'))).toBeNull();
  });
});
