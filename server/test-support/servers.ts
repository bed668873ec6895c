// Setup for the server tests that run real Vite servers and look for a canary token in
// everything they produce: log lines kept instead of printed (so a test can search them),
// throwaway project roots, and every file under a directory (a build's output, each of
// which a browser can ask for).
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'vite';
import { vi } from 'vitest';

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
}

/** A Vite `customLogger` that appends every message to `lines` instead of printing it. */
export function captureLogger(lines: string[] = []): CapturedLogger {
  const push = (message: string) => {
    lines.push(message);
  };
  const logger: Logger = {
    info: push,
    warn: push,
    warnOnce: push,
    error: push,
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
    hasWarned: false,
  };
  return { logger, lines };
}

export interface CapturedConsole {
  lines: string[];
  restore(): void;
}

/**
 * Keeps what anything in this process writes to the console (Vite, the plugin, the demo
 * upstream all log through it, not only through the Vite logger) until `restore`.
 */
export function captureConsole(lines: string[] = []): CapturedConsole {
  const record = (...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  };
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation(record));
  return {
    lines,
    restore: () => {
      spies.forEach((spy) => spy.mockRestore());
    },
  };
}

/** An empty directory under the system temp directory; remove it with `removeTempDir`. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The page every temporary project root serves as its index.html. */
export const TEMP_ROOT_PAGE_TITLE = 'Peerscope test';

/** A Vite project root in a temporary directory: an index.html, and `files` (name to text) beside it. */
export function tempProjectRoot(prefix: string, files: Readonly<Record<string, string>> = {}): string {
  const root = tempDir(prefix);
  writeFileSync(join(root, 'index.html'), `<!doctype html><title>${TEMP_ROOT_PAGE_TITLE}</title><div id="root"></div>`);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir`, at any depth, as paths that start with `dir`. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
