import type { ReactNode } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { LongText } from '../../components/long-text.tsx';
import { TimeText } from '../../components/time-text.tsx';
import { formatDuration } from '../../lib/format.ts';
import type { PeerReport } from '../../report/model.ts';

export interface ParticipantCardProps {
  report: PeerReport;
  /** The peer ID the lookup asked for; null or empty when there was none to ask (a report opened from a file). */
  requestedPeerId?: string | null;
}

/** Peer IDs are UUIDs: the same ID in another case, or with stray spaces, is the same peer. */
function samePeer(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function ParticipantCard({ report, requestedPeerId = null }: ParticipantCardProps) {
  const { participant: p } = report;
  const duration = formatDuration(p.durationMs);
  const answered = p.peerId;
  // A report opened from a file answers whatever it holds: there is no asked-for peer to compare.
  const asked = requestedPeerId !== null && requestedPeerId.trim() !== '' ? requestedPeerId : null;
  const mismatch = asked !== null && answered !== null && !samePeer(asked, answered);
  return (
    <Card labelledBy="participant-heading" title={<span id="participant-heading">Participant</span>}>
      {mismatch && (
        <div role="alert" className="mb-4 rounded-md border border-bad/40 bg-bad-soft px-3 py-2.5 text-sm" data-testid="participant-mismatch">
          <p className="font-semibold text-bad">
            <span aria-hidden="true">⚠ </span>This report is for another participant than the one asked for.
          </p>
          <p className="mt-1 text-ink">
            The lookup asked for peer{' '}
            <code className="font-mono text-[13px] break-all">
              <bdi>{asked}</bdi>
            </code>
            ; the answer is about peer{' '}
            <code className="font-mono text-[13px] break-all">
              <bdi>{answered}</bdi>
            </code>
            {p.displayName !== null && (
              <>
                {' '}(<LongText text={p.displayName} max={80} />)
              </>
            )}
            . Everything below describes that participant: check the peer ID before quoting it in a ticket.
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <p className="text-xl font-semibold tracking-tight text-ink" data-testid="participant-name">
          {p.displayName !== null ? <LongText text={p.displayName} max={120} /> : <span className="text-ink-faint italic">No display name</span>}
        </p>
        {p.preset && (
          <Badge tone="accent" title="Preset">
            <LongText text={p.preset} max={60} />
          </Badge>
        )}
        {p.leftAt === null && <Badge tone="warn">No leave time</Badge>}
      </div>
      <dl className="mt-4 grid gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <IdRow label="Peer ID" value={p.peerId} what="peer ID" />
        <IdRow label="User ID" value={p.userId} what="user ID" />
        <IdRow label="Custom participant ID" value={p.customParticipantId} what="custom participant ID" />
        <IdRow label="Session ID" value={p.sessionId} what="session ID" />
        <Row label="Joined">{p.joinedAt !== null ? <TimeText at={p.joinedAt} /> : <Missing>not recorded</Missing>}</Row>
        <Row label="Left">
          {p.leftAt !== null ? <TimeText at={p.leftAt} /> : <Missing>still in call or not recorded</Missing>}
        </Row>
        <Row label="Time in call">
          {duration !== null ? (
            <span className="font-mono tabular-nums" title="From the report's duration (minutes)">
              {duration}
              {/* No leave time: the participant may still be in the call, so the time is a lower bound. */}
              {p.leftAt === null && <span className="font-sans"> so far</span>}
            </span>
          ) : (
            <Missing>not recorded</Missing>
          )}
        </Row>
      </dl>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-ink-muted">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

function IdRow({ label, value, what }: { label: string; value: string | null; what: string }) {
  return (
    <Row label={label}>
      {value ? (
        <span className="flex min-w-0 items-center gap-2">
          <code className="min-w-0 truncate font-mono text-[13px] text-ink" title={value.length > 500 ? `${value.slice(0, 500)}…` : value}>
            <bdi>{value}</bdi>
          </code>
          <CopyButton value={value} what={what} />
        </span>
      ) : (
        <Missing>not recorded</Missing>
      )}
    </Row>
  );
}

function Missing({ children }: { children: ReactNode }) {
  return <span className="text-ink-faint italic">{children}</span>;
}
