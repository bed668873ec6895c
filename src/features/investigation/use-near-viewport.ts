import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/** Tells each watched element whether it is on screen or within a hundred pixels of it. */
export interface NearViewportWatcher {
  /** Calls `listener` whenever `element` comes near the screen or leaves it; returns a function that stops watching. */
  watch: (element: Element, listener: (near: boolean) => void) => () => void;
}

/**
 * One observer for every chart. The charts that come near the screen together (the first
 * screen, a jump down the page) are drawn in one synchronous render, so they appear in the
 * next frame together, rather than in a time-sliced render that yields to idle work. The
 * observer is made when the first element is watched.
 */
export function createNearViewportWatcher(): NearViewportWatcher {
  const listeners = new Map<Element, (near: boolean) => void>();
  let observer: IntersectionObserver | null = null;
  return {
    watch: (element, listener) => {
      observer ??= new IntersectionObserver(
        (entries) => {
          flushSync(() => {
            for (const entry of entries) listeners.get(entry.target)?.(entry.isIntersecting);
          });
        },
        { rootMargin: '100px 0px' },
      );
      listeners.set(element, listener);
      observer.observe(element);
      return () => {
        listeners.delete(element);
        observer?.unobserve(element);
      };
    },
  };
}

/** A watcher that lives as long as the component: one observer for all the charts it renders. */
export function useNearViewportWatcher(): NearViewportWatcher {
  const [watcher] = useState(createNearViewportWatcher);
  return watcher;
}

/** Whether the element is on screen or within a hundred pixels of it. */
export function useNearViewport(ref: RefObject<HTMLElement | null>, watcher: NearViewportWatcher): boolean {
  // Without IntersectionObserver (jsdom), everything counts as on screen.
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    return watcher.watch(element, setNear);
  }, [ref, watcher]);
  return near;
}
