import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium where it is installed (CI, and machines where Playwright cannot
// download its own browser); otherwise Playwright's own build.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

// The same specs run against both hosts of the app: the Vite dev server, and the Worker
// (the built app in workerd, as `wrangler dev` serves it). The ports can be moved when
// another server holds the defaults.
const vitePort = Number(process.env.PEERSCOPE_E2E_PORT ?? 5173);
const workerPort = Number(process.env.PEERSCOPE_E2E_WORKER_PORT ?? 8787);
const workerAssets = `.wrangler/e2e-dist-${workerPort}`;

const chromium = {
  ...devices['Desktop Chrome'],
  viewport: { width: 1400, height: 900 },
  launchOptions: {
    ...(systemChromium ? { executablePath: systemChromium } : {}),
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  },
};

// Demo mode whatever the developer's shell, .env or .dev.vars holds: every variable the
// Worker reads is set here (`--var` wins over both files). PEERSCOPE_BENCH: the benchmark's
// long-call peers, for e2e/long-call.spec.ts.
const workerVars = [
  'CLOUDFLARE_API_TOKEN:',
  'CLOUDFLARE_ACCOUNT_ID:',
  'CLOUDFLARE_API_BASE_URL:',
  'ACCESS_TEAM_DOMAIN:',
  'ACCESS_AUD:',
  'ALLOW_UNAUTHENTICATED:',
  'PEERSCOPE_PUBLIC_URL:',
  'PEERSCOPE_BENCH:1',
]
  .map((value) => `--var ${value}`)
  .join(' ');

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'vite', use: { ...chromium, baseURL: `http://localhost:${vitePort}` } },
    { name: 'worker', use: { ...chromium, baseURL: `http://localhost:${workerPort}` } },
  ],
  webServer: [
    {
      command: `npx vite --port ${vitePort} --strictPort`,
      url: `http://localhost:${vitePort}/api/config`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
      env: { CLOUDFLARE_API_TOKEN: '', CLOUDFLARE_ACCOUNT_ID: '', PEERSCOPE_E2E: '1', PEERSCOPE_BENCH: '1' },
    },
    {
      // Built once (npm test has type-checked already), then served by workerd. Built into
      // a directory of this run's own, not dist/: a build or another run elsewhere in the
      // working tree must not swap the files under a running suite.
      command:
        `npx vite build --logLevel warn --outDir ${workerAssets} --emptyOutDir && ` +
        `npx wrangler dev --assets ${workerAssets} --port ${workerPort} --ip localhost --show-interactive-dev-session=false --log-level warn ${workerVars}`,
      url: `http://localhost:${workerPort}/api/config`,
      reuseExistingServer: !process.env.CI,
      timeout: 180_000,
      // No network needed: no usage metrics, no download of the sample Request.cf object.
      env: { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    },
  ],
});
