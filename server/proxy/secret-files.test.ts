import { describe, expect, it } from 'vitest';
import { isSecretFileTarget } from './secret-files.ts';

describe('isSecretFileTarget', () => {
  it.each([
    '/.dev.vars',
    '/.dev.vars?raw',
    '/.dev.vars?import',
    '/.dev.vars?url',
    '/.dev.vars.staging',
    '/./.dev.vars',
    '/%2edev.vars',
    '/%2Edev%2Evars',
    '/%252edev.vars',
    '/%25252edev.vars',
    '//.dev.vars',
    '/src/../.dev.vars',
    '/src/%2e%2e/.dev.vars',
    '/src%2f..%2f.dev.vars',
    '/src\\..\\.dev.vars',
    '/src%5c..%5c.dev.vars',
    '/@fs/home/someone/peerscope/.dev.vars',
    '/@fs/home/someone/peerscope/.dev.vars?raw',
    '/.DEV.VARS',
    '/.dev.vars.',
    '/.dev.vars%20',
    '/.env',
    '/.env.local',
    '/.env.production?raw',
    '/.wrangler/state/v3/kv/blob',
    '/%2ewrangler/tmp/bundle.js',
    '/certs/server.key',
    '/localhost.pem',
    '/.git/config',
    '/.npmrc',
    'http://localhost:5173/.dev.vars',
    '/%E0%A4%A/.dev.vars',
  ])('refuses %s', (target) => {
    expect(isSecretFileTarget(target)).toBe(true);
  });

  it.each([
    '/',
    '/index.html',
    '/src/main.tsx',
    '/src/main.tsx?t=1700000000000',
    '/@vite/client',
    '/@fs/home/someone/peerscope/node_modules/.vite/deps/react.js?v=1234',
    '/node_modules/.vite/deps/recharts.js',
    '/assets/index-4f2a9c.js',
    '/api/config',
    '/api/accounts/8f2d/realtime/kit/2a7c/sessions/peer-report/6513270e-269e-4d37-b2a7-4de452e6b438?filters=events',
    '/src/report/env-summary.ts',
    '/src/keyboard.ts',
    '/?peer=.env',
    '/environment',
    '/.github/workflows/ci.yml',
    '/%E0%A4%A',
  ])('lets %s through', (target) => {
    expect(isSecretFileTarget(target)).toBe(false);
  });
});
