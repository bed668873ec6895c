import { describe, expect, it } from 'vitest';
import {
  API_ROUTES,
  apiUrl,
  booleanValue,
  checkPath,
  CONFIG_ROUTE,
  enumListValue,
  enumValue,
  integerValue,
  isoTimeValue,
  matchRoute,
  meetingIdValue,
  PARTICIPANT_ROUTE,
  PARTICIPANTS_ROUTE,
  PEER_REPORT_ROUTE,
  routePath,
  SESSION_ROUTE,
  SESSIONS_ROUTE,
  SOURCE_HEADER,
  textValue,
  upstreamQuery,
} from './api-routes.ts';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const APP = '14a396e7-ca44-4937-bf1f-050a69118543';
const PEER = '6513270e-269e-4d37-b2a7-4de452e6b438';
const SESSION = 'b2f0c8a4-3d1e-4f5a-9c7b-6e2d1a0f9c83';

/** The segments after /api of a path written out in full. */
function segmentsOf(path: string): string[] {
  return path.replace(/^\/api\//, '').split('/');
}

describe('the shared names', () => {
  it('marks who answered in one header', () => {
    expect(SOURCE_HEADER).toBe('x-peerscope-source');
  });
});

describe('building a URL (the page)', () => {
  it('builds the peer report URL with a bare-comma filter list', () => {
    const url = apiUrl(
      PEER_REPORT_ROUTE,
      {
        path: { account_id: ACCOUNT, app_id: APP, peer_id: PEER },
        query: { filters: ['device_info', 'events'], include_peer_events: true },
      },
      'http://localhost:5173',
    );
    expect(url.href).toBe(
      'http://localhost:5173/api/accounts/0123456789abcdef0123456789abcdef/realtime/kit/14a396e7-ca44-4937-bf1f-050a69118543' +
        '/sessions/peer-report/6513270e-269e-4d37-b2a7-4de452e6b438?filters=device_info,events&include_peer_events=true',
    );
  });

  it('leaves out a query parameter without a value, and sends false when told to', () => {
    const path = { account_id: 'acc', app_id: 'app', peer_id: PEER };
    expect(apiUrl(PEER_REPORT_ROUTE, { path, query: { filters: ['events'] } }, 'http://x.test').search).toBe('?filters=events');
    expect(apiUrl(PEER_REPORT_ROUTE, { path, query: { include_peer_events: false } }, 'http://x.test').search).toBe(
      '?include_peer_events=false',
    );
    expect(apiUrl(PEER_REPORT_ROUTE, { path }, 'http://x.test').href).toBe(
      'http://x.test/api/accounts/acc/realtime/kit/app/sessions/peer-report/6513270e-269e-4d37-b2a7-4de452e6b438',
    );
  });

  it('encodes every path value, so no value can add a segment', () => {
    const url = apiUrl(PEER_REPORT_ROUTE, { path: { account_id: 'a/../b', app_id: 'my app', peer_id: '?x' } }, 'http://x.test');
    expect(url.pathname).toBe('/api/accounts/a%2F..%2Fb/realtime/kit/my%20app/sessions/peer-report/%3Fx');
    expect(url.search).toBe('');
  });

  it('builds /api/config, which has no parameters', () => {
    expect(apiUrl(CONFIG_ROUTE, {}, 'http://x.test').href).toBe('http://x.test/api/config');
  });

  it('builds the sessions route from typed values', () => {
    const url = apiUrl(
      SESSIONS_ROUTE,
      {
        path: { account_id: ACCOUNT, app_id: APP },
        query: {
          status: 'ENDED',
          search: 'Weekly sync & retro',
          start_time: new Date(Date.UTC(2026, 0, 31, 9, 30)),
          per_page: 25,
          participants: true,
        },
      },
      'http://x.test',
    );
    // The table's order, not the caller's.
    expect(url.search).toBe('?search=Weekly%20sync%20%26%20retro&start_time=2026-01-31T09:30:00.000Z&status=ENDED&per_page=25&participants=true');
    // @ts-expect-error -- status is LIVE or ENDED
    apiUrl(SESSIONS_ROUTE, { path: { account_id: ACCOUNT, app_id: APP }, query: { status: 'OPEN' } }, 'http://x.test');
    // @ts-expect-error -- a session route needs its session_id
    apiUrl(SESSION_ROUTE, { path: { account_id: ACCOUNT, app_id: APP } }, 'http://x.test');
  });
});

describe('matching a path (the proxy)', () => {
  it('finds the peer report and /api/config by their shape', () => {
    expect(matchRoute(API_ROUTES, segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report/${PEER}`))).toBe(
      PEER_REPORT_ROUTE,
    );
    expect(matchRoute(API_ROUTES, ['config'])).toBe(CONFIG_ROUTE);
  });

  it('finds nothing for a wrong literal, a missing or an extra segment', () => {
    for (const path of [
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-reports/${PEER}`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report/${PEER}/`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/session`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participant`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants/${PEER}/peer-report`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/chat`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/summary`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/meetings`,
      '/api/config/',
      '/api/Config',
    ]) {
      expect(matchRoute(API_ROUTES, segmentsOf(path)), path).toBeNull();
    }
    expect(matchRoute(API_ROUTES, [''])).toBeNull();
  });

  it('finds each session route by its shape', () => {
    const base = `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`;
    expect(matchRoute(API_ROUTES, segmentsOf(base))).toBe(SESSIONS_ROUTE);
    expect(matchRoute(API_ROUTES, segmentsOf(`${base}/${SESSION}`))).toBe(SESSION_ROUTE);
    expect(matchRoute(API_ROUTES, segmentsOf(`${base}/${SESSION}/participants`))).toBe(PARTICIPANTS_ROUTE);
    expect(matchRoute(API_ROUTES, segmentsOf(`${base}/${SESSION}/participants/${PEER}`))).toBe(PARTICIPANT_ROUTE);
  });

  it('takes peer-report without a peer for a session ID, which then fails its check', () => {
    const segments = segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report`);
    expect(matchRoute(API_ROUTES, segments)).toBe(SESSION_ROUTE);
    expect(checkPath(SESSION_ROUTE, segments)).toEqual({
      ok: false,
      code: 'invalid_session_id',
      message: 'Session ID is a UUID, like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e.',
    });
  });

  it('prefers a literal over a parameter where two shapes fit', () => {
    // "peer-report" in a session ID's place, and "participants" in a peer ID's.
    const path = `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report/participants`;
    expect(matchRoute(API_ROUTES, segmentsOf(path))).toBe(PEER_REPORT_ROUTE);
    expect(matchRoute(API_ROUTES, segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants`))).toBe(
      PARTICIPANTS_ROUTE,
    );
    expect(matchRoute(API_ROUTES, segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions`))).toBe(SESSIONS_ROUTE);
  });
});

describe('checking the path parameters', () => {
  const peerReport = (account: string, app: string, peer: string) =>
    segmentsOf(`/api/accounts/${account}/realtime/kit/${app}/sessions/peer-report/${peer}`);

  it('hands back the values by name', () => {
    expect(checkPath(PEER_REPORT_ROUTE, peerReport(ACCOUNT, 'my_app-01', PEER))).toEqual({
      ok: true,
      values: { account_id: ACCOUNT, app_id: 'my_app-01', peer_id: PEER },
    });
  });

  it('refuses the first bad segment, naming it and saying why', () => {
    expect(checkPath(PEER_REPORT_ROUTE, peerReport('a'.repeat(33), 'my.app', 'x'))).toEqual({
      ok: false,
      code: 'invalid_account_id',
      message: 'Account ID is 33 characters; it has at most 32.',
    });
    expect(checkPath(PEER_REPORT_ROUTE, peerReport(ACCOUNT, 'my.app', 'x'))).toEqual({
      ok: false,
      code: 'invalid_app_id',
      message: 'App ID is a UUID (8-4-4-4-12 hex digits) or an identifier of at most 32 letters, digits, - or _.',
    });
    expect(checkPath(PEER_REPORT_ROUTE, peerReport(ACCOUNT, APP, `${PEER}%20`))).toEqual({
      ok: false,
      code: 'invalid_peer_id',
      message: 'Peer ID is a UUID, like 6513270e-269e-4d37-b2a7-4de452e6b438.',
    });
  });

  it('builds the upstream path from the checked values', () => {
    const checked = checkPath(PEER_REPORT_ROUTE, peerReport(ACCOUNT, APP, PEER));
    if (!checked.ok) throw new Error(checked.message);
    expect(routePath(PEER_REPORT_ROUTE, checked.values)).toBe(
      '/accounts/0123456789abcdef0123456789abcdef/realtime/kit/14a396e7-ca44-4937-bf1f-050a69118543/sessions/peer-report/6513270e-269e-4d37-b2a7-4de452e6b438',
    );
  });
});

describe('rebuilding the query (the proxy)', () => {
  const rebuild = (query: string) => upstreamQuery(PEER_REPORT_ROUTE, new URLSearchParams(query));

  it('keeps only the route own parameters, in the table order, each filter once', () => {
    expect(rebuild('x=1&include_peer_events=true&filters=events%2Cevents,quality_stats&url=http://evil.example')).toEqual({
      ok: true,
      search: '?filters=events,quality_stats&include_peer_events=true',
    });
    expect(rebuild('include_peer_events=false')).toEqual({ ok: true, search: '?include_peer_events=false' });
    expect(rebuild('')).toEqual({ ok: true, search: '' });
  });

  it('sends nothing for an empty filter list: every block, as when it is absent', () => {
    expect(rebuild('filters=')).toEqual({ ok: true, search: '' });
  });

  it('refuses bad values with the rule as the message', () => {
    const filtersRule =
      'filters is a comma list without spaces of device_info, ip_information, precall_network_information, events, quality_stats.';
    expect(rebuild('filters=device_info,secrets')).toEqual({ ok: false, code: 'invalid_filters', message: filtersRule });
    expect(rebuild('filters=device_info,%20events')).toEqual({ ok: false, code: 'invalid_filters', message: filtersRule });
    expect(rebuild('filters=events,')).toEqual({ ok: false, code: 'invalid_filters', message: filtersRule });
    expect(rebuild('filters=events&filters=device_info')).toEqual({
      ok: false,
      code: 'invalid_filters',
      message: 'Send filters once, as one comma list.',
    });
    for (const query of ['include_peer_events=yes', 'include_peer_events=', 'include_peer_events=true&include_peer_events=true']) {
      expect(rebuild(query), query).toEqual({
        ok: false,
        code: 'invalid_include_peer_events',
        message: 'include_peer_events is true or false.',
      });
    }
  });

  it('accepts what the page builds, unchanged', () => {
    const url = apiUrl(
      PEER_REPORT_ROUTE,
      { path: { account_id: ACCOUNT, app_id: APP, peer_id: PEER }, query: { filters: ['events', 'quality_stats'], include_peer_events: true } },
      'http://x.test',
    );
    expect(upstreamQuery(PEER_REPORT_ROUTE, url.searchParams)).toEqual({ ok: true, search: url.search });
  });
});

describe('value rules of the session routes', () => {
  const sessions = (query: string) => upstreamQuery(SESSIONS_ROUTE, new URLSearchParams(query));

  it('normalizes what it accepts', () => {
    expect(
      sessions(
        'start_time=2026-01-31T10:30:00%2B01:00&end_time=2026-01-31T09:45:10.5Z&page_no=007&per_page=100&status=LIVE' +
          '&sort_by=createdAt&sort_order=DESC&participants=false&associated_id=b2f0c8a4-3d1e-4f5a-9c7b-6e2d1a0f9c83' +
          '&search=standup%2Bdaily%26x%3D1&unknown=dropped',
      ),
    ).toEqual({
      ok: true,
      search:
        '?search=standup%2Bdaily%26x%3D1&associated_id=b2f0c8a4-3d1e-4f5a-9c7b-6e2d1a0f9c83&start_time=2026-01-31T09:30:00.000Z' +
        '&end_time=2026-01-31T09:45:10.500Z&status=LIVE&sort_by=createdAt&sort_order=DESC&page_no=7&per_page=100&participants=false',
    });
    expect(sessions('search=')).toEqual({ ok: true, search: '' });
    expect(sessions('start_time=2028-02-29T00:00:00Z')).toEqual({ ok: true, search: '?start_time=2028-02-29T00:00:00.000Z' });
  });

  it.each([
    ['status=live', 'invalid_status', 'status is one of LIVE, ENDED.'],
    ['sort_by=duration', 'invalid_sort_by', 'sort_by is one of minutesConsumed, createdAt.'],
    ['start_time=2026-01-31', 'invalid_start_time', 'start_time is an ISO 8601 time with a time zone, like 2026-01-31T09:30:00Z.'],
    ['start_time=2026-01-31T09:30:00', 'invalid_start_time', 'start_time is an ISO 8601 time with a time zone, like 2026-01-31T09:30:00Z.'],
    ['end_time=2026-02-30T09:30:00Z', 'invalid_end_time', 'end_time is an ISO 8601 time with a time zone, like 2026-01-31T09:30:00Z.'],
    ['start_time=2026-01-31T24:00:00Z', 'invalid_start_time', 'start_time is an ISO 8601 time with a time zone, like 2026-01-31T09:30:00Z.'],
    ['per_page=0', 'invalid_per_page', 'per_page is a whole number from 1 to 100.'],
    ['per_page=101', 'invalid_per_page', 'per_page is a whole number from 1 to 100.'],
    ['page_no=1.5', 'invalid_page_no', 'page_no is a whole number from 1 to 10000.'],
    ['page_no=1e3', 'invalid_page_no', 'page_no is a whole number from 1 to 10000.'],
    ['associated_id=not%20a%20meeting', 'invalid_associated_id', 'associated_id is a meeting ID: a UUID, or a room name of at most 64 letters, digits, - and _.'],
    [`associated_id=${'a'.repeat(65)}`, 'invalid_associated_id', 'associated_id is a meeting ID: a UUID, or a room name of at most 64 letters, digits, - and _.'],
    ['page_no=10001', 'invalid_page_no', 'page_no is a whole number from 1 to 10000.'],
    ['sort_order=desc', 'invalid_sort_order', 'sort_order is one of ASC, DESC.'],
    [`search=${'x'.repeat(201)}`, 'invalid_search', 'search is text of at most 200 characters.'],
    ['search=a%0Ab', 'invalid_search', 'search is text of at most 200 characters.'],
    ['participants=1', 'invalid_participants', 'participants is true or false.'],
    ['status=LIVE&status=ENDED', 'invalid_status', 'status is one of LIVE, ENDED.'],
  ])('refuses %s', (query, code, message) => {
    expect(sessions(query)).toEqual({ ok: false, code, message });
  });

  it('accepts 200 characters of text, counted as characters', () => {
    expect(sessions(`search=${'é'.repeat(200)}`)).toMatchObject({ ok: true });
  });

  it('checks a session route segment by its own rule', () => {
    const bad = segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/not-a-session/participants/${PEER}`);
    expect(checkPath(PARTICIPANT_ROUTE, bad)).toEqual({
      ok: false,
      code: 'invalid_session_id',
      message: 'Session ID is a UUID, like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e.',
    });
    const badPeer = segmentsOf(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants/${PEER}x`);
    expect(checkPath(PARTICIPANT_ROUTE, badPeer)).toEqual({
      ok: false,
      code: 'invalid_participant_id',
      message: 'Participant ID is a peer ID: a UUID, like 6513270e-269e-4d37-b2a7-4de452e6b438.',
    });
  });

  it('accepts an older meeting\'s room name as the meeting ID', () => {
    expect(sessions('associated_id=abcdef-ghijkl')).toEqual({ ok: true, search: '?associated_id=abcdef-ghijkl' });
    expect(meetingIdValue().format('abcdef-ghijkl')).toBe('abcdef-ghijkl');
  });

  it('passes on the participant list\'s own parameters only', () => {
    expect(
      upstreamQuery(
        PARTICIPANTS_ROUTE,
        new URLSearchParams('view=consolidated&per_page=100&page_no=3&sort_by=duration&sort_order=ASC&search=Mei%20Chen&status=LIVE&x=1'),
      ),
    ).toEqual({ ok: true, search: '?search=Mei%20Chen&sort_by=duration&sort_order=ASC&page_no=3&per_page=100&view=consolidated' });
    expect(upstreamQuery(PARTICIPANTS_ROUTE, new URLSearchParams('view=all'))).toEqual({
      ok: false,
      code: 'invalid_view',
      message: 'view is one of raw, consolidated.',
    });
    expect(upstreamQuery(PARTICIPANTS_ROUTE, new URLSearchParams('sort_by=createdAt'))).toEqual({
      ok: false,
      code: 'invalid_sort_by',
      message: 'sort_by is one of joinedAt, duration.',
    });
    expect(upstreamQuery(SESSION_ROUTE, new URLSearchParams('include_breakout_rooms=true&search=x'))).toEqual({
      ok: true,
      search: '?include_breakout_rooms=true',
    });
    expect(upstreamQuery(PARTICIPANT_ROUTE, new URLSearchParams('include_peer_events=true&filters=events'))).toEqual({
      ok: true,
      search: '?include_peer_events=true',
    });
  });

  it('has each value rule format what it parses back unchanged', () => {
    const when = new Date(Date.UTC(2026, 4, 4, 12, 0, 0, 250));
    expect(isoTimeValue().parse(isoTimeValue().format(when))).toEqual({ ok: true, wire: '2026-05-04T12:00:00.250Z' });
    expect(integerValue(1, 9).parse(integerValue(1, 9).format(9))).toEqual({ ok: true, wire: '9' });
    expect(enumListValue(['a', 'b']).format(['b', 'a'])).toBe('b,a');
    expect(textValue(10).format('a b&c')).toBe('a%20b%26c');
    expect(booleanValue().parse(booleanValue().format(false))).toEqual({ ok: true, wire: 'false' });
    expect(enumValue(['LIVE', 'ENDED']).parse(enumValue(['LIVE', 'ENDED']).format('ENDED'))).toEqual({ ok: true, wire: 'ENDED' });
  });
});
