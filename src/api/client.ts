import { clipLine } from '../lib/format.ts';
import { ApiError, parseRetryAfter, type ApiErrorKind, type ApiErrorSource, rayIdOf } from './api-error.ts';
import type { Lookup } from '../lib/lookup.ts';
import {
  apiUrl,
  CONFIG_ROUTE,
  MAX_PER_PAGE,
  PARTICIPANT_ROUTE,
  PARTICIPANTS_ROUTE,
  SESSION_ROUTE,
  SESSIONS_ROUTE,
  SOURCE_HEADER,
  type QueryValues,
} from '../lib/api-routes.ts';
import type { SessionRef, SessionSearch, SessionSort } from '../lib/session-search.ts';
import { isRecord } from '../lib/json-value.ts';
import { JsonStreamReader, type ArrayListener } from '../lib/json-stream.ts';
import { peerReportUrl } from './peer-report-url.ts';
import {
  appConfigSchema,
  envelopeSchema,
  pagingSchema,
  participantSchema,
  peerReportDataSchema,
  rowListSchema,
  sessionSchema,
  type AppConfig,
  type Envelope,
  type PeerReportData,
  type SessionInfo,
  type SessionParticipant,
} from './schemas.ts';

const REQUEST_TIMEOUT_MS = 30_000;

export interface FetchedPeerReport<Early extends ArrayListener | null = null> {
  /** The envelope's `data`, validated as peer-report-like, otherwise untouched. */
  data: PeerReportData;
  /** The listener this request's body was read with (what it gathered while the body downloaded). */
  early: Early;
  /** The body exactly as received, kept outside the JS heap for download. */
  body: Blob;
  /** The body's size in bytes. */
  bytes: number;
  receivedAt: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  origin?: string;
}

export interface PeerReportRequestOptions<Early extends ArrayListener | null> extends RequestOptions {
  /**
   * Hears of the body's long arrays while it downloads (see JsonStreamReader), for work that
   * can start before the last byte. One per request; handed back with the result.
   */
  early: Early;
}

export async function fetchPeerReport<Early extends ArrayListener | null = null>(
  lookup: Lookup,
  options: PeerReportRequestOptions<Early>,
): Promise<FetchedPeerReport<Early>> {
  const url = peerReportUrl(lookup, options.origin);
  const arrays = options.early ?? undefined;
  const { response, text, parsed, body } = await getText(url, options, { keepBody: true, parseWhileReading: true, arrays });
  const source = sourceOf(response);
  if (!response.ok) throw errorFromStatus(response, await text(), source);
  const parseStarted = performance.now();
  // A body the streaming reader rejected is parsed again whole, so its error reads as it always has.
  const envelope = parsed ? checkEnvelope(parsed.value, response.status, source) : parseEnvelope(await text(), response.status, source);
  if (envelope.success === false) throw unsuccessful(envelope, response.status, source);
  const checked = peerReportDataSchema.safeParse(envelope.data);
  if (!checked.success || !isRecord(envelope.data)) {
    throw new ApiError({
      kind: 'not-a-report',
      status: response.status,
      source,
      message: 'The answer is JSON, but not a peer report: it has no participant.',
    });
  }
  // Read by `npm run bench` (scripts/bench.mjs), with `peerscope:read-body`.
  performance.measure('peerscope:parse-body', { start: parseStarted });
  const kept = body ?? new Blob([await text()], { type: 'application/json' });
  return { data: envelope.data, early: options.early, body: kept, bytes: kept.size, receivedAt: Date.now() };
}

export async function fetchAppConfig(options: RequestOptions = {}): Promise<AppConfig> {
  const url = apiUrl(CONFIG_ROUTE, {}, options.origin ?? window.location.origin);
  const { response, text } = await getText(url, options);
  const source = sourceOf(response);
  if (!response.ok) throw errorFromStatus(response, await text(), source);
  let json: unknown;
  try {
    json = JSON.parse(await text());
  } catch (cause) {
    throw new ApiError({ kind: 'malformed-body', status: response.status, source, cause, message: 'The Peerscope server sent a configuration that is not JSON.' });
  }
  const parsed = appConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ kind: 'malformed-body', status: response.status, source, message: 'The Peerscope server sent a configuration it should not have.' });
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------
// Finding a call: the sessions list, one session, its participants, one participant.

