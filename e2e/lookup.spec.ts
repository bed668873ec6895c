import { expect, test, type Request } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID, DEMO_PEERS } from '../server/demo/catalog.ts';
import { demoLink, peerId } from './support.ts';

test('the start page says it is in demo mode and lists every sample peer', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Demo mode', { exact: true })).toBeVisible();
  const samples = page.getByRole('navigation', { name: 'Sample peers' });
  for (const peer of DEMO_PEERS) {
    await expect(samples.getByRole('link', { name: new RegExp(`^${escape(peer.label)}`) })).toBeVisible();
  }
  await expect(page.getByLabel('Account ID')).toHaveValue(DEMO_ACCOUNT_ID);
  await expect(page.getByLabel('App ID')).toHaveValue(DEMO_APP_ID);
});

test('one click on a sample peer loads its report and writes the lookup to the address bar', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sample peers' }).getByRole('link', { name: /^Good call/ }).click();
  await expect(page).toHaveURL(new RegExp(`peer=${peerId('good-call')}`));
  await expect(page).toHaveURL(/filters=device_info,ip_information,precall_network_information,events,quality_stats/);
  await expect(page).toHaveURL(/peerEvents=1/);
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect(card.getByText('Time in call')).toBeVisible();
  await expect(card.getByText(/^0:2\d:\d\d$/)).toBeVisible();
});

test('a deep link loads that report directly, and Back and Forward move between lookups', async ({ page }) => {
  await page.goto(demoLink('good-call'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();

  await page.getByRole('navigation', { name: 'Sample peers' }).getByRole('link', { name: /^Poor Wi-Fi/ }).click();
  await expect(card.getByText(peerId('poor-wifi'))).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`peer=${peerId('good-call')}`));
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect(page.getByLabel('Peer ID', { exact: true })).toHaveValue(peerId('good-call'));

  await page.goForward();
  await expect(card.getByText(peerId('poor-wifi'))).toBeVisible();
});

test('a participant still in the call reads as such', async ({ page }) => {
  await page.goto(demoLink('still-in-call'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText('still in call or not recorded')).toBeVisible();
});

test('the flat and legacy response shapes both render the participant', async ({ page }) => {
  await page.goto(demoLink('flat-shape'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('flat-shape'))).toBeVisible();
  await expect(page.getByText('flat response shape', { exact: true })).toBeVisible();
  await page.goto(demoLink('legacy-shape'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('legacy-shape'))).toBeVisible();
  await expect(page.getByText('legacy Dyte response shape', { exact: true })).toBeVisible();
});

test('invalid input gets a message beside the field and sends no request', async ({ page }) => {
  await page.goto('/');
  const apiRequests: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url().includes('/peer-report/')) apiRequests.push(request.url());
  });
  // Demo mode fills the IDs when /api/config arrives; empty the field only after that, or
  // the default would land in a field the test already emptied.
  await expect(page.getByLabel('App ID')).toHaveValue(DEMO_APP_ID);
  await page.getByLabel('Account ID').fill('not-valid!');
  await page.getByLabel('App ID').fill('');
  await page.getByLabel('Peer ID', { exact: true }).fill('12345');
  await page.getByRole('button', { name: 'Fetch report' }).click();

  await expect(page.getByLabel('Account ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Account ID has only letters and digits')).toBeVisible();
  await expect(page.getByText('Enter the RealtimeKit app ID.')).toBeVisible();
  await expect(page.getByText('Peer ID is a UUID')).toBeVisible();
  await expect(page.getByLabel('Account ID')).toBeFocused();

  await page.getByLabel('Account ID').fill(DEMO_ACCOUNT_ID);
  await page.getByLabel('App ID').fill(DEMO_APP_ID);
  await page.getByLabel('Peer ID', { exact: true }).fill(peerId('good-call'));
  for (const name of ['Device info', 'IP information', 'Pre-call network', 'Events', 'Quality stats']) {
    await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).uncheck();
  }
  await page.getByRole('button', { name: 'Fetch report' }).click();
  await expect(page.getByText('Tick at least one part of the report to fetch.')).toBeVisible();
  expect(apiRequests).toEqual([]);
});

test('an invalid deep link shows the problem in the form and sends nothing', async ({ page }) => {
  const apiRequests: string[] = [];
  page.on('request', (request: Request) => {
    if (request.url().includes('/peer-report/')) apiRequests.push(request.url());
  });
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=not-a-uuid`);
  await expect(page.getByText('Peer ID is a UUID')).toBeVisible();
  expect(apiRequests).toEqual([]);
});

test('the ticked filters reach the upstream and only those parts come back', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Peer ID', { exact: true }).fill(peerId('good-call'));
  await page.getByRole('checkbox', { name: /^Device info/ }).uncheck();
  await page.getByRole('checkbox', { name: /^Quality stats/ }).uncheck();
  await page.getByRole('checkbox', { name: 'Include peer events' }).uncheck();
  const requestPromise = page.waitForRequest((request) => request.url().includes('/peer-report/'));
  await page.getByLabel('Peer ID', { exact: true }).press('Enter');
  const request = await requestPromise;
  const url = new URL(request.url());
  expect(url.pathname).toBe(`/api/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/peer-report/${peerId('good-call')}`);
  expect(url.search).toBe('?filters=ip_information,precall_network_information,events');
  await expect(page).toHaveURL(/filters=ip_information,precall_network_information,events$/);

  const parts = page.getByRole('list', { name: 'Report parts' });
  await expect(parts.getByRole('listitem').filter({ hasText: 'Device info' })).toContainText('not requested');
  await expect(parts.getByRole('listitem').filter({ hasText: 'Quality stats' })).toContainText('not requested');
  await expect(parts.getByRole('listitem').filter({ hasText: /^Events/ })).toContainText('received');
  await expect(parts.getByRole('listitem').filter({ hasText: 'IP information' })).toContainText('received');
  await expect(parts.getByRole('listitem').filter({ hasText: 'Peer events' })).toContainText('not requested');
});

test('the whole lookup works from the keyboard', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Peer ID', { exact: true }).focus();
  await page.keyboard.type(peerId('turn-tcp'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // unticks Device info
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('turn-tcp'))).toBeVisible();
  await expect(page).toHaveURL(/filters=ip_information,precall_network_information,events,quality_stats/);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
