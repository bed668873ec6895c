import { useEffect, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { MAX_RATE_LIMIT_RETRIES } from '../../api/queries.ts';
import { Skeleton } from '../../components/skeleton.tsx';

export interface PendingNoticeProps {
  /** The last failure while React Query retries, if any. */
  failureReason: unknown;
  failureCount: number;
}

/** Loading state: a skeleton, plus what the automatic retries are waiting for. */
export function PendingNotice({ failureReason, failureCount }: PendingNoticeProps) {
  return (
    <div aria-busy="true" className="space-y-4">
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
          'Fetching the peer report…'
        )}
      </p>
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
