import { describeSessionError, type SessionRequest } from './session-errors.ts';

export interface SessionErrorProps {
  error: unknown;
  request: SessionRequest;
  mode: 'demo' | 'live' | null;
  onRetry: () => void;
  retrying: boolean;
  /** A failed refresh or next page above what is still shown. */
  compact?: boolean;
}

/** A failed sessions or participants request: what happened, what to do, the API's own words. */
export function SessionError({ error, request, mode, onRetry, retrying, compact = false }: SessionErrorProps) {
  const description = describeSessionError(error, request, mode);
  return (
    <div role="alert" className="rounded-lg border border-bad/40 bg-bad-soft px-4 py-3 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="font-semibold text-bad">
            <span aria-hidden="true">✕ </span>
            {compact ? `Refresh failed: ${description.title}` : description.title}
          </p>
          <p className="text-ink">{description.detail}</p>
          <p className="text-ink-muted">{description.action}</p>
          {description.upstreamMessage && (
            <p className="text-ink-muted">
              The API said: <q className="font-mono text-xs break-all text-ink">{description.upstreamMessage}</q>
            </p>
          )}
        </div>
        {description.retryable && (
          <button
            type="button"
            onClick={onRetry}
            disabled={retrying}
            className="inline-flex h-8 items-center rounded-md border border-bad/40 bg-surface px-3 text-sm font-medium text-bad hover:bg-bad-soft disabled:opacity-60"
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
    </div>
  );
}
