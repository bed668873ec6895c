// A session's participants are joins: one per tab, device or rejoin, each its own peer ID.
// A support engineer looks for a person, so joins that share a user ID or a custom
// participant ID (the app's own user key) are one person, with each join listed. Pure,
// so it is tested without a browser, and cheap enough to run over a 5,000-join webinar.

import type { SessionParticipant } from '../../api/schemas.ts';

export interface Person {
  /** Stable across refreshes: the first join's peer ID. */
  key: string;
  /** The name of the latest join that has one (people rename themselves between joins). */
  name: string | null;
  customParticipantId: string | null;
  userId: string | null;
  /** Each preset the person joined with, in join order. */
  presets: string[];
  /** Oldest first. */
  joins: SessionParticipant[];
  firstJoinedAt: number | null;
  /** The last leave; null while a join has none (still in the call, or not recorded). */
  lastLeftAt: number | null;
  /** A join without a leave time. */
  open: boolean;
  /** The joins' time in call added up; null when none of them has one. */
  timeInCallMs: number | null;
  /** Name, custom participant ID, user ID and peer IDs, lower case, for the search. */
  searchText: string;
}

/** Joins grouped into people: two joins sharing a user ID or a custom participant ID are the same person. */
export function groupPeople(joins: readonly SessionParticipant[]): Person[] {
  const parent = joins.map((_, index) => index);
  const root = (index: number): number => {
    let at = index;
    while (parent[at] !== at) {
      const up = parent[at] ?? at;
      parent[at] = parent[up] ?? up;
      at = up;
    }
    return at;
  };
  const firstWith = new Map<string, number>();
  joins.forEach((join, index) => {
    for (const key of [join.userId === null ? null : `u:${join.userId}`, join.customParticipantId === null ? null : `c:${join.customParticipantId}`]) {
      if (key === null) continue;
      const seen = firstWith.get(key);
      if (seen === undefined) firstWith.set(key, index);
      else parent[root(index)] = root(seen);
    }
  });
  const groups = new Map<number, SessionParticipant[]>();
  joins.forEach((join, index) => {
    const at = root(index);
    const group = groups.get(at);
    if (group) group.push(join);
    else groups.set(at, [join]);
  });
  return [...groups.values()].map(toPerson);
}

function toPerson(group: SessionParticipant[]): Person {
  const joins = [...group].sort((a, b) => (a.joinedAt ?? Infinity) - (b.joinedAt ?? Infinity));
  const first = joins[0];
  const named = [...joins].reverse().find((join) => join.displayName !== null);
  const presets: string[] = [];
  let firstJoinedAt: number | null = null;
  let lastLeftAt: number | null = null;
  let open = false;
  let timeInCallMs: number | null = null;
  for (const join of joins) {
    if (join.preset !== null && !presets.includes(join.preset)) presets.push(join.preset);
    if (join.joinedAt !== null && (firstJoinedAt === null || join.joinedAt < firstJoinedAt)) firstJoinedAt = join.joinedAt;
    if (join.leftAt === null) open = true;
    else if (lastLeftAt === null || join.leftAt > lastLeftAt) lastLeftAt = join.leftAt;
    if (join.durationMs !== null) timeInCallMs = (timeInCallMs ?? 0) + join.durationMs;
  }
  const customParticipantId = joins.find((join) => join.customParticipantId !== null)?.customParticipantId ?? null;
  const userId = joins.find((join) => join.userId !== null)?.userId ?? null;
  const name = named?.displayName ?? null;
  const searchText = [name, customParticipantId, userId, ...joins.map((join) => join.peerId), ...joins.map((join) => join.displayName)]
    .filter((part): part is string => part !== null)
    .join('\n')
    .toLowerCase();
  return {
    key: first?.peerId ?? '',
    name,
    customParticipantId,
    userId,
    presets,
    joins,
    firstJoinedAt,
    lastLeftAt: open ? null : lastLeftAt,
    open,
    timeInCallMs,
    searchText,
  };
}

export const PEOPLE_SORTS = ['joined', 'name', 'time-in-call'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];
export type SortDirection = 'ascending' | 'descending';

const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A sorted copy; people without the value sort last whichever the direction. Ties keep join order. */
export function sortPeople(people: readonly Person[], sort: PeopleSort, direction: SortDirection): Person[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const valueOf = (person: Person): number | string | null =>
    sort === 'name' ? person.name : sort === 'joined' ? person.firstJoinedAt : person.timeInCallMs;
  const joinedOf = (person: Person) => person.firstJoinedAt ?? Infinity;
  return [...people].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const order = typeof va === 'string' && typeof vb === 'string' ? byName.compare(va, vb) : (va as number) - (vb as number);
      if (order !== 0) return sign * order;
    }
    return joinedOf(a) - joinedOf(b);
  });
}

/** The people whose name, custom participant ID, user ID or a peer ID holds the text (any case). */
export function filterPeople(people: readonly Person[], text: string): readonly Person[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return people;
  return people.filter((person) => person.searchText.includes(needle));
}

export interface PeopleCounts {
  people: number;
  joins: number;
}

export function countJoins(people: readonly Person[]): PeopleCounts {
  let joins = 0;
  for (const person of people) joins += person.joins.length;
  return { people: people.length, joins };
}
