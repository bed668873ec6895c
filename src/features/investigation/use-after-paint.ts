import { startTransition, useEffect, useState } from 'react';

/**
 * `value`, with each change handed on only once the browser has painted the frame that
 * shows the rest of the page's update. For a part of the page that may lag a frame behind
 * the part the user is acting on: a zoom draws the charts under the pointer first, and the
 * timeline straight after. (useDeferredValue renders its catch-up before that frame.)
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A rAF callback runs just before the frame is drawn; a timeout set there runs after it.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
