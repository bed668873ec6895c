import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SenderActions } from '../../components/sender-links.tsx';
import { useSenderNames } from '../../components/sender-names.tsx';
import type { Lookup } from '../../lib/lookup.ts';
import { makeReport, series, stream } from '../../report/test-support/test-report.ts';
import { ReportPivots } from './report-pivots.tsx';

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const SELF = 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450';
const PRIYA = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';
const KWAME = 'bbbbbbbb-0000-4000-8000-000000000002';
const lookup: Lookup = { accountId: ACCOUNT, appId: APP, peerId: SELF, filters: ['events', 'quality_stats'], includePeerEvents: false };

const report = makeReport({
  participant: { ...makeReport().participant, sessionId: SESSION },
  streams: [
    stream('video', 'receive', series('fps', [30, 30, 30], { kind: 'video' }), PRIYA),
    stream('audio', 'receive', series('lossPercent', [0, 0, 0]), KWAME),
  ],
});

const join = (id: string, name: string, user: string) => ({
  id,
  display_name: name,
  user_id: user,
  custom_participant_id: `crm-${user}`,
  joined_at: '2026-09-14T13:00:00.000Z',
  left_at: '2026-09-14T13:30:00.000Z',
  duration: 30,
});

let requested: string[];
let participants: () => Response;

beforeEach(() => {
  requested = [];
  participants = () =>
    Response.json({ success: true, data: { participants: [join(SELF, 'Mei Chen', 'mei'), join(PRIYA, 'Priya Raman', 'priya'), join(KWAME, 'Kwame Asante', 'kwame')] } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      requested.push(`${url.pathname}${url.search}`);
      if (url.pathname.endsWith(`/sessions/${SESSION}`)) {
        return Response.json({
          success: true,
          data: { id: SESSION, meeting_display_name: 'Quarterly review', status: 'ENDED', started_at: '2026-09-14T13:00:00.000Z', ended_at: '2026-09-14T13:30:00.000Z' },
        });
      }
      if (url.pathname.endsWith('/participants')) return participants();
      if (url.pathname.endsWith(`/participants/${KWAME}`)) return Response.json({ success: true, data: { participant: join(KWAME, 'Kwame Asante', 'kwame') } });
      throw new Error(`unexpected request ${url.pathname}`);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function NameProbe() {
  const names = useSenderNames();
  return <p data-testid="names">{[PRIYA, KWAME].map((peer) => names.get(peer)?.name ?? '?').join(' / ')}</p>;
}

function renderPivots() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <ReportPivots lookup={lookup} report={report}>
        <NameProbe />
        <SenderActions peerId={PRIYA} />
      </ReportPivots>
    </QueryClientProvider>,
  );
}

describe('ReportPivots', () => {
  it('names every remote sender from the session’s participants, and links each to their report and a comparison', async () => {
    renderPivots();
    expect(await screen.findByText('Priya Raman / Kwame Asante')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Priya Raman’s report' })).toHaveAttribute(
      'href',
      `?account=${ACCOUNT}&app=${APP}&peer=${PRIYA}&filters=events,quality_stats`,
    );
    expect(screen.getByRole('link', { name: 'Compare with what Priya Raman sent' })).toHaveAttribute(
      'href',
      `?account=${ACCOUNT}&app=${APP}&peer=${SELF}&filters=events,quality_stats&compare=${PRIYA}`,
    );
    // The session and the participants list: nothing per participant, the list had them all.
    expect(requested).toEqual([
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}`,
      `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants?sort_by=joinedAt&sort_order=ASC&page_no=1&per_page=100`,
    ]);
  });

  it('leads to the session and the others in it, one click each', async () => {
    renderPivots();
    const heading = await screen.findByRole('heading', { name: /In session/ });
    expect(await within(heading).findByRole('link', { name: 'Quarterly review' })).toHaveAttribute(
      'href',
      `?account=${ACCOUNT}&app=${APP}&session=${SESSION}`,
    );
    const others = await screen.findByRole('navigation', { name: 'Others in this call' });
    expect(within(others).getAllByRole('link').map((link) => link.textContent)).toEqual(['Priya Raman', 'Kwame Asante']);
  });

  it('asks for a sender missing from the first page of a long list on its own', async () => {
    const crowd = Array.from({ length: 100 }, (_, index) => join(`aaaaaaaa-0000-4000-8000-${String(index).padStart(12, '0')}`, `Attendee ${index}`, `a${index}`));
    crowd[0] = join(PRIYA, 'Priya Raman', 'priya');
    participants = () => Response.json({ success: true, data: { participants: crowd } });
    renderPivots();
    expect(await screen.findByText('Priya Raman / Kwame Asante')).toBeInTheDocument();
    expect(requested).toContain(`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}/participants/${KWAME}`);
    expect(requested.filter((target) => target.includes('/participants/'))).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'and 85 more in the session' })).toBeInTheDocument();
  });

  it('keeps the report when the session cannot be read, and says so', async () => {
    participants = () => Response.json({ success: false, error: { code: 404, message: 'No session' } }, { status: 404 });
    renderPivots();
    expect(await screen.findByText(/Could not read the other participants: No such session in this app \(404\)/)).toBeInTheDocument();
    expect(screen.getByTestId('names')).toHaveTextContent('? / ?');
  });
});
