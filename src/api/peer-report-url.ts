import { apiUrl, PEER_REPORT_ROUTE } from '../lib/api-routes.ts';
import type { Lookup } from '../lib/lookup.ts';

/**
 * The page's own origin forwards `/api/...` to the upstream through the proxy, which
 * accepts exactly what PEER_REPORT_ROUTE describes. Resolved against window.location.origin
 * so the same code runs in Vitest, whose fetch rejects bare paths.
 */
export function peerReportUrl(lookup: Lookup, origin: string = window.location.origin): URL {
  return apiUrl(
    PEER_REPORT_ROUTE,
    {
      path: { account_id: lookup.accountId, app_id: lookup.appId, peer_id: lookup.peerId },
      // Absent rather than false: the API's default, and the shorter link.
      query: { filters: lookup.filters, include_peer_events: lookup.includePeerEvents ? true : undefined },
    },
    origin,
  );
}
