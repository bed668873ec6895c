// For tests: this Worker (wrangler.jsonc) in workerd, the runtime `wrangler dev` uses, on a
// free loopback port, with the bindings a test chooses. Every binding the Worker reads is
// set, so a developer's `.env` or `.dev.vars` cannot turn a test live. Not part of the
// Worker bundle (nothing under worker/index.ts imports it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unstable_startWorker } from 'wrangler';
import type { WorkerEnv } from '../setup.ts';

export type WorkerVars = Partial<Record<Exclude<keyof WorkerEnv, 'ASSETS'>, string>>;

export interface LocalWorker {
  origin: string;
  port: number;
  close(): Promise<void>;
}

/** A small stand-in for `dist/`: the page and one content-hashed script. */
export const FIXTURE_PAGE_TITLE = 'Peerscope worker test';
export const FIXTURE_SCRIPT = '/assets/app-3f9c1a2b.js';

const projectRoot = resolve(import.meta.dirname, '../..');

const UNSET: Required<WorkerVars> = {
  CLOUDFLARE_API_TOKEN: '',
  CLOUDFLARE_API_BASE_URL: '',
  CLOUDFLARE_ACCOUNT_ID: '',
  ACCESS_TEAM_DOMAIN: '',
  ACCESS_AUD: '',
  ALLOW_UNAUTHENTICATED: '',
  PEERSCOPE_BENCH: '',
  PEERSCOPE_PUBLIC_URL: '',
};

export interface LocalWorkerOptions {
  /** Hide the Worker's own error log: for tests of a configuration it is meant to complain about. */
  quiet?: boolean;
  /** More files in the stand-in `dist/`, by path relative to it. */
  assetFiles?: Readonly<Record<string, string>>;
}

export async function startLocalWorker(vars: WorkerVars = {}, options: LocalWorkerOptions = {}): Promise<LocalWorker> {
  const assets = mkdtempSync(join(tmpdir(), 'peerscope-worker-assets-'));
  writeFileSync(join(assets, 'index.html'), `<!doctype html><title>${FIXTURE_PAGE_TITLE}</title><div id="root"></div>`);
  mkdirSync(join(assets, 'assets'));
  writeFileSync(join(assets, FIXTURE_SCRIPT), 'console.log("peerscope");\n');
  for (const [path, text] of Object.entries(options.assetFiles ?? {})) {
    mkdirSync(dirname(join(assets, path)), { recursive: true });
    writeFileSync(join(assets, path), text);
  }

  const bindings = Object.fromEntries(
    Object.entries({ ...UNSET, ...vars }).map(([name, value]) => [
      name,
      name === 'CLOUDFLARE_API_TOKEN' ? { type: 'secret_text' as const, value } : { type: 'plain_text' as const, value },
    ]),
  );
  const worker = await unstable_startWorker({
    config: join(projectRoot, 'wrangler.jsonc'),
    assets,
    sendMetrics: false,
    bindings,
    dev: { server: { hostname: '127.0.0.1', port: 0 }, inspector: false, watch: false, persist: false, logLevel: options.quiet ? 'none' : 'warn' },
  });
  try {
    await worker.ready;
    const url = await worker.url;
    return {
      origin: url.origin,
      port: Number(url.port),
      close: async () => {
        await worker.dispose();
        rmSync(assets, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await worker.dispose();
    rmSync(assets, { recursive: true, force: true });
    throw error;
  }
}
