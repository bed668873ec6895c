import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import type { SessionRef } from '../../lib/session-search.ts';
import { SessionPage } from './session-page.tsx';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const ref: SessionRef = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };

const session = (status: 'LIVE' | 'ENDED') => ({
  id: SESSION,
  associated_id: 'c9d0e1f2-0a1b-4c2d-8e3f-405162738495',
  meeting_display_name: 'All-hands webinar',
  type: 'meeting',
  status,
  started_at: '2026-09-15T10:00:00.000Z',
  ...(status === 'ENDED' ? { ended_at: '2026-09-15T11:00:00.000Z' } : {}),
  max_concurrent_participants: 102,
  minutes_consumed: 5120,
  live_participants: status === 'LIVE' ? 90 : 0,
});

/** Attendee n: a peer ID, a name and an app user ID of their own. */
function attendee(n: number, fields: Record<string, unknown> = {}) {
  const id = `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    display_name: `Attendee ${n}`,
    custom_participant_id: `crm-${n}`,
    user_id: `user-${n}`,
    preset_name: 'webinar_viewer',
    joined_at: new Date(Date.UTC(2026, 8, 15, 10, 0, n)).toISOString(),
    left_at: '2026-09-15T11:00:00.000Z',
    duration: 59,
    ...fields,
  };
}

let participantPages: (() => Response)[];
let sessionAnswer: () => Response;
let requested: string[];

beforeEach(() => {
  requested = [];
  participantPages = [];
  sessionAnswer = () => Response.json({ success: true, data: session('ENDED') });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      requested.push(`${url.pathname}${url.search}`);
      if (url.pathname.endsWith(`/sessions/${SESSION}`)) return sessionAnswer();
      const next = participantPages.shift();
      if (!next) throw new Error(`no answer prepared for ${url.pathname}${url.search}`);
      return next();
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TimeZoneProvider zone="UTC">
        <SessionPage session={ref} mode="demo" />
      </TimeZoneProvider>
    </QueryClientProvider>,
  );
}

const firstPage = Array.from({ length: 100 }, (_, index) => attendee(index + 1));
// Attendee 7 dropped and came back: a second peer ID with the same user.
const rejoin = attendee(7, { id: 'aaaaaaaa-0000-4000-8000-100000000007', joined_at: '2026-09-15T10:20:00.000Z', duration: 40 });
const secondPage = [attendee(101), attendee(102), rejoin];

describe('SessionPage', () => {
  it('reads every page of participants, then lists them by person', async () => {
    participantPages.push(() => Response.json({ success: true, data: { participants: firstPage } }));
    participantPages.push(() => Response.json({ success: true, data: { participants: secondPage } }));
    renderPage();
    expect(await screen.findByRole('heading', { name: /All-hands webinar/ })).toHaveTextContent('Ended');
    expect(await screen.findByTestId('people-count')).toHaveTextContent('102 people, 103 joins');
    expect(requested.filter((target) => target.includes('/participants'))).toEqual([
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants?sort_by=joinedAt&sort_order=ASC&page_no=1&per_page=100`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants?sort_by=joinedAt&sort_order=ASC&page_no=2&per_page=100`,
    ]);
    const list = screen.getByRole('list', { name: 'Participants, by person' });
    // Only what is in view is in the page: a window of the 102 people.
    expect(within(list).getAllByRole('listitem').length).toBeLessThan(40);
  });

  it('shows one person who joined twice as one row with each join linked to its report', async () => {
    participantPages.push(() => Response.json({ success: true, data: { participants: [attendee(1), attendee(7), rejoin] } }));
    renderPage();
    const joins = await screen.findByRole('list', { name: 'Joins of Attendee 7' });
    const links = within(joins).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['Join 1: peer aaaaaaaa…000007', 'Join 2: peer aaaaaaaa…000007']);
    expect(links[1]).toHaveAttribute(
      'href',
      `?account=${ACCOUNT}&app=${APP}&peer=aaaaaaaa-0000-4000-8000-100000000007&filters=device_info,ip_information,precall_network_information,events,quality_stats&peerEvents=1`,
    );
    expect(screen.getByText('2 joins')).toBeInTheDocument();
    expect(screen.getByTestId('people-count')).toHaveTextContent('2 people, 3 joins');
  });

  it('finds a person by name, custom participant ID or peer ID as one types', async () => {
    participantPages.push(() => Response.json({ success: true, data: { participants: [attendee(1), attendee(2), attendee(30)] } }));
    renderPage();
    const input = await screen.findByLabelText('Search participants');
    const user = userEvent.setup();
    await user.type(input, 'crm-30');
    expect(screen.getByTestId('people-count')).toHaveTextContent('1 of 3 people match');
    expect(screen.getByRole('link', { name: 'Attendee 30' })).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'nobody');
    expect(screen.getByText(/No participant’s name, custom participant ID or peer ID holds “nobody”/)).toBeInTheDocument();
  });

  it('sorts by time in call', async () => {
    participantPages.push(() =>
      Response.json({ success: true, data: { participants: [attendee(1, { duration: 5 }), attendee(2, { duration: 50 }), attendee(3, { duration: 20 })] } }),
    );
    renderPage();
    await screen.findByTestId('people-count');
    await userEvent.setup().selectOptions(screen.getByLabelText('Sort participants'), 'Time in call, longest first');
    const names = within(screen.getByRole('list', { name: 'Participants, by person' }))
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(names).toEqual(['Attendee 2', 'Attendee 3', 'Attendee 1']);
  });

  it('keeps the participants read so far when a later page fails, and says so', async () => {
    participantPages.push(() => Response.json({ success: true, data: { participants: firstPage } }));
    participantPages.push(() => Response.json({ success: false, errors: [{ code: 971, message: 'Please wait' }] }, { status: 429 }));
    renderPage();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Refresh failed: Rate limited (429)');
    expect(screen.getByTestId('people-count')).toHaveTextContent('100 people, 100 joins');
  });

  it('marks a live session, and who is still in the call, with when the list was read', async () => {
    sessionAnswer = () => Response.json({ success: true, data: session('LIVE') });
    participantPages.push(() => Response.json({ success: true, data: { participants: [attendee(1, { left_at: undefined, duration: undefined })] } }));
    renderPage();
    expect(await screen.findByRole('heading', { name: /All-hands webinar/ })).toHaveTextContent('Live');
    expect(await screen.findByTestId('participants-updated')).toHaveTextContent(/^Updated \d\d:\d\d:\d\d · refreshing every 30 s$/);
    expect(screen.getByText('in call')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Refresh now' })).toBeInTheDocument();
  });

  it('says a session the API does not know is not in this app', async () => {
    sessionAnswer = () => Response.json({ success: false, error: { code: 404, message: `No session found with id ${SESSION}` } }, { status: 404 });
    participantPages.push(() => Response.json({ success: false, error: { code: 404, message: `No session found with id ${SESSION}` } }, { status: 404 }));
    renderPage();
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('No such session in this app (404)');
    expect(alerts[0]).toHaveTextContent(`No session found with id ${SESSION}`);
  });
});
