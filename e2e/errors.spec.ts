import { expect, test } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';
import { demoLink, peerId } from './support.ts';

const cases = [
  { key: 'error-401', title: 'API token rejected (401)', says: 'Authentication error' },
  { key: 'error-403', title: 'Token lacks permission (403)', says: null },
  { key: 'error-500', title: 'The API failed (500)', says: null },
  { key: 'error-502-html', title: 'Gateway error (502)', says: null },
  { key: 'malformed-json', title: 'The answer could not be read', says: null },
  { key: 'not-a-report', title: 'Not a peer report', says: null },
  { key: 'success-false', title: 'The API reported a failure', says: null },
] as const;

for (const { key, title, says } of cases) {
  test(`${key} shows its own message`, async ({ page }) => {
    await page.goto(demoLink(key));
    const alert = page.getByRole('alert').filter({ hasText: title });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    if (says) await expect(alert).toContainText(says);
    await expect(page.getByRole('region', { name: 'Participant', exact: true })).toHaveCount(0);
  });
}

test('an unknown peer is a 404 that names the peer and the app', async ({ page }) => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=${unknown}`);
  const alert = page.getByRole('alert').filter({ hasText: 'No such peer in this app (404)' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(unknown);
  await expect(alert).toContainText(`No user found with id ${unknown}`);
});

test('a new lookup that is not valid sets the last lookup’s error aside, and sends nothing', async ({ page }) => {
  const unknown = '00000000-0000-4000-8000-000000000000';
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=${unknown}`);
  const notFound = page.getByRole('alert').filter({ hasText: 'No such peer in this app (404)' });
  await expect(notFound).toBeVisible();
  let sent = 0;
  page.on('request', (request) => {
    if (request.url().includes('/peer-report/')) sent += 1;
  });
  await page.getByLabel('Peer ID', { exact: true }).fill('12345');
  await page.getByRole('button', { name: 'Fetch report' }).click();
  await expect(page.getByText('Peer ID is a UUID')).toBeVisible();
  await expect(notFound).toHaveCount(0);
  expect(sent).toBe(0);

  // A valid lookup of the same peer asks again, and its answer is shown again.
  await page.getByLabel('Peer ID', { exact: true }).fill(unknown);
  await page.getByRole('button', { name: 'Fetch report' }).click();
  await expect(notFound).toBeVisible();
});

test('a 502 HTML page is named as such, and retries before giving up', async ({ page }) => {
  let calls = 0;
  page.on('request', (request) => {
    if (request.url().includes(`/peer-report/${peerId('error-502-html')}`)) calls += 1;
  });
  await page.goto(demoLink('error-502-html'));
  await expect(page.getByRole('alert').filter({ hasText: 'HTML error page' })).toBeVisible({ timeout: 20_000 });
  expect(calls).toBe(3);
});

test('a 429 counts down, retries after Retry-After on its own, then shows the report', async ({ page }) => {
  await page.goto(demoLink('error-429'));
  await expect(page.getByRole('status')).toContainText(/Rate limited \(429\): the API asked to wait 2 s\. Retrying automatically in [0-2] s/);
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible({ timeout: 15_000 });
});

test('a slow answer shows loading, then the report', async ({ page }) => {
  await page.goto(demoLink('slow-8s'));
  await expect(page.getByRole('status')).toContainText('Fetching the peer report');
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible({ timeout: 20_000 });
});

test('no answer within 30 s is a timeout', async ({ page }) => {
  await page.clock.install();
  await page.goto(demoLink('no-answer'));
  await expect(page.getByRole('status')).toContainText('Fetching the peer report');
  await page.clock.fastForward('00:31');
  await expect(page.getByRole('alert').filter({ hasText: 'No answer within 30 s' })).toBeVisible();
});

test('network down is named, and Retry recovers', async ({ page }) => {
  await page.route('**/peer-report/**', (route) => route.abort('internetdisconnected'));
  await page.goto(demoLink('good-call'));
  const alert = page.getByRole('alert').filter({ hasText: 'Peerscope’s server is unreachable' });
  await expect(alert).toBeVisible({ timeout: 20_000 });
  await page.unroute('**/peer-report/**');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible();
});

