// The page's address bar, in one place: which page it shows and with what, read from and
// written to the query string. Every link the page makes and every lookup it runs goes
// through here, so a URL is always a link to the same view.
//
//   /                                                     the start page
//   /?account=..&app=..&peer=..&filters=..&peerEvents=1   one participant's report
//     &zoom=<start>-<end>                                 ... zoomed: seconds since the call's start
//     &confirm=1                                          ... opened from another site: fetched on a click

import { lookupInputFromSearch, lookupToSearch, validateLookup, type Lookup, type LookupInput, type LookupValidation } from './lookup.ts';

/** A zoomed range in seconds since the call's start (the call itself is not in the URL). */
export interface ZoomOffsets {
  start: number;
  end: number;
}

export type PageRoute =
  | { page: 'start' }
  /** `confirm`: opened from another site (CONFIRM_PARAM), so nothing is fetched until the user asks. */
  | { page: 'report'; lookup: Lookup; zoom: ZoomOffsets | null; confirm?: true }
  /** A report link whose lookup does not validate: shown in the form with its problems, nothing fetched. */
  | { page: 'invalid-report'; input: LookupInput; errors: Extract<LookupValidation, { ok: false }>['errors'] };

/**
 * `confirm=1`: the server adds it when another site navigated here (server/proxy/cross-site-navigation.ts),
 * so a report link does not spend the token on that site's choice without a click.
 */
export const CONFIRM_PARAM = 'confirm';

const ZOOM_PARAM = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/** `zoom=<start>-<end>`; null when absent, malformed or empty. */
export function parseZoom(value: string | null): ZoomOffsets | null {
  if (!value) return null;
  const match = ZOOM_PARAM.exec(value);
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return end > start ? { start, end } : null;
}

/** Tenths of a second: the precision the address bar keeps. */
export function formatZoom(zoom: ZoomOffsets): string {
  const tenths = (seconds: number) => String(Math.round(seconds * 10) / 10);
  return `${tenths(zoom.start)}-${tenths(zoom.end)}`;
}

export function sameZoom(a: ZoomOffsets | null, b: ZoomOffsets | null): boolean {
  if (a === null || b === null) return a === b;
  return formatZoom(a) === formatZoom(b);
}

export function parsePageSearch(search: string): PageRoute {
  const input = lookupInputFromSearch(search);
  if (!input.hasPeer) return { page: 'start' };
  const { hasPeer: _, ...fields } = input;
  const result = validateLookup(fields);
  if (!result.ok) return { page: 'invalid-report', input: fields, errors: result.errors };
  const params = new URLSearchParams(search);
  const route: PageRoute = { page: 'report', lookup: result.lookup, zoom: parseZoom(params.get('zoom')) };
  return params.get(CONFIRM_PARAM) === '1' ? { ...route, confirm: true } : route;
}

/** The query string for a route, `?…`, or '' for the start page. */
export function pageSearch(route: PageRoute): string {
  switch (route.page) {
    case 'start':
      return '';
    case 'report':
      return lookupToSearch(route.lookup, {
        ...(route.zoom ? { zoom: formatZoom(route.zoom) } : {}),
        ...(route.confirm ? { [CONFIRM_PARAM]: '1' } : {}),
      });
    case 'invalid-report':
      return lookupToSearch(route.input);
  }
}

/** The link to a participant's report, whole call. */
export function reportSearch(lookup: Lookup): string {
  return pageSearch({ page: 'report', lookup, zoom: null });
}

/**
 * What identifies the view apart from its zoom: two addresses with the same key show the
 * same lookup (the form and the panels that draw no time range stay as they are).
 */
export function routeKey(route: PageRoute): string {
  return route.page === 'report' ? reportSearch(route.lookup) : pageSearch(route);
}
