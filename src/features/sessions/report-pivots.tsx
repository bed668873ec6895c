import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { sessionParticipantQuery, sessionParticipantsQuery, sessionQuery } from '../../api/queries.ts';
import type { SessionParticipant } from '../../api/schemas.ts';
import { Badge } from '../../components/badge.tsx';
import { SenderLinksProvider, SenderLink, type SenderLinks } from '../../components/sender-links.tsx';
import { SenderNamesProvider, type SenderNames } from '../../components/sender-names.tsx';
import { useRouteLink } from '../../hooks/use-page-url.ts';
import { formatCount } from '../../lib/format.ts';
import { isUuid } from '../../lib/ids.ts';
import type { Lookup } from '../../lib/lookup.ts';
import type { SessionRef } from '../../lib/session-search.ts';
import type { PeerReport } from '../../report/model.ts';
import { groupPeople, type Person } from './people.ts';
import { describeSessionError } from './session-errors.ts';
import { sessionDurationText, sessionTitle } from './session-view.ts';
import { useNow } from './use-now.ts';

// A report is one join of one person in one session. Around it: the session it belongs to and
// the other people in it, one click away, and every remote sender named and linked. Only what
// this needs is read: the session, the first page of its participants (the whole list of a
// meeting), and for a sender not on that page (a webinar of thousands) that one participant.

/** People shown beside a report before "and N more". */
const OTHERS_SHOWN = 15;

export interface ReportPivotsProps {
  lookup: Lookup;
  report: PeerReport;
  children: ReactNode;
}

/** The remote senders of a report: each peer a received stream came from, in first-seen order. */
function remoteSenders(report: PeerReport): string[] {
  const peers = new Set<string>();
  for (const stream of report.streams) if (stream.direction === 'receive' && stream.remotePeerId) peers.add(stream.remotePeerId);
  return [...peers];
}

/** The session of the report, its people and its senders' names around the report. */
export function ReportPivots({ lookup, report, children }: ReportPivotsProps) {
  const links = useMemo<SenderLinks>(
    () => ({
      report: (peerId) => ({ page: 'report', lookup: { ...lookup, peerId }, zoom: null }),
      compare: (peerId) => ({ page: 'compare', lookup, sender: peerId }),
    }),
    [lookup],
  );
  const sessionId = report.participant.sessionId?.toLowerCase() ?? null;
  const session = useMemo<SessionRef | null>(
    () => (sessionId !== null && isUuid(sessionId) ? { accountId: lookup.accountId, appId: lookup.appId, sessionId } : null),
    [lookup.accountId, lookup.appId, sessionId],
  );
  return (
    <SenderLinksProvider links={links}>
      {session ? (
        <SessionAround session={session} report={report} lookup={lookup}>
          {children}
        </SessionAround>
      ) : (
        children
      )}
    </SenderLinksProvider>
  );
}

interface SessionAroundProps {
  session: SessionRef;
  report: PeerReport;
  lookup: Lookup;
  children: ReactNode;
}

