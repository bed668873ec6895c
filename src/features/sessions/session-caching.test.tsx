import { focusManager, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import type { Lookup } from '../../lib/lookup.ts';
import type { SessionRef } from '../../lib/session-search.ts';
import { makeReport, series, stream } from '../../report/test-support/test-report.ts';
import { ReportPivots } from './report-pivots.tsx';
import { SessionPage } from './session-page.tsx';

// What the session screens ask the API for, counted request by request: an ended session is
// read once however often one pivots between it and its reports; a live one's participants
// are read again every 30 s and when the window regains focus; no screen reads a report.

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const SESSION = '182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e';
const ref: SessionRef = { accountId: ACCOUNT, appId: APP, sessionId: SESSION };
const BASE = `/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/${SESSION}`;
const page = (n: number) => `${BASE}/participants?sort_by=joinedAt&sort_order=ASC&page_no=${n}&per_page=100`;

/** 10:20:00 UTC: 06:20:00 in New York (summer time), the zone the screens are shown in. */
const START = Date.UTC(2026, 8, 15, 10, 20, 0);
const ZONE = 'America/New_York';

function peer(n: number): string {
  return `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function attendee(n: number, live: boolean) {
  return {
    id: peer(n),
    display_name: `Attendee ${n}`,
    user_id: `user-${n}`,
    joined_at: new Date(Date.UTC(2026, 8, 15, 10, 0, n)).toISOString(),
    ...(live ? {} : { left_at: '2026-09-15T11:00:00.000Z', duration: 59 }),
  };
}

let status: 'LIVE' | 'ENDED';
/** The API answers 404 for the session and its participants. */
let unknown: boolean;
let requested: string[];

beforeEach(() => {
  vi.useFakeTimers({ now: START, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  status = 'ENDED';
  unknown = false;
  requested = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const target = `${url.pathname}${url.search}`;
      requested.push(target);
      const live = status === 'LIVE';
      if (unknown) return Response.json({ success: false, error: { code: 404, message: `No session found with id ${SESSION}` } }, { status: 404 });
      if (url.pathname === BASE) {
        return Response.json({
          success: true,
          data: { id: SESSION, meeting_display_name: 'Quarterly review', status, started_at: '2026-09-15T10:00:00.000Z', ...(live ? {} : { ended_at: '2026-09-15T11:00:00.000Z' }) },
        });
      }
      // Two pages: a full one of 100 joins, then 20 more.
      if (target === page(1)) return Response.json({ success: true, data: { participants: Array.from({ length: 100 }, (_, i) => attendee(i + 1, live)) } });
      if (target === page(2)) return Response.json({ success: true, data: { participants: Array.from({ length: 20 }, (_, i) => attendee(i + 101, live)) } });
      throw new Error(`unexpected request ${target}`);
    }),
  );
});

afterEach(() => {
  focusManager.setFocused(undefined);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function newClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false } } });
}

function screens(client: QueryClient, children: ReactNode) {
  return (
    <QueryClientProvider client={client}>
      <TimeZoneProvider zone={ZONE}>{children}</TimeZoneProvider>
    </QueryClientProvider>
  );
}

/** Lets fetches resolve and timers due within `ms` run, as the browser would. */
async function pass(ms: number) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/** Waits (in fake time, 50 ms at a step) until `check` passes. */
async function until(check: () => void) {
  for (let step = 0; step < 40; step += 1) {
    try {
      check();
      return;
    } catch {
      await pass(50);
    }
  }
  check();
}

const sessionPage = <SessionPage session={ref} mode="demo" />;
const listed = () => expect(screen.getByTestId('people-count')).toHaveTextContent('120 people, 120 joins');

const lookup: Lookup = { accountId: ACCOUNT, appId: APP, peerId: peer(1), filters: ['events', 'quality_stats'], includePeerEvents: true };
const report = makeReport({
  participant: { ...makeReport().participant, sessionId: SESSION },
  streams: [stream('video', 'receive', series('fps', [30, 30, 30], { kind: 'video' }), peer(2))],
});
const reportPivots = (
  <ReportPivots lookup={lookup} report={report}>
    <p>the report</p>
  </ReportPivots>
);

function focusAgain() {
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });
}

describe('an ended session', () => {
  it('is read once: back and forth between it and a report, then a long while elsewhere, costs no request', async () => {
    const client = newClient();
    const view = render(screens(client, sessionPage));
    await until(listed);
    expect(requested).toEqual([BASE, page(1), page(2)]);

    // To a participant's report: the session and its people beside it come from what was read.
    view.rerender(screens(client, reportPivots));
    await until(() => expect(screen.getByText('Quarterly review')).toBeInTheDocument());
    // Back to the session.
    view.rerender(screens(client, sessionPage));
    await until(listed);
    // Away from every screen that shows the session (a comparison) for 20 minutes, then Back.
    view.rerender(screens(client, <p>a comparison</p>));
    await pass(20 * 60_000);
    view.rerender(screens(client, sessionPage));
    await until(listed);
    focusAgain();
    await pass(2 * 60_000);

    expect(requested).toEqual([BASE, page(1), page(2)]);
    expect(screen.queryByTestId('participants-updated')).toBeNull();
  });
});

describe('a live session', () => {
  beforeEach(() => {
    status = 'LIVE';
  });

  it('reads its participants again every 30 s, and says when, on the display clock', async () => {
    render(screens(newClient(), sessionPage));
    await until(listed);
    expect(screen.getByTestId('participants-updated')).toHaveTextContent('Updated 06:20:00 · refreshing every 30 s');
    const reads = () => requested.filter((target) => target.includes('/participants')).length;
    expect(reads()).toBe(2);

    await pass(30_000);
    await until(() => expect(reads()).toBe(4));
    await until(() => expect(screen.getByTestId('participants-updated')).toHaveTextContent('Updated 06:20:30 · refreshing every 30 s'));
    await pass(30_000);
    await until(() => expect(reads()).toBe(6));
    // Every read asks for the same two pages, in order: the list as a whole, not a page twice.
    expect(requested.filter((target) => target.includes('/participants'))).toEqual([page(1), page(2), page(1), page(2), page(1), page(2)]);
  });

  it('reads its participants again when the window regains focus', async () => {
    render(screens(newClient(), sessionPage));
    await until(listed);
    const before = requested.length;
    await pass(5000);
    focusAgain();
    await until(() => expect(requested.slice(before).filter((target) => target.includes('/participants'))).toEqual([page(1), page(2)]));
    expect(requested.slice(before)).toContain(BASE);
  });
});

describe('a session the API does not know', () => {
  it('is asked for once, not again every 30 s: the page offers to try again instead', async () => {
    unknown = true;
    render(screens(newClient(), sessionPage));
    await until(() => expect(screen.getAllByRole('alert')[0]).toHaveTextContent('No such session in this app (404)'));
    expect(requested).toEqual([BASE, page(1)]);
    await pass(5 * 60_000);
    expect(requested).toEqual([BASE, page(1)]);
  });
});
