import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SessionParticipant } from '../../api/schemas.ts';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import type { PageRoute } from '../../lib/page-url.ts';
import { ParticipantList } from './participant-list.tsx';
import { groupPeople } from './people.ts';

// A webinar's list: 5,000 people, of whom only those in view are in the page, each row still
// saying where it sits among all of them; the search narrows the list in the render of the
// keystroke itself, with no timer between.

const T0 = Date.UTC(2026, 8, 17, 16, 0, 0);
const COUNT = 5000;

function guest(n: number): SessionParticipant {
  return {
    peerId: `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName: `Guest ${n}`,
    customParticipantId: `guest-${String(n).padStart(5, '0')}`,
    userId: `user-${n}`,
    preset: 'webinar_viewer',
    joinedAt: T0 + n * 1000,
    leftAt: T0 + 90 * 60_000,
    durationMs: 90 * 60_000 - n * 1000,
  };
}

const people = groupPeople(Array.from({ length: COUNT }, (_, index) => guest(index + 1)));
const reportOf = (peerId: string): PageRoute => ({
  page: 'report',
  lookup: { accountId: '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d', appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73', peerId, filters: ['events'], includePeerEvents: true },
  zoom: null,
});

function renderList() {
  return render(
    <TimeZoneProvider zone="UTC">
      <ParticipantList people={people} reportOf={reportOf} live={false} />
    </TimeZoneProvider>,
  );
}

const rows = () => within(screen.getByRole('list', { name: 'Participants, by person' })).getAllByRole('listitem');
const placesOf = (items: HTMLElement[]) => items.map((row) => Number(row.getAttribute('aria-posinset')));

describe('ParticipantList with 5,000 people', () => {
  it('puts only the rows in view in the page, each saying its place among all 5,000', () => {
    renderList();
    const shown = rows();
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(40);
    expect(shown.every((row) => row.getAttribute('aria-setsize') === '5000')).toBe(true);
    expect(placesOf(shown)).toEqual(Array.from({ length: shown.length }, (_, index) => index + 1));
    expect(screen.getByRole('link', { name: 'Guest 1' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Guest 5000' })).toBeNull();
  });

  it('follows the scroll: at the end, the last people are in the page and the first are not', () => {
    renderList();
    const scroller = screen.getByTestId('people-scroll');
    // 48 px a person: the bottom of the list.
    scroller.scrollTop = COUNT * 48;
    fireEvent.scroll(scroller);
    const places = placesOf(rows());
    expect(places.at(-1)).toBe(5000);
    expect(places[0]).toBeGreaterThan(4950);
    expect(screen.getByRole('link', { name: 'Guest 5000' })).toHaveAttribute('href', expect.stringContaining('peer=bbbbbbbb-0000-4000-8000-000000005000'));
    expect(screen.queryByRole('link', { name: 'Guest 1' })).toBeNull();
  });

  it('narrows the list in the same render as the keystroke, by name, custom participant ID or peer ID', () => {
    renderList();
    const search = screen.getByLabelText('Search participants');
    // No waiting of any kind between the change and the assertions: the list is filtered as the input changes.
    fireEvent.change(search, { target: { value: 'guest-00421' } });
    expect(screen.getByTestId('people-count')).toHaveTextContent('1 of 5,000 people match');
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['Guest 421']);

    fireEvent.change(search, { target: { value: 'GUEST 499' } });
    // Guest 499 and Guest 4990 to 4999.
    expect(screen.getByTestId('people-count')).toHaveTextContent('11 of 5,000 people match');
    expect(placesOf(rows())).toEqual(Array.from({ length: 11 }, (_, index) => index + 1));
    expect(rows().every((row) => row.getAttribute('aria-setsize') === '11')).toBe(true);

    fireEvent.change(search, { target: { value: '000000003333' } });
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['Guest 3333']);

    fireEvent.change(search, { target: { value: '' } });
    expect(screen.getByTestId('people-count')).toHaveTextContent('5,000 people, 5,000 joins');
  });
});
