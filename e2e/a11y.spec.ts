import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from '../server/demo/catalog.ts';
import { sessionOfScenario } from '../server/demo/sessions.ts';
import { demoLink, expectFirstChartDrawn } from './support';

// axe-core over every screen and state, in both themes: WCAG 2.2 A and AA and axe's best
// practices, with no exception. A violation fails the spec with its rule and the nodes.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(summary, state).toEqual([]);
}

async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((choice) => {
    window.localStorage.setItem('peerscope.display', JSON.stringify({ timeMode: 'local', theme: choice }));
  }, theme);
}

const STATES: { name: string; path: () => string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'start page', path: () => '/', ready: async (page) => void (await expect(page.getByRole('navigation', { name: 'Sample peers' })).toBeVisible()) },
  {
    name: 'poor Wi-Fi report',
    path: () => demoLink('poor-wifi'),
    ready: async (page) => {
      await expect(page.getByRole('region', { name: /Verdict/ })).toBeVisible({ timeout: 20_000 });
      await expectFirstChartDrawn(page);
    },
  },
  {
    name: 'group call report',
    path: () => demoLink('group-receiver'),
    ready: async (page) => {
      await expect(page.getByRole('region', { name: /Verdict/ })).toBeVisible({ timeout: 20_000 });
      await expectFirstChartDrawn(page);
    },
  },
  {
    name: 'search results',
    path: () => `/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&q=review`,
    ready: async (page) => void (await expect(page.getByRole('table', { name: /Calls found/ }).getByRole('link', { name: 'Q3 quarterly review' })).toBeVisible({ timeout: 20_000 })),
  },
  {
    name: 'session page',
    path: () => `/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&session=${sessionOfScenario('group-receiver').id}`,
    ready: async (page) => void (await expect(page.getByRole('list', { name: 'Participants, by person' }).getByRole('listitem').first()).toBeVisible({ timeout: 20_000 })),
  },
  {
    name: 'comparison with a remote sender',
    path: () => {
      const session = sessionOfScenario('group-receiver');
      const receiver = session.joins().find((join) => join.scenario === 'group-receiver');
      const sender = session.joins().find((join) => join.poorUplink);
      if (!receiver || !sender) throw new Error('the group call has no receiver or no poor sender');
      return `/?account=${DEMO_ACCOUNT_ID}&app=${DEMO_APP_ID}&peer=${receiver.peerId}&compare=${sender.peerId}`;
    },
    ready: async (page) => void (await expect(page.locator('figure[data-chart] .recharts-line-curve').first()).toBeVisible({ timeout: 20_000 })),
  },
  { name: '401 error', path: () => demoLink('error-401'), ready: async (page) => void (await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 20_000 })) },
  { name: '502 gateway page', path: () => demoLink('error-502-html'), ready: async (page) => void (await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 30_000 })) },
];

for (const theme of ['light', 'dark'] as const) {
  for (const state of STATES) {
    test(`axe finds nothing on the ${state.name}, ${theme} theme`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(state.path());
      await state.ready(page);
      await expectNoViolations(page, `${state.name}, ${theme}`);
    });
  }
}
