import { DEMO_ACCOUNT_ID, DEMO_APP_ID, demoPeerByKey, type DemoPeerKey } from '../server/demo/catalog';

export interface LinkOptions {
  filters?: string[];
  peerEvents?: boolean;
}

/** The page URL of a demo peer's lookup, as the address bar holds it. */
export function demoLink(key: DemoPeerKey, options: LinkOptions = {}): string {
  const params = new URLSearchParams({ account: DEMO_ACCOUNT_ID, app: DEMO_APP_ID, peer: demoPeerByKey(key).id });
  let search = params.toString();
  if (options.filters) search += `&filters=${options.filters.join(',')}`;
  if (options.peerEvents ?? true) search += '&peerEvents=1';
  return `/?${search}`;
}

export function peerId(key: DemoPeerKey): string {
  return demoPeerByKey(key).id;
}
