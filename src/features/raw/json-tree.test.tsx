import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { downloadBlob } from '../../lib/download.ts';
import type * as DownloadModule from '../../lib/download.ts';
import { JsonTree } from './json-tree.tsx';

vi.mock('../../lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof DownloadModule>()),
  downloadBlob: vi.fn(),
}));

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

function item(name: string | RegExp): HTMLElement {
  return screen.getByRole('treeitem', { name });
}

function focusedItem(): HTMLElement {
  const focused = document.activeElement;
  if (!(focused instanceof HTMLElement) || focused.getAttribute('role') !== 'treeitem') throw new Error('no tree item has focus');
  return focused;
}

/** The value's text as drawn, quotes and ellipses included. */
function stringText(row: HTMLElement): string {
  return row.querySelector('[data-kind="string"]')?.textContent ?? '';
}

describe('JsonTree as a tree', () => {
  it('is a tree of items with their level, place and state, the root and its children open', () => {
    render(<JsonTree value={REPORT} label="data" />);
    expect(screen.getByRole('tree', { name: 'Raw JSON: data' })).toBeInTheDocument();
    const root = item(/^data/);
    expect(root).toHaveAttribute('aria-level', '1');
    expect(root).toHaveAttribute('aria-expanded', 'true');
    const participant = item(/^participant \{5 keys\}/);
    expect(participant).toHaveAttribute('aria-expanded', 'true');
    expect(participant).toHaveAttribute('aria-level', '2');
    expect(participant).toHaveAttribute('aria-setsize', '1');
    expect(participant).toHaveAttribute('aria-posinset', '1');
    const name = item('display_name: "Dana"');
    expect(name).toHaveAttribute('aria-level', '3');
    expect(name).toHaveAttribute('aria-posinset', '2');
    expect(name).toHaveAttribute('aria-setsize', '5');
    expect(name).not.toHaveAttribute('aria-expanded');
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: /^quality/ })).toBeNull();
  });

  it('is one tab stop: the first item, then the controls after the tree', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    const stops = screen.getAllByRole('treeitem').filter((element) => element.tabIndex === 0);
    expect(stops).toEqual([item(/^data/)]);
    await user.click(screen.getByRole('searchbox'));
    await user.tab();
    expect(focusedItem()).toBe(item(/^data/));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy path' }));
  });

  it('moves with Up, Down, Home and End', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    act(() => item(/^data/).focus());
    await user.keyboard('{ArrowDown}');
    expect(focusedItem()).toBe(item(/^participant/));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedItem()).toBe(item('display_name: "Dana"'));
    await user.keyboard('{ArrowUp}');
    expect(focusedItem()).toBe(item('id: "peer-1"'));
    await user.keyboard('{End}');
    expect(focusedItem()).toBe(item(/^peer_report/));
    await user.keyboard('{Home}');
    expect(focusedItem()).toBe(item(/^data/));
    expect(screen.getAllByRole('treeitem').filter((element) => element.tabIndex === 0)).toEqual([focusedItem()]);
  });

  it('opens with Right and moves into, closes with Left and moves out', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    act(() => item(/^data/).focus());
    await user.keyboard('{End}{ArrowRight}');
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'true');
    expect(focusedItem()).toBe(item(/^peer_report/));
    await user.keyboard('{ArrowRight}');
    expect(focusedItem()).toBe(item(/^quality/));
    expect(item(/^quality/)).toHaveAttribute('aria-level', '4');
    await user.keyboard('{ArrowLeft}');
    expect(focusedItem()).toBe(item(/^peer_report/));
    await user.keyboard('{ArrowLeft}');
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: /^quality/ })).toBeNull();
    // Left on a value, or on a closed container, goes to the parent.
    await user.keyboard('{ArrowLeft}');
    expect(focusedItem()).toBe(item(/^participant/));
  });

  it('toggles with Enter and Space, and on a click', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    act(() => item(/^data/).focus());
    await user.keyboard('{End}{Enter}');
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard(' ');
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'false');
    await user.click(item(/^peer_report/));
    await user.click(item(/^quality/));
    await user.click(item(/^audio_producer/));
    expect(item(/^audio_producer \[4 items\]/)).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByRole('treeitem', { name: /^\d+ \{/ })).toHaveLength(4);
    expect(focusedItem()).toBe(item(/^audio_producer/));
    await user.click(item(/^peer_report/));
    expect(screen.queryByRole('treeitem', { name: /^quality/ })).toBeNull();
  });
});

