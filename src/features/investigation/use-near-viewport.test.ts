import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNearViewportWatcher } from './use-near-viewport.ts';

/** Records every IntersectionObserver made, and lets a test report elements crossing its margin. */
function fakeObservers() {
  const made: FakeObserver[] = [];
  class FakeObserver {
    readonly observed = new Set<Element>();
    constructor(
      readonly callback: (entries: { target: Element; isIntersecting: boolean }[]) => void,
      readonly options: { rootMargin?: string },
    ) {
      made.push(this);
    }
    observe(element: Element) {
      this.observed.add(element);
    }
    unobserve(element: Element) {
      this.observed.delete(element);
    }
    report(...entries: [Element, boolean][]) {
      this.callback(entries.filter(([target]) => this.observed.has(target)).map(([target, isIntersecting]) => ({ target, isIntersecting })));
    }
  }
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  return made;
}

// Node has no DOM: any object stands in for an element, as only its identity matters.
const element = () => ({}) as Element;

describe('near-viewport watcher', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes its observer when the first element is watched, and only one for every element', () => {
    const made = fakeObservers();
    const watcher = createNearViewportWatcher();
    expect(made).toHaveLength(0);
    watcher.watch(element(), () => undefined);
    watcher.watch(element(), () => undefined);
    expect(made).toHaveLength(1);
    expect(made[0]?.options).toEqual({ rootMargin: '100px 0px' });
  });

  it('tells each element whether it came near the screen or left it, until it stops watching', () => {
    const made = fakeObservers();
    const watcher = createNearViewportWatcher();
    const first = element();
    const second = element();
    const seen: string[] = [];
    watcher.watch(first, (near) => void seen.push(`first ${near}`));
    const stop = watcher.watch(second, (near) => void seen.push(`second ${near}`));
    made[0]?.report([first, true], [second, true]);
    made[0]?.report([second, false]);
    stop();
    made[0]?.report([first, false], [second, true]);
    expect(seen).toEqual(['first true', 'second true', 'second false', 'first false']);
    expect(made[0]?.observed.has(second)).toBe(false);
  });
});
