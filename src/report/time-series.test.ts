import { describe, expect, it } from 'vitest';
import { longestInterval, mergeIntervals, sampleStart, totalDuration, typicalIntervalMs } from './time-series.ts';

const at = (times: readonly number[]) => times.map((time) => ({ at: time }));

describe('interval helpers', () => {
  it('typicalIntervalMs is the median spacing, ignoring duplicate times', () => {
    expect(typicalIntervalMs(at([0, 7000, 7000, 14000, 21500]))).toBe(7000);
    expect(typicalIntervalMs([])).toBe(7000);
  });

  it('mergeIntervals joins overlapping and touching intervals', () => {
    expect(
      mergeIntervals([
        { start: 10, end: 20 },
        { start: 0, end: 5 },
        { start: 20, end: 30 },
        { start: 25, end: 26 },
      ]),
    ).toEqual([
      { start: 0, end: 5 },
      { start: 10, end: 30 },
    ]);
  });

  it('totalDuration sums lengths', () => {
    expect(totalDuration([{ start: 0, end: 5 }, { start: 10, end: 30 }])).toBe(25);
  });

  it('longestInterval is the longest, the first of equals, null for none', () => {
    expect(longestInterval([{ start: 0, end: 5 }, { start: 10, end: 30 }, { start: 40, end: 60 }])).toEqual({ start: 10, end: 30 });
    expect(longestInterval([])).toBeNull();
  });

  it('sampleStart is one interval back, cut short by the previous sample and unaffected by a gap', () => {
    const samples = at([7000, 14000, 17000, 60000]);
    expect(sampleStart(samples, 0, 7000)).toBe(0);
    expect(sampleStart(samples, 1, 7000)).toBe(7000);
    expect(sampleStart(samples, 2, 7000)).toBe(14000);
    // After an outage the stats restarted: the sample covers one usual interval, not the whole gap.
    expect(sampleStart(samples, 3, 7000)).toBe(53000);
    // A repeated time looks further back for the previous distinct one.
    expect(sampleStart(at([7000, 14000, 14000]), 2, 7000)).toBe(7000);
  });
});
