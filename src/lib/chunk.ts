import { useSyncExternalStore } from 'react';

// Code split into a chunk of its own and read without Suspense. React.lazy suspends the
// first time it renders even when the chunk is already in (its promise settles a microtask
// later), and React then keeps the fallback on screen until 300 ms after it appeared
// (its FALLBACK_THROTTLE_MS): the report's first charts, or a first lookup, waited on that.
// Here the module is used the moment it is in, and components waiting for it re-render then.

export interface Chunk<T> {
  /** Starts loading (once) and resolves with the module. */
  load: () => Promise<T>;
  /** The module once it is in, else null (and it is being loaded); re-renders when it arrives. A failed load throws. */
  useModule: () => T | null;
}

export function lazyChunk<T>(importModule: () => Promise<T>): Chunk<T> {
  let state: { module: T } | { error: unknown } | null = null;
  let pending: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const settle = (next: { module: T } | { error: unknown }) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const load = () =>
    (pending ??= importModule().then(
      (module) => {
        settle({ module });
        return module;
      },
      (error: unknown) => {
        // A later render may try again (a chunk can fail on a flaky network).
        pending = null;
        settle({ error });
        throw error;
      },
    ));
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    if (state === null) load().catch(() => undefined);
    return () => listeners.delete(listener);
  };
  const snapshot = () => state;
  return {
    load,
    useModule: () => {
      const current = useSyncExternalStore(subscribe, snapshot, snapshot);
      if (current === null) return null;
      if ('error' in current) throw current.error;
      return current.module;
    },
  };
}
