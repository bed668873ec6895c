import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bitsPerSecondToKbps,
  finiteOrNull,
  fractionToPercent,
  receivedLossPercent,
  sentLossPercent,
  median,
  minutesToMs,
  nonNegativeOrNull,
  nthSmallest,
  parseTimestamp,
  percentOrNull,
  secondsToMs,
  toBitrateKbps,
} from './units.ts';

describe('secondsToMs', () => {
  it('turns per-sample rtt seconds into milliseconds', () => {
    expect(secondsToMs(0.045)).toBeCloseTo(45);
    expect(secondsToMs(0)).toBe(0);
  });
  it('passes null through and rejects non-finite values', () => {
    expect(secondsToMs(null)).toBeNull();
    expect(secondsToMs(Number.NaN)).toBeNull();
    expect(secondsToMs(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('minutesToMs', () => {
  it('reads the decimal-minute duration: 1.109 min is 66 540 ms', () => {
    expect(minutesToMs(1.109)).toBe(66_540);
    expect(minutesToMs(25)).toBe(1_500_000);
  });
  it('rejects negative and non-finite durations', () => {
    expect(minutesToMs(-1)).toBeNull();
    expect(minutesToMs(Number.NaN)).toBeNull();
    expect(minutesToMs(null)).toBeNull();
  });
});

describe('toBitrateKbps', () => {
  it('turns bytes per interval into kbps', () => {
    // 35 000 bytes in 7 s = 280 000 bits / 7 s = 40 kbps
    expect(toBitrateKbps(35_000, 7000)).toBeCloseTo(40);
    expect(toBitrateKbps(125_000, 1000)).toBeCloseTo(1000);
  });
  it('is null without bytes or with a zero or negative interval', () => {
    expect(toBitrateKbps(null, 7000)).toBeNull();
    expect(toBitrateKbps(1000, 0)).toBeNull();
    expect(toBitrateKbps(1000, -5)).toBeNull();
    expect(toBitrateKbps(-1000, 7000)).toBeNull();
  });
});

describe('bitsPerSecondToKbps', () => {
  it('divides available bitrates by 1000', () => {
    expect(bitsPerSecondToKbps(2_500_000)).toBe(2500);
    expect(bitsPerSecondToKbps(-1)).toBeNull();
  });
});

describe('loss per direction, as the RealtimeKit client computes it', () => {
  it('sent loss is lost / sent: 10 lost of 100 sent is 10 %', () => {
    expect(sentLossPercent(10, 100)).toBe(10);
    expect(sentLossPercent(0, 350)).toBe(0);
    expect(sentLossPercent(35, 350)).toBe(10);
  });
  it('received loss is lost / (received + lost): 10 lost beside 90 received is 10 %', () => {
    expect(receivedLossPercent(10, 90)).toBe(10);
    expect(receivedLossPercent(5, 95)).toBe(5);
    expect(receivedLossPercent(10, 0)).toBe(100);
  });
  it('is null when nothing flowed or counters are corrupt', () => {
    expect(sentLossPercent(0, 0)).toBeNull();
    expect(sentLossPercent(3, 0)).toBeNull();
    expect(sentLossPercent(null, 100)).toBeNull();
    expect(sentLossPercent(-3, 100)).toBeNull();
    expect(receivedLossPercent(0, 0)).toBeNull();
    expect(receivedLossPercent(null, 100)).toBeNull();
    expect(receivedLossPercent(-3, 100)).toBeNull();
    expect(receivedLossPercent(3, -100)).toBeNull();
  });
  it('more lost than sent is a misread, not over 100 %', () => {
    expect(sentLossPercent(120, 100)).toBeNull();
  });
  it('percentOrNull rejects values outside 0..100 instead of clamping', () => {
    expect(percentOrNull(150)).toBeNull();
    expect(percentOrNull(-1)).toBeNull();
    expect(percentOrNull(42)).toBe(42);
  });
});

describe('fractionToPercent', () => {
  it('turns 0..1 into percent and rejects anything else', () => {
    expect(fractionToPercent(0.02)).toBeCloseTo(2);
    expect(fractionToPercent(1.5)).toBeNull();
    expect(fractionToPercent(-0.1)).toBeNull();
  });
});

describe('finiteOrNull / nonNegativeOrNull', () => {
  it('keeps finite numbers only', () => {
    expect(finiteOrNull(3)).toBe(3);
    expect(finiteOrNull('3')).toBeNull();
    expect(finiteOrNull(Number.NaN)).toBeNull();
    expect(nonNegativeOrNull(-0.5)).toBeNull();
    expect(nonNegativeOrNull(0)).toBe(0);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO-8601 UTC with milliseconds', () => {
    expect(parseTimestamp('2025-03-04T10:00:00.250Z')).toBe(Date.UTC(2025, 2, 4, 10, 0, 0, 250));
  });
  it('reads epoch milliseconds, as number or digits', () => {
    expect(parseTimestamp(1_741_082_400_000)).toBe(1_741_082_400_000);
    expect(parseTimestamp('1741082400000')).toBe(1_741_082_400_000);
  });
  it('takes a zone-less time as UTC, not browser-local', () => {
    expect(parseTimestamp('2025-03-04T10:00:00')).toBe(Date.UTC(2025, 2, 4, 10));
    expect(parseTimestamp('2025-03-04 10:00:00.5')).toBe(Date.UTC(2025, 2, 4, 10, 0, 0, 500));
  });
  it('honours offsets', () => {
    expect(parseTimestamp('2025-03-04T12:00:00+02:00')).toBe(Date.UTC(2025, 2, 4, 10));
    expect(parseTimestamp('2025-03-04T12:00:00+0200')).toBe(Date.UTC(2025, 2, 4, 10));
  });
  it('reads canonical ISO exactly as Date.parse does', () => {
    for (const text of [
      '2025-03-04T10:00:00Z',
      '2025-03-04T10:00:00.5Z',
      '2025-03-04T10:00:00.25Z',
      '2025-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.123456Z',
    ]) {
      expect(parseTimestamp(text)).toBe(Date.parse(text));
    }
    expect(parseTimestamp('2025-02-30T10:00:00.000Z')).toBeNull();
    expect(parseTimestamp('2025-03-04T25:00:00.000Z')).toBeNull();
    expect(parseTimestamp('2025-03-04T10:00:00.Z')).toBeNull();
  });
  it('reads any canonical date-time as Date.UTC does, month-end rollover included', () => {
    fc.assert(
      fc.property(
        fc.record({
          year: fc.integer({ min: 0, max: 9999 }),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.integer({ min: 1, max: 31 }),
          hour: fc.integer({ min: 0, max: 23 }),
          minute: fc.integer({ min: 0, max: 59 }),
          second: fc.integer({ min: 0, max: 59 }),
          ms: fc.integer({ min: 0, max: 999 }),
        }),
        ({ year, month, day, hour, minute, second, ms }) => {
          const pad = (n: number, width = 2) => String(n).padStart(width, '0');
          const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(ms, 3)}Z`;
          const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
          const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
          const expected = day > daysInMonth || utc < Date.UTC(2000, 0, 1) ? null : utc;
          expect(parseTimestamp(text)).toBe(expected);
        },
      ),
    );
    // Not a leap year: Date.UTC rolls 29 February over into 1 March.
    expect(parseTimestamp('2025-02-29T00:00:00.000Z')).toBe(Date.UTC(2025, 2, 1));
  });
  it('reads epoch seconds as seconds, not as 1970 milliseconds', () => {
    expect(parseTimestamp(1_741_082_400)).toBe(1_741_082_400_000);
  });
  it('rejects placeholders before 2000 (epoch 0, Go zero time)', () => {
    expect(parseTimestamp('1970-01-01T00:00:00Z')).toBeNull();
    expect(parseTimestamp('0001-01-01T00:00:00Z')).toBeNull();
    expect(parseTimestamp(0)).toBeNull();
  });
  it('rejects what is not a time', () => {
    for (const value of ['yesterday', '1', 'May', '', '2025-13-45T99:99:99Z', null, undefined, {}, [], Number.NaN, -5, true]) {
      expect(parseTimestamp(value)).toBeNull();
    }
  });
});

describe('parseTimestamp across the calendar', () => {
  const midnight = (year: number, month: number, day: number) =>
    parseTimestamp(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T00:00:00.000Z`);

  it('counts days across leap-year rules, from 2000 (earlier times are placeholders) to 9999', () => {
    for (const [year, month, day] of [
      [2000, 1, 1],
      [2000, 2, 29],
      [2000, 3, 1],
      [2024, 2, 29],
      [2100, 2, 28],
      [2100, 3, 1],
      [2026, 9, 14],
      [2400, 2, 29],
      [9999, 12, 31],
    ] as const) {
      expect(midnight(year, month, day), `${year}-${month}-${day}`).toBe(Date.UTC(year, month - 1, day));
    }
    expect(midnight(1999, 12, 31)).toBeNull();
  });
});

/** What median answered when it sorted a copy: the reference the selection must match. */
function sortedMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = new Float64Array(values).sort();
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? upper) + upper) / 2;
}

// Few distinct values (many ties), signed zeros, NaN and infinities, as well as any double.
const sampleValue = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 7000),
  fc.double(),
);

describe('median', () => {
  it('handles odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('answers exactly as sorting would, NaN, -0 and even lengths included', () => {
    fc.assert(
      fc.property(fc.array(sampleValue, { maxLength: 300 }), (values) => {
        expect(Object.is(median(values), sortedMedian(values))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('does not reorder the list it is given', () => {
    const values = [5, 3, 9, 1];
    median(values);
    expect(values).toEqual([5, 3, 9, 1]);
  });
});

describe('nthSmallest', () => {
  it('gives the value a numeric sort puts at each rank', () => {
    fc.assert(
      fc.property(fc.array(sampleValue, { minLength: 1, maxLength: 200 }), fc.nat(), (values, seed) => {
        const rank = seed % values.length;
        const expected = new Float64Array(values).sort()[rank];
        expect(Object.is(nthSmallest(new Float64Array(values), rank), expected)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('handles sorted, reversed, constant and saw-tooth inputs of a long call', () => {
    const n = 4001;
    const patterns = [
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => n - i),
      Array.from({ length: n }, () => 7000),
      Array.from({ length: n }, (_, i) => (i % 50) * 10 + Math.floor(i / 50)),
    ];
    for (const values of patterns) {
      const sorted = new Float64Array(values).sort();
      for (const rank of [0, 1, Math.floor(n / 2), n - 2, n - 1]) {
        expect(nthSmallest(new Float64Array(values), rank)).toBe(sorted[rank]);
      }
    }
  });

  it('gives NaN for a rank outside the array', () => {
    expect(nthSmallest(new Float64Array([1, 2]), 2)).toBeNaN();
    expect(nthSmallest(new Float64Array([]), 0)).toBeNaN();
  });
});
