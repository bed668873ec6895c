import { describe, expect, it } from 'vitest';
import { clipLine, formatBytes, formatDuration, formatLocalDateTime, formatSpan, formatUtc, shortId } from './format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0:00:00'],
    [66_540, '0:01:07'],
    [25 * 60_000 + 3_000, '0:25:03'],
    [3_723_000, '1:02:03'],
    [8 * 3600_000, '8:00:00'],
    [999, '0:00:01'],
  ])('%i ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([null, -1, Number.NaN, Number.POSITIVE_INFINITY])('%s has no duration', (ms) => {
    expect(formatDuration(ms)).toBeNull();
  });
});

describe('formatSpan', () => {
  it.each([
    [12_000, '12 s'],
    [160_000, '2 min 40 s'],
    [120_000, '2 min'],
    [3_900_000, '1 h 5 min'],
    [7_200_000, '2 h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('times', () => {
  const at = Date.UTC(2026, 10, 25, 14, 3, 22, 450);
  it('writes UTC to the second', () => {
    expect(formatUtc(at)).toBe('2026-11-25 14:03:22 UTC');
  });
  it('writes local time in the given zone', () => {
    const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    expect(formatLocalDateTime(at, berlin)).toBe('15:03:22');
  });
});

describe('formatBytes and shortId', () => {
  it('sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
  it('shortens long IDs only', () => {
    expect(shortId('6513270e-269e-4d37-b2a7-4de452e6b438')).toBe('6513270e…e6b438');
    expect(shortId('abc')).toBe('abc');
  });
});

describe('clipLine', () => {
  it('keeps short text, with its whitespace collapsed', () => {
    expect(clipLine('  Joined\n\tthe   call ', 40)).toBe('Joined the call');
  });
  it('cuts a 100 000-character string to the limit and says so', () => {
    const clipped = clipLine('A'.repeat(100_000), 160);
    expect(clipped).toHaveLength(161);
    expect(clipped.endsWith('…')).toBe(true);
  });
  it('never leaves half of a surrogate pair', () => {
    const text = `${'a'.repeat(9)}😀${'b'.repeat(20)}`;
    const clipped = clipLine(text, 10);
    expect(clipped).toBe(`${'a'.repeat(9)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(clipped)).toBe(false);
  });
});
