import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';
import { scenarioSpec } from '../server/demo/scenarios.ts';
import { sessionOfScenario } from '../server/demo/sessions.ts';
import { demoLink, expectFirstChartDrawn, peerId } from './support';

// The answer first: after a lookup the verdict is what the screen shows and where the
// focus is; "Show on charts" goes to the chart and its stretch; a zoom is a step of history.

test('after a lookup the verdict is on screen, has the focus and names whose side the problem was on', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sample peers' }).getByRole('link', { name: /Group call/ }).click();
  const verdict = page.getByRole('region', { name: /Verdict/ });
  await expect(verdict).toBeFocused({ timeout: 20_000 });
  await expect(verdict).toBeInViewport();
  await expect(verdict.getByRole('heading', { level: 2 })).toContainText('Another participant’s side');
  const poorSender = scenarioSpec('group-receiver').remoteSenders[3]?.peerId ?? '';
  // Named as the session lists them: the page reads the session's participants for names.
  const name = sessionOfScenario('group-receiver').joins().find((join) => join.peerId === poorSender)?.displayName ?? 'no such sender';
  await expect(verdict.getByTestId('verdict-headline')).toContainText(`one sender, ${name} (peer ${poorSender})`);
  await expect(verdict.getByRole('heading', { name: 'What to tell the customer, or do next' })).toBeVisible();
  // The cause leads the findings, ahead of the critical symptoms it explains.
  const findings = page.getByRole('list', { name: 'Findings, worst first' }).getByRole('listitem');
  await expect(findings.first()).toContainText('Problems come from one remote sender');
});

test('Show on charts scrolls to the finding’s chart and zooms to its longest stretch; Back undoes the zoom, then leaves the report', async ({ page }) => {
  await page.goto('/');
  await page.goto(demoLink('poor-wifi'));
  await expect(page.getByRole('region', { name: /Verdict/ })).toBeFocused({ timeout: 20_000 });
  const loss = page
    .getByRole('list', { name: 'Findings, worst first' })
    .getByRole('listitem')
    .filter({ hasText: /^.*Packet loss/ })
    .first();
  await loss.getByRole('button', { name: 'Show on charts' }).click();
  await expect(page).toHaveURL(/zoom=/);
  const zoomed = page.url();
  const chart = page.locator('figure[data-metric="lossPercent"]').first();
  await expect(chart).toBeInViewport();
  // Zoomed to a stretch, not to the whole call again.
  const [start = 0, end = 0] = (new URL(zoomed).searchParams.get('zoom') ?? '').split('-').map(Number);
  expect(end - start).toBeLessThan(1200);

  await page.goBack();
  await expect(page).not.toHaveURL(/zoom=/);
  await expect(page).toHaveURL(new RegExp(`peer=${peerId('poor-wifi')}`));
  await page.goBack();
  await expect(page).not.toHaveURL(/peer=/);
});

test('a chart works from the keyboard: arrows read the values, plus zooms, Escape shows the whole call', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  await expectFirstChartDrawn(page);
  const chart = page.getByRole('group', { name: /^Sent audio: Packet loss/ });
  await chart.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expect(chart.locator('[aria-live]')).toHaveText(/^T\+\d\d:\d\d, \d\d:\d\d:\d\d: Sent (\d+(\.\d)? %|no sample)$/);
  // Every chart on screen shows its values at the same instant.
  await expect(chart.getByRole('tooltip')).toBeVisible();
  await page.keyboard.press('+');
  await expect(page).toHaveURL(/zoom=/);
  await page.keyboard.press('Escape');
  await expect(page).not.toHaveURL(/zoom=/);
});

test('a long wait shows how long so far, and Cancel stops it', async ({ page }) => {
  await page.goto(demoLink('slow-8s'));
  await expect(page.getByRole('status').filter({ hasText: 'Fetching the peer report' })).toContainText(/\d+ seconds so far/, { timeout: 6000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Fetching was cancelled')).toBeVisible();
  // Nothing arrives after all: the request was aborted, not ignored.
  await page.waitForTimeout(8500);
  await expect(page.getByRole('region', { name: /Verdict/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Fetch again' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Fetching the peer report' })).toBeVisible();
});

test('a gateway error page carries its Ray ID, with a button to copy it', async ({ page }) => {
  await page.goto(demoLink('error-502-html'));
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('Cloudflare Ray ID: 8d2f0c7a9b1e4f30', { timeout: 30_000 });
  await expect(alert.getByRole('button', { name: /Copy Ray ID|Ray ID/ })).toBeVisible();
});

test('a report served from localhost says its share links only work on this machine', async ({ page }) => {
  await page.goto(demoLink('good-call'));
  await expect(page.getByTestId('local-link-note')).toContainText('PEERSCOPE_PUBLIC_URL');
});

test('the keyboard walk: the skip link goes past the form to the report, then findings and timeline answer their keys', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  await expect(page.getByRole('region', { name: /Verdict/ })).toBeFocused({ timeout: 20_000 });
  // The skip link is the first stop, before the header's own link.
  await page.getByRole('banner').getByRole('link', { name: /Peerscope/ }).focus();
  await page.keyboard.press('Shift+Tab');
  const skip = page.getByRole('link', { name: 'Skip to the report' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#report')).toBeFocused();
  // The next stop is inside the report, not back in the form.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#report')))).toBe(true);

  const showOnCharts = page.getByRole('list', { name: 'Findings, worst first' }).getByRole('button', { name: 'Show on charts' }).first();
  await showOnCharts.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/zoom=/);

  const firstTime = page.getByRole('list', { name: 'Events' }).locator('button[tabindex="0"]');
  await expect(firstTime).toHaveCount(1);
  await firstTime.focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('list', { name: 'Events' }).locator('button[tabindex="0"]')).toBeFocused();
});

test('on a 390 px phone screen nothing is wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const key of ['group-receiver', 'poor-wifi'] as const) {
    await page.goto(demoLink(key));
    await expect(page.getByRole('region', { name: /Verdict/ })).toBeVisible({ timeout: 20_000 });
    await expectFirstChartDrawn(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, key).toBeLessThanOrEqual(390);
  }
  // Finding the call: the results and a session's people scroll inside their own boxes.
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&q=review`);
  await expect(page.getByRole('table', { name: /Calls found/ }).getByRole('link', { name: 'Q3 quarterly review' })).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'search results').toBeLessThanOrEqual(390);
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&session=${sessionOfScenario('group-receiver').id}`);
  await expect(page.getByRole('list', { name: 'Participants, by person' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'session page').toBeLessThanOrEqual(390);
  // As a report brings its verdict into view, a session brings itself past the form.
  const title = sessionOfScenario('group-receiver').title;
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${title}`) })).toBeInViewport();
});
