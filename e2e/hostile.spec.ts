import { expect, test, type Page } from '@playwright/test';
import { scenarioBody } from '../server/demo/scenarios.ts';
import { demoLink, expectFirstChartDrawn, peerId } from './support.ts';

// Upstream content is untrusted: a participant picks their own display name, a browser
// extension can rewrite the user agent, and event names and metadata come from SDKs in the
// field. Every string must be shown as text. The demo upstream only serves well-formed
// scenarios, so this is one of the few places where page.route stands in for it.

const MARKUP_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">';
const JS_URL = 'javascript:alert(2)//';
const ENTITIES = '&lt;b&gt;not bold&lt;/b&gt; &amp;amp; &#x3C;i&#x3E;';
const RTL_OVERRIDE = 'admin\u202Egnp.exe\u202C';
const ZERO_WIDTH = 'Zero\u200Bwidth\u200Dcity\uFEFF';
const IFRAME = '<iframe src="javascript:alert(7)"></iframe>';
const LONG_USER_AGENT = `Mozilla/5.0 (X11; Linux x86_64) ${'A'.repeat(100_000)}`;
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=<script>window.__pwned=3;alert(3)</script>\r\na=<img src=x onerror=alert(4)>\r\n';
const EVENT_NAME = '<svg onload=alert(5)>';
const EVENT_VALUE = '<img src=y onerror=alert(6)>';

type Json = Record<string, unknown>;

function hostileReport(): unknown {
  const body = scenarioBody('good-call');
  const participant = body.data['participant'] as Json;
  const metadata = (participant['peer_report'] as Json)['metadata'] as Json;
  const quality = (participant['peer_report'] as Json)['quality'] as Record<string, Json[]>;

  participant['display_name'] = MARKUP_NAME;
  participant['custom_participant_id'] = JS_URL;
  participant['user_id'] = ENTITIES;
  participant['preset_name'] = RTL_OVERRIDE;

  (metadata['browser_metadata'] as Json)['user_agent'] = LONG_USER_AGENT;
  (metadata['browser_metadata'] as Json)['browser'] = JS_URL;
  const ip = metadata['ip_information'] as Json;
  ip['city'] = ZERO_WIDTH;
  ip['org'] = IFRAME;
  (ip['asn'] as Json)['domain'] = 'javascript:alert(8)';
  ((metadata['pc_metadata'] as Json[])[0] as Json)['sdp'] = [SDP];

  const events = metadata['events'] as Json[];
  const joined = Date.parse(String(participant['joined_at']));
  events.push({
    name: EVENT_NAME,
    timestamp: new Date(joined + 60_000).toISOString(),
    metadata: { '<b>key</b>': EVENT_VALUE, link: JS_URL, count: 'NaN', empty: null },
  });

  // Numbers as strings, NaN spelled out, nulls and negatives where the charts expect numbers.
  const sent = quality['audio_producer'] as Json[];
  for (const [index, patch] of [
    [4, { rtt: 'NaN', jitter: null }],
    [5, { bytes_sent: '12abc', mos_quality: 'Infinity' }],
    [6, { packets_lost: -5, rtt: '0.05' }],
    [7, { jitter: 'null', timestamp: 'not a time' }],
  ] as const) {
    Object.assign(sent[index] as Json, patch);
  }
  const video = quality['video_producer'] as Json[];
  Object.assign(video[3] as Json, { frames_per_second: -30, frame_width: 'wide', frame_height: 1e308 });
  return body;
}

/** 100 000 characters in every free-text field the cards, the timeline and the charts show. */
const HUGE = (tag: string) => `${tag}:${'W'.repeat(100_000)}`;

function longStringReport(): unknown {
  const body = scenarioBody('good-call');
  const participant = body.data['participant'] as Json;
  const metadata = (participant['peer_report'] as Json)['metadata'] as Json;
  participant['display_name'] = HUGE('name');
  const ip = metadata['ip_information'] as Json;
  ip['city'] = HUGE('city');
  ip['org'] = HUGE('org');
  (ip['asn'] as Json)['name'] = HUGE('asn');
  (metadata['device_info'] as Json)['os'] = HUGE('os');
  const joined = Date.parse(String(participant['joined_at']));
  (metadata['events'] as Json[]).push({
    name: HUGE('event'),
    timestamp: new Date(joined + 60_000).toISOString(),
    metadata: { reason: HUGE('reason') },
  });
  const updates = (metadata['audio_devices_updates'] as Json[] | undefined) ?? [];
  updates.push({
    timestamp: new Date(joined + 90_000).toISOString(),
    added: [{ device_id: 'mic-2', kind: 'audioinput', label: HUGE('mic') }],
  });
  metadata['audio_devices_updates'] = updates;
  return body;
}

