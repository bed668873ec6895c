import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';
import { scenarioSpec } from '../server/demo/scenarios.ts';

// Finding the participant without a peer ID, in demo mode through the real proxy: a search
// for the meeting, the session, the participant, their report, the remote sender the
// verdict blames, the comparison of what that sender sent with what was received, and Back
// through every step.

const group = scenarioSpec('group-receiver');
const quarterly = scenarioSpec('poor-wifi');
const dmitri = group.remoteSenders[3]?.peerId ?? '';

/** Counts the report requests for one peer from now on. */
function reportRequests(page: Page, peerId: string): { count: () => number } {
  let count = 0;
  page.on('request', (request) => {
    if (request.url().includes(`/sessions/peer-report/${peerId}`)) count += 1;
  });
  return { count: () => count };
}

test('search, session, participant, report, the blamed sender, compare, and Back all the way', async ({ page }) => {
  await page.goto('/');
  // Demo mode fills in its account and app.
  await expect(page.getByRole('textbox', { name: 'Account ID' })).toHaveValue(DEMO_ACCOUNT_ID);
  await expect(page.getByRole('textbox', { name: 'App ID' })).toHaveValue(DEMO_APP_ID);

  // Search by a part of the meeting title.
  await page.getByRole('textbox', { name: 'Meeting or session' }).fill('product weekly');
  await page.getByRole('button', { name: 'Find calls' }).click();
  await expect(page).toHaveURL(/[?&]q=product(\+|%20)weekly/);
  const results = page.getByRole('table', { name: /^Calls found/ });
  await expect(results.getByRole('rowheader')).toHaveCount(1);
  await expect(results.getByRole('row', { name: /Product weekly/ })).toContainText('7');
  await results.getByRole('link', { name: 'Product weekly' }).click();

  // The session: its seven people, searchable.
  await expect(page).toHaveURL(new RegExp(`[?&]session=${group.sessionId}`));
  await expect(page.getByRole('heading', { name: /^Product weekly/, level: 2 })).toBeVisible();
  const participants = page.getByRole('region', { name: 'Participants', exact: true });
  await expect(participants.getByText('7 people, 7 joins')).toBeVisible();
  await participants.getByRole('searchbox', { name: 'Search participants' }).fill('crm-user-2207');
  const people = participants.getByRole('list', { name: 'Participants, by person' });
  await expect(people.getByRole('listitem')).toHaveCount(1);
  await people.getByRole('link', { name: 'Mei Chen' }).click();

  // Her report, in its session, the verdict naming the sender whose media arrived badly.
  await expect(page).toHaveURL(new RegExp(`[?&]peer=${group.peerId}`));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toContainText('Mei Chen');
  const around = page.getByRole('region', { name: /^In session Product weekly/ });
  await expect(around.getByRole('navigation', { name: 'Others in this call' }).getByRole('link')).toHaveCount(6);
  await expect(page.getByRole('region', { name: /^Verdict/ })).toContainText('Dmitri Volkov');
  const meisReport = reportRequests(page, group.peerId);

  // Pivot: the named sender's own report, in the same session, where the trouble is his upload.
  const findings = page.getByRole('region', { name: 'Findings', exact: true });
  await findings.getByRole('link', { name: 'Open Dmitri Volkov’s report' }).first().click();
  await expect(page).toHaveURL(new RegExp(`[?&]peer=${dmitri}`));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toContainText('Dmitri Volkov');
  await expect(page.getByRole('region', { name: /^In session Product weekly/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Verdict/ })).toContainText(/upload/);

  // Back to hers: the ended call's report is not read again.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]peer=${group.peerId}`));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toContainText('Mei Chen');
  expect(meisReport.count()).toBe(0);

  // Compare: what he sent beside what she received from him, on one clock.
  await findings.getByRole('link', { name: 'Compare with what Dmitri Volkov sent' }).first().click();
  await expect(page).toHaveURL(new RegExp(`[?&]compare=${dmitri}`));
  const compare = page.getByRole('region', { name: 'What Dmitri Volkov sent, and what Mei Chen received from them' });
  await expect(compare).toBeVisible();
  const audio = page.getByRole('region', { name: 'Audio, sent and received' });
  await expect(audio).toContainText('Dmitri Volkov’s uplink');
  await expect(audio.getByRole('figure', { name: /^Packet loss, sent by Dmitri Volkov/ })).toBeVisible();
  await expect(audio.getByRole('figure', { name: /^Packet loss, received by Mei Chen/ })).toBeVisible();

  // Back: the report, the session, the search.
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]peer=${group.peerId}`));
  await expect(page).not.toHaveURL(/[?&]compare=/);
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toContainText('Mei Chen');
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`[?&]session=${group.sessionId}`));
  await expect(page.getByRole('region', { name: 'Participants', exact: true }).getByText('7 people, 7 joins')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/[?&]q=product(\+|%20)weekly/);
  await expect(page.getByRole('table', { name: /^Calls found/ }).getByRole('link', { name: 'Product weekly' })).toBeVisible();
  expect(meisReport.count()).toBe(0);
});

test('a person who joined twice is one person with each join, and each join opens its own report', async ({ page }) => {
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&q=quarterly`);
  await page.getByRole('table', { name: /^Calls found/ }).getByRole('link', { name: 'Q3 quarterly review' }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]session=${quarterly.sessionId}`));
  const participants = page.getByRole('region', { name: 'Participants', exact: true });
  await expect(participants.getByText('4 people, 5 joins')).toBeVisible();
  const joins = participants.getByRole('list', { name: 'Joins of Tomás Oyelaran' }).getByRole('link');
  await expect(joins).toHaveCount(2);
  await expect(joins.first()).toHaveAccessibleName(/^Join 1/);
  await joins.nth(1).click();
  await expect(page).toHaveURL(/[?&]peer=/);
  await expect(page).not.toHaveURL(new RegExp(`[?&]peer=${quarterly.peerId}`));
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toContainText('Tomás Oyelaran');
  await expect(page.getByRole('region', { name: /^In session Q3 quarterly review/ })).toBeVisible();
});

test('the webinar lists all of its 1,240 joins, read page by page', async ({ page }) => {
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}`);
  await page.getByRole('navigation', { name: 'Sample sessions' }).getByRole('link', { name: /^Town hall/ }).click();
  await expect(page.getByRole('heading', { name: /^Company town hall: Q3 results/, level: 2 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Participants', exact: true }).getByText(/ people, 1,240 joins$/)).toBeVisible();
});

test('a live session says so', async ({ page }) => {
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&status=live`);
  const results = page.getByRole('table', { name: /^Calls found/ });
  await expect(results.getByRole('rowheader')).toHaveCount(1);
  // Live now, on either host: it began when the demo started (under a day ago, for a server
  // left running), not on some fixed date months back.
  await expect(results.getByRole('row').nth(1).getByRole('cell').nth(2)).toHaveText(/^(1?\d|2[0-3]):\d\d:\d\d so far$/);
  await results.getByRole('link', { name: 'Incident bridge: checkout latency' }).click();
  await expect(page.getByRole('heading', { name: /^Incident bridge: checkout latency/, level: 2 })).toContainText('Live');
  await expect(page.getByRole('region', { name: 'Participants', exact: true }).getByText('4 people, 4 joins')).toBeVisible();
});

test('a rate-limited session is read once its Retry-After has passed', async ({ page }) => {
  await page.goto(`/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}`);
  await page.getByRole('navigation', { name: 'Sample sessions' }).getByRole('link', { name: /^Rate limited \(429\)/ }).click();
  // The demo answers 429 with Retry-After: 2 first, for the session and for its participants.
  await expect(page.getByRole('heading', { name: /^Board prep/, level: 2 })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Participants', exact: true }).getByText('3 people, 3 joins')).toBeVisible();
});
