import { isApiError } from '../../api/api-error.ts';
import { CopyButton } from '../../components/copy-button.tsx';
import type { Lookup } from '../../lib/lookup.ts';
import { describeError } from './describe-error.ts';

export interface ErrorPanelProps {
  error: unknown;
  lookup: Lookup;
  mode: 'demo' | 'live' | null;
  onRetry: () => void;
  retrying: boolean;
  /** A failed refetch above data that is still shown. */
  compact?: boolean;
}

export function ErrorPanel({ error, lookup, mode, onRetry, retrying, compact = false }: ErrorPanelProps) {
  const description = describeError(error, lookup, mode);
  const rayId = isApiError(error) ? error.rayId : null;
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
          {rayId && (
            <p className="flex flex-wrap items-center gap-2 text-ink-muted">
              <span>
                Cloudflare Ray ID: <code className="font-mono text-xs text-ink">{rayId}</code> (quote it to Cloudflare support)
              </span>
              <CopyButton value={rayId} what="Ray ID" label="Copy Ray ID" />
            </p>
          )}
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