async function openReport(page: Page, report: unknown): Promise<{ dialogs: string[]; pageErrors: string[] }> {
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const body = JSON.stringify(report);
  await page.route(`**/sessions/peer-report/${peerId('good-call')}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body }),
  );
  await page.goto(demoLink('good-call'));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible({ timeout: 20_000 });
  return { dialogs, pageErrors };
}

function openHostileReport(page: Page): Promise<{ dialogs: string[]; pageErrors: string[] }> {
  return openReport(page, hostileReport());
}

async function expectNoInjectedMarkup(page: Page): Promise<void> {
  const injected = await page.evaluate(() => ({
    handlers: document.querySelectorAll('[onerror], [onload]').length,
    iframes: document.querySelectorAll('iframe').length,
    jsLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i]').length,
    // The app's own images are same-origin files; an injected one would point at x or y.
    images: [...document.querySelectorAll('img')].map((img) => img.getAttribute('src')).filter((src) => !src?.startsWith('/')),
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
  }));
  expect(injected).toEqual({ handlers: 0, iframes: 0, jsLinks: 0, images: [], pwned: null });
}

test('hostile strings in a report are shown as text, and the page still works', async ({ page }) => {
  test.setTimeout(90_000);
  const { dialogs, pageErrors } = await openHostileReport(page);

  const card = page.getByRole('region', { name: 'Participant', exact: true });
  await expect(page.getByTestId('participant-name')).toHaveText(MARKUP_NAME);
  await expect(card.getByText(JS_URL, { exact: true })).toBeVisible();
  await expect(card.getByText(ENTITIES, { exact: true })).toBeVisible();
  await expect(card.getByText(RTL_OVERRIDE, { exact: true })).toBeVisible();

  // The charts still draw around the bad samples.
  await expectFirstChartDrawn(page);
  expect(await page.locator('figure[data-chart]').count()).toBeGreaterThan(4);

  const location = page.getByRole('region', { name: 'Location and network' });
  await expect(location.getByText(ZERO_WIDTH, { exact: true })).toBeVisible();
  await expect(location.getByText(IFRAME, { exact: true })).toBeVisible();

  // The 100 000-character user agent is cut short, in full on demand.
  const device = page.getByRole('region', { name: 'Device and software' });
  const userAgent = device.getByTestId('user-agent');
  const shortLength = (await userAgent.textContent())?.length ?? 0;
  expect(shortLength).toBeGreaterThan(10);
  expect(shortLength).toBeLessThan(200);
  await device.getByRole('button', { name: 'Show full' }).click();
  await expect.poll(async () => (await userAgent.textContent())?.length).toBe(LONG_USER_AGENT.length);
  await expect(device.getByText(JS_URL, { exact: false }).first()).toBeVisible();

  // SDP with a script tag, opened.
  const connectivity = page.getByRole('region', { name: 'Connectivity' });
  await connectivity.getByRole('button', { name: /^SDP 1 of 1/ }).click();
  await expect(connectivity.locator('pre')).toHaveText(SDP.replace(/\r\n/g, '\n').trimEnd(), { useInnerText: true });

  // The event with markup for a name and in its metadata, expanded.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const row = timeline.getByRole('listitem').filter({ hasText: 'alert(5)' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Details/ }).click();
  await expect(row.getByText(EVENT_VALUE, { exact: true })).toBeVisible();
  await expect(row.getByText('<b>key</b>', { exact: true })).toBeVisible();
  // As its label and as its raw name.
  await expect(row.getByText(EVENT_NAME, { exact: true }).first()).toBeVisible();
  await expect(row.locator('code').filter({ hasText: EVENT_NAME })).toHaveText(EVENT_NAME);

  await expectNoInjectedMarkup(page);
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('one panel failing shows its own error and leaves the rest of the page', async ({ page }) => {
  // Every chart and the timeline lanes measure themselves with a ResizeObserver; breaking it
  // breaks the investigation panel only, the way a bug in one panel would.
  await page.addInitScript(() => {
    window.ResizeObserver = class {
      constructor() {
        throw new Error('ResizeObserver broken for this test');
      }
    } as unknown as typeof ResizeObserver;
  });
  const { dialogs } = await openHostileReport(page);

  await expect(page.getByRole('alert').filter({ hasText: 'The investigation panel could not be shown' })).toBeVisible();
  await expect(page.getByTestId('participant-name')).toHaveText(MARKUP_NAME);
  await expect(page.getByRole('region', { name: 'Device and software' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Raw report' })).toBeVisible();
  await expectNoInjectedMarkup(page);
  expect(dialogs).toEqual([]);
});

test('100 000-character strings are cut short everywhere, with the full text on demand', async ({ page }) => {
  test.setTimeout(90_000);
  const { pageErrors } = await openReport(page, longStringReport());
  await expectFirstChartDrawn(page);

  // Nothing on the page, visible or read aloud, carries a whole 100 000-character string.
  const longest = await page.evaluate(() => {
    const runs = (text: string) => Math.max(0, ...(text.match(/W{200,}/g) ?? []).map((run) => run.length));
    const labels = [...document.querySelectorAll('[aria-label], [title]')].map(
      (element) => `${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''}`,
    );
    return { text: runs(document.body.innerText), labels: Math.max(0, ...labels.map(runs)) };
  });
  expect(longest.text).toBeLessThan(1000);
  expect(longest.labels).toBeLessThan(1000);

  // Each card folds its value and unfolds it on demand.
  for (const [region, tag] of [
    ['Participant', 'name'],
    ['Location and network', 'city'],
    ['Location and network', 'org'],
    ['Location and network', 'asn'],
    ['Device and software', 'os'],
  ] as const) {
    const card = page.getByRole('region', { name: region });
    const value = card.locator('bdi').filter({ hasText: `${tag}:WWW` });
    await expect(value).toHaveCount(1);
    expect((await value.textContent())?.length).toBeLessThan(400);
    await value.locator('xpath=following-sibling::button[1]').click();
    // The operating system row also carries its version after the name.
    await expect.poll(async () => (await value.textContent())?.length ?? 0).toBeGreaterThanOrEqual(HUGE(tag).length);
  }

  // The timeline row: the label is cut, the raw name and metadata fold behind "show all".
  const timeline = page.getByRole('region', { name: 'Timeline' });
  const row = timeline.getByRole('listitem').filter({ hasText: 'Event:WWW' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /^Details/ }).click();
  await expect(row.getByRole('button', { name: /^show all \(100,00\d characters\)/ })).toHaveCount(2);
  const reason = row.locator('dd bdi').filter({ hasText: 'reason:' });
  await reason.locator('xpath=following-sibling::button[1]').click();
  await expect.poll(async () => (await reason.textContent())?.length).toBe(HUGE('reason').length);
  await expect(timeline.getByRole('listitem').filter({ hasText: /Microphone.*mic:WWW/ })).toHaveCount(1);
  expect(pageErrors).toEqual([]);
});

/** How many characters of the page's text sit in one run of `letter`: what the DOM holds of a huge value. */
async function longestRun(page: Page, letter: string): Promise<number> {
  return page.evaluate((ch) => {
    let longest = 0;
    let run = 0;
    const text = document.body.textContent ?? '';
    for (let i = 0; i < text.length; i += 1) {
      run = text[i] === ch ? run + 1 : 0;
      if (run > longest) longest = run;
    }
    return longest;
  }, letter);
}

test('a saved report with a 100-million-character value shows it in pages, and a search past its fold shows the text around the match', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const half = 'Q'.repeat(50_000_000);
  const body = scenarioBody('good-call');
  (body.data['participant'] as Json)['blob'] = `${half}needle${half}`;
  const path = testInfo.outputPath('huge-value.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(path, JSON.stringify(body));

  await page.goto('/');
  await page.getByLabel('Saved report file (JSON)').setInputFiles(path);
  const raw = page.getByRole('region', { name: 'Raw report' });
  const row = raw.getByRole('treeitem', { name: /^blob: / });
  await expect(row).toContainText('(100,000,006 characters)', { timeout: 30_000 });
  expect(await longestRun(page, 'Q')).toBe(200);

  await row.getByRole('button', { name: 'show more' }).click();
  await expect(row).toContainText('(characters 1–10,000 of 100,000,006)');
  const bar = raw.getByRole('group', { name: 'Focused node' });
  await bar.getByRole('button', { name: 'Next 10,000 characters' }).click();
  await expect(row).toContainText('(characters 10,001–20,000 of 100,000,006)');
  expect(await longestRun(page, 'Q')).toBe(10_000);
  await bar.getByRole('button', { name: 'Fold' }).click();

  await raw.getByRole('searchbox', { name: 'Search the raw report' }).fill('needle');
  await expect(raw.getByText('1 match.')).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('(match at character 50,000,001 of 100,000,006)');
  await expect(row.locator('mark')).toHaveText('needle');
  expect(await longestRun(page, 'Q')).toBeLessThan(200);
  expect(pageErrors).toEqual([]);
});

test('Download redacted works on a report nested 100 000 levels deep', async ({ page }, testInfo) => {
  const depth = 100_000;
  const body = scenarioBody('good-call');
  const text = JSON.stringify(body).replace(/^\{"success":true,"data":\{"participant":\{/, () => `{"success":true,"data":{"participant":{"custom":${'{"d":'.repeat(depth)}"10.1.2.3"${'}'.repeat(depth)},`);
  expect(text.length).toBeGreaterThan(depth * 6);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.route(`**/sessions/peer-report/${peerId('good-call')}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: text }),
  );
  await page.goto(demoLink('good-call'));
  const raw = page.getByRole('region', { name: 'Raw report' });
  await expect(raw).toBeVisible({ timeout: 20_000 });

  const downloadPromise = page.waitForEvent('download');
  await raw.getByRole('button', { name: 'Download redacted' }).click();
  const download = await downloadPromise;
  const path = testInfo.outputPath('redacted.json');
  await download.saveAs(path);
  const { readFileSync } = await import('node:fs');
  const saved = readFileSync(path, 'utf8');
  expect(saved).toContain(`"custom":${'{"d":'.repeat(depth)}"[redacted-ip]"${'}'.repeat(depth)}`);
  await expect(raw.getByRole('alert')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
