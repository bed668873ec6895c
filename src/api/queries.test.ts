import { describe, expect, it } from 'vitest';
import type { Lookup } from '../lib/lookup.ts';
import type { SessionRef, SessionSearch } from '../lib/session-search.ts';
import type { FetchedPeerReport, ParticipantsPage } from './client.ts';
import {
  peerReportQuery,
  sessionParticipantQuery,
  sessionParticipantsQuery,
  sessionQuery,
  sessionsQuery,
} from './queries.ts';
import type { SessionInfo } from './schemas.ts';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const PEER = '6513270e-269e-4d37-b2a7-4de452e6b438';
const ref: SessionRef = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };

const search: SessionSearch = {
  accountId: ACCOUNT,
  appId: APP,
  text: 'review',
  from: 1_789_000_000_000,
  to: null,
  status: 'live',
  sort: 'oldest',
  page: 3,
};

/** What a staleTime or refetchInterval function reads of a query: its data. */
function withData<T>(data: T | undefined) {
  return { state: { data } } as never;
}

function session(status: SessionInfo['status']): SessionInfo {
  return {
    id: SESSION,
    meetingId: null,
    title: null,
    type: 'meeting',
    status,
    createdAt: null,
    startedAt: null,
    endedAt: null,
    liveParticipants: null,
    peakParticipants: null,
    minutesConsumed: null,
  };
}

describe('query keys hold every variable of the request', () => {
  it('for a search of sessions, with the page size', () => {
    expect(sessionsQuery(search).queryKey).toEqual(['sessions', ACCOUNT, APP, 'review', 1_789_000_000_000, null, 'live', 'oldest', 3, 25]);
  });

  it('for a session, its participants and one participant', () => {
    expect(sessionQuery(ref).queryKey).toEqual(['session', ACCOUNT, APP, SESSION]);
    expect(sessionParticipantsQuery(ref, false).queryKey).toEqual(['session-participants', ACCOUNT, APP, SESSION, 100]);
    expect(sessionParticipantQuery(ref, PEER).queryKey).toEqual(['session-participant', ACCOUNT, APP, SESSION, PEER]);
  });

  it('the same for a live and an ended session’s participants: only freshness differs', () => {
    expect(sessionParticipantsQuery(ref, true).queryKey).toEqual(sessionParticipantsQuery(ref, false).queryKey);
  });
});

describe('freshness', () => {
  it('keeps an ended session fresh for good, and reads a live one every 30 s and on focus', () => {
    const options = sessionQuery(ref);
    const staleTime = options.staleTime as (query: never) => number;
    const interval = options.refetchInterval as (query: never) => number | false;
    expect(staleTime(withData(session('ended')))).toBe(Infinity);
    expect(interval(withData(session('ended')))).toBe(false);
    expect(staleTime(withData(session('live')))).toBe(0);
    expect(interval(withData(session('live')))).toBe(30_000);
    expect(options.refetchOnWindowFocus).toBe(true);
  });

  it('refreshes a live session’s participants every 30 s and on focus, an ended one’s never', () => {
    const read = { state: { status: 'success' } } as never;
    const live = sessionParticipantsQuery(ref, true);
    const liveInterval = live.refetchInterval as (query: never) => number | false;
    expect([live.staleTime, liveInterval(read), live.refetchOnWindowFocus]).toEqual([0, 30_000, true]);
    const ended = sessionParticipantsQuery(ref, false);
    const endedInterval = ended.refetchInterval as (query: never) => number | false;
    expect([ended.staleTime, endedInterval(read), ended.refetchOnWindowFocus]).toEqual([Infinity, false, false]);
  });

  it('stops reading a live session’s participants every 30 s once a read failed for good', () => {
    const interval = sessionParticipantsQuery(ref, true).refetchInterval as (query: never) => number | false;
    expect(interval({ state: { status: 'error' } } as never)).toBe(false);
  });

  it('keeps the report of a participant who left fresh for good, one still in the call for 5 minutes', () => {
    const lookup: Lookup = { accountId: ACCOUNT, appId: APP, peerId: PEER, filters: ['events'], includePeerEvents: false };
    const staleTime = peerReportQuery(lookup).staleTime as (query: never) => number;
    const fetched = (data: Record<string, unknown>) => withData<Partial<FetchedPeerReport>>({ data });
    expect(staleTime(fetched({ participant: { id: PEER, left_at: '2026-09-15T10:44:50.766Z' } }))).toBe(Infinity);
    // The flat shape: the participant's fields directly in data.
    expect(staleTime(fetched({ id: PEER, left_at: '2026-09-15T10:44:50.766Z' }))).toBe(Infinity);
    expect(staleTime(fetched({ participant: { id: PEER, left_at: null } }))).toBe(300_000);
    expect(staleTime(withData(undefined))).toBe(300_000);
  });
});

describe('paging through a session’s participants', () => {
  const page = (received: number): ParticipantsPage => ({ participants: [], unreadable: 0, received });

  it('asks for the next page after a full one, and stops after a short one', () => {
    const next = sessionParticipantsQuery(ref, false).getNextPageParam;
    expect(next(page(100), [page(100)], 1, [1])).toBe(2);
    expect(next(page(100), [page(100), page(100)], 2, [1, 2])).toBe(3);
    expect(next(page(37), [page(100), page(37)], 2, [1, 2])).toBeUndefined();
    expect(next(page(0), [page(0)], 1, [1])).toBeUndefined();
  });

  it('stops at the last page the proxy passes on', () => {
    expect(sessionParticipantsQuery(ref, false).getNextPageParam(page(100), [], 10_000, [])).toBeUndefined();
  });
});
