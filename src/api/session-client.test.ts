import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionRef, SessionSearch } from '../lib/session-search.ts';
import { ApiError } from './api-error.ts';
import { fetchSession, fetchSessionParticipant, fetchSessionParticipants, fetchSessions } from './client.ts';

const ORIGIN = 'http://peerscope.test';
const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const PEER = '6513270e-269e-4d37-b2a7-4de452e6b438';
const ref: SessionRef = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };

const search: SessionSearch = {
  accountId: ACCOUNT,
  appId: APP,
  text: 'Quarterly review',
  from: Date.UTC(2026, 8, 14, 12, 0, 0),
  to: Date.UTC(2026, 8, 14, 18, 30, 0),
  status: 'ended',
  sort: 'newest',
  page: 2,
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const fetchMock = vi.fn(async () => new Response(text, { status, headers: { 'content-type': 'application/json', ...headers } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function requestedUrl(fetchMock: ReturnType<typeof answer>): string {
  return String((fetchMock.mock.calls[0] as unknown as [URL])[0]);
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const endedSession = {
  id: SESSION,
  associated_id: 'c9d0e1f2-0a1b-4c2d-8e3f-405162738495',
  meeting_display_name: 'Quarterly review',
  organization_id: APP,
  type: 'meeting',
  status: 'ENDED',
  created_at: '2026-09-14T13:00:05.000Z',
  started_at: '2026-09-14T13:00:06.500Z',
  ended_at: '2026-09-14T13:45:00.000Z',
  updated_at: '2026-09-14T13:45:00.000Z',
  live_participants: 0,
  max_concurrent_participants: 7,
  minutes_consumed: 281.4,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('fetchSessions', () => {
  it('asks the proxied sessions route with the search, its time range, status, sort and page', async () => {
    const fetchMock = answer(200, { success: true, data: { sessions: [] }, paging: { start_offset: 25, end_offset: 25, total_count: 25 } });
    await fetchSessions(search, { origin: ORIGIN });
    expect(requestedUrl(fetchMock)).toBe(
      `${ORIGIN}/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions?search=Quarterly%20review` +
        '&start_time=2026-09-14T12:00:00.000Z&end_time=2026-09-14T18:30:00.000Z&status=ENDED&sort_by=createdAt&sort_order=DESC&page_no=2&per_page=25',
    );
  });

  it('leaves out what the search does not set, and sorts by minutes when asked', async () => {
    const fetchMock = answer(200, { success: true, data: { sessions: [] } });
    await fetchSessions({ ...search, text: '', from: null, to: null, status: null, sort: 'most-minutes', page: 1 }, { origin: ORIGIN });
    expect(requestedUrl(fetchMock)).toBe(
      `${ORIGIN}/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions?sort_by=minutesConsumed&sort_order=DESC&page_no=1&per_page=25`,
    );
  });

  it('reads each session into times, status and counts, and the total from paging', async () => {
    const live = { ...endedSession, id: '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', status: 'LIVE', ended_at: undefined, live_participants: 3 };
    answer(200, { success: true, data: { sessions: [endedSession, live] }, paging: { start_offset: 26, end_offset: 27, total_count: 27 } });
    const page = await fetchSessions(search, { origin: ORIGIN });
    expect(page.total).toBe(27);
    expect(page.unreadable).toBe(0);
    expect(page.sessions[0]).toEqual({
      id: SESSION,
      meetingId: 'c9d0e1f2-0a1b-4c2d-8e3f-405162738495',
      title: 'Quarterly review',
      type: 'meeting',
      status: 'ended',
      createdAt: Date.UTC(2026, 8, 14, 13, 0, 5),
      startedAt: Date.UTC(2026, 8, 14, 13, 0, 6, 500),
      endedAt: Date.UTC(2026, 8, 14, 13, 45, 0),
      liveParticipants: 0,
      peakParticipants: 7,
      minutesConsumed: 281.4,
    });
    expect(page.sessions[1]).toMatchObject({ status: 'live', endedAt: null, liveParticipants: 3 });
  });

  it('keeps the sessions it can read and counts the others', async () => {
    answer(200, { success: true, data: { sessions: [endedSession, { meeting_display_name: 'no id' }, 'text', null] } });
    const page = await fetchSessions(search, { origin: ORIGIN });
    expect(page.sessions.map((session) => session.id)).toEqual([SESSION]);
    expect(page.unreadable).toBe(3);
    expect(page.total).toBeNull();
  });

  it('reads a session without a status by its end time, and an unreadable field as absent', async () => {
    const { status: _, ...noStatus } = endedSession;
    answer(200, { success: true, data: { sessions: [noStatus, { id: SESSION, started_at: 'soon', max_concurrent_participants: 'many' }] } });
    const page = await fetchSessions(search, { origin: ORIGIN });
    expect(page.sessions[0]?.status).toBe('ended');
    expect(page.sessions[1]).toMatchObject({ status: 'live', startedAt: null, peakParticipants: null, title: null });
  });

  it('says what is wrong with an answer that is not a list of sessions', async () => {
    answer(200, { success: true, data: { participant: { id: PEER } } });
    const error = await failure(fetchSessions(search, { origin: ORIGIN }));
    expect(error.kind).toBe('not-a-report');
    expect(error.message).toBe('The answer is JSON, but not a list of sessions: it has no data.sessions list.');
  });

  it('maps the API’s failures to typed errors', async () => {
    answer(401, { success: false, errors: [{ code: 10000, message: 'Authentication error' }], messages: [], result: null });
    expect(await failure(fetchSessions(search, { origin: ORIGIN }))).toMatchObject({ kind: 'unauthorized', status: 401, upstreamMessage: 'Authentication error' });
    answer(429, { success: false, errors: [{ code: 971, message: 'Please wait' }] }, { 'retry-after': '2' });
    expect(await failure(fetchSessions(search, { origin: ORIGIN }))).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 2 });
    answer(200, { success: false, error: { code: 500, message: 'Could not list sessions' } });
    expect(await failure(fetchSessions(search, { origin: ORIGIN }))).toMatchObject({
      kind: 'unsuccessful',
      message: 'The API answered 200 but said success: false: Could not list sessions.',
    });
    answer(200, '<html>gateway</html>');
    expect(await failure(fetchSessions(search, { origin: ORIGIN }))).toMatchObject({ kind: 'malformed-body', html: true });
  });
});

describe('fetchSession', () => {
  it('reads the session from data', async () => {
    const fetchMock = answer(200, { success: true, data: endedSession });
    const session = await fetchSession(ref, { origin: ORIGIN });
    expect(requestedUrl(fetchMock)).toBe(`${ORIGIN}/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}`);
    expect(session).toMatchObject({ id: SESSION, title: 'Quarterly review', status: 'ended', peakParticipants: 7 });
  });

  it('names a 404 with the API’s own words', async () => {
    answer(404, { success: false, error: { code: 404, message: `No session found with id ${SESSION}` } });
    expect(await failure(fetchSession(ref, { origin: ORIGIN }))).toMatchObject({
      kind: 'not-found',
      upstreamMessage: `No session found with id ${SESSION}`,
    });
  });

  it('refuses data that is not a session', async () => {
    answer(200, { success: true, data: { sessions: [] } });
    expect((await failure(fetchSession(ref, { origin: ORIGIN }))).message).toBe('The answer is JSON, but not a session: it has no session ID.');
  });
});

describe('fetchSessionParticipants', () => {
  const participant = {
    id: PEER,
    display_name: 'Mei Chen',
    custom_participant_id: 'crm-user-2207',
    user_id: 'e0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
    preset_name: 'group_call_host',
    joined_at: '2026-09-15T10:00:31.266Z',
    left_at: '2026-09-15T10:44:50.766Z',
    duration: 44.325,
    created_at: '2026-09-15T10:00:06.666Z',
    updated_at: '2026-09-15T10:44:50.766Z',
  };

  it('asks for one page, oldest join first, and reads each join', async () => {
    const fetchMock = answer(200, { success: true, data: { participants: [participant] } });
    const page = await fetchSessionParticipants(ref, { pageNo: 3, perPage: 100 }, { origin: ORIGIN });
    expect(requestedUrl(fetchMock)).toBe(
      `${ORIGIN}/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants?sort_by=joinedAt&sort_order=ASC&page_no=3&per_page=100`,
    );
    expect(page).toEqual({
      received: 1,
      unreadable: 0,
      participants: [
        {
          peerId: PEER,
          displayName: 'Mei Chen',
          customParticipantId: 'crm-user-2207',
          userId: 'e0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
          preset: 'group_call_host',
          joinedAt: Date.UTC(2026, 8, 15, 10, 0, 31, 266),
          leftAt: Date.UTC(2026, 8, 15, 10, 44, 50, 766),
          // 44.325 minutes.
          durationMs: 2_659_500,
        },
      ],
    });
  });

  it('reads an older answer’s role as the preset, and a missing duration from the join and leave times', async () => {
    const { duration: _, preset_name: __, ...older } = participant;
    answer(200, { success: true, data: { participants: [{ ...older, role: 'host' }, { id: PEER, left_at: null }, { display_name: 'no id' }] } });
    const page = await fetchSessionParticipants(ref, { pageNo: 1, perPage: 100 }, { origin: ORIGIN });
    expect(page.received).toBe(3);
    expect(page.unreadable).toBe(1);
    expect(page.participants[0]).toMatchObject({ preset: 'host', durationMs: 2_659_500 });
    expect(page.participants[1]).toMatchObject({ displayName: null, leftAt: null, durationMs: null });
  });

  it('says what is wrong with an answer that is not a list of participants', async () => {
    answer(200, { success: true, data: { participants: 'none' } });
    expect((await failure(fetchSessionParticipants(ref, { pageNo: 1, perPage: 100 }, { origin: ORIGIN }))).message).toBe(
      'The answer is JSON, but not a list of participants: it has no data.participants list.',
    );
  });
});

describe('fetchSessionParticipant', () => {
  it('asks for one join by its peer ID and reads data.participant', async () => {
    const fetchMock = answer(200, { success: true, data: { participant: { id: PEER, display_name: 'Priya Raman' } } });
    const participant = await fetchSessionParticipant(ref, PEER, { origin: ORIGIN });
    expect(requestedUrl(fetchMock)).toBe(`${ORIGIN}/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants/${PEER}`);
    expect(participant).toMatchObject({ peerId: PEER, displayName: 'Priya Raman' });
  });

  it('refuses data without a participant', async () => {
    answer(200, { success: true, data: { id: PEER } });
    expect((await failure(fetchSessionParticipant(ref, PEER, { origin: ORIGIN }))).message).toBe(
      'The answer is JSON, but not a participant: it has no data.participant with an ID.',
    );
  });
});
