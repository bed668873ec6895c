import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { JsonTree } from './json-tree.tsx';

const REPORT = {
  participant: {
    id: 'peer-1',
    display_name: 'Dana',
    left_at: null,
    is_host: false,
    peer_report: {
      quality: {
        audio_producer: [{ rtt: 0.011 }, { rtt: 0.012 }, { rtt: 0.013 }, { rtt: 0.048, jitter: 0.004 }],
      },
      metadata: { sdp: ['v=0\r\n' + 'a=candidate:1 1 udp 1 192.0.2.1 5000 typ host\r\n'.repeat(10)] },
    },
  },
};

// userEvent.setup() installs a clipboard stub; tests read what was copied back from it.
function clipboardText(): Promise<string> {
  return navigator.clipboard.readText();
}

function toggle(name: string | RegExp): HTMLElement {
  return screen.getByRole('button', { name, expanded: undefined });
}

function rowOf(element: HTMLElement): HTMLElement {
  const row = element.closest('li')?.firstElementChild;
  if (!(row instanceof HTMLElement)) throw new Error('no row');
  return row;
}

describe('JsonTree', () => {
  it('opens the root and its children, and keeps deeper containers closed', () => {
    render(<JsonTree value={REPORT} label="data" />);
    expect(toggle(/^data/)).toHaveAttribute('aria-expanded', 'true');
    expect(toggle(/^participant/)).toHaveAttribute('aria-expanded', 'true');
    expect(toggle(/^peer_report/)).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: /^quality/ })).toBeNull();
    expect(within(toggle(/^participant/)).getByText('{5 keys}')).toBeInTheDocument();
  });

  it('expands and collapses on click', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.click(toggle(/^peer_report/));
    expect(toggle(/^peer_report/)).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle(/^quality/));
    await user.click(toggle(/^audio_producer/));
    expect(screen.getByText('[4 items]')).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^\d+\{/ })).toHaveLength(4);
    await user.click(toggle(/^peer_report/));
    expect(toggle(/^peer_report/)).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: /^quality/ })).toBeNull();
  });

  it('shows strings quoted and other types bare, so types read without colour', () => {
    render(<JsonTree value={REPORT} label="data" />);
    const participant = toggle(/^participant/).closest('li') as HTMLElement;
    expect(within(participant).getByText('"Dana"')).toHaveAttribute('data-kind', 'string');
    expect(within(participant).getByText('null')).toHaveAttribute('data-kind', 'null');
    expect(within(participant).getByText('false')).toHaveAttribute('data-kind', 'boolean');
  });

  it('renders markup in values as text', () => {
    render(<JsonTree value={{ note: '<img src=x onerror="alert(1)">' }} label="data" />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('"<img src=x onerror="alert(1)">"')).toBeInTheDocument();
  });

  it('searches keys and values, opens the paths to matches and counts them', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw report' }), 'jitter');
    expect(await screen.findByText('1 match.')).toBeInTheDocument();
    expect(toggle(/^peer_report/)).toHaveAttribute('aria-expanded', 'true');
    expect(toggle(/^3\{/)).toHaveAttribute('aria-expanded', 'true');
    const mark = screen.getByText('jitter', { selector: 'mark' });
    expect(within(rowOf(mark)).getByText('0.004')).toBeInTheDocument();
    expect(toggle(/^0\{/)).toHaveAttribute('aria-expanded', 'false');

    await user.clear(screen.getByRole('searchbox'));
    await user.type(screen.getByRole('searchbox'), 'rtt');
    expect(await screen.findByText('4 matches.')).toBeInTheDocument();
    expect(screen.getAllByText('rtt', { selector: 'mark' })).toHaveLength(4);
  });

  it('lets the user close a path the search opened', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'jitter');
    await screen.findByText('1 match.');
    await user.click(toggle(/^quality/));
    expect(toggle(/^quality/)).toHaveAttribute('aria-expanded', 'false');
  });

  it('asks for two characters and says when nothing matches', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'z');
    expect(screen.getByText('Type at least 2 characters.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'zq');
    expect(await screen.findByText('No matches.')).toBeInTheDocument();
  });

  it('copies a node path in the dotted and indexed form', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'jitter');
    await screen.findByText('1 match.');
    const row = rowOf(screen.getByText('0.048'));
    await user.click(within(row).getByRole('button', { name: 'Copy path of rtt' }));
    expect(await clipboardText()).toBe('data.participant.peer_report.quality.audio_producer[3].rtt');
    expect(await screen.findByText('Copied the path data.participant.peer_report.quality.audio_producer[3].rtt.')).toBeInTheDocument();
  });

  it('copies values: strings raw, containers as JSON', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.click(within(rowOf(screen.getByText('"Dana"'))).getByRole('button', { name: 'Copy value of display_name' }));
    expect(await clipboardText()).toBe('Dana');
    await user.click(within(rowOf(toggle(/^peer_report/))).getByRole('button', { name: 'Copy value of peer_report' }));
    expect(JSON.parse(await clipboardText())).toEqual(REPORT.participant.peer_report);
    await user.click(within(rowOf(toggle(/^data/))).getByRole('button', { name: 'Copy path of data' }));
    expect(await clipboardText()).toBe('data');
  });

  it('draws 200 children at a time', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 450 }, (_, i) => i * 10);
    render(<JsonTree value={{ items }} label="data" />);
    expect(screen.getByText('1990')).toBeInTheDocument();
    expect(screen.queryByText('2000')).toBeNull();
    // Text queries: role queries over hundreds of rows are slow in jsdom.
    await user.click(screen.getByText('Show 200 more (250 not shown)'));
    expect(screen.getByText('3990')).toBeInTheDocument();
    await user.click(screen.getByText('Show 50 more (50 not shown)'));
    expect(screen.getByText('4490')).toBeInTheDocument();
    expect(screen.queryByText(/more \(/)).toBeNull();
  });

  it('pages far enough to show a match beyond the first 200 children', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 450 }, (_, i) => (i === 321 ? 'needle' : `hay ${i}`));
    render(<JsonTree value={{ items }} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'needle');
    expect(await screen.findByText('needle', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText('Show 50 more (50 not shown)')).toBeInTheDocument();
  });

  it('folds long strings and shows them whole on request', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.click(toggle(/^peer_report/));
    await user.click(toggle(/^metadata/));
    await user.click(toggle(/^sdp/));
    const sdp = REPORT.participant.peer_report.metadata.sdp[0] ?? '';
    const button = screen.getByRole('button', { name: `show all (${sdp.length} chars)` });
    const value = rowOf(button).querySelector('[data-kind="string"]');
    expect(value?.textContent).toBe(`"${sdp.slice(0, 200)}…`);
    await user.click(button);
    expect(value?.textContent).toBe(`"${sdp}"`);
    expect(screen.getByRole('button', { name: 'show less' })).toBeInTheDocument();
  });

  it('reports a failed copy', async () => {
    const writeText = vi.fn(() => Promise.reject(new Error('denied')));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    document.execCommand = vi.fn(() => false);
    render(<JsonTree value={{ a: 1 }} label="data" />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy value of a' }));
    });
    expect(await screen.findByText('Could not copy the value of data.a.')).toBeInTheDocument();
    expect(writeText).toHaveBeenCalledWith('1');
  });
});
