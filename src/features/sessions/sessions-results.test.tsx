import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import type { SessionSearch } from '../../lib/session-search.ts';
import { SessionsResults } from './sessions-results.tsx';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const search: SessionSearch = { accountId: ACCOUNT, appId: APP, text: 'review', from: null, to: null, status: null, sort: 'newest', page: 1 };

const ended = {
  id: '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e',
  associated_id: 'c9d0e1f2-0a1b-4c2d-8e3f-405162738495',
  meeting_display_name: 'Quarterly review',
  type: 'meeting',
  status: 'ENDED',
  started_at: '2026-09-15T10:00:00.000Z',
  ended_at: '2026-09-15T10:44:19.000Z',
  live_participants: 0,
  max_concurrent_participants: 7,
  minutes_consumed: 281.4,
};
const live = {
  ...ended,
  id: '5f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  meeting_display_name: 'Support stand-up',
  status: 'LIVE',
  ended_at: undefined,
  live_participants: 4,
};

let answers: (() => Response)[];
let requested: string[];

beforeEach(() => {
  requested = [];
  answers = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      requested.push(String(input));
      const next = answers.shift();
      if (!next) throw new Error('no answer prepared');
      return next();
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderWith(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <TimeZoneProvider zone="UTC">{node}</TimeZoneProvider>
    </QueryClientProvider>,
  );
}

describe('SessionsResults', () => {
  it('says it is looking, then lists each call with its times, length and peak, linked to its participants', async () => {
    answers.push(() => Response.json({ success: true, data: { sessions: [live, ended] }, paging: { start_offset: 0, end_offset: 2, total_count: 2 } }));
    renderWith(<SessionsResults search={search} mode="demo" />);
    expect(screen.getByRole('status')).toHaveTextContent('Looking for calls…');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const review = rows[2] as HTMLElement;
    expect(within(review).getByRole('link', { name: 'Quarterly review' })).toHaveAttribute(
      'href',
      `?account=${ACCOUNT}&app=${APP}&session=182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e`,
    );
    expect(review).toHaveTextContent('2026-09-15 10:00:00');
    expect(review).toHaveTextContent('2026-09-15 10:44:19');
    expect(review).toHaveTextContent('0:44:19');
    expect(review).toHaveTextContent('7');
    const standup = rows[1] as HTMLElement;
    expect(within(standup).getByText('live')).toBeInTheDocument();
    expect(standup).toHaveTextContent('so far');
    expect(standup).toHaveTextContent('4 in it now');
    expect(screen.getByText('1–2 of 2')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Pages of calls' })).toBeNull();
  });

  it('offers the next page when there are more calls than one page holds', async () => {
    const page = Array.from({ length: 25 }, (_, index) => ({ ...ended, id: `182bd5e5-6e1a-4fe4-a799-${String(index).padStart(12, '0')}` }));
    answers.push(() => Response.json({ success: true, data: { sessions: page }, paging: { start_offset: 25, end_offset: 50, total_count: 60 } }));
    renderWith(<SessionsResults search={{ ...search, page: 2 }} mode="demo" />);
    const paging = await screen.findByRole('navigation', { name: 'Pages of calls' });
    expect(within(paging).getByRole('link', { name: '← Previous page' })).toHaveAttribute('href', `?account=${ACCOUNT}&app=${APP}&q=review`);
    expect(within(paging).getByRole('link', { name: 'Next page →' })).toHaveAttribute('href', `?account=${ACCOUNT}&app=${APP}&q=review&page=3`);
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();
  });

  it('says when nothing matches, and how to widen the search', async () => {
    answers.push(() => Response.json({ success: true, data: { sessions: [] }, paging: { total_count: 0 } }));
    renderWith(<SessionsResults search={search} mode="demo" />);
    expect(await screen.findByText(/No call matches this search/)).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('counts entries it could not read rather than dropping them silently', async () => {
    answers.push(() => Response.json({ success: true, data: { sessions: [ended, { meeting_display_name: 'no id' }] } }));
    renderWith(<SessionsResults search={search} mode="demo" />);
    expect(await screen.findByText(/One entry of this page had no session ID and is not shown/)).toBeInTheDocument();
  });

  it('names the failure and offers to retry, then shows the calls', async () => {
    answers.push(() => Response.json({ success: false, errors: [{ code: 971, message: 'Please wait' }] }, { status: 429 }));
    answers.push(() => Response.json({ success: true, data: { sessions: [ended] } }));
    renderWith(<SessionsResults search={search} mode="live" />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Rate limited (429)');
    expect(alert).toHaveTextContent('Please wait');
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Quarterly review' })).toBeInTheDocument();
    expect(requested).toHaveLength(2);
  });

  it('says an unknown app is unknown, without a retry', async () => {
    answers.push(() => Response.json({ success: false, error: { code: 404, message: `No app found with id ${APP}` } }, { status: 404 }));
    renderWith(<SessionsResults search={search} mode="live" />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No such app in this account (404)');
    expect(within(alert).queryByRole('button')).toBeNull();
  });
});
