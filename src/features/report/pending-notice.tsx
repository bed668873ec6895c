import { useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { MAX_RATE_LIMIT_RETRIES } from '../../api/queries.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatCountOf } from '../../lib/format.ts';

export interface PendingNoticeProps {
  /** The last failure while React Query retries, if any. */
  failureReason: unknown;
  failureCount: number;
  /** Stops waiting: aborts the request. */
  onCancel: () => void;
}

/** A wait this long gets its elapsed time shown: reports of long calls take a while. */
const SHOW_ELAPSED_AFTER_S = 2;

/** Loading state: a skeleton, how long it has been waiting and for what, and a way to stop. */
export function PendingNotice({ failureReason, failureCount, onCancel }: PendingNoticeProps) {
  const elapsed = useElapsedSeconds();
  return (
    <div aria-busy="true" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
      <p role="status" className="text-sm text-ink-muted">
        {isApiError(failureReason) && failureReason.kind === 'rate-limited' && failureReason.retryAfterSeconds !== null ? (
          <RateLimitCountdown
            until={failureReason.at + failureReason.retryAfterSeconds * 1000}
            seconds={failureReason.retryAfterSeconds}
            attempt={failureCount}
          />
        ) : isApiError(failureReason) ? (
          <span className="text-warn">
            <span aria-hidden="true">↻ </span>
            {failureReason.status ? `The API answered ${failureReason.status}` : 'The request failed'}; retrying automatically
            (retry {failureCount} of 2)…
          </span>
        ) : (
          <>
            Fetching the peer report…
            {elapsed >= SHOW_ELAPSED_AFTER_S && <span className="ml-1 tabular-nums">{formatCountOf(elapsed, 'second')} so far</span>}
          </>
        )}
      </p>
        <button
          type="button"
          onClick={onCancel}
          className="inline-flex h-8 items-center rounded-md border border-line bg-surface px-3 text-sm font-medium text-ink hover:border-accent"
        >
          Cancel
        </button>
      </div>
      <div className="rounded-lg border border-line bg-surface p-4">
        <Skeleton className="h-6 w-56" />
        <div className="mt-4 grid gap-3 sm:grid-cols-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
    </div>
  );
}

/** Whole seconds since the component mounted, ticking once a second. */
function useElapsedSeconds(): number {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.floor((now - started) / 1000);
}

function RateLimitCountdown({ until, seconds, attempt }: { until: number; seconds: number; attempt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  return (
    <span className="text-warn">
      <span aria-hidden="true">⏳ </span>
      Rate limited (429): the API asked to wait {seconds} s. Retrying automatically in {left} s (retry {attempt} of{' '}
      {MAX_RATE_LIMIT_RETRIES}).
    </span>
  );
}
