import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { findIpAddresses } from '../src/report/test-support/ip-addresses.ts';
import { demoLink, expectFirstChartDrawn, peerId } from './support.ts';

test('a downloaded report re-opens from the file with the same participant and findings, no network needed', async ({ page }, testInfo) => {
  await page.goto(demoLink('poor-wifi'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('poor-wifi'))).toBeVisible();
  const name = await page.getByTestId('participant-name').textContent();
  const findingTitles = await page.getByRole('list', { name: 'Findings, worst first' }).locator('li .font-semibold').allTextContents();
  expect(findingTitles.length).toBeGreaterThan(2);

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as received' }).click();
  const download = await downloadPromise;
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  expect(download.suggestedFilename()).toContain(peerId('poor-wifi'));

  await page.goto('/');
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/peer-report/')) apiCalls.push(request.url());
  });
  await page.getByLabel('Saved report file (JSON)').setInputFiles(path);
  await expect(page.getByText('From file:')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: download.suggestedFilename() })).toBeVisible();
  await expect(page.getByTestId('participant-name')).toHaveText(name ?? '');
  await expect(page.getByRole('list', { name: 'Findings, worst first' }).locator('li .font-semibold')).toHaveText(findingTitles);
  await expectFirstChartDrawn(page);
  expect(apiCalls).toEqual([]);
});

test('the redacted download contains no IP address', async ({ page }, testInfo) => {
  await page.goto(demoLink('turn-tcp'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Also redact names and user IDs' }).check();
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download redacted' }).click();
  const download = await downloadPromise;
  const path = testInfo.outputPath('redacted.json');
  await download.saveAs(path);
  const text = readFileSync(path, 'utf8');
  const json: unknown = JSON.parse(text);
  expect(findIpAddresses(json)).toEqual([]);
  expect(text).not.toContain('Mozilla/5.0');
  expect(text).toContain(peerId('turn-tcp'));
});

test('opening a file that is not a peer report says so and keeps what was on screen', async ({ page }, testInfo) => {
  await page.goto(demoLink('good-call'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  const path = testInfo.outputPath('notes.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, JSON.stringify({ sessions: [], paging: { total: 0 } }));
  await page.getByLabel('Saved report file (JSON)').setInputFiles(path);
  await expect(page.getByRole('alert').filter({ hasText: 'notes.json' })).toBeVisible();
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect(page.getByText('From file:')).toHaveCount(0);
});

/** WCAG 2 contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r = 0, g = 0, bl = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
      const v = c / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

test('the raw JSON tree: one tab stop, arrow keys, 24-pixel toggles, readable counts, no accessibility violations', async ({ page }) => {
  const AxeBuilder = (await import('@axe-core/playwright')).default;
  await page.goto(demoLink('turn-tcp'));
  const raw = page.getByRole('region', { name: 'Raw report' });
  const tree = raw.getByRole('tree', { name: 'Raw JSON: data' });
  await expect(tree).toBeVisible({ timeout: 20_000 });

  // One tab stop: from the search box, Tab lands on the tree, and the next Tab leaves it.
  await raw.getByRole('searchbox', { name: 'Search the raw report' }).focus();
  await page.keyboard.press('Tab');
  await expect(tree.getByRole('treeitem', { name: 'data {1 key}' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const participant = tree.getByRole('treeitem', { name: /^participant \{/ });
  await expect(participant).toBeFocused();
  await page.keyboard.press('End');
  const peerReport = tree.getByRole('treeitem', { name: /^peer_report \{/ });
  await expect(peerReport).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(peerReport).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(tree.getByRole('treeitem', { name: /^metadata \{/ })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(peerReport).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(raw.getByRole('button', { name: 'Copy path' })).toBeFocused();

  // Every toggle is a 24 by 24 pixel target.
  const toggles = await tree.locator('[role="treeitem"][aria-expanded] > span:first-child').evaluateAll((spans) =>
    spans.map((span) => {
      const box = span.getBoundingClientRect();
      return [Math.round(box.width), Math.round(box.height)];
    }),
  );
  expect(toggles.length).toBeGreaterThan(3);
  for (const size of toggles) expect(size).toEqual([24, 24]);

  // The counts ({13 keys}, [3 items]) read at 4.5:1 at least, on the tree's background and on a focused row's.
  const counts = await tree.getByText(/^\{\d+ keys?\}$|^\[\d+ items?\]$/).evaluateAll((spans) =>
    spans.map((span) => {
      let back = span.parentElement;
      while (back && getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)') back = back.parentElement;
      return { color: getComputedStyle(span).color, background: back ? getComputedStyle(back).backgroundColor : 'rgb(255, 255, 255)' };
    }),
  );
  expect(counts.length).toBeGreaterThan(3);
  for (const { color, background } of counts) expect(contrast(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(4.5);

  // Rows open and focused as above, the tree and what is around it checked by axe-core.
  const axe = await new AxeBuilder({ page }).include('section:has([role="tree"])').analyze();
  expect(axe.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['aria-required-children', 'aria-required-parent', 'color-contrast']));
  expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});
