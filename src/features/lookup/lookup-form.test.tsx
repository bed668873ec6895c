import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import { LookupForm } from './lookup-form.tsx';

const empty = { accountId: '', appId: '', peerId: '', filters: [...REPORT_FILTERS], includePeerEvents: true };
const peer = '6513270e-269e-4d37-b2a7-4de452e6b438';

describe('LookupForm', () => {
  it('submits a valid lookup with the ticked filters', async () => {
    const onSubmit = vi.fn();
    render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} />);
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
    const { rerender } = render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Peer ID'), peer);
    await user.type(screen.getByLabelText('App ID'), 'typed-app');
    rerender(<LookupForm initial={{ ...empty, accountId: 'acc-from-config', appId: 'demo-app' }} busy={false} onSubmit={onSubmit} />);
    expect(screen.getByLabelText('Peer ID')).toHaveValue(peer);
    expect(screen.getByLabelText('App ID')).toHaveValue('typed-app');
    expect(screen.getByLabelText('Account ID')).toHaveValue('acc-from-config');
  });

  it('keeps a field the user emptied empty when the defaults arrive', async () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} />);
    const user = userEvent.setup();
    // Typed and deleted again: the field holds what it held before, but the user chose it.
    await user.type(screen.getByLabelText('App ID'), 'x');
    await user.clear(screen.getByLabelText('App ID'));
    rerender(<LookupForm initial={{ ...empty, accountId: 'acc-from-config', appId: 'demo-app' }} busy={false} onSubmit={onSubmit} />);
    expect(screen.getByLabelText('App ID')).toHaveValue('');
    expect(screen.getByLabelText('Account ID')).toHaveValue('acc-from-config');
  });

  it('shows each problem beside its field and does not submit', async () => {
    const onSubmit = vi.fn();
    render(<LookupForm initial={empty} busy={false} onSubmit={onSubmit} />);
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
    render(<LookupForm initial={empty} busy={false} onSubmit={vi.fn()} initialErrors={{ peerId: 'Peer ID is a UUID.' }} />);
    expect(screen.getByText('Peer ID is a UUID.')).toBeInTheDocument();
    await userEvent.setup().type(screen.getByLabelText('Peer ID'), 'x');
    expect(screen.queryByText('Peer ID is a UUID.')).not.toBeInTheDocument();
  });

  it('needs at least one report part', async () => {
    const onSubmit = vi.fn();
    render(
      <LookupForm initial={{ ...empty, accountId: 'abc', appId: 'app', peerId: peer, filters: ['events'] }} busy={false} onSubmit={onSubmit} />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: /^Events/ }));
    await user.click(screen.getByRole('button', { name: 'Fetch report' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Tick at least one part of the report to fetch.');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
