import { describe, expect, it } from 'vitest';
import { parseIsoTime, sessionSearchInput, validateSessionRef, validateSessionSearch, type SessionSearchInput } from './session-search.ts';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';

const input: SessionSearchInput = { accountId: ACCOUNT, appId: APP, text: '', from: '', to: '', status: '', sort: '', page: '' };

describe('validateSessionSearch', () => {
  it('reads an empty search as every session, newest first, page 1', () => {
    expect(validateSessionSearch(input)).toEqual({
      ok: true,
      search: { accountId: ACCOUNT, appId: APP, text: '', from: null, to: null, status: null, sort: 'newest', page: 1 },
    });
  });

  it('reads times with a zone, the status, sort and page', () => {
    const result = validateSessionSearch({
      ...input,
      text: '  Quarterly review ',
      from: '2026-09-14T14:00:00+02:00',
      to: '2026-09-14T18:00:00Z',
      status: 'ended',
      sort: 'most-minutes',
      page: '4',
    });
    expect(result).toEqual({
      ok: true,
      search: {
        accountId: ACCOUNT,
        appId: APP,
        text: 'Quarterly review',
        from: Date.UTC(2026, 8, 14, 12, 0, 0),
        to: Date.UTC(2026, 8, 14, 18, 0, 0),
        status: 'ended',
        sort: 'most-minutes',
        page: 4,
      },
    });
  });

  it('names every field that is wrong, in words for the form', () => {
    expect(
      validateSessionSearch({
        accountId: '',
        appId: 'my.app',
        text: 'x'.repeat(201),
        from: '2026-09-14',
        to: 'tomorrow',
        status: 'LIVE',
        sort: 'longest',
        page: '0',
      }),
    ).toEqual({
      ok: false,
      errors: {
        accountId: 'Enter the Cloudflare account ID.',
        appId: 'App ID is a UUID (8-4-4-4-12 hex digits) or an identifier of at most 32 letters, digits, - or _.',
        text: 'Search at most 200 characters.',
        from: 'From is a date and time with a time zone, like 2026-09-14T13:00:00Z.',
        to: 'To is a date and time with a time zone, like 2026-09-14T18:00:00Z.',
        status: 'Status is live or ended.',
        sort: 'Sort is one of newest, oldest, most-minutes.',
        page: 'Page is a whole number from 1 to 10000.',
      },
    });
  });

  it('refuses a range that ends before it starts, and control characters in the text', () => {
    expect(validateSessionSearch({ ...input, from: '2026-09-14T18:00:00Z', to: '2026-09-14T12:00:00Z' })).toEqual({
      ok: false,
      errors: { to: 'To is before From: pick a later end.' },
    });
    expect(validateSessionSearch({ ...input, text: 'a\tb' })).toEqual({
      ok: false,
      errors: { text: 'Search text cannot hold line breaks or control characters.' },
    });
  });

  it('gives back the input it was read from', () => {
    const result = validateSessionSearch({ ...input, text: 'standup', from: '2026-09-14T12:00:00.000Z', status: 'live', sort: 'oldest', page: '2' });
    if (!result.ok) throw new Error('expected a valid search');
    expect(sessionSearchInput(result.search)).toEqual({
      accountId: ACCOUNT,
      appId: APP,
      text: 'standup',
      from: '2026-09-14T12:00:00.000Z',
      to: '',
      status: 'live',
      sort: 'oldest',
      page: '2',
    });
  });
});

describe('parseIsoTime', () => {
  it('reads what the proxy accepts, and nothing else', () => {
    expect(parseIsoTime('2026-09-14T12:00:00Z')).toBe(Date.UTC(2026, 8, 14, 12));
    expect(parseIsoTime('2026-09-14T12:00')).toBeNull();
    expect(parseIsoTime('2026-02-30T12:00:00Z')).toBeNull();
  });
});

describe('validateSessionRef', () => {
  it('takes a session UUID in any case, and says what is wrong otherwise', () => {
    expect(validateSessionRef({ accountId: ACCOUNT, appId: APP, sessionId: SESSION.toUpperCase() })).toEqual({
      ok: true,
      session: { accountId: ACCOUNT, appId: APP, sessionId: SESSION },
    });
    expect(validateSessionRef({ accountId: ACCOUNT, appId: APP, sessionId: 'quarterly' })).toEqual({
      ok: false,
      errors: { sessionId: 'Session ID is a UUID, like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e.' },
    });
  });
});