function SessionAround({ session: ref, report, lookup, children }: SessionAroundProps) {
  const session = useQuery(sessionQuery(ref));
  const live = session.data?.status !== 'ended';
  const now = useNow(30_000, live);
  // The first page only: the session's own page reads the rest when it is opened.
  const participants = useInfiniteQuery(sessionParticipantsQuery(ref, live));
  const joins = useMemo(() => participants.data?.pages.flatMap((page) => page.participants) ?? [], [participants.data]);
  const senders = useMemo(() => remoteSenders(report), [report]);
  const listed = useMemo(() => new Map(joins.map((join) => [join.peerId, join])), [joins]);
  // A sender missing from a partial list is asked for on its own; from a complete one, it is not in the session.
  const unlisted = participants.data && participants.hasNextPage ? senders.filter((peer) => !listed.has(peer)) : [];
  const details = useQueries({ queries: unlisted.map((peer) => sessionParticipantQuery(ref, peer)) });
  const detailed = details.map((query) => query.data).filter((join): join is SessionParticipant => join !== undefined);
  const detailKey = detailed.map((join) => join.peerId).join(',');
  const names = useMemo<SenderNames>(() => {
    const byPeer = new Map<string, { name: string }>();
    for (const join of [...joins, ...detailed]) {
      const name = join.displayName ?? join.customParticipantId;
      if (name !== null) byPeer.set(join.peerId, { name });
    }
    return byPeer;
    // `detailed` is a new array each render; its peers say whether it changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [joins, detailKey]);
  const others = useMemo(() => groupPeople(joins).filter((person) => !person.joins.some((join) => join.peerId === lookup.peerId)), [joins, lookup.peerId]);

  return (
    <SenderNamesProvider names={names}>
      <section aria-labelledby="in-session-heading" className="space-y-2 rounded-lg border border-line bg-surface px-4 py-3 text-sm shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="in-session-heading" className="flex flex-wrap items-center gap-2">
            <span className="text-xs font-semibold tracking-wide text-ink-muted uppercase">In session</span>
            <SessionLink session={ref}>{session.data ? sessionTitle(session.data) : `session ${ref.sessionId}`}</SessionLink>
            {session.data && (session.data.status === 'live' ? <Badge tone="ok">Live</Badge> : <Badge>Ended</Badge>)}
          </h2>
          {session.data && (
            <p className="text-xs text-ink-muted">
              {sessionDurationText(session.data, now)}
              {session.data.peakParticipants !== null ? ` · peak ${formatCount(session.data.peakParticipants)} participants` : ''}
            </p>
          )}
        </div>
        {session.error !== null && !session.data && <PivotProblem error={session.error} what="session" />}
        {participants.error !== null && !participants.data ? (
          <PivotProblem error={participants.error} what="participants" />
        ) : participants.data ? (
          <OtherPeople people={others} more={participants.hasNextPage} session={ref} lookup={lookup} />
        ) : (
          <p role="status" className="text-xs text-ink-muted">
            Reading who else was in the call…
          </p>
        )}
        {senders.length > 0 && (
          <p className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <span className="text-xs text-ink-muted">Received media from:</span>
            {senders.map((peer, index) => (
              <span key={peer}>
                <SenderLink peerId={peer} />
                {index < senders.length - 1 ? ',' : ''}
              </span>
            ))}
          </p>
        )}
      </section>
      {children}
    </SenderNamesProvider>
  );
}

function SessionLink({ session, children }: { session: SessionRef; children: ReactNode }) {
  const link = useRouteLink({ page: 'session', session });
  return (
    <a {...link} className="font-semibold text-accent-strong hover:underline">
      {children}
    </a>
  );
}

interface OtherPeopleProps {
  people: readonly Person[];
  more: boolean;
  session: SessionRef;
  lookup: Lookup;
}

function OtherPeople({ people, more, session, lookup }: OtherPeopleProps) {
  const allLink = useRouteLink({ page: 'session', session });
  if (people.length === 0) return <p className="text-xs text-ink-muted">No one else is listed in this session.</p>;
  const shown = people.slice(0, OTHERS_SHOWN);
  const hidden = people.length - shown.length;
  return (
    <nav aria-label="Others in this call" className="flex flex-wrap items-baseline gap-1.5">
      <span className="text-xs text-ink-muted">Others in this call:</span>
      {shown.map((person) => (
        <PersonChip key={person.key} person={person} lookup={lookup} />
      ))}
      {(hidden > 0 || more) && (
        <a {...allLink} className="text-xs font-medium text-accent-strong hover:underline">
          {hidden > 0 ? `and ${formatCount(hidden)} more` : 'and more'} in the session
        </a>
      )}
    </nav>
  );
}

function PersonChip({ person, lookup }: { person: Person; lookup: Lookup }) {
  // Their latest join: the one a ticket about "later in the call" means.
  const join = person.joins[person.joins.length - 1];
  const link = useRouteLink({ page: 'report', lookup: { ...lookup, peerId: join?.peerId ?? lookup.peerId }, zoom: null });
  const name = person.name ?? person.customParticipantId ?? 'No name';
  return (
    <a {...link} title={`peer ${join?.peerId ?? ''}`} className="rounded-full border border-line px-2 py-0.5 text-xs text-ink hover:border-accent hover:text-accent-strong">
      {name}
      {person.joins.length > 1 && <span className="text-ink-muted"> · {person.joins.length} joins</span>}
    </a>
  );
}

function PivotProblem({ error, what }: { error: unknown; what: 'session' | 'participants' }) {
  const description = describeSessionError(error, what, null);
  return (
    <p className="text-xs text-ink-muted">
      <span aria-hidden="true" className="text-warn">
        ▲{' '}
      </span>
      Could not read the {what === 'session' ? 'session' : 'other participants'}: {description.title}. The report below is not affected.
    </p>
  );
}
