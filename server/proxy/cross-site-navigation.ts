// Another site can send the user's tab to a report link (a link, a form, `location =`). The
// page fetches a report link as it opens, so the upstream would see one request with the
// token, for a peer of that site's choosing (it cannot read the answer). Only the server
// sees where a navigation came from (the browser's Sec-Fetch-* headers, W3C Fetch Metadata
// Request Headers), so it tells the page: such a navigation is sent once more to the same
// address with `confirm=1`, and the page shows the lookup and waits for a click. Same-site
// links and addresses typed or bookmarked (`none`) load at once. Pure (no node: imports),
// so every host applies the same rule.
import { CONFIRM_PARAM } from '../../src/lib/page-url.ts';
import { isApiPath } from './rules.ts';

/**
 * The redirect for a cross-site navigation to a page address with a query, or null when the
 * request is to be answered as usual. The address it points to carries `confirm=1`, so it
 * is never redirected again. `/api` is left to the proxy rules, which refuse cross-site requests.
 */
export function crossSiteNavigationRedirect(request: Request): Response | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const { headers } = request;
  if (headers.get('sec-fetch-site') !== 'cross-site') return null;
  if (headers.get('sec-fetch-mode') !== 'navigate' && headers.get('sec-fetch-dest') !== 'document') return null;
  const url = new URL(request.url);
  if (isApiPath(url.pathname)) return null;
  const params = new URLSearchParams(url.search);
  if (params.size === 0 || params.get(CONFIRM_PARAM) === '1') return null;
  return new Response(request.method === 'HEAD' ? null : 'Opened from another site: the page asks before it fetches anything.\n', {
    status: 303,
    headers: {
      // A query alone, resolved against the address as requested: the redirect can name no
      // other path or host, whatever the request-target was.
      location: confirmSearch(url.search),
      'cache-control': 'no-store',
      'content-type': 'text/plain; charset=utf-8',
    },
  });
}

/** `search` (`?…`, as the URL parser encoded it) with every `confirm` parameter replaced by `confirm=1`, the rest as it was. */
function confirmSearch(search: string): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !new URLSearchParams(part).has(CONFIRM_PARAM));
  return `?${[...kept, `${CONFIRM_PARAM}=1`].join('&')}`;
}
