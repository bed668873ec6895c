import type { Lookup } from './lookup.ts';

/**
 * The page's own origin forwards `/api/...` to the upstream through the proxy.
 * Resolved against window.location.origin so the same code runs in Vitest, whose fetch
 * rejects bare paths.
 */
export function peerReportUrl(lookup: Lookup, origin: string = window.location.origin): URL {
  const path = [
    'api',
    'accounts',
    lookup.accountId,
    'realtime',
    'kit',
    lookup.appId,
    'sessions',
    'peer-report',
    lookup.peerId,
  ]
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  const url = new URL(`/${path}`, origin);
  // Sent as one comma list without spaces; an unencoded comma is what the API documents,
  // searchParams would encode it, so the query is written by hand (filter names need no encoding).
  url.search = `filters=${lookup.filters.join(',')}${lookup.includePeerEvents ? '&include_peer_events=true' : ''}`;
  return url;
}
