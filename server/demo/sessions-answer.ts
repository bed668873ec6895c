// How the demo upstream answers RealtimeKit's four session routes: the app's sessions, one
// session, its participants and one participant. Searches, time ranges, status, sorts and
// pages are honoured the way the API documents them. Every answer is built as the
// `cloudflare` SDK's object literals, so the type checker refuses a field the published
// schema does not have. Pure: demo-answer.ts adds the token check, the envelope's status
// and the rate limit.

import type {
  SessionGetSessionDetailsResponse,
  SessionGetSessionParticipantDetailsResponse,
  SessionGetSessionParticipantsResponse,
  SessionGetSessionsResponse,
} from 'cloudflare/resources/realtime-kit/sessions';
import { hashSeed, createRng } from './random.ts';
import { DEMO_ORGANIZATION_ID, demoSessions, joinMinutes, sessionFigures, type DemoJoin, type DemoSession, type SessionCatalogOptions } from './sessions.ts';

type WireSession = SessionGetSessionsResponse.Data.Session;
type WireParticipant = SessionGetSessionParticipantsResponse.Data.Participant;
type WirePeerEvent = SessionGetSessionParticipantsResponse.Data.Participant.PeerEvent;

/** A request the API would refuse: a 400 with this message. */
export interface BadRequest {
  badRequest: string;
}

export function isBadRequest(value: unknown): value is BadRequest {
  return typeof value === 'object' && value !== null && 'badRequest' in value;
}

/** Rows per page when the request does not say. */
const DEFAULT_PER_PAGE = 20;
const MAX_PER_PAGE = 100;

const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------------------------------
// Reading the query as the API would: each parameter once, a value it documents, or a 400.

class Refused extends Error {}

function one(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new Refused(`${name} is given more than once`);
  return values[0] ?? null;
}

function enumParam<const V extends string>(query: URLSearchParams, name: string, values: readonly V[]): V | null {
  const raw = one(query, name);
  if (raw === null) return null;
  if (!(values as readonly string[]).includes(raw)) throw new Refused(`${name} must be one of ${values.join(', ')}`);
  return raw as V;
}

