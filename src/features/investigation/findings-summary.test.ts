import { describe, expect, it } from 'vitest';
import { focusRangeOf } from './findings-summary.tsx';

describe('focusRangeOf', () => {
  it('shows the longest stretch with half a minute either side, at the least', () => {
    const intervals = [
      { start: 100_000, end: 110_000 },
      { start: 600_000, end: 640_000 },
    ];
    expect(focusRangeOf(intervals)).toEqual({ start: 570_000, end: 670_000 });
  });

  it('gives a long stretch half its length either side', () => {
    expect(focusRangeOf([{ start: 1_000_000, end: 1_400_000 }])).toEqual({ start: 800_000, end: 1_600_000 });
  });

  it('has nothing to show for a whole-call fact', () => {
    expect(focusRangeOf([])).toBeNull();
  });
});
