// How a session reads in a list or a heading: its length, live or not. Pure.

import type { SessionInfo } from '../../api/schemas.ts';
import { formatCountOf, formatDuration } from '../../lib/format.ts';

/** Start to end; for a live session, start to `now`. Null without a start. */
export function sessionDurationMs(session: Pick<SessionInfo, 'status' | 'startedAt' | 'endedAt'>, now: number): number | null {
  if (session.startedAt === null) return null;
  const end = session.status === 'live' ? now : session.endedAt;
  return end === null || end < session.startedAt ? null : end - session.startedAt;
}

/** `0:44:19`, `0:12:31 so far` for a live session, or an em dash. */
export function sessionDurationText(session: Pick<SessionInfo, 'status' | 'startedAt' | 'endedAt'>, now: number): string {
  const text = formatDuration(sessionDurationMs(session, now));
  if (text === null) return '—';
  return session.status === 'live' ? `${text} so far` : text;
}

/** The meeting's title, or what stands for it. */
export function sessionTitle(session: Pick<SessionInfo, 'title' | 'meetingId'>): string {
  return session.title ?? (session.meetingId ? `Meeting ${session.meetingId}` : 'Untitled meeting');
}

/** `7 people, 9 joins` */
export function peopleText(people: number, joins: number): string {
  return `${formatCountOf(people, 'person', 'people')}, ${formatCountOf(joins, 'join')}`;
}
