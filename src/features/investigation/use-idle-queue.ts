import { useState } from 'react';

/** Work to do when the browser is idle, shared by every chart of a panel. */
export interface IdleQueue {
  /**
   * Runs the steps in later idle periods, one step per period, tasks in the order they were
   * queued. Returns a cancel function: a cancelled task's remaining steps never run.
   */
  schedule: (...steps: (() => void)[]) => () => void;
}

interface IdleTask {
  steps: (() => void)[];
  cancelled: boolean;
}

const requestIdle = (callback: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
  else setTimeout(callback, 1);
};

/**
 * One step per idle period, so each offscreen chart's work is a few short tasks between the
 * user's input. Nothing is asked of the browser until the first task is queued.
 */
export function createIdleQueue(): IdleQueue {
  const queue: IdleTask[] = [];
  let pumping = false;
  const pump = (): void => {
    while (queue[0] && (queue[0].cancelled || queue[0].steps.length === 0)) queue.shift();
    const task = queue[0];
    task?.steps.shift()?.();
    if (queue.length > 0) requestIdle(pump);
    else pumping = false;
  };
  return {
    schedule: (...steps) => {
      const task: IdleTask = { steps, cancelled: false };
      queue.push(task);
      if (!pumping) {
        pumping = true;
        requestIdle(pump);
      }
      return () => {
        task.cancelled = true;
      };
    },
  };
}

/** An idle queue that lives as long as the component: one for all the charts it renders. */
export function useIdleQueue(): IdleQueue {
  const [queue] = useState(createIdleQueue);
  return queue;
}