describe('JsonTree values', () => {
  it('shows strings quoted and other types bare, so types read without colour', () => {
    render(<JsonTree value={REPORT} label="data" />);
    expect(within(item('display_name: "Dana"')).getByText('"Dana"')).toHaveAttribute('data-kind', 'string');
    expect(within(item('left_at: null')).getByText('null')).toHaveAttribute('data-kind', 'null');
    expect(within(item('is_host: false')).getByText('false')).toHaveAttribute('data-kind', 'boolean');
  });

  it('renders markup in values as text', () => {
    render(<JsonTree value={{ note: '<img src=x onerror="alert(1)">' }} label="data" />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByText('"<img src=x onerror="alert(1)">"')).toBeInTheDocument();
  });

  it('draws 200 children at a time, the rest behind an item of its own', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 450 }, (_, i) => i * 10);
    render(<JsonTree value={{ items }} label="data" />);
    expect(screen.getByText('1990')).toBeInTheDocument();
    expect(screen.queryByText('2000')).toBeNull();
    // Text queries: role queries over hundreds of rows are slow in jsdom.
    const more = screen.getByText('Show 200 more (250 not shown)').closest('[role="treeitem"]');
    expect(more).toHaveAttribute('aria-level', '3');
    await user.click(screen.getByText('Show 200 more (250 not shown)'));
    expect(screen.getByText('3990')).toBeInTheDocument();
    // From the keyboard too.
    act(() => (screen.getByText('Show 50 more (50 not shown)').closest('[role="treeitem"]') as HTMLElement).focus());
    await user.keyboard('{Enter}');
    expect(screen.getByText('4490')).toBeInTheDocument();
    expect(screen.queryByText(/more \(/)).toBeNull();
    expect(screen.getByText('4490').closest('[role="treeitem"]')).toHaveAttribute('aria-posinset', '450');
    expect(screen.getByText('4490').closest('[role="treeitem"]')).toHaveAttribute('aria-setsize', '450');
  });

  it('folds long strings, and shows them on Enter or "show more"', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.click(item(/^peer_report/));
    await user.click(item(/^metadata/));
    await user.click(item(/^sdp/));
    const sdp = REPORT.participant.peer_report.metadata.sdp[0] ?? '';
    const row = item(/^0: "v=0/);
    expect(stringText(row)).toBe(`"${sdp.slice(0, 200)}…`);
    expect(within(row).getByText(`(${sdp.length} characters)`)).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'show more' }));
    expect(stringText(row)).toBe(`"${sdp}"`);
    expect(focusedItem()).toBe(row);
    await user.keyboard('{Enter}');
    expect(stringText(row)).toBe(`"${sdp.slice(0, 200)}…`);
    await user.keyboard(' ');
    expect(stringText(row)).toBe(`"${sdp}"`);
    await user.click(screen.getByRole('button', { name: 'Fold' }));
    expect(stringText(row)).toBe(`"${sdp.slice(0, 200)}…`);
  });
});

describe('JsonTree with a huge string', () => {
  // Five million characters: enough to show the page is a window, not the value.
  const HUGE = `${'0123456789'.repeat(500_000)}`;
  const VALUE = { blob: `${HUGE}needle${HUGE}` };
  const LENGTH = VALUE.blob.length;

  function drawnCharacters(): number {
    return document.querySelector('[role="tree"]')?.textContent?.length ?? 0;
  }

  it('shows it ten thousand characters at a time, never whole', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={VALUE} label="data" />);
    const row = item(/^blob/);
    expect(drawnCharacters()).toBeLessThan(400);
    await user.click(within(row).getByRole('button', { name: 'show more' }));
    expect(stringText(row)).toBe(`"${VALUE.blob.slice(0, 10_000)}…`);
    expect(within(row).getByText('(characters 1–10,000 of 10,000,006)')).toBeInTheDocument();
    const bar = screen.getByRole('group', { name: 'Focused node' });
    expect(within(bar).getByRole('button', { name: 'Previous 10,000 characters' })).toBeDisabled();
    await user.click(within(bar).getByRole('button', { name: 'Next 10,000 characters' }));
    expect(stringText(row)).toBe(`…${VALUE.blob.slice(10_000, 20_000)}…`);
    expect(drawnCharacters()).toBeLessThan(10_400);
    expect(LENGTH).toBe(10_000_006);
  });

  it('shows the text around a search match past the fold, not the value', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={VALUE} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'needle');
    const mark = await screen.findByText('needle', { selector: 'mark' });
    const row = mark.closest('[role="treeitem"]') as HTMLElement;
    expect(stringText(row)).toBe(`…${VALUE.blob.slice(5_000_000 - 80, 5_000_000 - 80 + 200)}…`);
    expect(within(row).getByText('(match at character 5,000,001 of 10,000,006)')).toBeInTheDocument();
    expect(drawnCharacters()).toBeLessThan(400);
    // Unfolded, it opens at the page that holds the match.
    await user.click(within(row).getByRole('button', { name: 'show more' }));
    expect(within(row).getByText('(characters 5,000,001–5,010,000 of 10,000,006)')).toBeInTheDocument();
    expect(within(row).getByText('needle', { selector: 'mark' })).toBeInTheDocument();
  });

  it('copies it whole with C, and saves it as a file', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={VALUE} label="data" />);
    act(() => item(/^blob/).focus());
    await user.keyboard('c');
    expect((await clipboardText()).length).toBe(LENGTH);
    await user.click(screen.getByRole('button', { name: 'Save the value as a file' }));
    const [blob, fileName] = vi.mocked(downloadBlob).mock.lastCall ?? [];
    expect(fileName).toBe('data-value-blob.txt');
    expect(blob?.size).toBe(LENGTH);
  });
});

