// The page's address bar, in one place: which page it shows and with what, read from and
// written to the query string. Every link the page makes and every lookup it runs goes
// through here, so a URL is always a link to the same view.
//
//   /                                                     the start page
//   /?account=..&app=..&q=..&from=..&to=..&status=..      a search of the app's sessions (find a call)
//     &sort=oldest|most-minutes&page=2                    ... another order, another page of results
//   /?account=..&app=..&session=<id>                      one session and its participants
//   /?account=..&app=..&peer=..&filters=..&peerEvents=1   one participant's report
//     &zoom=<start>-<end>                                 ... zoomed: seconds since the call's start
//     &compare=<peer>                                     ... side by side with what that remote sender sent
//   any of them &confirm=1                                ... opened from another site: fetched on a click

import { isUuid } from './ids.ts';
import { lookupInputFromSearch, lookupToSearch, validateLookup, type Lookup, type LookupInput, type LookupValidation } from './lookup.ts';
import {
  DEFAULT_SESSION_SORT,
  sessionSearchInput,
  validateSessionRef,
  validateSessionSearch,
  type SessionRef,
  type SessionRefInput,
  type SessionRefValidation,
  type SessionSearch,
  type SessionSearchInput,
  type SessionSearchValidation,
} from './session-search.ts';

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
  | { page: 'invalid-report'; input: LookupInput; errors: Extract<LookupValidation, { ok: false }>['errors'] }
  /** A participant's received stream from `sender` beside what `sender` sent: both reports, one clock. */
  | { page: 'compare'; lookup: Lookup; sender: string; confirm?: true }
  | { page: 'sessions'; search: SessionSearch; confirm?: true }
  | { page: 'invalid-sessions'; input: SessionSearchInput; errors: Extract<SessionSearchValidation, { ok: false }>['errors'] }
  | { page: 'session'; session: SessionRef; confirm?: true }
  | { page: 'invalid-session'; input: SessionRefInput; errors: Extract<SessionRefValidation, { ok: false }>['errors'] };

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

/** The parameters of a search of sessions, as the address bar names them. */
const SEARCH_PARAMS = { text: 'q', from: 'from', to: 'to', status: 'status', sort: 'sort', page: 'page' } as const;

export function parsePageSearch(search: string): PageRoute {
  const params = new URLSearchParams(search);
  const confirm = params.get(CONFIRM_PARAM) === '1' ? { confirm: true as const } : {};
  const input = lookupInputFromSearch(search);
  if (input.hasPeer) {
    const { hasPeer: _, ...fields } = input;
    const result = validateLookup(fields);
    if (!result.ok) return { page: 'invalid-report', input: fields, errors: result.errors };
    const sender = params.get('compare')?.trim().toLowerCase() ?? '';
    // A sender that is not a peer ID is no comparison: the report alone.
    if (isUuid(sender) && sender !== result.lookup.peerId) return { page: 'compare', lookup: result.lookup, sender, ...confirm };
    return { page: 'report', lookup: result.lookup, zoom: parseZoom(params.get('zoom')), ...confirm };
  }
  if (params.has('session')) {
    const ref = { accountId: params.get('account') ?? '', appId: params.get('app') ?? '', sessionId: params.get('session') ?? '' };
    const result = validateSessionRef(ref);
    return result.ok ? { page: 'session', session: result.session, ...confirm } : { page: 'invalid-session', input: ref, errors: result.errors };
  }
  if (['account', 'app', ...Object.values(SEARCH_PARAMS)].some((name) => params.has(name))) {
    const fields: SessionSearchInput = {
      accountId: params.get('account') ?? '',
      appId: params.get('app') ?? '',
      text: params.get(SEARCH_PARAMS.text) ?? '',
      from: params.get(SEARCH_PARAMS.from) ?? '',
      to: params.get(SEARCH_PARAMS.to) ?? '',
      status: params.get(SEARCH_PARAMS.status) ?? '',
      sort: params.get(SEARCH_PARAMS.sort) ?? '',
      page: params.get(SEARCH_PARAMS.page) ?? '',
    };
    const result = validateSessionSearch(fields);
    return result.ok ? { page: 'sessions', search: result.search, ...confirm } : { page: 'invalid-sessions', input: fields, errors: result.errors };
  }
  return { page: 'start' };
}

/** `?name=value&…` in the order given, empty values left out; `:` and `,` kept literal, as the links are documented. */
function searchOf(entries: readonly (readonly [string, string])[]): string {
  const params = new URLSearchParams();
  for (const [name, value] of entries) if (value !== '') params.set(name, value);
  return `?${params.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',')}`;
}

function sessionsSearch(input: SessionSearchInput, confirm: boolean): string {
  return searchOf([
    ['account', input.accountId],
    ['app', input.appId],
    [SEARCH_PARAMS.text, input.text],
    [SEARCH_PARAMS.from, input.from],
    [SEARCH_PARAMS.to, input.to],
    [SEARCH_PARAMS.status, input.status],
    [SEARCH_PARAMS.sort, input.sort === DEFAULT_SESSION_SORT ? '' : input.sort],
    [SEARCH_PARAMS.page, input.page === '1' ? '' : input.page],
    [CONFIRM_PARAM, confirm ? '1' : ''],
  ]);
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
    case 'compare':
      return lookupToSearch(route.lookup, { compare: route.sender, ...(route.confirm ? { [CONFIRM_PARAM]: '1' } : {}) });
    case 'sessions':
      return sessionsSearch(sessionSearchInput(route.search), route.confirm === true);
    case 'invalid-sessions':
      return sessionsSearch(route.input, false);
    case 'session':
    case 'invalid-session': {
      const ref = route.page === 'session' ? route.session : route.input;
      return searchOf([
        ['account', ref.accountId],
        ['app', ref.appId],
        ['session', ref.sessionId],
        [CONFIRM_PARAM, route.page === 'session' && route.confirm ? '1' : ''],
      ]);
    }
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
  if (route.page === 'report') return reportSearch(route.lookup);
  return 'confirm' in route ? pageSearch({ ...route, confirm: undefined }) : pageSearch(route);
}

/** The link to one session and its participants. */
export function sessionSearch(session: SessionRef): string {
  return pageSearch({ page: 'session', session });
}

/**
 * A link to what the page shows, for someone else: the configured public address (or the
 * page's own origin) with this page's path and query.
 */
export function shareLink(publicUrl: string | null, page: { origin: string; pathname: string; search: string }): string {
  const base = (publicUrl ?? page.origin).replace(/\/+$/, '');
  return `${base}${page.pathname}${page.search}`;
}

/** True when a link points at this machine only (localhost, 127.x, ::1): no colleague can open it. */
export function isLocalOnlyLink(link: string): boolean {
  let host: string;
  try {
    host = new URL(link).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '[::1]' || host === '0.0.0.0';
}
