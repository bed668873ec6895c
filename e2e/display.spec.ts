import { expect, test } from '@playwright/test';
import { demoLink, expectFirstChartDrawn } from './support.ts';

test.use({ timezoneId: 'Asia/Tokyo' });

test('switching the time zone changes the times on the card, the timeline and the chart axes', async ({ page }) => {
  // turn-tcp's participant is in America/Chicago; the viewer here is in Tokyo.
  await page.goto(demoLink('turn-tcp'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card).toBeVisible();
  const joined = card.locator('time').first();
  const axis = page.locator('figure[data-chart] .recharts-cartesian-axis-tick-value').filter({ hasText: /\d:\d\d/ }).first();
  await expect(axis).toBeVisible();
  const firstRowTime = page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: /show on the charts/ }).first();

  const read = async () => ({
    joined: await joined.textContent(),
    axis: await axis.textContent(),
    row: await firstRowTime.textContent(),
  });

  const zone = page.getByLabel('Times in');
  await zone.selectOption('local');
  await expect(page.getByTestId('time-zone-note')).toContainText('Asia/Tokyo');
  const tokyo = await read();

  await zone.selectOption('utc');
  await expect(page.getByTestId('time-zone-note')).toContainText('UTC');
  const utc = await read();

  await zone.selectOption('participant');
  await expect(page.getByTestId('time-zone-note')).toContainText('America/Chicago');
  const chicago = await read();

  expect(new Set([tokyo.joined, utc.joined, chicago.joined]).size).toBe(3);
  expect(new Set([tokyo.axis, utc.axis, chicago.axis]).size).toBe(3);
  expect(new Set([tokyo.row, utc.row, chicago.row]).size).toBe(3);
  // Tokyo is UTC+9 and Chicago UTC-5 in September: the same instant, 14 hours apart.
  const hour = (text: string | null) => Number(/(\d\d):\d\d:\d\d/.exec(text ?? '')?.[1]);
  expect((hour(tokyo.axis) - hour(chicago.axis) + 24) % 24).toBe(14);

  // Remembered between visits.
  await page.reload();
  await expect(page.getByLabel('Times in')).toHaveValue('participant');
  await expect(page.getByTestId('time-zone-note')).toContainText('America/Chicago');
});

test('dark mode renders the whole dashboard legibly', async ({ page }, testInfo) => {
  await page.goto(demoLink('poor-wifi'));
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectFirstChartDrawn(page);
  const colours = await page.evaluate(() => {
    const card = document.querySelector('section');
    const body = getComputedStyle(document.body);
    return { canvas: body.backgroundColor, text: body.color, card: card ? getComputedStyle(card).backgroundColor : '' };
  });
  const luminance = (css: string) => {
    const [r = 0, g = 0, b = 0] = (css.match(/\d+/g) ?? []).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  };
  expect(luminance(colours.canvas)).toBeLessThan(0.15);
  expect(luminance(colours.text)).toBeGreaterThan(0.8);
  expect(luminance(colours.card)).toBeLessThan(0.2);
  await page.screenshot({ path: testInfo.outputPath('dark.png'), fullPage: false });
});
