import { expect, test } from '@playwright/test';
import { DEMO_PEERS, DEMO_TOKEN } from '../server/demo/catalog.ts';
import { demoLink } from './support.ts';

// In demo mode the proxy injects DEMO_TOKEN exactly as it injects a real token in live
// mode, so the same check covers the live path's header handling.
test('the token the proxy injects never reaches the page', async ({ page }) => {
  test.setTimeout(120_000);
  const seen: string[] = [];
  page.on('response', async (response) => {
    const headers = JSON.stringify(await response.allHeaders());
    let body = '';
    try {
      body = await response.text();
    } catch {
      // Redirects and aborted requests have no body to read.
    }
    seen.push(`${response.url()}\n${headers}\n${body}`);
  });
  page.on('console', (message) => seen.push(message.text()));
  await page.goto('/');
  for (const peer of DEMO_PEERS.filter((p) => !['no-answer', 'slow-8s', 'error-429'].includes(p.key))) {
    await page.goto(demoLink(peer.key));
    await expect(page.getByRole('region', { name: 'Participant', exact: true }).or(page.getByRole('alert'))).toBeVisible({ timeout: 20_000 });
  }
  expect(seen.length).toBeGreaterThan(10);
  const leaks = seen.filter((text) => text.includes(DEMO_TOKEN));
  expect(leaks).toEqual([]);
});
