import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TimelineEvent } from '../../report/model.ts';
import { TimelineList } from './timeline-list.tsx';

const T0 = Date.UTC(2026, 8, 14, 9, 0, 0);

function events(count: number): TimelineEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `client-${i}`,
    at: T0 + i * 2000,
    source: 'client' as const,
    name: 'dominant_speaker',
    label: `Speaker changed ${i}`,
    category: 'media' as const,
    severity: 'normal' as const,
    details: { n: i },
  }));
}

const TEN_THOUSAND = events(10_000);

function renderList(props: { selectedId?: string | null; list?: TimelineEvent[] } = {}) {
  const onGo = vi.fn();
  const user = userEvent.setup();
  const view = render(<TimelineList events={props.list ?? TEN_THOUSAND} origin={T0} selectedId={props.selectedId ?? null} onGo={onGo} />);
  const list = screen.getByRole('list', { name: 'Events' });
  const box = list.parentElement as HTMLElement;
  // Counted with selectors: role queries over thousands of nodes are slow in jsdom.
  const rows = () => [...list.querySelectorAll<HTMLElement>(':scope > li')];
  const positions = () => rows().map((row) => Number(row.getAttribute('aria-posinset')));
  return { user, onGo, list, box, rows, positions, ...view };
}

describe('TimelineList', () => {
  it('puts only the rows in and near the box in the page, each saying its place among 10 000', () => {
    const { rows, positions, list } = renderList();
    expect(rows().length).toBeGreaterThan(8);
    expect(rows().length).toBeLessThan(30);
    expect(positions()[0]).toBe(1);
    expect(rows()[0]).toHaveAttribute('aria-setsize', '10000');
    // The rest of the list is room to scroll into: the box's scroll height is the whole list's.
    expect(Number.parseFloat(list.style.paddingBottom)).toBeGreaterThan(9000 * 40);
  });

  it('draws the rows at the scroll position when the box scrolls', () => {
    const { box, positions, rows } = renderList();
    box.scrollTop = 5000 * 54;
    fireEvent.scroll(box);
    expect(positions()).toContain(5001);
    expect(positions()).not.toContain(1);
    expect(rows().length).toBeLessThan(30);
    box.scrollTop = 100_000_000;
    fireEvent.scroll(box);
    expect(positions().at(-1)).toBe(10_000);
    expect(within(rows().at(-1)!).getByText('Speaker changed 9999')).toBeInTheDocument();
  });

  it('scrolls the selected row into the box and marks it', () => {
    const { box, list } = renderList({ selectedId: 'client-9000' });
    expect(box.scrollTop).toBeGreaterThan(8000 * 40);
    const selected = list.querySelector('li[aria-current="true"]');
    expect(selected).toHaveAttribute('aria-posinset', '9001');
    expect(selected).toHaveTextContent('Speaker changed 9000');
  });

  it('moves between rows with the arrow keys, Home and End, into rows not drawn yet', async () => {
    const { user, rows } = renderList();
    within(rows()[0]!).getByRole('button', { name: /show on the charts/ }).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '2');
    await user.keyboard('{End}');
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '10000');
    expect(document.activeElement).toHaveAccessibleName(/show on the charts/);
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '9999');
    // The details toggle keeps its column.
    within(document.activeElement!.closest('li')!).getByRole('button', { name: /^Details/ }).focus();
    await user.keyboard('{Home}');
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '1');
    expect(document.activeElement).toHaveAccessibleName(/^Details of Speaker changed 0/);
  });

  it('expands a row far down the list, and Enter on its time goes there', async () => {
    const { user, box, rows, onGo } = renderList();
    box.scrollTop = 7000 * 54;
    fireEvent.scroll(box);
    const row = rows().find((candidate) => candidate.getAttribute('aria-posinset') === '7003')!;
    await user.click(within(row).getByRole('button', { name: /^Details/ }));
    expect(within(row).getByText('client event (SDK)')).toBeVisible();
    within(row).getByRole('button', { name: /show on the charts/ }).focus();
    await user.keyboard('{Enter}');
    expect(onGo).toHaveBeenCalledWith(TEN_THOUSAND[7002]);
  });

  it('draws every row of a short list', () => {
    const { positions } = renderList({ list: events(12) });
    expect(positions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('is one tab stop: arrows move between rows, left and right between a row’s two buttons', async () => {
    const { list, user } = renderList({ list: events(5) });
    const stops = () => [...list.querySelectorAll<HTMLElement>('button')].filter((button) => button.tabIndex === 0);
    expect(stops()).toHaveLength(1);
    await user.tab();
    expect(document.activeElement).toBe(stops()[0]);
    expect(document.activeElement).toHaveAttribute('data-row-control', 'time');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.closest('li')).toHaveAttribute('aria-posinset', '3');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toHaveAttribute('data-row-control', 'details');
    // The tab stop follows the focus, so Tab leaves the list and Shift+Tab comes back to the same place.
    expect(stops()).toEqual([document.activeElement]);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toHaveAttribute('data-row-control', 'time');
  });
});
