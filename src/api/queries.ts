import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error.ts';
import type { ArrayListener } from '../lib/json-stream.ts';
import {
  fetchAppConfig,
  fetchPeerReport,
  fetchSession,
  fetchSessionParticipant,
  fetchSessionParticipants,
  fetchSessions,
  PARTICIPANTS_PER_PAGE,
  SESSIONS_PER_PAGE,
  type ParticipantsPage,
} from './client.ts';
import { MAX_PAGE_NO } from '../lib/api-routes.ts';
import { isRecord } from '../lib/json-value.ts';
import type { Lookup } from '../lib/lookup.ts';
import type { SessionRef, SessionSearch } from '../lib/session-search.ts';
import type { SessionInfo } from './schemas.ts';

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
    // A finished call's report does not change: fresh for good, so going back to it costs no
    // request. One still in the call is fresh for 5 minutes, and refreshed by hand.
    staleTime: (query) => (query.state.data && hasLeft(query.state.data.data) ? Infinity : 5 * 60_000),
    refetchOnWindowFocus: false,
  });
}

/** The participant has a leave time: their report is complete. Any of the three shapes. */
function hasLeft(data: Record<string, unknown>): boolean {
  const participant = isRecord(data.participant) ? data.participant : data;
  return typeof participant.left_at === 'string' && participant.left_at !== '';
}

export function appConfigQuery() {
  return queryOptions({
    queryKey: ['app-config'] as const,
    queryFn: ({ signal }) => fetchAppConfig({ signal }),
    staleTime: Infinity,
    retry: 1,
  });
}

// ---------------------------------------------------------------------------------------
// Finding a call. An ended session, its participants and their reports do not change, so
// once read they are kept fresh for good: pivoting back and forth costs no request. A live
// session's participants come and go: refreshed every 30 s and when the window regains focus.

/** How often a live session and its participants are read again. */
export const LIVE_REFRESH_MS = 30_000;
/** A list of sessions changes as calls start and end. */
const SESSIONS_LIST_STALE_MS = 30_000;
/**
 * How long a session and its participants stay in memory with no screen showing them. Longer
 * than the 5-minute default: a support engineer spends a while in a report or a comparison
 * (which do not show the list) before going Back to the session, and that should cost nothing.
 */
export const SESSION_KEEP_MS = 30 * 60_000;

/** Every variable of the request, the page size included. */
export function sessionsQueryKey(search: SessionSearch) {
  return [
    'sessions',
    search.accountId,
    search.appId,
    search.text,
    search.from,
    search.to,
    search.status,
    search.sort,
    search.page,
    SESSIONS_PER_PAGE,
  ] as const;
}

export function sessionsQuery(search: SessionSearch) {
  return queryOptions({
    queryKey: sessionsQueryKey(search),
    queryFn: ({ signal }) => fetchSessions(search, { signal }),
    retry: shouldRetry,
    retryDelay,
    staleTime: SESSIONS_LIST_STALE_MS,
    refetchOnWindowFocus: false,
  });
}

export function sessionQueryKey(session: SessionRef) {
  return ['session', session.accountId, session.appId, session.sessionId] as const;
}

/** Live until the session is known to have ended. */
function isLive(query: { state: { data: SessionInfo | undefined } }): boolean {
  return query.state.data?.status !== 'ended';
}

export function sessionQuery(session: SessionRef) {
  return queryOptions({
    queryKey: sessionQueryKey(session),
    queryFn: ({ signal }) => fetchSession(session, { signal }),
    retry: shouldRetry,
    retryDelay,
    // Fresh for good once it has ended; a live one is read again on focus and every 30 s.
    staleTime: (query) => (isLive(query) ? 0 : Infinity),
    gcTime: SESSION_KEEP_MS,
    refetchInterval: (query) => (query.state.data && isLive(query) ? LIVE_REFRESH_MS : false),
    refetchOnWindowFocus: true,
  });
}

export function sessionParticipantsQueryKey(session: SessionRef) {
  return ['session-participants', session.accountId, session.appId, session.sessionId, PARTICIPANTS_PER_PAGE] as const;
}

/**
 * A session's participants, page by page (oldest join first). `live`: the session is (or may
 * still be) live, so the list is read again on focus and every 30 s; an ended session's
 * list is fresh for good. The caller asks for the next page (fetchNextPage) when it needs it.
 */
export function sessionParticipantsQuery(session: SessionRef, live: boolean) {
  return infiniteQueryOptions({
    queryKey: sessionParticipantsQueryKey(session),
    queryFn: ({ signal, pageParam }) => fetchSessionParticipants(session, { pageNo: pageParam, perPage: PARTICIPANTS_PER_PAGE }, { signal }),
    initialPageParam: 1,
    getNextPageParam: (last: ParticipantsPage, _pages: ParticipantsPage[], pageNo: number) =>
      last.received >= PARTICIPANTS_PER_PAGE && pageNo < MAX_PAGE_NO ? pageNo + 1 : undefined,
    retry: shouldRetry,
    retryDelay,
    staleTime: live ? 0 : Infinity,
    gcTime: SESSION_KEEP_MS,
    // Not after a read that failed for good (a session the API does not know, a token it
    // refuses, retries spent): asking again every 30 s would not change the answer. The page
    // offers to try again, and focus still reads a live list again.
    refetchInterval: (query) => (live && query.state.status !== 'error' ? LIVE_REFRESH_MS : false),
    refetchOnWindowFocus: live,
  });
}

export function sessionParticipantQueryKey(session: SessionRef, peerId: string) {
  return ['session-participant', session.accountId, session.appId, session.sessionId, peerId] as const;
}

/** One join of one participant: who a remote sender was. Its name and IDs do not change. */
export function sessionParticipantQuery(session: SessionRef, peerId: string) {
  return queryOptions({
    queryKey: sessionParticipantQueryKey(session, peerId),
    queryFn: ({ signal }) => fetchSessionParticipant(session, peerId, { signal }),
    retry: shouldRetry,
    retryDelay,
    staleTime: Infinity,
    gcTime: SESSION_KEEP_MS,
    refetchOnWindowFocus: false,
  });
}
