import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './app.tsx';

// A report link another site opened arrives with confirm=1 (the server adds it): the page
// shows the lookup, asks, and sends no report request until the user says so.

const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
const PEER = 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450';
const LINK = `?account=${ACCOUNT}&app=${APP}&peer=${PEER}&filters=device_info,events&peerEvents=1`;

let requested: string[];

function answer(url: string): Response {
  if (url.endsWith('/api/config')) return Response.json({ mode: 'live', defaultAccountId: null });
  // The report itself: any answer will do, the test is about whether it was asked for.
  return Response.json({ success: false, errors: [{ code: 404, message: 'No user found' }] }, { status: 404 });
}

beforeEach(() => {
  requested = [];
  // jsdom has no matchMedia; the display settings ask it for the system theme.
  vi.stubGlobal('matchMedia', (media: string) => ({ matches: false, media, addEventListener: () => undefined, removeEventListener: () => undefined }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = input instanceof Request ? input.url : String(input);
      requested.push(new URL(url).pathname);
      return answer(url);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

function renderAt(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );
}

const reportRequests = () => requested.filter((path) => path.includes('/peer-report/'));

describe('a report link opened from another site', () => {
  it('shows the lookup and asks, and fetches nothing until asked', async () => {
    const user = userEvent.setup();
    renderAt(`${LINK}&confirm=1`);
    const prompt = await screen.findByRole('region', { name: 'Open this report?' });
    expect(within(prompt).getByText(/opened from another site/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Peer ID/)).toHaveValue(PEER);
    // The configuration's answer is drawn: the page has mounted and sent what it sends on its own.
    await screen.findByText('Live: Cloudflare API');
    expect(requested).toEqual(['/api/config']);

    await user.click(within(prompt).getByRole('button', { name: 'Open report' }));
    await screen.findByText(/The API found no participant/);
    expect(reportRequests()).toEqual([`/api/accounts/${ACCOUNT}/realtime/kit/${APP}/sessions/peer-report/${PEER}`]);
    expect(window.location.search).toBe(LINK);
    expect(screen.queryByRole('region', { name: 'Open this report?' })).toBeNull();
  });

  it('fetches on the form’s own button too, and drops the question from the address', async () => {
    const user = userEvent.setup();
    renderAt(`${LINK}&confirm=1`);
    await screen.findByRole('region', { name: 'Open this report?' });
    await user.click(screen.getByRole('button', { name: /Fetch report/ }));
    await screen.findByText(/The API found no participant/);
    expect(reportRequests()).toHaveLength(1);
    expect(window.location.search).toBe(LINK);
  });

  it('loads at once without confirm=1', async () => {
    renderAt(LINK);
    await screen.findByText(/The API found no participant/);
    expect(reportRequests()).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Open this report?' })).toBeNull();
  });
});
