import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleQueue } from './use-idle-queue.ts';

// Without requestIdleCallback (Node, jsdom) each idle period is a 1 ms timeout.

describe('idle queue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const recorder = () => {
    const ran: string[] = [];
    return { ran, step: (name: string) => () => void ran.push(name) };
  };

  it('asks for no idle time until something is queued', () => {
    createIdleQueue();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs one step per idle period, tasks in the order they were queued', () => {
    const { ran, step } = recorder();
    const queue = createIdleQueue();
    queue.schedule(step('a1'), step('a2'));
    queue.schedule(step('b1'));
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a1']);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a1', 'a2']);
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a1', 'a2', 'b1']);
    vi.advanceTimersByTime(1);
    // Drained: it stops asking for idle time.
    expect(vi.getTimerCount()).toBe(0);
    expect(ran).toEqual(['a1', 'a2', 'b1']);
  });

  it('never runs what is left of a cancelled task, and goes straight on to the next', () => {
    const { ran, step } = recorder();
    const queue = createIdleQueue();
    const cancelA = queue.schedule(step('a1'), step('a2'), step('a3'));
    const cancelB = queue.schedule(step('b1'));
    queue.schedule(step('c1'), step('c2'));
    vi.advanceTimersByTime(1);
    cancelA();
    cancelB();
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a1', 'c1']);
    vi.runAllTimers();
    expect(ran).toEqual(['a1', 'c1', 'c2']);
  });

  it('starts again when a task is queued after it drained', () => {
    const { ran, step } = recorder();
    const queue = createIdleQueue();
    queue.schedule(step('a1'));
    vi.runAllTimers();
    queue.schedule(step('b1'));
    vi.advanceTimersByTime(1);
    expect(ran).toEqual(['a1', 'b1']);
  });

  it('keeps queues apart', () => {
    const { ran, step } = recorder();
    const one = createIdleQueue();
    const two = createIdleQueue();
    one.schedule(step('one'));
    two.schedule(step('two'));
    const cancel = two.schedule(step('three'));
    cancel();
    vi.runAllTimers();
    expect(ran).toEqual(['one', 'two']);
  });

  it("uses the browser's idle callback when it has one, within two seconds", () => {
    const requestIdleCallback = vi.fn((callback: () => void) => {
      callback();
      return 1;
    });
    vi.stubGlobal('requestIdleCallback', requestIdleCallback);
    const { ran, step } = recorder();
    createIdleQueue().schedule(step('a1'));
    expect(ran).toEqual(['a1']);
    expect(requestIdleCallback).toHaveBeenCalledWith(expect.any(Function), { timeout: 2000 });
    expect(vi.getTimerCount()).toBe(0);
  });
});