describe('JsonTree search', () => {
  it('searches keys and values, opens the paths to matches and counts them', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw report' }), 'jitter');
    expect(await screen.findByText('1 match.')).toBeInTheDocument();
    expect(item(/^peer_report/)).toHaveAttribute('aria-expanded', 'true');
    expect(item(/^3 \{/)).toHaveAttribute('aria-expanded', 'true');
    const mark = screen.getByText('jitter', { selector: 'mark' });
    expect(mark.closest('[role="treeitem"]')).toHaveAccessibleName('jitter: 0.004');
    expect(item(/^0 \{/)).toHaveAttribute('aria-expanded', 'false');

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
    await user.click(item(/^quality/));
    expect(item(/^quality/)).toHaveAttribute('aria-expanded', 'false');
  });

  it('asks for two characters and says when nothing matches', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'z');
    expect(screen.getByText('Type at least 2 characters.')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox'), 'zq');
    expect(await screen.findByText('No matches.')).toBeInTheDocument();
  });

  it('pages far enough to show a match beyond the first 200 children', async () => {
    const user = userEvent.setup();
    const items = Array.from({ length: 450 }, (_, i) => (i === 321 ? 'needle' : `hay ${i}`));
    render(<JsonTree value={{ items }} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'needle');
    expect(await screen.findByText('needle', { selector: 'mark' })).toBeInTheDocument();
    expect(screen.getByText('Show 50 more (50 not shown)')).toBeInTheDocument();
  });
});

describe('JsonTree copying', () => {
  it('has one copy button per item, and C copies the focused item’s value', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    const items = screen.getAllByRole('treeitem');
    for (const row of items) expect(within(row).getAllByRole('button', { name: /^Copy/ })).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /^Copy value of / })).toHaveLength(items.length);

    await user.click(within(item('display_name: "Dana"')).getByRole('button', { name: 'Copy value of display_name' }));
    expect(await clipboardText()).toBe('Dana');
    expect(await screen.findByText('Copied the value of data.participant.display_name.')).toBeInTheDocument();

    act(() => item(/^data/).focus());
    await user.keyboard('{End}c');
    expect(JSON.parse(await clipboardText())).toEqual(REPORT.participant.peer_report);
  });

  it('copies the focused item’s path in the dotted and indexed form', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={REPORT} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'jitter');
    await screen.findByText('1 match.');
    await user.click(screen.getByText('0.048').closest('[role="treeitem"]') as HTMLElement);
    const bar = screen.getByRole('group', { name: 'Focused node' });
    expect(bar).toHaveTextContent('data.participant.peer_report.quality.audio_producer[3].rtt');
    await user.click(within(bar).getByRole('button', { name: 'Copy path' }));
    expect(await clipboardText()).toBe('data.participant.peer_report.quality.audio_producer[3].rtt');
    expect(await screen.findByText('Copied the path data.participant.peer_report.quality.audio_producer[3].rtt.')).toBeInTheDocument();
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

describe('JsonTree on a report nested 100 000 levels deep', () => {
  const DEPTH = 100_000;
  function deepValue(): unknown {
    let deep: unknown = 'bottom of the well';
    for (let i = 0; i < DEPTH; i += 1) deep = { d: deep };
    return deep;
  }

  it('opens the path to a match at the bottom as far as it draws, and says so', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={deepValue()} label="data" />);
    await user.type(screen.getByRole('searchbox'), 'well');
    expect(await screen.findByText('1 match.')).toBeInTheDocument();
    expect(screen.getByText(/Only the first 5,000 rows are drawn/)).toBeInTheDocument();
    const rows = document.querySelectorAll('[role="treeitem"]');
    expect(rows).toHaveLength(5000);
    expect(rows[4999]).toHaveAttribute('aria-level', '5000');
    expect(rows[4999]?.textContent).toContain('L5000');
  });

  it('copies it as compact JSON', async () => {
    const user = userEvent.setup();
    render(<JsonTree value={deepValue()} label="data" />);
    act(() => item(/^data/).focus());
    await user.keyboard('c');
    expect(await clipboardText()).toBe(`${'{"d":'.repeat(DEPTH)}"bottom of the well"${'}'.repeat(DEPTH)}`);
  });
});