/** Sessions per page of results. */
export const SESSIONS_PER_PAGE = 25;
/** Participants per request when listing a whole session: the most the route passes on. */
export const PARTICIPANTS_PER_PAGE = MAX_PER_PAGE;

export interface SessionsPage {
  sessions: SessionInfo[];
  /** Entries of the list that were not sessions (no ID): left out, and counted. */
  unreadable: number;
  /** Every session matching the search, when the API says; null when it does not. */
  total: number | null;
}

export interface ParticipantsPage {
  participants: SessionParticipant[];
  unreadable: number;
  /** Entries the API sent, readable or not: fewer than asked for means the last page. */
  received: number;
}

const SORTS: Record<SessionSort, Pick<QueryValues<typeof SESSIONS_ROUTE>, 'sort_by' | 'sort_order'>> = {
  newest: { sort_by: 'createdAt', sort_order: 'DESC' },
  oldest: { sort_by: 'createdAt', sort_order: 'ASC' },
  'most-minutes': { sort_by: 'minutesConsumed', sort_order: 'DESC' },
};

export function sessionsUrl(search: SessionSearch, origin: string = window.location.origin): URL {
  return apiUrl(
    SESSIONS_ROUTE,
    {
      path: { account_id: search.accountId, app_id: search.appId },
      query: {
        search: search.text === '' ? undefined : search.text,
        start_time: search.from === null ? undefined : new Date(search.from),
        end_time: search.to === null ? undefined : new Date(search.to),
        status: search.status === null ? undefined : search.status === 'live' ? 'LIVE' : 'ENDED',
        ...SORTS[search.sort],
        page_no: search.page,
        per_page: SESSIONS_PER_PAGE,
      },
    },
    origin,
  );
}

export async function fetchSessions(search: SessionSearch, options: RequestOptions = {}): Promise<SessionsPage> {
  const { data, envelope } = await fetchEnvelope(sessionsUrl(search, options.origin), options, 'a list of sessions');
  const list = rowListSchema.safeParse(isRecord(data.value) ? data.value.sessions : undefined);
  if (!list.success) throw data.notA('it has no data.sessions list');
  const { rows, unreadable } = readRows(list.data, sessionSchema);
  const paging = pagingSchema.safeParse(envelope.paging);
  const total = paging.success ? (paging.data.total_count ?? null) : null;
  return { sessions: rows, unreadable, total };
}

function sessionPath(session: SessionRef) {
  return { account_id: session.accountId, app_id: session.appId, session_id: session.sessionId };
}

export async function fetchSession(session: SessionRef, options: RequestOptions = {}): Promise<SessionInfo> {
  const url = apiUrl(SESSION_ROUTE, { path: sessionPath(session) }, options.origin ?? window.location.origin);
  const { data } = await fetchEnvelope(url, options, 'a session');
  const parsed = sessionSchema.safeParse(data.value);
  if (!parsed.success) throw data.notA('it has no session ID');
  return parsed.data;
}

export interface ParticipantsPageRequest {
  /** 1-based. */
  pageNo: number;
  perPage: number;
}

export async function fetchSessionParticipants(
  session: SessionRef,
  page: ParticipantsPageRequest,
  options: RequestOptions = {},
): Promise<ParticipantsPage> {
  const url = apiUrl(
    PARTICIPANTS_ROUTE,
    {
      path: sessionPath(session),
      // Oldest join first: an order that new joins only add to, so the pages do not shift under a live session.
      query: { sort_by: 'joinedAt', sort_order: 'ASC', page_no: page.pageNo, per_page: page.perPage },
    },
    options.origin ?? window.location.origin,
  );
  const { data } = await fetchEnvelope(url, options, 'a list of participants');
  const list = rowListSchema.safeParse(isRecord(data.value) ? data.value.participants : undefined);
  if (!list.success) throw data.notA('it has no data.participants list');
  const { rows, unreadable } = readRows(list.data, participantSchema);
  return { participants: rows, unreadable, received: list.data.length };
}

export async function fetchSessionParticipant(session: SessionRef, peerId: string, options: RequestOptions = {}): Promise<SessionParticipant> {
  const url = apiUrl(
    PARTICIPANT_ROUTE,
    { path: { ...sessionPath(session), participant_id: peerId } },
    options.origin ?? window.location.origin,
  );
  const { data } = await fetchEnvelope(url, options, 'a participant');
  const parsed = participantSchema.safeParse(isRecord(data.value) ? data.value.participant : undefined);
  if (!parsed.success) throw data.notA('it has no data.participant with an ID');
  return parsed.data;
}

