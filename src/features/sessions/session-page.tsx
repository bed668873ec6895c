import { useInfiniteQuery, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { LIVE_REFRESH_MS, sessionParticipantsQuery, sessionQuery } from '../../api/queries.ts';
import type { SessionInfo } from '../../api/schemas.ts';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import { formatClock, formatCount, formatDateTime } from '../../lib/format.ts';
import type { PageRoute } from '../../lib/page-url.ts';
import type { SessionRef } from '../../lib/session-search.ts';
import { ParticipantList } from './participant-list.tsx';
import { groupPeople } from './people.ts';
import { SessionError } from './session-error.tsx';
import { sessionDurationText, sessionTitle } from './session-view.ts';
import { useNow } from './use-now.ts';

export interface SessionPageProps {
  session: SessionRef;
  mode: 'demo' | 'live' | null;
}

/** The report a participant's join opens from a session: every part of it, peer events included. */
export function joinReport(session: Pick<SessionRef, 'accountId' | 'appId'>, peerId: string): PageRoute {
  return {
    page: 'report',
    lookup: { accountId: session.accountId, appId: session.appId, peerId, filters: [...REPORT_FILTERS], includePeerEvents: true },
    zoom: null,
  };
}

/** One session: the meeting, its times, and its participants by person, each join one click from its report. */
export function SessionPage({ session: ref, mode }: SessionPageProps) {
  const session = useQuery(sessionQuery(ref));
  // Until the session says it has ended, its participants may change: read again as a live one's are.
  const live = session.data?.status !== 'ended';
  const participants = useInfiniteQuery(sessionParticipantsQuery(ref, live));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = participants;
  // Every page, one after the other: the list is searched and sorted as a whole.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  // Like a report's verdict: once the session is in, it is brought into view (on a phone it
  // is a screen below the form) and takes the focus, so a screen reader starts there.
  const loaded = session.data !== undefined;
  useEffect(() => {
    if (!loaded) return;
    const section = document.getElementById('session-heading')?.closest('section');
    section?.scrollIntoView?.({ block: 'start' });
    section?.focus({ preventScroll: true });
  }, [loaded]);

  const joins = useMemo(() => participants.data?.pages.flatMap((page) => page.participants) ?? [], [participants.data]);
  const unreadable = useMemo(() => participants.data?.pages.reduce((sum, page) => sum + page.unreadable, 0) ?? 0, [participants.data]);
  const people = useMemo(() => groupPeople(joins), [joins]);
  const reportOf = useMemo(() => (peerId: string) => joinReport(ref, peerId), [ref]);

  return (
    <div className="space-y-4" data-testid="session">
      <SessionHeading session={ref} mode={mode} query={session} />
      <Card
        labelledBy="participants-heading"
        title={<span id="participants-heading">Participants</span>}
        aside={
          participants.data && live ? (
            <span className="flex items-center gap-2 text-xs text-ink-muted">
              <LiveUpdated updatedAt={participants.dataUpdatedAt} />
              <button
                type="button"
                onClick={() => void participants.refetch()}
                disabled={participants.isFetching}
                className="h-7 rounded border border-line bg-surface px-2 font-medium text-accent-strong hover:border-accent disabled:opacity-60"
              >
                {participants.isFetching ? 'Refreshing…' : 'Refresh now'}
              </button>
            </span>
          ) : undefined
        }
      >
        <div className="space-y-3">
          {participants.error !== null && (
            <SessionError
              error={participants.error}
              request="participants"
              mode={mode}
              onRetry={() => void (participants.data ? fetchNextPage() : participants.refetch())}
              retrying={participants.isFetching}
              compact={participants.data !== undefined}
            />
          )}
          {participants.data && hasNextPage && !isError && (
            <p role="status" className="text-sm text-ink-muted">
              Reading participants… {formatCount(joins.length)} joins so far.
            </p>
          )}
          {unreadable > 0 && (
            <p className="text-xs text-warn">
              <span aria-hidden="true">▲ </span>
              {formatCount(unreadable)} {unreadable === 1 ? 'entry' : 'entries'} of the list had no peer ID and {unreadable === 1 ? 'is' : 'are'} not shown.
            </p>
          )}
          {participants.data ? (
            <ParticipantList people={people} reportOf={reportOf} live={live} />
          ) : participants.error === null ? (
            <p role="status" aria-busy="true" className="text-sm text-ink-muted">
              Reading participants…
            </p>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

/** When a live session's list was last read, on the display clock, and how often it is read again. */
function LiveUpdated({ updatedAt }: { updatedAt: number }) {
  const zone = useDisplayZone();
  return (
    <span aria-live="off" data-testid="participants-updated">
      Updated {formatClock(updatedAt, zone)} · refreshing every {LIVE_REFRESH_MS / 1000} s
    </span>
  );
}

interface SessionHeadingProps {
  session: SessionRef;
  mode: 'demo' | 'live' | null;
  query: UseQueryResult<SessionInfo, unknown>;
}

function SessionHeading({ session: ref, mode, query }: SessionHeadingProps) {
  const zone = useDisplayZone();
  const session = query.data;
  // A live session's duration grows by the second. Its own clock, so the list below is not drawn again each tick.
  const now = useNow(1000, session?.status === 'live');
  if (!session) {
    if (query.error !== null) {
      return <SessionError error={query.error} request="session" mode={mode} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
    }
    return (
      <p role="status" aria-busy="true" className="text-sm text-ink-muted">
        Reading the session…
      </p>
    );
  }
  const facts: [string, string][] = [
    ['Started', session.startedAt === null ? '—' : formatDateTime(session.startedAt, zone)],
    ['Ended', session.status === 'live' ? 'still live' : session.endedAt === null ? '—' : formatDateTime(session.endedAt, zone)],
    ['Duration', sessionDurationText(session, now)],
    ['Peak participants', session.peakParticipants === null ? '—' : formatCount(session.peakParticipants)],
    ['Participant minutes', session.minutesConsumed === null ? '—' : formatCount(Math.round(session.minutesConsumed))],
  ];
  if (session.status === 'live' && session.liveParticipants !== null) facts.push(['In the call now', formatCount(session.liveParticipants)]);
  return (
    <section
      aria-labelledby="session-heading"
      tabIndex={-1}
      className="scroll-mt-4 space-y-3 rounded-lg border border-line bg-surface p-4 shadow-[0_1px_2px_rgba(15,23,42,0.04)] outline-none focus-visible:ring-2 focus-visible:ring-accent"
    >
      {query.error !== null && (
        <SessionError error={query.error} request="session" mode={mode} onRetry={() => void query.refetch()} retrying={query.isFetching} compact />
      )}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Session</p>
          <h2 id="session-heading" className="flex flex-wrap items-center gap-2 text-lg font-semibold text-ink">
            {sessionTitle(session)}
            {session.status === 'live' ? (
              <Badge tone="ok">
                <span aria-hidden="true">●</span> Live
              </Badge>
            ) : (
              <Badge>Ended</Badge>
            )}
          </h2>
          <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs text-ink-muted">
            <span>session {ref.sessionId}</span>
            {session.meetingId && <span>meeting {session.meetingId}</span>}
          </p>
        </div>
        <CopyButton value={() => window.location.href} what="link to this session" label="Copy link" />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs text-ink-muted">{term}</dt>
            <dd className="tabular-nums text-ink">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
