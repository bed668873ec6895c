import { expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../server/proxy/security-headers.ts';
import { demoLink } from './support.ts';

// The Worker serves the built app with the Content-Security-Policy on every answer. The
// other specs show the app works there; this one shows the browser blocked nothing on the way.

declare global {
  interface Window {
    cspViolations?: string[];
  }
}

test('the built app runs under the Worker’s Content-Security-Policy without a single violation', async ({ page }, testInfo) => {
  test.skip(
    testInfo.project.name !== 'worker',
    'The Vite dev server sends no CSP (its HMR and React refresh need inline scripts); the Worker serves the built app with it.',
  );
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  const response = await page.goto(demoLink('poor-wifi'));
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.getByRole('region', { name: 'Participant', exact: true })).toBeVisible({ timeout: 20_000 });
  const firstChart = page.locator('figure[data-chart]').first();
  await firstChart.scrollIntoViewIfNeeded();
  await expect(firstChart.locator('.recharts-line-curve').first()).toBeVisible();
  // The theme switch restyles the page at run time: still nothing inline for the CSP to block.
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
});
