// Reports read as the real client writes them: a microphone muted for the whole call keeps
// sending silence frames (MOS 1), which is not bad quality, while its network measurements
// still count; a livestream viewer has the player's events instead of WebRTC samples; and a
// report about another participant than the one asked for says so, and only then.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { demoLink, peerId } from './support.ts';

function chart(page: Page, title: string): Locator {
  return page.locator(`figure[data-chart="${title}"]`);
}

function findingsList(page: Page): Locator {
  return page.getByRole('list', { name: 'Findings, worst first' });
}

test('a listener muted for the whole call: network charts drawn with the muted stretch shaded, and no quality finding', async ({ page }) => {
  await page.goto(demoLink('muted-whole-call'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('muted-whole-call'))).toBeVisible();

  // The mute is said in words, as information; nothing calls it bad audio.
  // Two findings, both information: the mute, and the desktop window once in the background.
  const findings = findingsList(page).getByRole('listitem');
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText('Microphone muted or silent for the whole call');
  await expect(findings.nth(1)).toContainText('Meeting went to the background');
  for (const severity of ['Critical', 'Warning']) await expect(findingsList(page).getByText(severity, { exact: true })).toHaveCount(0);
  await expect(page.getByText('Nothing went wrong with the connection: the microphone or camera was muted or silent')).toBeVisible();

  // Round-trip time, jitter and loss of the silence frames are the network's: drawn, over the muted shading.
  for (const metric of ['Round-trip time', 'Jitter', 'Packet loss']) {
    const figure = chart(page, `Sent audio: ${metric}`);
    await figure.scrollIntoViewIfNeeded();
    await expect(figure.locator('.recharts-line-curve').first(), metric).toBeVisible();
    await expect(figure.locator('[data-band="off"]'), metric).toBeAttached();
    await expect(figure.getByText('muted or silent').first(), metric).toBeAttached();
  }
  // MOS 1 and ~7 kbps of silence frames are not quality signals: no chart for them, and the panel says why.
  await expect(chart(page, 'Sent audio: MOS')).toHaveCount(0);
  await expect(chart(page, 'Sent audio: Bitrate')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Sent audio' }).getByTestId('not-charted')).toHaveText(
    'Bitrate and MOS not charted: every sample was muted or silent, and silence frames (scored MOS 1) say nothing of call quality.',
  );

  // The one ~780 ms round trip among the silence frames is on the chart's scale.
  const rtt = chart(page, 'Sent audio: Round-trip time');
  const ticks = await rtt.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value').allTextContents();
  const highest = Math.max(...ticks.map((tick) => Number.parseFloat(tick.replace(/[^\d.]/g, ''))).filter(Number.isFinite));
  expect(highest).toBeGreaterThanOrEqual(700);
});

test("a livestream viewer: the player's events in their own lane, and findings from them", async ({ page }) => {
  await page.goto(demoLink('livestream-viewer'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('livestream-viewer'))).toBeVisible();

  const findings = findingsList(page);
  for (const title of ['Livestream player lost the network', 'High livestream latency', 'Livestream stalled to rebuffer', 'Sound blocked by autoplay rules']) {
    await expect(findings.getByText(title), title).toBeVisible();
  }
  await expect(page.getByText("Most likely this viewer's own connection")).toBeVisible();

  const lane = page.getByRole('group', { name: 'Player lane' });
  await lane.scrollIntoViewIfNeeded();
  await expect(lane).toBeVisible();
  await expect.poll(async () => lane.getByRole('button').count()).toBeGreaterThan(5);
  // Player events are labelled, not shown by their raw names.
  const names = (await lane.getByRole('button').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('aria-label') ?? ''))).join(' | ');
  expect(names).toMatch(/rebuffer/i);
  expect(names).not.toContain('ivs_player_');
  // A viewer sends and receives no WebRTC media: no quality chart pretends otherwise, and the panel says why.
  await expect(page.locator('figure[data-chart]')).toHaveCount(0);
  await expect(page.getByText('This participant watched the livestream through the player, which sends no WebRTC quality samples')).toBeVisible();
});

test('the rate-limited peer, answered after the wait, is the participant asked for: no mismatch notice', async ({ page }) => {
  await page.goto(demoLink('error-429'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('error-429')).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('participant-mismatch')).toHaveCount(0);
  await expect(card.getByText(peerId('good-call'))).toHaveCount(0);
});

test('an answer about another participant than the one asked for says so, naming both', async ({ page }) => {
  const asked = peerId('poor-wifi');
  const answered = peerId('good-call');
  // The upstream answers the lookup of one peer with another peer's report.
  await page.route(`**/peer-report/${asked}**`, async (route) => {
    const response = await route.fetch({ url: route.request().url().replace(asked, answered) });
    await route.fulfill({ response });
  });
  await page.goto(demoLink('poor-wifi'));
  const notice = page.getByTestId('participant-mismatch');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('This report is for another participant than the one asked for.');
  await expect(notice).toContainText(`The lookup asked for peer ${asked}; the answer is about peer ${answered} (Dana Whitfield).`);
});
