import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';
import { demoLink, expectFirstChartDrawn, peerId } from './support.ts';

// What a browser meets: the headers on every answer, a page that talks to its own origin
// only, and a proxy that other pages (another site, another local port) cannot use.
// The CSP is the built app's (vite preview; server/security.test.ts checks it there): the
// dev server's HMR and React refresh need inline scripts.

function reportUrl(origin: string): string {
  return `${origin}/api/accounts/${DEMO_ACCOUNT_ID}/realtime/kit/${DEMO_APP_ID}/sessions/peer-report/${peerId('good-call')}`;
}

test('the page and the API answer with nosniff, no-referrer and no framing', async ({ page, request }) => {
  const response = await page.goto('/');
  const headers = response?.headers() ?? {};
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');

  const config = await request.get('/api/config');
  expect(config.headers()['x-content-type-options']).toBe('nosniff');
  expect(config.headers()['referrer-policy']).toBe('no-referrer');
  expect(config.headers()['access-control-allow-origin']).toBeUndefined();
});

test('a lookup talks to the page’s own origin only', async ({ page, baseURL }) => {
  const origins = new Set<string>();
  page.on('request', (req) => origins.add(new URL(req.url()).origin));
  page.on('websocket', (socket) => origins.add(new URL(socket.url()).origin.replace(/^ws/, 'http')));
  await page.goto(demoLink('poor-wifi'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible({ timeout: 20_000 });
  await expectFirstChartDrawn(page);
  expect([...origins]).toEqual([new URL(baseURL ?? '').origin]);
});

interface OtherPageAsk {
  /** Could the other page's script read the answer? */
  readable: boolean;
  /** What the browser said about where the request came from. */
  fetchSite: string | null;
  status: number | null;
  source: string | null;
}

/**
 * From `page`, on another origin, asks this server for `target` the way a hostile page
 * would. The browser hides a CORS-blocked answer from Playwright's own events, so the
 * status and headers are read from the DevTools protocol (Chromium, as configured).
 */
async function askFromOtherPage(page: Page, target: string): Promise<OtherPageAsk> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const ids = new Set<string>();
  const sentHeaders = new Map<string, Record<string, string>>();
  const answers = new Map<string, { status: number; headers: Record<string, string> }>();
  const lower = (headers: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
  cdp.on('Network.requestWillBeSent', (event) => {
    if (event.request.url === target) ids.add(event.requestId);
  });
  // The headers as sent and received, Sec-Fetch-Site included; these may come before requestWillBeSent.
  cdp.on('Network.requestWillBeSentExtraInfo', (event) => sentHeaders.set(event.requestId, lower(event.headers)));
  cdp.on('Network.responseReceivedExtraInfo', (event) =>
    answers.set(event.requestId, { status: event.statusCode, headers: lower(event.headers) }),
  );
  const readable = await page.evaluate(async (url) => {
    try {
      await (await fetch(url)).text();
      return true;
    } catch {
      return false;
    }
  }, target);
  const answered = () => [...ids].find((id) => answers.has(id));
  await expect.poll(answered).toBeDefined();
  const id = answered() ?? '';
  await cdp.detach();
  const answer = answers.get(id);
  const fetchSite = sentHeaders.get(id)?.['sec-fetch-site'] ?? null;
  const status = answer?.status ?? null;
  const source = answer?.headers['x-peerscope-source'] ?? null;
  return { readable, fetchSite, status, source };
}

// A real page elsewhere on this machine: the browser lets a local page call a local server,
// so the request reaches the proxy, which must refuse it by itself.
let otherServer: Server;
let otherPort = 0;

test.beforeAll(async () => {
  otherServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>another page</title>');
  });
  otherServer.listen(0, '127.0.0.1');
  await once(otherServer, 'listening');
  otherPort = (otherServer.address() as AddressInfo).port;
});

test.afterAll(async () => {
  otherServer.closeAllConnections();
  otherServer.close();
  await once(otherServer, 'close');
});

test('a page on another site cannot use the proxy, nor read its answer', async ({ page, baseURL }) => {
  const own = new URL(baseURL ?? '');
  // 127.0.0.1 and localhost are different sites: the browser marks the request cross-site.
  await page.goto(`http://127.0.0.1:${otherPort}/`);
  expect(await askFromOtherPage(page, reportUrl(own.origin))).toEqual({
    readable: false,
    fetchSite: 'cross-site',
    status: 403,
    source: 'proxy',
  });
});

test('a page on another port of this machine cannot use the proxy, nor read its answer', async ({ page, baseURL }) => {
  const own = new URL(baseURL ?? '');
  // Same host, another port: same-site to the browser, and still another page.
  await page.goto(`http://${own.hostname}:${otherPort}/`);
  expect(await askFromOtherPage(page, reportUrl(own.origin))).toEqual({
    readable: false,
    fetchSite: 'same-site',
    status: 403,
    source: 'proxy',
  });
  expect(await askFromOtherPage(page, `${own.origin}/api/config`)).toMatchObject({ readable: false, status: 403 });
});

/** Puts a link to `href` on the page and follows it, as a user would. */
async function followLink(page: Page, href: string): Promise<void> {
  await page.evaluate((target) => {
    const link = document.createElement('a');
    link.href = target;
    link.textContent = 'a report';
    document.body.append(link);
  }, href);
  await page.getByRole('link', { name: 'a report', exact: true }).click();
}

test('a report link another site opens asks first, and nothing is fetched until the user says so', async ({ page, baseURL }) => {
  const own = new URL(baseURL ?? '');
  const reports: string[] = [];
  page.context().on('request', (req) => {
    if (req.url().includes('/peer-report/')) reports.push(req.url());
  });
  await page.goto(`http://127.0.0.1:${otherPort}/`);
  await followLink(page, `${own.origin}${demoLink('poor-wifi')}`);

  const prompt = page.getByRole('region', { name: 'Open this report?' });
  await expect(prompt).toBeVisible();
  expect(new URL(page.url()).searchParams.get('confirm')).toBe('1');
  await expect(page.getByLabel('Peer ID')).toHaveValue(peerId('poor-wifi'));
  // The configuration has arrived and is drawn: the page has sent what it sends on its own.
  await expect(page.getByText('Demo mode', { exact: true })).toBeVisible();
  expect(reports).toEqual([]);

  await prompt.getByRole('button', { name: 'Open report' }).click();
  await expect(page.getByTestId('participant-name').first()).toBeVisible({ timeout: 20_000 });
  expect(reports).toHaveLength(1);
  expect(new URL(page.url()).searchParams.has('confirm')).toBe(false);
});

test('a report link on the app’s own page still loads at once', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('Demo mode', { exact: true })).toBeVisible();
  await followLink(page, demoLink('poor-wifi'));
  await expect(page.getByTestId('participant-name').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Open this report?' })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('confirm')).toBe(false);
});
