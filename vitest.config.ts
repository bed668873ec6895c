import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // On two shared cores a jsdom test that clicks through hundreds of rows can take several
    // seconds; the default 5 s failed such tests on load alone. Assertions, not time, decide.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          // The same tests in a zone that is not UTC (and keeps summer time), so a formatter
          // stuck in UTC, or in the machine's zone, fails.
          name: 'node-la',
          environment: 'node',
          include: ['src/**/*.test.ts', 'server/demo/**/*.test.ts'],
          env: { TZ: 'America/Los_Angeles' },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          env: { TZ: 'America/Los_Angeles' },
          include: ['src/**/*.test.tsx'],
          setupFiles: ['./src/test/setup-dom.ts'],
        },
      },
    ],
  },
});
