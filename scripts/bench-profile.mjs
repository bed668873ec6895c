// A companion to `npm run bench` for finding where the time goes: builds the app unminified,
// opens one benchmark peer in headless Chromium under the CPU profiler, and prints the
// functions with the most self time while opening (and optionally during a hover sweep).
//
//   node scripts/bench-profile.mjs --peer=bench-8h [--hover] [--zoom] [--slices] [--no-downsample] [--top=40] [--port=5196]
//   node scripts/bench-profile.mjs --session [--top=40] [--port=5196]
//
// --session: the benchmark's 5,000-participant session instead of a peer: opening it (every
// page of participants read), then the wheel down its list, then typing in its search.
//
// --slices: the busy stretches of the main thread from normalization on, in order, each with
// the functions and components that took its time: what the page does between the body
// and the first charts.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview, runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [name, value] = arg.replace(/^--/, '').split('=');
    return [name, value ?? 'true'];
  }),
);
const peerKey = args.get('peer') ?? 'bench-8h';
const top = Number(args.get('top') ?? 40);
const port = Number(args.get('port') ?? 5196);

/** Unminified Rolldown output starts each module with a `// <path>` line: self time per package or app folder. */
function regionsOf(source) {
  const regions = [];
  source.split('\n').forEach((line, index) => {
    const match = /^\/\/ ((?:node_modules|src|\0)\S*)$/.exec(line);
    if (match) regions.push({ line: index, name: moduleGroup(match[1]) });
  });
  return regions;
}

function moduleGroup(path) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1];
  return path.startsWith('src/features/') ? path : path.replace(/\/[^/]+$/, '/');
}

const sources = new Map();

function regionFor(url, line) {
  const regions = sources.get(url);
  if (!regions) return '(native)';
  let low = 0;
  let high = regions.length - 1;
  let found = '(chunk)';
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (regions[middle].line <= line) {
      found = regions[middle].name;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

function summarize(profile) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const groups = new Map();
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const node = byNode.get(profile.samples[i]);
    if (!node) continue;
    const frame = node.callFrame;
    const file = frame.url.split('/').at(-1) ?? '';
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
    const group = frame.url ? regionFor(frame.url, frame.lineNumber) : frame.functionName || '(native)';
    groups.set(group, (groups.get(group) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  // Inclusive time of the app's own components (PascalCase functions in src/): their render only,
  // not the DOM work React does for them at commit.
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const inclusive = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) {
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parents.get(id)) {
      const frame = byNode.get(id)?.callFrame;
      if (!frame || !/^[A-Z]/.test(frame.functionName) || !frame.url) continue;
      const group = regionFor(frame.url, frame.lineNumber);
      if (!group.startsWith('src/')) continue;
      if (seen.has(frame.functionName)) continue;
      seen.add(frame.functionName);
      inclusive.set(frame.functionName, (inclusive.get(frame.functionName) ?? 0) + (deltas[i] ?? 0) / 1000);
    }
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return {
    components: [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15),
    total,
    rows: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top),
    groups: [...groups.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20),
  };
}

/** Main-thread time by trace event, outermost events only (nested ones are inside them). */
function summarizeTrace(title, trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const complete = events
    .filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts);
  const totals = new Map();
  let end = 0;
  for (const e of complete) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  console.log(`\n${title}: main-thread trace events (outermost):`);
  for (const [name, ms] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
}

/** The longest main-thread task of a trace and the events inside it (nested ones overlap). */
function printLongestTask(title, trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter((e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid);
  const longest = tasks.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => b.dur - a.dur)[0];
  if (!longest) return;
  const inside = tasks.filter((e) => e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + longest.dur && e !== longest);
  const totals = new Map();
  for (const e of inside) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  console.log(`\n${title}: ${(longest.dur / 1000).toFixed(0)} ms; inside it (nested events overlap):`);
  for (const [name, ms] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
}

/** Where a sample's time goes, by the innermost of these on its stack. */
const PHASES = [
  'normalizePeerReport',
  'selectReportView',
  'buildGroups',
  'seriesPoints',
  'readQuality',
  'readTimeline',
  'readConnectivity',
  'diagnose',
  'commitRoot',
  'recursivelyTraverseLayoutEffects',
  'flushPassiveEffects',
  'renderRootSync',
  'renderRootConcurrent',
  'fetchPeerReport',
  'parseEnvelope',
];

/** Busy stretches (idle gaps over 4 ms split them) from the first sample inside `fromFunction`. */
function slices(profile, fromFunction) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const times = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i] ?? 0;
    times.push(t);
  }
  const stackOf = (id) => {
    const frames = [];
    for (let x = id; x !== undefined; x = parents.get(x)) frames.push(byNode.get(x)?.callFrame);
    return frames.filter(Boolean);
  };
  const first = profile.samples.findIndex((id) => stackOf(id).some((frame) => frame.functionName === fromFunction));
  if (first < 0) return console.log(`\nno sample inside ${fromFunction}`);
  const origin = times[first];
  const spans = [];
  let span = null;
  for (let i = first; i < profile.samples.length; i += 1) {
    const frame = byNode.get(profile.samples[i])?.callFrame;
    const idle = frame?.functionName === '(idle)';
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle) {
      if (span && times[i] - span.lastBusy > 4000) span = null;
      continue;
    }
    if (!span) {
      span = { start: times[i], lastBusy: times[i], self: new Map(), components: new Map(), phases: new Map(), total: 0 };
      spans.push(span);
    }
    span.lastBusy = times[i];
    span.total += dt;
    const key = frame ? `${frame.functionName || '(anonymous)'}` : '?';
    span.self.set(key, (span.self.get(key) ?? 0) + dt);
    const seen = new Set();
    const stack = stackOf(profile.samples[i]);
    const phase = stack.find((f) => PHASES.includes(f.functionName));
    const phaseName = phase ? phase.functionName : '(other)';
    span.phases.set(phaseName, (span.phases.get(phaseName) ?? 0) + dt);
    for (const f of stack) {
      if (!/^[A-Z]/.test(f.functionName) || !f.url || seen.has(f.functionName)) continue;
      seen.add(f.functionName);
      span.components.set(f.functionName, (span.components.get(f.functionName) ?? 0) + dt);
    }
  }
  console.log(`\nBusy stretches from the first sample in ${fromFunction} (ms since then):`);
  for (const s of spans) {
    if (s.total < 8) continue;
    const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
    console.log(`${((s.start - origin) / 1000).toFixed(0).padStart(6)} +${s.total.toFixed(0).padStart(4)}  ${top(s.self, Number(args.get("slice-top") ?? 5))}`);
    console.log(`${''.padStart(13)}phases: ${top(s.phases, 8)}`);
    if (s.components.size > 0) console.log(`${''.padStart(13)}components: ${top(s.components, 6)}`);
  }
}

