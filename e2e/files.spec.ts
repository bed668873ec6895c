import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { findIpAddresses } from '../src/report/test-support/ip-addresses.ts';
import { demoLink, expectFirstChartDrawn, peerId } from './support.ts';

test('a downloaded report re-opens from the file with the same participant and findings, no network needed', async ({ page }, testInfo) => {
  await page.goto(demoLink('poor-wifi'));
  const card = page.getByRole('region', { name: 'Participant' });
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
  await expect(page.getByRole('region', { name: 'Participant' })).toBeVisible();
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
  const card = page.getByRole('region', { name: 'Participant' });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  const path = testInfo.outputPath('notes.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, JSON.stringify({ sessions: [], paging: { total: 0 } }));
  await page.getByLabel('Saved report file (JSON)').setInputFiles(path);
  await expect(page.getByRole('alert').filter({ hasText: 'notes.json' })).toBeVisible();
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect(page.getByText('From file:')).toHaveCount(0);
});
