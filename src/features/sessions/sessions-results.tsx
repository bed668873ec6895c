import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { SESSIONS_PER_PAGE } from '../../api/client.ts';
import { sessionsQuery } from '../../api/queries.ts';
import type { SessionInfo } from '../../api/schemas.ts';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';
import { routeLink } from '../../hooks/use-page-url.ts';
import { formatCount, formatDateTime, shortId } from '../../lib/format.ts';
import { onPage, type SessionSearch } from '../../lib/session-search.ts';
import { SessionError } from './session-error.tsx';
import { sessionDurationText, sessionTitle } from './session-view.ts';
import { useNow } from './use-now.ts';

export interface SessionsResultsProps {
  search: SessionSearch;
  mode: 'demo' | 'live' | null;
}

/** The sessions a search found, a page at a time, each one click from its participants. */
export function SessionsResults({ search, mode }: SessionsResultsProps) {
  // The page on screen stays while the next one loads, marked as updating.
  const query = useQuery({ ...sessionsQuery(search), placeholderData: keepPreviousData });
  const now = useNow(30_000);
  const retry = () => void query.refetch();

  if (query.data) {
    const { sessions, total, unreadable } = query.data;
    const first = (search.page - 1) * SESSIONS_PER_PAGE + 1;
    const last = first + sessions.length - 1;
    const more = total !== null ? last < total : sessions.length === SESSIONS_PER_PAGE;
    return (
      <Card
        labelledBy="sessions-heading"
        title={<span id="sessions-heading">Calls found</span>}
        aside={
          <span className="text-xs text-ink-muted" aria-live="polite">
            {query.isPlaceholderData ? 'Updating…' : sessions.length === 0 ? 'none' : `${formatCount(first)}–${formatCount(last)}${total !== null ? ` of ${formatCount(total)}` : ''}`}
          </span>
        }
      >
        <div className={`space-y-3 ${query.isPlaceholderData ? 'opacity-60' : ''}`}>
          {query.error !== null && !query.isFetching && (
            <SessionError error={query.error} request="sessions" mode={mode} onRetry={retry} retrying={query.isFetching} compact />
          )}
          {sessions.length === 0 ? (
            <p className="text-sm text-ink-muted">
              {search.page > 1
                ? 'No more calls on this page.'
                : 'No call matches this search. Try a wider time range, “Any time”, or part of the meeting title.'}
            </p>
          ) : (
            <SessionsTable sessions={sessions} search={search} now={now} />
          )}
          {unreadable > 0 && (
            <p className="text-xs text-warn">
              <span aria-hidden="true">▲ </span>
              {unreadable === 1 ? 'One entry' : `${formatCount(unreadable)} entries`} of this page had no session ID and {unreadable === 1 ? 'is' : 'are'} not shown.
            </p>
          )}
          {(search.page > 1 || more) && <Paging search={search} more={more} />}
        </div>
      </Card>
    );
  }
  if (query.error !== null) {
    return <SessionError error={query.error} request="sessions" mode={mode} onRetry={retry} retrying={query.isFetching} />;
  }
  return (
    <p role="status" aria-busy="true" className="text-sm text-ink-muted">
      Looking for calls…
    </p>
  );
}

function SessionsTable({ sessions, search, now }: { sessions: SessionInfo[]; search: SessionSearch; now: number }) {
  const zone = useDisplayZone();
  const cell = 'px-2 py-2 align-top';
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Calls found, {search.sort === 'oldest' ? 'oldest' : search.sort === 'newest' ? 'newest' : 'most minutes'} first</caption>
        <thead className="border-b border-line text-xs font-semibold tracking-wide text-ink-muted uppercase">
          <tr>
            <th scope="col" className={cell}>
              Meeting
            </th>
            <th scope="col" className={cell}>
              Started
            </th>
            <th scope="col" className={cell}>
              Ended
            </th>
            <th scope="col" className={cell}>
              Duration
            </th>
            <th scope="col" className={`${cell} text-right`}>
              Peak participants
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {sessions.map((session) => {
            const link = routeLink({ page: 'session', session: { accountId: search.accountId, appId: search.appId, sessionId: session.id } });
            return (
              <tr key={session.id} className="hover:bg-surface-muted">
                <th scope="row" className={`${cell} font-normal`}>
                  <a {...link} className="font-semibold text-accent-strong hover:underline">
                    {sessionTitle(session)}
                  </a>
                  <span className="block font-mono text-[11px] text-ink-faint" title={session.id}>
                    session {shortId(session.id)}
                    {session.type && session.type !== 'meeting' ? ` · ${session.type}` : ''}
                  </span>
                </th>
                <td className={`${cell} whitespace-nowrap`}>{session.startedAt === null ? '—' : formatDateTime(session.startedAt, zone)}</td>
                <td className={`${cell} whitespace-nowrap`}>
                  {session.status === 'live' ? (
                    <Badge tone="ok">
                      <span aria-hidden="true">●</span> live
                    </Badge>
                  ) : session.endedAt === null ? (
                    '—'
                  ) : (
                    formatDateTime(session.endedAt, zone)
                  )}
                </td>
                <td className={`${cell} whitespace-nowrap tabular-nums`}>{sessionDurationText(session, now)}</td>
                <td className={`${cell} text-right tabular-nums`}>
                  {session.peakParticipants === null ? '—' : formatCount(session.peakParticipants)}
                  {session.status === 'live' && session.liveParticipants !== null && (
                    <span className="block text-xs text-ink-muted">{formatCount(session.liveParticipants)} in it now</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Paging({ search, more }: { search: SessionSearch; more: boolean }) {
  const previous = search.page > 1 ? routeLink({ page: 'sessions', search: onPage(search, search.page - 1) }) : null;
  const next = more ? routeLink({ page: 'sessions', search: onPage(search, search.page + 1) }) : null;
  const button = 'inline-flex h-8 items-center rounded-md border border-line bg-surface px-3 text-sm font-medium';
  return (
    <nav aria-label="Pages of calls" className="flex items-center justify-between gap-3 border-t border-line pt-3 text-sm">
      {previous ? (
        <a {...previous} rel="prev" className={`${button} text-accent-strong hover:border-accent`}>
          ← Previous page
        </a>
      ) : (
        <span />
      )}
      <span className="text-ink-muted">Page {formatCount(search.page)}</span>
      {next ? (
        <a {...next} rel="next" className={`${button} text-accent-strong hover:border-accent`}>
          Next page →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