/** Each row read on its own: the ones that read are kept, the others counted. */
function readRows<T>(rows: readonly unknown[], schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } }) {
  const read: T[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) read.push(parsed.data);
    else unreadable += 1;
  }
  return { rows: read, unreadable };
}

interface EnvelopeData {
  value: unknown;
  /** The error for an answer that is JSON in an envelope, but not `what` was asked for. */
  notA: (why: string) => ApiError;
}

/** A successful envelope's `data`, or the typed error for whatever else came. */
async function fetchEnvelope(url: URL, options: RequestOptions, what: string): Promise<{ data: EnvelopeData; envelope: Envelope }> {
  const { response, text } = await getText(url, options);
  const source = sourceOf(response);
  if (!response.ok) throw errorFromStatus(response, await text(), source);
  const envelope = parseEnvelope(await text(), response.status, source);
  if (envelope.success === false) throw unsuccessful(envelope, response.status, source);
  const notA = (why: string) =>
    new ApiError({ kind: 'not-a-report', status: response.status, source, message: `The answer is JSON, but not ${what}: ${why}.` });
  return { data: { value: envelope.data, notA }, envelope };
}

interface ReadOptions {
  /** Also keep the body as a Blob (for download), copied while it arrives rather than from the string afterwards. */
  keepBody?: boolean;
  /** Build the JSON value of a successful answer while it arrives (see JsonStreamReader). */
  parseWhileReading?: boolean;
  /** Told of the long arrays the JSON reader enters. */
  arrays?: ArrayListener;
}

interface ReadBody {
  response: Response;
  /** The body as text, made only when asked for. */
  text: () => Promise<string>;
  /** The value read while the body arrived; null when not asked for or not valid JSON. */
  parsed: { value: unknown } | null;
  body: Blob | null;
}

async function getText(url: URL, options: RequestOptions, read: ReadOptions = {}): Promise<ReadBody> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  // A timer of our own (not AbortSignal.timeout) so fake clocks in tests can drive it.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let answered: Response | null = null;
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal });
    answered = response;
    const readStarted = performance.now();
    const { text, parsed, body } = await readBody(response, {
      keepBody: read.keepBody === true && response.ok,
      parseWhileReading: read.parseWhileReading === true && response.ok,
      arrays: read.arrays,
    });
    performance.measure('peerscope:read-body', { start: readStarted });
    return { response, text, parsed, body };
  } catch (cause) {
    if (timedOut) {
      throw new ApiError({
        kind: 'timeout',
        source: 'browser',
        cause,
        message: `No answer within ${Math.round(timeoutMs / 1000)} s.`,
      });
    }
    if (options.signal?.aborted) throw cause;
    if (answered) {
      // The server answered, then the body broke off (the proxy's deadline for a slow upstream body, a dropped connection).
      throw new ApiError({
        kind: 'malformed-body',
        status: answered.status,
        source: sourceOf(answered),
        cause,
        message: `The answer was cut off before its end: the connection broke after the status (${answered.status}) had arrived.`,
      });
    }
    throw new ApiError({ kind: 'network', source: 'browser', cause, message: 'The request did not reach the Peerscope server.' });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The body as text, and as a Blob and a parsed value when asked, all built while the body
 * arrives: each chunk of bytes is kept for the Blob, decoded, and fed to the JSON reader.
 * After the last byte, copying a 50 MB string into a Blob took ~300 ms of main thread, a
 * Blob from a clone of the response ~140 ms, and JSON.parse ~100 ms. With a Blob, the text
 * is not kept as well: it is read back from the Blob in the rare case that it is needed.
 */
async function readBody(response: Response, read: ReadOptions): Promise<Omit<ReadBody, 'response'>> {
  if (!response.body) {
    const whole = await response.text();
    return { text: async () => whole, parsed: null, body: read.keepBody ? new Blob([whole], { type: 'application/json' }) : null };
  }
  const bytes = response.body.getReader();
  const decoder = new TextDecoder();
  const kept = new BlobBuilder();
  // The text is kept only when there is no Blob to read it from again (error bodies, small).
  const parts: string[] | null = read.keepBody ? null : [];
  let json: JsonStreamReader | null = read.parseWhileReading ? new JsonStreamReader({ listener: read.arrays }) : null;
  const take = (part: string) => {
    parts?.push(part);
    try {
      json?.push(part);
    } catch {
      // Not JSON after all: the caller parses the whole text again to say why.
      json = null;
    }
  };
  for (;;) {
    const { done, value } = await bytes.read();
    if (done) break;
    if (read.keepBody) kept.add(value);
    take(decoder.decode(value, { stream: true }));
  }
  take(decoder.decode());
  let parsed: { value: unknown } | null = null;
  try {
    if (json) parsed = { value: json.finish() };
  } catch {
    parsed = null;
  }
  const body = read.keepBody ? kept.finish('application/json') : null;
  return {
    text: async () => (parts ? parts.join('') : ((await body?.text()) ?? '')),
    parsed,
    body,
  };
}

/**
 * Collects a body into a Blob while it arrives: every few megabytes the chunks so far become
 * a Blob of their own, and the last step only joins Blobs, which copies nothing. One Blob of
 * a 50 MB report's ~800 chunks after its last byte took ~35 ms.
 */
class BlobBuilder {
  private static readonly BATCH_BYTES = 4 * 1024 * 1024;
  private readonly blobs: Blob[] = [];
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  private bytes = 0;

  add(chunk: Uint8Array<ArrayBuffer>): void {
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
    if (this.bytes >= BlobBuilder.BATCH_BYTES) {
      this.blobs.push(new Blob(this.chunks));
      this.chunks = [];
      this.bytes = 0;
    }
  }

  finish(type: string): Blob {
    return new Blob([...this.blobs, ...this.chunks], { type });
  }
}

function sourceOf(response: Response): ApiErrorSource {
  return response.headers.get(SOURCE_HEADER) === 'proxy' ? 'proxy' : 'upstream';
}

function parseEnvelope(text: string, status: number, source: ApiErrorSource): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ApiError({
      kind: 'malformed-body',
      status,
      source,
      cause,
      html: looksLikeHtml(text),
      empty: text.trim() === '',
      message: text.trim() === '' ? 'The answer was empty.' : 'The answer is not valid JSON.',
    });
  }
  return checkEnvelope(json, status, source);
}

