import { useCallback, useSyncExternalStore } from 'react';

// The address bar is the source of truth for the lookup: every lookup is pushed here,
// and Back/Forward (popstate) move between them.
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

export function navigateToSearch(search: string, options: { replace?: boolean } = {}): void {
  const target = search === '' ? window.location.pathname : search;
  if (search === window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useLocationSearch(): [string, (search: string, options?: { replace?: boolean }) => void] {
  const search = useSyncExternalStore(subscribe, getSearch, () => '');
  const navigate = useCallback((next: string, options?: { replace?: boolean }) => navigateToSearch(next, options), []);
  return [search, navigate];
}
