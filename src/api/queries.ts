import { queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';
import type { ArrayListener } from '../lib/json-stream.ts';
import { fetchAppConfig, fetchPeerReport } from './client.ts';
import type { Lookup } from '../lib/lookup.ts';

/** Automatic retries after a 429, each honouring Retry-After. */
export const MAX_RATE_LIMIT_RETRIES = 3;
/** A Retry-After longer than this is shown to the user instead of waited out. */
const MAX_RETRY_AFTER_SECONDS = 60;
const MAX_TRANSIENT_RETRIES = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (!isApiError(error)) return false;
  switch (error.kind) {
    case 'rate-limited':
      return (
        error.retryAfterSeconds !== null &&
        error.retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS &&
        failureCount < MAX_RATE_LIMIT_RETRIES
      );
    case 'server':
    case 'bad-gateway':
    case 'network':
      return failureCount < MAX_TRANSIENT_RETRIES;
    default:
      return false;
  }
}

export function retryDelay(failureCount: number, error: unknown): number {
  if (isApiError(error) && error.retryAfterSeconds !== null) return error.retryAfterSeconds * 1000;
  return Math.min(1000 * 2 ** (failureCount - 1), 8000);
}

export interface PeerReportReads<Early extends ArrayListener | null> {
  /** Made afresh for each request: hears of the body's long arrays while it downloads. */
  early: () => Early;
}

const NO_EARLY_READS: PeerReportReads<null> = { early: () => null };

/** Every variable the request reads; the same key whatever is read early from the body. */
export function peerReportQueryKey(lookup: Lookup) {
  return ['peer-report', lookup.accountId, lookup.appId, lookup.peerId, lookup.filters.join(','), lookup.includePeerEvents] as const;
}

export function peerReportQuery<Early extends ArrayListener | null = null>(
  lookup: Lookup,
  reads: PeerReportReads<Early> = NO_EARLY_READS as PeerReportReads<Early>,
) {
  return queryOptions({
    queryKey: peerReportQueryKey(lookup),
    queryFn: ({ signal }) => fetchPeerReport(lookup, { signal, early: reads.early() }),
    retry: shouldRetry,
    retryDelay,
    // A finished call's report does not change; a live one is refreshed by hand.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

export function appConfigQuery() {
  return queryOptions({
    queryKey: ['app-config'] as const,
    queryFn: ({ signal }) => fetchAppConfig({ signal }),
    staleTime: Infinity,
    retry: 1,
  });
}
