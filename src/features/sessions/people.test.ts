import { describe, expect, it } from 'vitest';
import type { SessionParticipant } from '../../api/schemas.ts';
import { countJoins, filterPeople, groupPeople, sortPeople } from './people.ts';

const T0 = Date.UTC(2026, 8, 15, 10, 0, 0);
const MIN = 60_000;

function join(peerId: string, fields: Partial<SessionParticipant> = {}): SessionParticipant {
  return {
    peerId,
    displayName: null,
    customParticipantId: null,
    userId: null,
    preset: null,
    joinedAt: null,
    leftAt: null,
    durationMs: null,
    ...fields,
  };
}

const mei = join('aaaaaaaa-0000-4000-8000-000000000001', {
  displayName: 'Mei Chen',
  customParticipantId: 'crm-2207',
  userId: 'user-mei',
  preset: 'group_call_host',
  joinedAt: T0,
  leftAt: T0 + 44 * MIN,
  durationMs: 44 * MIN,
});
// Kwame joined from his phone, dropped, and came back on his laptop: a new peer ID, the same user.
const kwamePhone = join('bbbbbbbb-0000-4000-8000-000000000001', {
  displayName: 'Kwame (phone)',
  customParticipantId: 'crm-5150',
  userId: 'user-kwame',
  preset: 'group_call_participant',
  joinedAt: T0 - 2 * MIN,
  leftAt: T0 + 2 * MIN,
  durationMs: 4 * MIN,
});
const kwameLaptop = join('bbbbbbbb-0000-4000-8000-000000000002', {
  displayName: 'Kwame Asante',
  customParticipantId: 'crm-5150',
  userId: 'user-kwame',
  preset: 'group_call_participant',
  joinedAt: T0 + 4 * MIN,
  leftAt: T0 + 42 * MIN,
  durationMs: 38 * MIN,
});
// A second tab: the same app user, a token of its own (another user ID).
const priyaTab1 = join('cccccccc-0000-4000-8000-000000000001', {
  displayName: 'Priya Raman',
  customParticipantId: 'crm-1194',
  userId: 'user-priya-1',
  joinedAt: T0 + 1 * MIN,
  leftAt: T0 + 30 * MIN,
  durationMs: 29 * MIN,
});
const priyaTab2 = join('cccccccc-0000-4000-8000-000000000002', {
  displayName: 'Priya Raman',
  customParticipantId: 'crm-1194',
  userId: 'user-priya-2',
  joinedAt: T0 + 3 * MIN,
  leftAt: null,
  durationMs: null,
});
const guest = join('dddddddd-0000-4000-8000-000000000001', { joinedAt: T0 + 10 * MIN });

describe('groupPeople', () => {
  it('makes one person of joins that share a user ID or a custom participant ID, each join listed oldest first', () => {
    const people = groupPeople([mei, kwameLaptop, priyaTab2, guest, kwamePhone, priyaTab1]);
    expect(people.map((person) => [person.name, person.joins.map((j) => j.peerId)])).toEqual([
      ['Mei Chen', ['aaaaaaaa-0000-4000-8000-000000000001']],
      ['Kwame Asante', ['bbbbbbbb-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002']],
      ['Priya Raman', ['cccccccc-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000002']],
      [null, ['dddddddd-0000-4000-8000-000000000001']],
    ]);
  });

  it('sums a person’s time in call over the joins, from the first join to the last leave', () => {
    const [, kwame] = groupPeople([mei, kwamePhone, kwameLaptop]);
    expect(kwame).toMatchObject({
      key: 'bbbbbbbb-0000-4000-8000-000000000001',
      name: 'Kwame Asante',
      customParticipantId: 'crm-5150',
      userId: 'user-kwame',
      presets: ['group_call_participant'],
      firstJoinedAt: T0 - 2 * MIN,
      lastLeftAt: T0 + 42 * MIN,
      open: false,
      timeInCallMs: 42 * MIN,
    });
  });

  it('has no leave time while one of the joins is still open', () => {
    const [priya] = groupPeople([priyaTab1, priyaTab2]);
    expect(priya).toMatchObject({ open: true, lastLeftAt: null, timeInCallMs: 29 * MIN });
  });

  it('keeps joins without any ID apart, and a join with neither time as unknown', () => {
    const other = join('dddddddd-0000-4000-8000-000000000002');
    const people = groupPeople([guest, other]);
    expect(people).toHaveLength(2);
    expect(people[1]).toMatchObject({ firstJoinedAt: null, timeInCallMs: null, open: true });
  });

  it('joins two groups that a third join links (a user ID shared with one, a custom ID with the other)', () => {
    const a = join('eeeeeeee-0000-4000-8000-000000000001', { userId: 'u1' });
    const b = join('eeeeeeee-0000-4000-8000-000000000002', { customParticipantId: 'c1' });
    const link = join('eeeeeeee-0000-4000-8000-000000000003', { userId: 'u1', customParticipantId: 'c1' });
    expect(groupPeople([a, b, link])).toHaveLength(1);
  });
});

describe('sortPeople and filterPeople', () => {
  const people = groupPeople([mei, kwamePhone, kwameLaptop, priyaTab1, priyaTab2, guest]);

  it('sorts by first join, name or time in call, either way, with unknowns last', () => {
    const names = (sorted: readonly { name: string | null }[]) => sorted.map((person) => person.name);
    expect(names(sortPeople(people, 'joined', 'ascending'))).toEqual(['Kwame Asante', 'Mei Chen', 'Priya Raman', null]);
    expect(names(sortPeople(people, 'name', 'ascending'))).toEqual(['Kwame Asante', 'Mei Chen', 'Priya Raman', null]);
    expect(names(sortPeople(people, 'name', 'descending'))).toEqual(['Priya Raman', 'Mei Chen', 'Kwame Asante', null]);
    expect(names(sortPeople(people, 'time-in-call', 'descending'))).toEqual(['Mei Chen', 'Kwame Asante', 'Priya Raman', null]);
    expect(names(sortPeople(people, 'time-in-call', 'ascending'))).toEqual(['Priya Raman', 'Kwame Asante', 'Mei Chen', null]);
  });

  it('finds a person by name, custom participant ID or any of their peer IDs, in any case', () => {
    const found = (text: string) => filterPeople(people, text).map((person) => person.name);
    expect(found('kwame')).toEqual(['Kwame Asante']);
    expect(found('(PHONE)')).toEqual(['Kwame Asante']);
    expect(found('crm-1194')).toEqual(['Priya Raman']);
    expect(found('bbbbbbbb-0000-4000-8000-000000000002')).toEqual(['Kwame Asante']);
    expect(found('  ')).toHaveLength(4);
    expect(found('nobody')).toEqual([]);
  });

  it('counts people and joins', () => {
    expect(countJoins(people)).toEqual({ people: 4, joins: 6 });
  });
});
