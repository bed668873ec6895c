import { expect, test } from '@playwright/test';
import { benchPeerByKey } from '../server/demo/bench-peers.ts';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';

// The 8-hour webinar of `npm run bench` (12 remote senders, ~4,000 samples per stream, ~3,000
// events), served by the demo upstream when PEERSCOPE_BENCH=1 (playwright.config.ts sets it).
// Behaviour only: how fast it opens is the benchmark's business.

test('an 8-hour webinar opens with its findings and every chart drawn', async ({ page }) => {
  test.setTimeout(180_000);
  const peer = benchPeerByKey('bench-8h');
  const search = new URLSearchParams({ account: DEMO_ACCOUNT_ID, app: DEMO_APP_ID, peer: peer.id });
  await page.goto(`/?${search.toString()}&peerEvents=1`);

  const findings = page.getByRole('list', { name: 'Findings, worst first' });
  await expect(findings.getByText('Disconnected 3 times')).toBeVisible({ timeout: 60_000 });
  await expect(findings.getByText('Packet loss in both directions')).toBeVisible();
  await expect(findings.getByText(/Low frame rate on received video from peer/)).toBeVisible();

  const figures = page.locator('figure[data-chart]');
  await expect(figures.first()).toBeVisible();
  const count = await figures.count();
  expect(count).toBeGreaterThanOrEqual(18);
  for (let i = 0; i < count; i += 1) {
    const figure = figures.nth(i);
    // Charts are drawn when they come near the screen (and in idle time before that).
    await figure.scrollIntoViewIfNeeded();
    // A steady metric (resolution) draws a flat line, which has no height to be "visible".
    await expect(figure.locator('.recharts-line-curve').first()).toHaveAttribute('d', /^M[\d.]+ [\d.]+L/);
    const ticks = figure.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: /\d:\d\d/ });
    await expect.poll(async () => ticks.count()).toBeGreaterThanOrEqual(2);
  }
  // Every remote sender has its line on a received chart, and the 8 hours are on the axis.
  const received = page.locator('figure[data-chart="Received video: Packet loss"]');
  await received.scrollIntoViewIfNeeded();
  await expect(received.locator('.recharts-line')).toHaveCount(12);
  await expect(received.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: /^\d\d:00:00$/ }).first()).toBeVisible();
});