function checkEnvelope(json: unknown, status: number, source: ApiErrorSource): Envelope {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ kind: 'not-a-report', status, source, message: 'The answer is JSON, but not an API envelope.' });
  }
  return parsed.data;
}

function unsuccessful(envelope: Envelope, status: number, source: ApiErrorSource): ApiError {
  const { code, message } = firstError(envelope);
  return new ApiError({
    kind: 'unsuccessful',
    status,
    code,
    upstreamMessage: message,
    source,
    message: `The API answered ${status} but said success: false${message ? `: ${message}` : ''}.`,
  });
}

function errorFromStatus(response: Response, text: string, source: ApiErrorSource): ApiError {
  const status = response.status;
  const html = looksLikeHtml(text);
  let code: string | number | null = null;
  let upstreamMessage: string | null = null;
  if (!html) {
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success) ({ code, message: upstreamMessage } = firstError(parsed.data));
    } catch {
      // A non-JSON error body: the status alone says enough.
    }
  }
  return new ApiError({
    kind: kindOfStatus(status),
    status,
    code,
    upstreamMessage,
    source,
    html,
    retryAfterSeconds: status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null,
    rayId: rayIdOf(response.headers.get('cf-ray'), text),
    message: `${status}${upstreamMessage ? `: ${upstreamMessage}` : html ? ': an HTML error page' : ''}`,
  });
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'invalid-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status === 502 || status === 503 || status === 504) return 'bad-gateway';
  if (status >= 500) return 'server';
  return 'unexpected-status';
}

function firstError(envelope: Envelope): { code: string | number | null; message: string | null } {
  if (typeof envelope.error === 'string') return { code: null, message: clip(envelope.error) };
  if (envelope.error) return { code: envelope.error.code ?? null, message: clip(envelope.error.message) };
  const first = envelope.errors?.[0];
  if (first) return { code: first.code ?? null, message: clip(first.message) };
  return { code: null, message: clip(envelope.message) };
}

function clip(message: string | undefined): string | null {
  if (message === undefined || message.trim() === '') return null;
  return clipLine(message, 300);
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml|<)/i.test(text);
}
