import { expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, demoPeerByKey, type DemoPeerKey } from '../server/demo/catalog.ts';

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

/**
 * Waits until the first chart has drawn its lines. Charts are drawn as they come near the
 * screen, the others in idle time, which a busy machine may not have: scroll to it first.
 */
export async function expectFirstChartDrawn(page: Page): Promise<void> {
  const first = page.locator('figure[data-chart]').first();
  await first.scrollIntoViewIfNeeded();
  await expect(first.locator('.recharts-line-curve').first()).toBeVisible();
}
