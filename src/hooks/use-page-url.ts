import { useCallback, useMemo, useState, useSyncExternalStore, type MouseEvent } from 'react';
import { pageSearch, parsePageSearch, routeKey, type PageRoute } from '../lib/page-url.ts';

// The address bar is the source of truth for what the page shows: every lookup is pushed
// here, and Back/Forward (popstate) move between them. lib/page-url.ts reads and writes it.
const NAVIGATE_EVENT = 'peerscope:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function getSearch(): string {
  return window.location.search;
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one. */
  replace?: boolean;
}

/** Moves the address bar to `search` (`?…`, or '' for the start page); nothing if it is there already. */
function navigateToSearch(search: string, options: NavigateOptions = {}): void {
  if (search === window.location.search) return;
  const target = search === '' ? window.location.pathname : search;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export interface PageUrl {
  /** The query string as it stands. */
  search: string;
  route: PageRoute;
  go: (route: PageRoute, options?: NavigateOptions) => void;
}

/**
 * The route of `search`; when only the zoom changed since `previous`, the same lookup object,
 * so what depends on the lookup alone (the form, the panels that draw no time range) stays as it is.
 */
function nextRoute(search: string, previous: PageRoute | null): PageRoute {
  const route = parsePageSearch(search);
  if (previous?.page === 'report' && route.page === 'report' && routeKey(previous) === routeKey(route)) {
    return { ...route, lookup: previous.lookup };
  }
  return route;
}

export function usePageUrl(): PageUrl {
  const search = useSyncExternalStore(subscribe, getSearch, () => '');
  const [parsed, setParsed] = useState(() => ({ search, route: nextRoute(search, null) }));
  let route = parsed.route;
  if (parsed.search !== search) {
    // Derived from the address as it changes, during render (React's pattern for state that follows its input).
    route = nextRoute(search, parsed.route);
    setParsed({ search, route });
  }
  const go = useCallback((next: PageRoute, options?: NavigateOptions) => navigateToSearch(pageSearch(next), options), []);
  return { search, route, go };
}

export interface RouteLink {
  href: string;
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}

/**
 * An anchor's props for a route: a real address (open in a new tab, copy the link), and a
 * plain click moves the page there without reloading it, so what is cached stays cached.
 */
export function routeLink(route: PageRoute): RouteLink {
  const search = pageSearch(route);
  return {
    href: search === '' ? '/' : search,
    onClick: (event) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigateToSearch(search);
    },
  };
}

/** `routeLink` for one route, the same object while the route reads the same. */
export function useRouteLink(route: PageRoute): RouteLink {
  const search = pageSearch(route);
  // Keyed by the address: a route rebuilt each render with the same values is the same link.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `route` is read through `search`
  return useMemo(() => routeLink(route), [search]);
}
