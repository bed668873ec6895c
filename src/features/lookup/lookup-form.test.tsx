import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import { LookupForm } from './lookup-form.tsx';

const empty = { accountId: '', appId: '', peerId: '', filters: [...REPORT_FILTERS], includePeerEvents: true };
const peer = '6513270e-269e-4d37-b2a7-4de452e6b438';

describe('LookupForm', () => {
  it('submits a valid lookup with the ticked filters', async () => {
    const onSubmit = vi.fn();
    render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Account ID'), 'abc123');
    await user.type(screen.getByLabelText('App ID'), 'my-app');
    await user.type(screen.getByLabelText('Peer ID'), peer);
    await user.click(screen.getByRole('checkbox', { name: /^Quality stats/ }));
    await user.click(screen.getByRole('button', { name: 'Fetch report' }));
    expect(onSubmit).toHaveBeenCalledWith({
      accountId: 'abc123',
      appId: 'my-app',
      peerId: peer,
      filters: ['device_info', 'ip_information', 'precall_network_information', 'events'],
      includePeerEvents: true,
    });
  });

  it('keeps what was typed when the server’s defaults arrive, and fills the fields left alone', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Peer ID'), peer);
    await user.type(screen.getByLabelText('App ID'), 'typed-app');
    rerender(<LookupForm initial={{ ...empty, accountId: 'acc-from-config', appId: 'demo-app' }} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    expect(screen.getByLabelText('Peer ID')).toHaveValue(peer);
    expect(screen.getByLabelText('App ID')).toHaveValue('typed-app');
    expect(screen.getByLabelText('Account ID')).toHaveValue('acc-from-config');
  });

  it('keeps a field the user emptied empty when the defaults arrive', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    const user = userEvent.setup();
    // Typed and deleted again: the field holds what it held before, but the user chose it.
    await user.type(screen.getByLabelText('App ID'), 'x');
    await user.clear(screen.getByLabelText('App ID'));
    rerender(<LookupForm initial={{ ...empty, accountId: 'acc-from-config', appId: 'demo-app' }} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    expect(screen.getByLabelText('App ID')).toHaveValue('');
    expect(screen.getByLabelText('Account ID')).toHaveValue('acc-from-config');
  });

  it('shows each problem beside its field and does not submit', async () => {
    const onSubmit = vi.fn();
    render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Peer ID'), 'nope{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    const peerInput = screen.getByLabelText('Peer ID');
    expect(peerInput).toHaveAttribute('aria-invalid', 'true');
    expect(peerInput).toHaveAccessibleDescription(/Peer ID is a UUID/);
    expect(screen.getByLabelText('Account ID')).toHaveAccessibleDescription('Enter the Cloudflare account ID.');
    expect(screen.getByLabelText('Account ID')).toHaveFocus();
  });

  it('clears a field’s message once it is edited', async () => {
    render(<LookupForm initial={empty} busy={false} onSubmit={vi.fn()} onSearch={vi.fn()} initialErrors={{ peerId: 'Peer ID is a UUID.' }} />);
    expect(screen.getByText('Peer ID is a UUID.')).toBeInTheDocument();
    await userEvent.setup().type(screen.getByLabelText('Peer ID'), 'x');
    expect(screen.queryByText('Peer ID is a UUID.')).not.toBeInTheDocument();
  });

  it('needs at least one report part', async () => {
    const onSubmit = vi.fn();
    render(
      <LookupForm initial={{ ...empty, accountId: 'abc', appId: 'app', peerId: peer, filters: ['events'] }} busy={false} onSubmit={onSubmit} onSearch={vi.fn()} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: /^Events/ }));
    await user.click(screen.getByRole('button', { name: 'Fetch report' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick at least one part of the report to fetch.');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});

describe('LookupForm: finding a call', () => {
  const ACCOUNT = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
  const APP = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';
  const filled = { ...empty, accountId: ACCOUNT, appId: APP };

  afterEach(() => {
    vi.useRealTimers();
  });

  it('searches by meeting, with the status and sort, on Enter in the search', async () => {
    const onSearch = vi.fn();
    const onSubmit = vi.fn();
    render(<LookupForm initial={filled} busy={false} onSubmit={onSubmit} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Status'), 'Ended');
    await user.selectOptions(screen.getByLabelText('Sort'), 'Most minutes first');
    await user.type(screen.getByLabelText('Meeting or session'), 'Quarterly review{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(onSearch).toHaveBeenCalledWith({
      accountId: ACCOUNT,
      appId: APP,
      text: 'Quarterly review',
      from: null,
      to: null,
      status: 'ended',
      sort: 'most-minutes',
      page: 1,
    });
  });

  it('counts a preset back from the moment of the search', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 2, 21, 30, 0), toFake: ['Date'] });
    const onSearch = vi.fn();
    render(<LookupForm initial={filled} busy={false} onSubmit={vi.fn()} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('When'), 'Last 7 days');
    await user.click(screen.getByRole('button', { name: 'Find calls' }));
    expect(onSearch).toHaveBeenCalledWith(expect.objectContaining({ from: Date.UTC(2026, 10, 25, 21, 30, 0), to: null }));
  });

  it('takes a custom range in the viewer’s zone', async () => {
    const onSearch = vi.fn();
    render(<LookupForm initial={filled} busy={false} onSubmit={vi.fn()} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('When'), 'Custom range');
    // The dom tests run in America/Los_Angeles: 13:00 on 14 September is 20:00 UTC (summer time).
    await user.type(screen.getByLabelText('From'), '2026-09-14T13:00');
    await user.type(screen.getByLabelText('To'), '2026-09-14T17:30');
    await user.click(screen.getByRole('button', { name: 'Find calls' }));
    expect(onSearch).toHaveBeenCalledWith(expect.objectContaining({ from: Date.UTC(2026, 8, 14, 20, 0), to: Date.UTC(2026, 8, 15, 0, 30) }));
  });

  it('shows what is wrong beside the field and searches nothing', async () => {
    const onSearch = vi.fn();
    render(<LookupForm initial={empty} busy={false} onSubmit={vi.fn()} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('When'), 'Custom range');
    await user.type(screen.getByLabelText('From'), '2026-09-14T18:00');
    await user.type(screen.getByLabelText('To'), '2026-09-14T09:00');
    await user.click(screen.getByRole('button', { name: 'Find calls' }));
    expect(onSearch).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Account ID')).toHaveAccessibleDescription('Enter the Cloudflare account ID.');
    expect(screen.getByLabelText('Account ID')).toHaveFocus();
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription('To is before From: pick a later end.');
  });

  it('asks for a start or an end when the custom range is left empty', async () => {
    const onSearch = vi.fn();
    render(<LookupForm initial={filled} busy={false} onSubmit={vi.fn()} onSearch={onSearch} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('When'), 'Custom range');
    await user.click(screen.getByRole('button', { name: 'Find calls' }));
    expect(onSearch).not.toHaveBeenCalled();
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription('Pick a start, an end or both, or choose Any time.');
  });

  it('shows the search of the address bar again', () => {
    render(
      <LookupForm
        initial={filled}
        initialSearch={{ accountId: ACCOUNT, appId: APP, text: 'standup', from: '2026-09-14T20:00:00.000Z', to: '', status: 'live', sort: 'oldest', page: '2' }}
        busy={false}
        onSubmit={vi.fn()}
        onSearch={vi.fn()}
      />,
    );
    expect(screen.getByLabelText('Meeting or session')).toHaveValue('standup');
    expect(screen.getByLabelText('When')).toHaveValue('custom');
    expect(screen.getByLabelText('From')).toHaveValue('2026-09-14T13:00');
    expect(screen.getByLabelText('Status')).toHaveValue('live');
    expect(screen.getByLabelText('Sort')).toHaveValue('oldest');
  });

  it('fetches a report on Enter in the peer ID, not a search', async () => {
    const onSearch = vi.fn();
    const onSubmit = vi.fn();
    render(<LookupForm initial={filled} busy={false} onSubmit={onSubmit} onSearch={onSearch} />);
    await userEvent.setup().type(screen.getByLabelText('Peer ID'), `${peer}{Enter}`);
    expect(onSearch).not.toHaveBeenCalled();
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ peerId: peer }));
  });
});