test('a failed lookup keeps the previous report on screen, marked as another peer', async ({ page }) => {
  await page.goto(demoLink('good-call'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true }).getByText(peerId('good-call'))).toBeVisible();
  await page.getByRole('navigation', { name: 'Sample peers' }).getByRole('link', { name: /^Missing permission/ }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Token lacks permission (403)' })).toBeVisible();
  const previous = page.getByRole('region', { name: /Previous report, not the lookup above/ });
  await expect(previous).toBeVisible();
  await expect(previous.getByText(peerId('good-call')).first()).toBeVisible();
});

test('a failed refresh keeps the data of the same lookup on screen', async ({ page }) => {
  await page.goto(demoLink('good-call'));
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await page.route('**/peer-report/**', (route) => route.fulfill({ status: 401, contentType: 'application/json', body: '{"message":"Unauthorized"}' }));
  await page.getByRole('button', { name: 'Fetch report' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Refresh failed: API token rejected (401)' })).toBeVisible();
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
});

// Answers the demo upstream has no peer for. page.route stands in for the proxy's answer
// only; everything from fetch() on is the real page.
const routed = [
  {
    name: 'a 400 from the API',
    status: 400,
    body: JSON.stringify({ success: false, errors: [{ code: 7003, message: 'Could not route to /accounts/x, perhaps your object identifier is invalid?' }] }),
    title: 'The API rejected the request (400)',
    says: 'perhaps your object identifier is invalid?',
  },
  { name: 'an empty 200', status: 200, body: '', title: 'An empty answer', says: 'answered 200 with no body' },
  {
    name: 'a 503 HTML page',
    status: 503,
    body: '<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>',
    contentType: 'text/html',
    title: 'Gateway error (503)',
    says: 'HTML error page',
  },
  { name: 'a 504 JSON body', status: 504, body: '{"success":false,"errors":[{"code":504,"message":"Gateway Timeout"}]}', title: 'Gateway error (504)', says: null },
  {
    name: 'success:false with error as a string',
    status: 200,
    body: '{"success":false,"error":"Report is being generated"}',
    title: 'The API reported a failure',
    says: 'Report is being generated',
  },
  {
    name: 'success:false with an error object',
    status: 200,
    body: '{"success":false,"error":{"code":1001,"message":"Peer report unavailable"}}',
    title: 'The API reported a failure',
    says: 'Peer report unavailable',
  },
  {
    name: 'success:false with errors[]',
    status: 200,
    body: '{"success":false,"errors":[{"code":1002,"message":"Session archived"}],"messages":[]}',
    title: 'The API reported a failure',
    says: 'Session archived',
  },
  { name: 'success:false with a message only', status: 200, body: '{"success":false,"message":"Try later"}', title: 'The API reported a failure', says: 'Try later' },
] as const;

for (const { name, status, body, title, says, ...rest } of routed) {
  test(`${name} shows its own message`, async ({ page }) => {
    const contentType = 'contentType' in rest ? rest.contentType : 'application/json';
    await page.route(`**/peer-report/${peerId('good-call')}**`, (route) => route.fulfill({ status, contentType, body }));
    await page.goto(demoLink('good-call'));
    const alert = page.getByRole('alert').filter({ hasText: title });
    await expect(alert).toBeVisible({ timeout: 20_000 });
    if (says) await expect(alert).toContainText(says);
    await expect(page.getByRole('region', { name: 'Participant', exact: true })).toHaveCount(0);
  });
}

test('changing the lookup mid-flight cancels the old request, and its late answer never shows', async ({ page }) => {
  const slow = peerId('slow-8s');
  const aborted: string[] = [];
  page.on('requestfailed', (request) => {
    if (request.url().includes(`/peer-report/${slow}`)) aborted.push(request.failure()?.errorText ?? 'failed');
  });
  await page.goto(demoLink('slow-8s'));
  await expect(page.getByRole('status')).toContainText('Fetching the peer report');

  await page.getByRole('navigation', { name: 'Sample peers' }).getByRole('link', { name: /^Good call/ }).click();
  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect.poll(() => aborted).toEqual(['net::ERR_ABORTED']);

  // Past the moment the slow answer would have arrived: still the newer lookup.
  await page.waitForTimeout(8_500);
  await expect(card.getByText(peerId('good-call'))).toBeVisible();
  await expect(page.getByText(slow)).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`peer=${peerId('good-call')}`));
});