function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | null {
  const raw = one(query, name);
  if (raw === null) return null;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) throw new Refused(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

function timeParam(query: URLSearchParams, name: string): number | null {
  const raw = one(query, name);
  if (raw === null) return null;
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new Refused(`${name} must be an ISO 8601 date and time`);
  return ms;
}

function booleanParam(query: URLSearchParams, name: string): boolean | null {
  const raw = one(query, name);
  if (raw === null) return null;
  if (raw !== 'true' && raw !== 'false') throw new Refused(`${name} must be true or false`);
  return raw === 'true';
}

function textParam(query: URLSearchParams, name: string): string | null {
  const raw = one(query, name)?.trim().toLowerCase() ?? '';
  return raw === '' ? null : raw;
}

function reading<T>(read: () => T): T | BadRequest {
  try {
    return read();
  } catch (error) {
    if (error instanceof Refused) return { badRequest: `BAD_REQUEST: ${error.message}` };
    throw error;
  }
}

interface Page {
  pageNo: number;
  perPage: number;
}

function pageParams(query: URLSearchParams): Page {
  return { pageNo: integerParam(query, 'page_no', 1, 1_000_000) ?? 1, perPage: integerParam(query, 'per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE };
}

function pageOf<T>(rows: readonly T[], page: Page): { rows: T[]; startOffset: number } {
  const startOffset = (page.pageNo - 1) * page.perPage;
  return { rows: rows.slice(startOffset, startOffset + page.perPage), startOffset };
}

const ascending = <T>(order: 'ASC' | 'DESC' | null, fallback: 'ASC' | 'DESC', compare: (a: T, b: T) => number) =>
  (order ?? fallback) === 'ASC' ? compare : (a: T, b: T) => compare(b, a);

// ---------------------------------------------------------------------------------------
// Sessions

function wireSession(session: DemoSession, includeBreakoutRooms: boolean): WireSession {
  const figures = sessionFigures(session);
  return {
    id: session.id,
    associated_id: session.meetingId,
    meeting_display_name: session.title,
    type: session.type,
    status: session.live ? 'LIVE' : 'ENDED',
    created_at: iso(figures.startedAt),
    started_at: iso(figures.startedAt),
    ...(figures.endedAt === null ? {} : { ended_at: iso(figures.endedAt) }),
    updated_at: iso(session.asOf),
    live_participants: figures.liveParticipants,
    max_concurrent_participants: figures.maxConcurrentParticipants,
    minutes_consumed: figures.minutesConsumed,
    organization_id: DEMO_ORGANIZATION_ID,
    ...(includeBreakoutRooms ? { breakout_rooms: [] } : {}),
  };
}

/**
 * GET .../sessions: `search` matches the meeting title (any part, any case), the meeting ID or
 * the session ID; `start_time` / `end_time` bound when the session started; newest first unless
 * `sort_by` / `sort_order` say otherwise. `paging` sits beside `data`, as the SDK types it.
 */
export function sessionsListAnswer(query: URLSearchParams, options: SessionCatalogOptions = {}): SessionGetSessionsResponse | BadRequest {
  return reading(() => {
    const search = textParam(query, 'search');
    const meetingId = one(query, 'associated_id');
    const from = timeParam(query, 'start_time');
    const to = timeParam(query, 'end_time');
    const status = enumParam(query, 'status', ['LIVE', 'ENDED'] as const);
    const sortBy = enumParam(query, 'sort_by', ['minutesConsumed', 'createdAt'] as const) ?? 'createdAt';
    const order = enumParam(query, 'sort_order', ['ASC', 'DESC'] as const);
    const page = pageParams(query);
    booleanParam(query, 'participants');

    const matching = demoSessions(options).filter((session) => {
      const figures = sessionFigures(session);
      if (search !== null && !session.title.toLowerCase().includes(search) && session.meetingId !== search && session.id !== search) return false;
      if (meetingId !== null && session.meetingId !== meetingId.toLowerCase()) return false;
      if (from !== null && figures.startedAt < from) return false;
      if (to !== null && figures.startedAt > to) return false;
      if (status !== null && (status === 'LIVE') !== session.live) return false;
      return true;
    });
    const key = (session: DemoSession) => (sortBy === 'minutesConsumed' ? sessionFigures(session).minutesConsumed : sessionFigures(session).startedAt);
    matching.sort(ascending<DemoSession>(order, 'DESC', (a, b) => key(a) - key(b) || a.id.localeCompare(b.id)));
    const { rows, startOffset } = pageOf(matching, page);
    return {
      success: true,
      data: { sessions: rows.map((session) => wireSession(session, false)) },
      paging: { total_count: matching.length, start_offset: startOffset, end_offset: startOffset + Math.max(0, rows.length - 1) },
    };
  });
}

/** GET .../sessions/{session_id}: the session itself in `data`. */
export function sessionDetailsAnswer(session: DemoSession, query: URLSearchParams): SessionGetSessionDetailsResponse | BadRequest {
  return reading(() => {
    const includeBreakoutRooms = booleanParam(query, 'include_breakout_rooms') ?? false;
    return { success: true, data: wireSession(session, includeBreakoutRooms) };
  });
}

// ---------------------------------------------------------------------------------------
// Participants

function peerEvents(session: DemoSession, j: DemoJoin): WirePeerEvent[] {
  const event = (ms: number, name: NonNullable<WirePeerEvent['event_name']>, minutes: number): WirePeerEvent => ({
    id: createRng(hashSeed('peer-event', j.peerId, name)).uuid(),
    created_at: iso(ms),
    updated_at: iso(ms),
    event_name: name,
    minutes_consumed: minutes,
    peer_id: j.peerId,
    participant_id: j.peerId,
    session_id: session.id,
    socket_session_id: createRng(hashSeed('socket-session', j.peerId)).uuid(),
    preset_view_type: j.presetViewType,
  });
  const events = [event(j.createdAt, 'PEER_CREATED', 0), event(j.joinedAt, 'PEER_JOINING', 0)];
  if (j.leftAt !== null) events.push(event(j.leftAt, 'PEER_LEAVING', joinMinutes(session, j)));
  return events;
}

function wireParticipant(session: DemoSession, j: DemoJoin, includePeerEvents: boolean): WireParticipant {
  return {
    id: j.peerId,
    user_id: j.userId,
    custom_participant_id: j.customParticipantId,
    display_name: j.displayName,
    preset_name: j.presetName,
    created_at: iso(j.createdAt),
    // A record is last touched when the participant leaves, or by the latest stats upload.
    updated_at: iso(j.leftAt ?? session.asOf),
    joined_at: iso(j.joinedAt),
    // Still in the call: no left_at at all.
    ...(j.leftAt === null ? {} : { left_at: iso(j.leftAt) }),
    duration: joinMinutes(session, j),
    ...(includePeerEvents ? { peer_events: peerEvents(session, j) } : {}),
  };
}

/** The consolidated view: one row per user, from their first join to their last leave. */
function consolidated(session: DemoSession, joins: readonly DemoJoin[]): { row: DemoJoin; minutes: number }[] {
  const byUser = new Map<string, DemoJoin[]>();
  for (const j of joins) byUser.set(j.userId, [...(byUser.get(j.userId) ?? []), j]);
  return [...byUser.values()].map((userJoins) => {
    const first = userJoins[0] as DemoJoin;
    const last = userJoins[userJoins.length - 1] as DemoJoin;
    const open = userJoins.some((j) => j.leftAt === null);
    return {
      row: { ...last, createdAt: first.createdAt, joinedAt: first.joinedAt, leftAt: open ? null : Math.max(...userJoins.map((j) => j.leftAt ?? 0)) },
      minutes: Math.round(userJoins.reduce((sum, j) => sum + joinMinutes(session, j), 0) * 1000) / 1000,
    };
  });
}

/**
 * GET .../sessions/{session_id}/participants: one row per join (the `raw` view). `search` matches
 * the display name (any part, any case), the custom participant ID or the peer ID; joinedAt
 * ascending unless `sort_by` / `sort_order` say otherwise.
 */
export function participantsAnswer(session: DemoSession, query: URLSearchParams): SessionGetSessionParticipantsResponse | BadRequest {
  return reading(() => {
    const search = textParam(query, 'search');
    const sortBy = enumParam(query, 'sort_by', ['joinedAt', 'duration'] as const) ?? 'joinedAt';
    const order = enumParam(query, 'sort_order', ['ASC', 'DESC'] as const);
    const page = pageParams(query);
    const includePeerEvents = booleanParam(query, 'include_peer_events') ?? false;
    const view = enumParam(query, 'view', ['raw', 'consolidated'] as const) ?? 'raw';

    const rows =
      view === 'raw'
        ? session.joins().map((j) => ({ row: j, minutes: joinMinutes(session, j) }))
        : consolidated(session, session.joins());
    const matching = rows.filter(
      ({ row }) =>
        search === null ||
        row.displayName.toLowerCase().includes(search) ||
        row.customParticipantId.toLowerCase().includes(search) ||
        row.peerId === search,
    );
    const key = (entry: { row: DemoJoin; minutes: number }) => (sortBy === 'duration' ? entry.minutes : entry.row.joinedAt);
    matching.sort(ascending(order, 'ASC', (a, b) => key(a) - key(b) || a.row.peerId.localeCompare(b.row.peerId)));
    const { rows: shown } = pageOf(matching, page);
    return {
      success: true,
      data: {
        participants: shown.map(({ row, minutes }) => ({ ...wireParticipant(session, row, includePeerEvents && view === 'raw'), duration: minutes })),
      },
    };
  });
}

/** GET .../sessions/{session_id}/participants/{participant_id}: one join, by its peer ID; null when not in the session. */
export function participantDetailsAnswer(
  session: DemoSession,
  participantId: string,
  query: URLSearchParams,
): SessionGetSessionParticipantDetailsResponse | BadRequest | null {
  return reading(() => {
    const includePeerEvents = booleanParam(query, 'include_peer_events') ?? false;
    const wanted = participantId.toLowerCase();
    const found = session.joins().find((j) => j.peerId === wanted);
    if (!found) return null;
    return { success: true, data: { participant: wireParticipant(session, found, includePeerEvents) } };
  });
}
