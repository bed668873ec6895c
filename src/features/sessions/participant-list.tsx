import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionParticipant } from '../../api/schemas.ts';
import { Badge } from '../../components/badge.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';
import { routeLink } from '../../hooks/use-page-url.ts';
import { formatCount, formatDateTime, formatDuration, shortId } from '../../lib/format.ts';
import type { PageRoute } from '../../lib/page-url.ts';
import { rowOffsets, rowWindow } from '../investigation/list-window.ts';
import { countJoins, filterPeople, sortPeople, type PeopleSort, type Person, type SortDirection } from './people.ts';
import { peopleText } from './session-view.ts';

// A session's people, searchable and sortable, each join listed under its person. A webinar
// has thousands: only the rows in view (and a few either side) are in the page, every row a
// fixed height, so scrolling and typing in the search stay within a frame.

/** Every person's row, and each join's row under a person with more than one. */
const PERSON_ROW_PX = 48;
const JOIN_ROW_PX = 34;
const OVERSCAN_ROWS = 6;
/** What the list shows before it has measured itself (jsdom, the first frame). */
const FALLBACK_VIEW_PX = 640;

const ORDERS: readonly { value: string; label: string; sort: PeopleSort; direction: SortDirection }[] = [
  { value: 'joined-ascending', label: 'Joined, earliest first', sort: 'joined', direction: 'ascending' },
  { value: 'joined-descending', label: 'Joined, latest first', sort: 'joined', direction: 'descending' },
  { value: 'name-ascending', label: 'Name, A to Z', sort: 'name', direction: 'ascending' },
  { value: 'name-descending', label: 'Name, Z to A', sort: 'name', direction: 'descending' },
  { value: 'time-in-call-descending', label: 'Time in call, longest first', sort: 'time-in-call', direction: 'descending' },
  { value: 'time-in-call-ascending', label: 'Time in call, shortest first', sort: 'time-in-call', direction: 'ascending' },
];

export interface ParticipantListProps {
  people: readonly Person[];
  /** The report a join opens. */
  reportOf: (peerId: string) => PageRoute;
  /** The session is live: a join without a leave time is still in the call. */
  live: boolean;
  /** A join to mark (the participant whose report led here). */
  current?: string | null;
}

function personHeight(person: Person): number {
  return PERSON_ROW_PX + (person.joins.length > 1 ? person.joins.length * JOIN_ROW_PX : 0);
}

const GRID = 'grid grid-cols-[minmax(9rem,2fr)_minmax(6rem,1.2fr)_minmax(6rem,1fr)_9.5rem_9.5rem_5.5rem] items-center gap-x-3 px-3';

export function ParticipantList({ people, reportOf, live, current = null }: ParticipantListProps) {
  const [text, setText] = useState('');
  const [order, setOrder] = useState(ORDERS[0]?.value ?? '');
  const chosen = ORDERS.find((o) => o.value === order) ?? ORDERS[0];
  const sorted = useMemo(() => (chosen ? sortPeople(people, chosen.sort, chosen.direction) : [...people]), [people, chosen]);
  const shown = useMemo(() => filterPeople(sorted, text), [sorted, text]);
  const totals = useMemo(() => countJoins(people), [people]);
  const searchId = useId();
  const orderId = useId();

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor={searchId} className="mb-1 block text-xs font-semibold tracking-wide text-ink-muted uppercase">
            Search participants
          </label>
          <input
            id={searchId}
            type="search"
            value={text}
            placeholder="Name, custom participant ID or peer ID"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setText(event.target.value)}
            className="h-9 w-full rounded-md border border-line bg-surface px-2.5 text-sm text-ink placeholder:text-ink-faint hover:border-ink-faint"
          />
        </div>
        <div>
          <label htmlFor={orderId} className="mb-1 block text-xs font-semibold tracking-wide text-ink-muted uppercase">
            Sort participants
          </label>
          <select
            id={orderId}
            value={order}
            onChange={(event) => setOrder(event.target.value)}
            className="h-9 rounded-md border border-line bg-surface px-2 text-sm text-ink hover:border-ink-faint"
          >
            {ORDERS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <p className="pb-2 text-sm text-ink-muted" aria-live="polite" data-testid="people-count">
          {text.trim() === '' ? peopleText(totals.people, totals.joins) : `${formatCount(shown.length)} of ${formatCount(totals.people)} people match`}
        </p>
      </div>
      {shown.length === 0 ? (
        <p className="rounded-md border border-dashed border-line px-3 py-4 text-sm text-ink-muted">
          {people.length === 0 ? 'No participants in this session.' : `No participant’s name, custom participant ID or peer ID holds “${text.trim()}”.`}
        </p>
      ) : (
        <PeopleWindow people={shown} reportOf={reportOf} live={live} current={current} />
      )}
    </div>
  );
}

interface PeopleWindowProps {
  people: readonly Person[];
  reportOf: (peerId: string) => PageRoute;
  live: boolean;
  current: string | null;
}

