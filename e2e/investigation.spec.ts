import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoLink } from './support.ts';

function chart(page: Page, title: string): Locator {
  return page.locator(`figure[data-chart="${title}"]`);
}

async function xTicks(figure: Locator): Promise<string[]> {
  // Recharts draws tick labels in their own layer; the time axis's are the ones with a clock time.
  return figure.locator('.recharts-cartesian-axis-tick-value').filter({ hasText: /\d:\d\d/ }).allTextContents();
}

async function dragAcross(page: Page, figure: Locator, from: number, to: number): Promise<void> {
  await figure.scrollIntoViewIfNeeded();
  const box = await figure.locator('.recharts-surface').boundingBox();
  if (!box) throw new Error('chart has no box');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * from, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * ((from + to) / 2), y, { steps: 5 });
  await page.mouse.move(box.x + box.width * to, y, { steps: 5 });
  await page.mouse.up();
}

test('poor Wi-Fi shows its packet-loss finding, shaded on the loss chart', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  const findings = page.getByRole('list', { name: 'Findings, worst first' });
  await expect(findings.getByText(/packet loss/i).first()).toBeVisible();
  const loss = chart(page, 'Sent audio: Packet loss');
  // Charts are drawn as they come near the screen.
  await loss.scrollIntoViewIfNeeded();
  await expect(loss.locator('.recharts-line-curve').first()).toBeVisible();
  await expect(loss.locator('[data-band="critical"], [data-band="warning"]').first()).toBeAttached();
});

test('a good call says plainly that nothing is wrong', async ({ page }) => {
  await page.goto(demoLink('good-call'));
  await expect(page.getByText(/No problems found\./)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Findings' }).getByText('Critical')).toHaveCount(0);
});

test('hovering one chart shows the values at that instant on the other charts too', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  const bitrate = chart(page, 'Sent audio: Bitrate');
  // Charts are drawn as they come near the screen (the others in idle time, which a busy machine may not have).
  await bitrate.scrollIntoViewIfNeeded();
  await expect(bitrate.locator('.recharts-line-curve').first()).toBeVisible();
  const box = await bitrate.locator('.recharts-surface').boundingBox();
  if (!box) throw new Error('no chart box');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 3 });
  await expect.poll(async () => page.getByRole('tooltip').filter({ hasText: /T\+\d\d:\d\d/ }).count()).toBeGreaterThanOrEqual(2);
});

test('dragging a range on one chart zooms every chart, and Reset returns to the whole call', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  const figures = page.locator('figure[data-chart]');
  await figures.first().scrollIntoViewIfNeeded();
  await expect(figures.first().locator('.recharts-line-curve').first()).toBeVisible();
  const count = await figures.count();
  expect(count).toBeGreaterThan(4);
  const before: string[][] = [];
  for (let i = 0; i < count; i += 1) {
    await figures.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await xTicks(figures.nth(i))).length).toBeGreaterThanOrEqual(2);
    before.push(await xTicks(figures.nth(i)));
  }

  await dragAcross(page, chart(page, 'Sent audio: Jitter'), 0.3, 0.5);
  await expect(page).toHaveURL(/zoom=\d+(\.\d)?-\d+(\.\d)?/);
  await expect(page.getByTestId('zoom-range')).toContainText('Zoomed to');
  for (let i = 0; i < count; i += 1) {
    await figures.nth(i).scrollIntoViewIfNeeded();
    await expect.poll(async () => (await xTicks(figures.nth(i))).join('|')).not.toBe(before[i]?.join('|'));
  }

  // The zoom is part of the link: reloading keeps it.
  await page.reload();
  await expect(page.getByTestId('zoom-range')).toContainText('Zoomed to');

  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page).not.toHaveURL(/zoom=/);
  await expect(page.getByTestId('zoom-range')).toContainText('Whole call');
});

test('clicking a finding zooms the charts to it and highlights it', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  const first = page.getByRole('list', { name: 'Findings, worst first' }).getByRole('button', { name: 'Show on charts' }).first();
  await first.click();
  await expect(first).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/zoom=/);
  await expect(page.getByTestId('zoom-range')).toContainText('Zoomed to');
});

test('clicking a timeline event moves the charts to that time', async ({ page }) => {
  await page.goto(demoLink('poor-wifi'));
  const timeline = page.getByRole('region', { name: 'Timeline' });
  // The disconnect and its reconnect attempts sit close together: one mark with problems.
  const mark = timeline.getByRole('button', { name: /problems?: .*(Disconnected|Reconnect attempt)/ }).first();
  await mark.click();
  await expect(page).toHaveURL(/zoom=/);
  await expect(page.getByTestId('zoom-range')).toContainText('Zoomed to');
});

test('the remote-sender selector filters the received streams', async ({ page }) => {
  await page.goto(demoLink('group-receiver'));
  const received = chart(page, 'Received video: Packet loss');
  await received.scrollIntoViewIfNeeded();
  await expect(received.locator('.recharts-line')).toHaveCount(6);
  const select = page.getByLabel('Remote sender');
  const options = await select.locator('option').allTextContents();
  expect(options[0]).toBe('All senders (6)');
  await select.selectOption({ index: 2 });
  await expect(received.locator('.recharts-line')).toHaveCount(1);
  const sentBitrate = chart(page, 'Sent video: Bitrate');
  await sentBitrate.scrollIntoViewIfNeeded();
  await expect(sentBitrate.locator('.recharts-line')).toHaveCount(1);
});
