// Finding a call: a search of an app's sessions (by meeting title or ID, session ID, time,
// live or ended) and the reference to one session. Validated here with the same rules the
// proxy applies (the route table's), so bad input is told where it was typed and sends nothing.

import { isoTimeValue, MAX_PAGE_NO, MAX_SEARCH_LENGTH } from './api-routes.ts';
import { accountIdProblem, appIdProblem, sessionIdProblem } from './ids.ts';

export const SESSION_STATUS_FILTERS = ['live', 'ended'] as const;
export type SessionStatusFilter = (typeof SESSION_STATUS_FILTERS)[number];

/** The orders a list of sessions can come in, as the API can sort them. */
export const SESSION_SORTS = ['newest', 'oldest', 'most-minutes'] as const;
export type SessionSort = (typeof SESSION_SORTS)[number];
export const DEFAULT_SESSION_SORT: SessionSort = 'newest';

/** One search of an app's sessions: everything the request depends on. */
export interface SessionSearch {
  accountId: string;
  appId: string;
  /** Meeting title, meeting ID or session ID; '' for every session. */
  text: string;
  /** Epoch milliseconds; null: no bound. */
  from: number | null;
  to: number | null;
  status: SessionStatusFilter | null;
  sort: SessionSort;
  /** 1-based. */
  page: number;
}

/** A search as typed or as a link holds it: text, possibly invalid. */
export interface SessionSearchInput {
  accountId: string;
  appId: string;
  text: string;
  /** ISO 8601 with a zone, or ''. */
  from: string;
  to: string;
  status: string;
  sort: string;
  page: string;
}

export type SessionSearchField = keyof SessionSearchInput;

export type SessionSearchValidation =
  | { ok: true; search: SessionSearch }
  | { ok: false; errors: Partial<Record<SessionSearchField, string>> };

const ISO_TIME = isoTimeValue();

/** Epoch ms of an ISO 8601 time with a zone, as the proxy accepts it; null otherwise. */
export function parseIsoTime(value: string): number | null {
  const parsed = ISO_TIME.parse(value);
  return parsed.ok && parsed.wire !== null ? Date.parse(parsed.wire) : null;
}

export function searchTextProblem(text: string): string | null {
  if ([...text].length > MAX_SEARCH_LENGTH) return `Search at most ${MAX_SEARCH_LENGTH} characters.`;
  // eslint-disable-next-line no-control-regex -- the proxy refuses control characters
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'Search text cannot hold line breaks or control characters.';
  return null;
}

export function validateSessionSearch(input: SessionSearchInput): SessionSearchValidation {
  const errors: Partial<Record<SessionSearchField, string>> = {};
  const accountId = input.accountId.trim();
  const appId = input.appId.trim();
  const text = input.text.trim();
  const account = accountIdProblem(accountId);
  if (account) errors.accountId = account;
  const app = appIdProblem(appId);
  if (app) errors.appId = app;
  const textProblem = searchTextProblem(text);
  if (textProblem) errors.text = textProblem;
  const from = input.from === '' ? null : parseIsoTime(input.from);
  if (input.from !== '' && from === null) errors.from = 'From is a date and time with a time zone, like 2026-09-14T13:00:00Z.';
  const to = input.to === '' ? null : parseIsoTime(input.to);
  if (input.to !== '' && to === null) errors.to = 'To is a date and time with a time zone, like 2026-09-14T18:00:00Z.';
  if (from !== null && to !== null && from > to) errors.to = 'To is before From: pick a later end.';
  const status = input.status === '' ? null : (SESSION_STATUS_FILTERS as readonly string[]).includes(input.status) ? (input.status as SessionStatusFilter) : undefined;
  if (status === undefined) errors.status = 'Status is live or ended.';
  const sort = input.sort === '' ? DEFAULT_SESSION_SORT : (SESSION_SORTS as readonly string[]).includes(input.sort) ? (input.sort as SessionSort) : undefined;
  if (sort === undefined) errors.sort = `Sort is one of ${SESSION_SORTS.join(', ')}.`;
  const page = input.page === '' ? 1 : /^\d{1,5}$/.test(input.page) ? Number(input.page) : Number.NaN;
  if (!(page >= 1 && page <= MAX_PAGE_NO)) errors.page = `Page is a whole number from 1 to ${MAX_PAGE_NO}.`;
  if (Object.keys(errors).length > 0 || status === undefined || sort === undefined) return { ok: false, errors };
  return { ok: true, search: { accountId, appId, text, from, to, status, sort, page } };
}

/** The search as its fields hold it, for a form to show again. */
export function sessionSearchInput(search: SessionSearch): SessionSearchInput {
  return {
    accountId: search.accountId,
    appId: search.appId,
    text: search.text,
    from: search.from === null ? '' : new Date(search.from).toISOString(),
    to: search.to === null ? '' : new Date(search.to).toISOString(),
    status: search.status ?? '',
    sort: search.sort,
    page: String(search.page),
  };
}

/** The same search on another page of results. */
export function onPage(search: SessionSearch, page: number): SessionSearch {
  return { ...search, page };
}

/** One session of one app. */
export interface SessionRef {
  accountId: string;
  appId: string;
  sessionId: string;
}

export interface SessionRefInput {
  accountId: string;
  appId: string;
  sessionId: string;
}

export type SessionRefValidation =
  | { ok: true; session: SessionRef }
  | { ok: false; errors: Partial<Record<keyof SessionRefInput, string>> };

export function validateSessionRef(input: SessionRefInput): SessionRefValidation {
  const errors: Partial<Record<keyof SessionRefInput, string>> = {};
  const accountId = input.accountId.trim();
  const appId = input.appId.trim();
  const sessionId = input.sessionId.trim().toLowerCase();
  const account = accountIdProblem(accountId);
  if (account) errors.accountId = account;
  const app = appIdProblem(appId);
  if (app) errors.appId = app;
  const session = sessionIdProblem(sessionId);
  if (session) errors.sessionId = session;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, session: { accountId, appId, sessionId } };
}

export function sameSessionRef(a: SessionRef | null, b: SessionRef | null): boolean {
  if (a === null || b === null) return a === b;
  return a.accountId === b.accountId && a.appId === b.appId && a.sessionId === b.sessionId;
}