function print(title, summary) {
  console.log(`\n${title}: ${summary.total.toFixed(0)} ms sampled; self time by module group:`);
  for (const [key, ms] of summary.groups) console.log(`${ms.toFixed(1).padStart(9)}  ${key}`);
  console.log('app components, inclusive render time:');
  for (const [key, ms] of summary.components) console.log(`${ms.toFixed(1).padStart(9)}  ${key}`);
  console.log('top functions:');
  for (const [key, ms] of summary.rows) console.log(`${ms.toFixed(1).padStart(9)}  ${key}`);
}

/** The session page: open (every page of participants read), the wheel down the list, a name typed into its search. */
async function profileSession(browser, origin, demo, sessionId) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('response', async (response) => {
    if (response.url().endsWith('.js')) sources.set(response.url(), regionsOf(await response.text()));
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await fetch(`${origin}/api/accounts/${demo.accountId}/realtime/kit/${demo.appId}/sessions/${sessionId}/participants?page_no=1&per_page=1`).then((r) => r.arrayBuffer());
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(`${origin}/?${new URLSearchParams({ account: demo.accountId, app: demo.appId, session: sessionId }).toString()}`);
  await page.getByTestId('people-count').waitFor({ timeout: 180_000 });
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((status) => status.textContent?.startsWith('Reading participants')), null, {
    timeout: 180_000,
  });
  console.log(`every participant read in ${Date.now() - started} ms (wall, incl. navigation)`);
  const open = (await cdp.send('Profiler.stop')).profile;
  print('Open', summarize(open));
  if (args.has('slices')) slices(open, 'SessionPage');

  const scroller = page.getByTestId('people-scroll');
  await scroller.scrollIntoViewIfNeeded();
  const box = await scroller.boundingBox();
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height, 900 - box.y) / 2);
    if (args.has('trace')) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await cdp.send('Profiler.start');
    for (let i = 0; i < 120; i += 1) {
      await page.mouse.wheel(0, 480);
      await page.waitForTimeout(16);
    }
    const scroll = (await cdp.send('Profiler.stop')).profile;
    if (args.has('trace')) {
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
      summarizeTrace('Scroll (120 wheel steps)', trace);
      printLongestTask('Longest task while scrolling', trace);
    }
    print('Scroll (120 wheel steps)', summarize(scroll));
  }

  const input = page.getByLabel('Search participants');
  await input.focus();
  await cdp.send('Profiler.start');
  for (const key of 'nwosu 12') {
    await page.keyboard.type(key);
    await page.waitForTimeout(50);
  }
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(50);
  }
  print('Search (8 keys typed, 8 deleted)', summarize((await cdp.send('Profiler.stop')).profile));
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), 'peerscope-profile-'));
  const configFile = join(root, 'vite.config.ts');
  await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify: false } });
  const { module: benchPeers } = await runnerImport(join(root, 'server/demo/bench-peers.ts'));
  const { module: catalog } = await runnerImport(join(root, 'server/demo/catalog.ts'));
  const peer = benchPeers.benchPeerByKey(peerKey);
  const { module: demoSessions } = await runnerImport(join(root, 'server/demo/sessions.ts'));
  process.env.CLOUDFLARE_API_TOKEN = '';
  process.env.PEERSCOPE_BENCH = '1';
  const server = await preview({ root, configFile, logLevel: 'warn', build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' } });
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
  const browser = await chromium.launch(executablePath ? { executablePath } : {});
  try {
    const origin = `http://127.0.0.1:${port}`;
    if (args.has('session')) {
      await profileSession(browser, origin, { accountId: catalog.DEMO_ACCOUNT_ID, appId: catalog.DEMO_APP_ID }, demoSessions.BENCH_SESSION_ID);
      return;
    }
    const search = new URLSearchParams({ account: catalog.DEMO_ACCOUNT_ID, app: catalog.DEMO_APP_ID, peer: peer.id });
    await fetch(`${origin}/api/accounts/${catalog.DEMO_ACCOUNT_ID}/realtime/kit/${catalog.DEMO_APP_ID}/sessions/peer-report/${peer.id}?include_peer_events=true`).then((r) => r.arrayBuffer());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // As bench.mjs does: the engineer goes to the charts in the first frame that has them.
    await page.addInitScript(() => {
      const frame = () => {
        const figure = document.querySelector('figure[data-chart]');
        if (figure) figure.scrollIntoView({ block: 'start' });
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    page.on('response', async (response) => {
      if (response.url().endsWith('.js')) sources.set(response.url(), regionsOf(await response.text()));
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    if (args.has('trace')) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
    await cdp.send('Profiler.start');
    const started = Date.now();
    await page.goto(`${origin}/?${search.toString()}&peerEvents=1${args.has('no-downsample') ? '&bench-no-downsample=1' : ''}`);
    const figure = page.locator('figure[data-chart]').first();
    await figure.waitFor({ timeout: 180_000 });
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('.recharts-line-curve').first().waitFor({ timeout: 180_000 });
    console.log(`opened in ${Date.now() - started} ms (wall, incl. navigation)`);
    const open = (await cdp.send('Profiler.stop')).profile;
    if (args.has('trace')) summarizeTrace('Open', JSON.parse((await browser.stopTracing()).toString('utf8')));
    writeFileSync(join(tmpdir(), `peerscope-${peerKey}-open.cpuprofile`), JSON.stringify(open));
    print('Open', summarize(open));
    if (args.has('slices')) slices(open, 'selectReportView');

    if (args.has('zoom')) {
      await page.waitForTimeout(2000);
      const box = await figure.locator('.recharts-surface').first().boundingBox();
      if (box) {
        const y = box.y + box.height / 2;
        await page.mouse.move(box.x + box.width * 0.3, y);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
        await page.evaluate(() => {
          const counts = {};
          window.__mutations = counts;
          const where = (node) => {
            const element = node instanceof Element ? node : node.parentElement;
            const region = element?.closest('[data-chart], section[aria-label], section[aria-labelledby], [data-testid]');
            return region?.getAttribute('data-chart') ? 'chart' : (region?.getAttribute('aria-label') ?? region?.getAttribute('aria-labelledby') ?? region?.getAttribute('data-testid') ?? 'other');
          };
          new MutationObserver((records) => {
            for (const record of records) {
              const key = where(record.target);
              counts[key] = (counts[key] ?? 0) + record.addedNodes.length + record.removedNodes.length + (record.type === 'attributes' || record.type === 'characterData' ? 1 : 0);
            }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        });
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await cdp.send('Profiler.start');
        await page.mouse.up();
        await page.waitForURL(/zoom=/);
        await page.waitForTimeout(1500);
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
        summarizeTrace('Zoom (mouse-up + 1.5 s)', trace);
        writeFileSync(join(tmpdir(), `peerscope-${peerKey}-zoom.trace.json`), JSON.stringify(trace));
        const events = trace.traceEvents ?? trace;
        const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
        const tasks = events.filter((e) => e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid);
        const longest = tasks.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => b.dur - a.dur)[0];
        if (longest) {
          const inside = tasks.filter((e) => e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + longest.dur && e !== longest);
          const totals = new Map();
          for (const e of inside) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
          console.log(`\nLongest task after mouse-up: ${(longest.dur / 1000).toFixed(0)} ms; inside it (nested events overlap):`);
          for (const [name, ms] of [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(9)}  ${name}`);
        }
        const zoomProfile = (await cdp.send('Profiler.stop')).profile;
        print('Zoom (mouse-up + 1.5 s)', summarize(zoomProfile));
        if (args.has('slices')) slices(zoomProfile, 'dispatchDiscreteEvent');
        console.log('DOM mutations by region:', JSON.stringify(await page.evaluate(() => window.__mutations)));
      }
    }

    if (args.has('hover')) {
      const box = await figure.locator('.recharts-surface').first().boundingBox();
      if (box) {
        await cdp.send('Profiler.start');
        for (let i = 0; i < 120; i += 1) await page.mouse.move(box.x + 50 + ((box.width - 60) * (i % 60)) / 60, box.y + box.height / 2);
        const hover = (await cdp.send('Profiler.stop')).profile;
        print('Hover (120 moves)', summarize(hover));
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
