import { describe, expect, it } from 'vitest';
import { rowAt, rowOffsets, rowWindow, scrollToShow } from './list-window.ts';

describe('rowOffsets and rowAt', () => {
  it('stacks rows of different heights', () => {
    const offsets = rowOffsets(4, (i) => [50, 200, 50, 50][i] ?? 0);
    expect([...offsets]).toEqual([0, 50, 250, 300, 350]);
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 49.5)).toBe(0);
    expect(rowAt(offsets, 50)).toBe(1);
    expect(rowAt(offsets, 249)).toBe(1);
    expect(rowAt(offsets, 1000)).toBe(3);
  });
});

describe('rowWindow', () => {
  const offsets = rowOffsets(10_000, () => 50);

  it('covers the viewport plus the overscan, with the rest as space before and after', () => {
    expect(rowWindow(offsets, 0, 400, 5)).toEqual({ start: 0, end: 14, before: 0, after: (10_000 - 14) * 50 });
    const middle = rowWindow(offsets, 50_000, 400, 5);
    expect(middle.start).toBe(995);
    expect(middle.end).toBe(1014);
    expect(middle.before).toBe(995 * 50);
    expect(middle.before + (middle.end - middle.start) * 50 + middle.after).toBe(500_000);
  });

  it('holds the last rows when scrolled past the end (the list shrank)', () => {
    const window = rowWindow(offsets, 10_000_000, 400, 2);
    expect(window.end).toBe(10_000);
    expect(window.after).toBe(0);
    expect(window.start).toBe(10_000 - 8 - 2);
  });

  it('is empty for an empty list', () => {
    expect(rowWindow(rowOffsets(0, () => 50), 0, 400, 5)).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  it('counts a tall expanded row as one', () => {
    const tall = rowOffsets(100, (i) => (i === 10 ? 2000 : 50));
    const window = rowWindow(tall, 600, 400, 0);
    expect(window.start).toBe(10);
    expect(window.end).toBe(11);
  });
});

describe('scrollToShow', () => {
  const offsets = rowOffsets(100, () => 50);

  it('leaves a visible row where it is', () => {
    expect(scrollToShow(offsets, 5, 100, 400)).toBe(100);
  });

  it('puts a row out of view a third of the way down', () => {
    expect(scrollToShow(offsets, 60, 0, 300)).toBe(3000 - 100);
    expect(scrollToShow(offsets, 1, 1000, 300)).toBe(0);
  });
});
