import { chromium } from '@playwright/test';
const [,, url, out, w = '1400', h = '1000', full = '1'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
await page.goto(url);
await page.waitForTimeout(2500);
await page.screenshot({ path: out, fullPage: full === '1' });
await browser.close();
