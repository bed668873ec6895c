// The built app must not carry the API token: nothing reads it on the browser side, and
// only VITE_-prefixed variables are inlined. This builds with a canary token set and
// reads every file the browser could be served.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const CANARY = 'canary-bundle-TOKEN-8d2f61c0e4';
const root = resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'peerscope-build-'));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe('built bundle', () => {
  it('contains no trace of the API token', { timeout: 120_000 }, async () => {
    const saved = process.env.CLOUDFLARE_API_TOKEN;
    process.env.CLOUDFLARE_API_TOKEN = CANARY;
    try {
      await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true } });
    } finally {
      if (saved === undefined) delete process.env.CLOUDFLARE_API_TOKEN;
      else process.env.CLOUDFLARE_API_TOKEN = saved;
    }
    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('index.html'))).toBe(true);
    for (const file of files) {
      expect(readFileSync(file, 'latin1').includes(CANARY), file).toBe(false);
    }
  });
});
