import { useEffect, useState } from 'react';

/** The wall clock, read again every `intervalMs` while `active`: for "updated 12 s ago" and live durations. */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