function PeopleWindow({ people, reportOf, live, current }: PeopleWindowProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);
  const offsets = useMemo(() => rowOffsets(people.length, (index) => personHeight(people[index] as Person)), [people]);
  const total = offsets[people.length] ?? 0;
  const visible = rowWindow(offsets, top, viewHeight > 0 ? viewHeight : FALLBACK_VIEW_PX, OVERSCAN_ROWS);

  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const measure = () => setViewHeight(box.clientHeight);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const rows: ReactNode[] = [];
  for (let index = visible.start; index < visible.end; index += 1) {
    const person = people[index];
    if (!person) continue;
    rows.push(
      <PersonRow key={person.key} person={person} position={index + 1} count={people.length} reportOf={reportOf} live={live} current={current} />,
    );
  }

  return (
    // On a narrow screen the header and the rows scroll sideways together, inside the box.
    <div className="overflow-x-auto rounded-md border border-line">
      <div className="min-w-[52rem]">
      <div aria-hidden="true" className={`${GRID} h-8 border-b border-line bg-surface-muted text-[11px] font-semibold tracking-wide text-ink-muted uppercase`}>
        <span>Name</span>
        <span>Custom participant ID</span>
        <span>Preset</span>
        <span>Joined</span>
        <span>Left</span>
        <span className="text-right">Time in call</span>
      </div>
      <div
        ref={boxRef}
        className="max-h-[65vh] overflow-y-auto overscroll-contain"
        onScroll={(event) => setTop(event.currentTarget.scrollTop)}
        data-testid="people-scroll"
      >
        <ol aria-label="Participants, by person" style={{ height: total, position: 'relative' }} className="min-w-[52rem]">
          <li aria-hidden="true" style={{ height: visible.before }} />
          {rows}
        </ol>
      </div>
      </div>
    </div>
  );
}

interface PersonRowProps {
  person: Person;
  position: number;
  count: number;
  reportOf: (peerId: string) => PageRoute;
  live: boolean;
  current: string | null;
}

const PersonRow = memo(function PersonRow({ person, position, count, reportOf, live, current }: PersonRowProps) {
  const zone = useDisplayZone();
  const name = person.name ?? person.customParticipantId ?? 'No name';
  const several = person.joins.length > 1;
  const only = person.joins[0];
  const time = (ms: number | null) => (ms === null ? '—' : formatDateTime(ms, zone));
  return (
    <li aria-setsize={count} aria-posinset={position} style={{ height: personHeight(person) }} className="border-b border-line last:border-b-0">
      <div className={`${GRID} text-sm`} style={{ height: PERSON_ROW_PX }}>
        <span className="min-w-0 truncate font-medium text-ink" title={name}>
          {!several && only ? (
            <a {...routeLink(reportOf(only.peerId))} className="text-accent-strong hover:underline" aria-current={only.peerId === current ? 'true' : undefined}>
              {name}
            </a>
          ) : (
            name
          )}
          {several && (
            <span className="ml-2 align-middle">
              <Badge tone="accent">{formatCount(person.joins.length)} joins</Badge>
            </span>
          )}
        </span>
        <span className="min-w-0 truncate font-mono text-xs text-ink-muted" title={person.customParticipantId ?? undefined}>
          {person.customParticipantId ?? '—'}
        </span>
        <span className="min-w-0 truncate text-xs text-ink-muted">{person.presets.join(', ') || '—'}</span>
        <span className="text-xs tabular-nums">
          <span className="sr-only">Joined </span>
          {time(person.firstJoinedAt)}
        </span>
        <span className="text-xs tabular-nums">
          <span className="sr-only">Left </span>
          <LeftTime at={person.lastLeftAt} open={person.open} live={live} format={time} />
        </span>
        <span className="text-right text-xs tabular-nums">
          <span className="sr-only">Time in call </span>
          {formatDuration(person.timeInCallMs) ?? '—'}
        </span>
      </div>
      {several && (
        <ul aria-label={`Joins of ${name}`}>
          {person.joins.map((join, index) => (
            <JoinRow key={join.peerId} join={join} index={index} name={person.name} reportOf={reportOf} live={live} current={current} format={time} />
          ))}
        </ul>
      )}
    </li>
  );
});

interface JoinRowProps {
  join: SessionParticipant;
  index: number;
  name: string | null;
  reportOf: (peerId: string) => PageRoute;
  live: boolean;
  current: string | null;
  format: (ms: number | null) => string;
}

function JoinRow({ join, index, name, reportOf, live, current, format }: JoinRowProps) {
  const renamed = join.displayName !== null && join.displayName !== name ? ` as ${join.displayName}` : '';
  return (
    <li className={`${GRID} border-t border-dashed border-line/70 bg-surface-muted/40 text-xs`} style={{ height: JOIN_ROW_PX }}>
      <span className="min-w-0 truncate pl-4" title={join.peerId}>
        <span aria-hidden="true" className="text-ink-faint">
          ↳{' '}
        </span>
        <a {...routeLink(reportOf(join.peerId))} className="text-accent-strong hover:underline" aria-current={join.peerId === current ? 'true' : undefined}>
          Join {index + 1}: peer {shortId(join.peerId)}
        </a>
        <span className="text-ink-muted">{renamed}</span>
      </span>
      <span />
      <span className="min-w-0 truncate text-ink-muted">{join.preset ?? '—'}</span>
      <span className="tabular-nums">
        <span className="sr-only">Joined </span>
        {format(join.joinedAt)}
      </span>
      <span className="tabular-nums">
        <span className="sr-only">Left </span>
        <LeftTime at={join.leftAt} open={join.leftAt === null} live={live} format={format} />
      </span>
      <span className="text-right tabular-nums">
        <span className="sr-only">Time in call </span>
        {formatDuration(join.durationMs) ?? '—'}
      </span>
    </li>
  );
}

function LeftTime({ at, open, live, format }: { at: number | null; open: boolean; live: boolean; format: (ms: number | null) => string }) {
  if (!open) return <>{format(at)}</>;
  return live ? <Badge tone="ok">in call</Badge> : <span className="text-ink-muted">not recorded</span>;
}
