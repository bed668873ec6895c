import { describe, expect, it } from 'vitest';
import {
  clipLine,
  formatAxisNumber,
  formatBitrate,
  formatBytes,
  formatCount,
  formatCountOf,
  formatDuration,
  formatFps,
  formatHeight,
  formatClock,
  formatDateTime,
  zonedParts,
  formatMos,
  formatMs,
  formatNumber,
  formatPercent,
  formatShare,
  formatSpan,
  formatUtc,
  shortId,
} from './format.ts';

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
  it('writes the time in the zone asked for, in one style', () => {
    expect(formatDateTime(at, 'Europe/Berlin')).toBe('2026-11-25 15:03:22');
    expect(formatClock(at, 'America/Los_Angeles')).toBe('06:03:22');
    expect(formatDateTime(at, 'UTC')).toBe('2026-11-25 14:03:22');
    // Just after midnight in Tokyo: the date is the zone's own.
    expect(formatDateTime(Date.UTC(2026, 10, 25, 15, 30, 0), 'Asia/Tokyo')).toBe('2026-11-26 00:30:00');
  });

  it('gives the date, time and UTC offset in a zone, and nothing for an unknown zone or time', () => {
    expect(zonedParts(at, 'Asia/Kolkata')).toEqual({ date: '2026-11-25', time: '19:33:22', offset: 'UTC+05:30' });
    expect(zonedParts(at, 'America/New_York')).toEqual({ date: '2026-11-25', time: '09:03:22', offset: 'UTC-05:00' });
    expect(zonedParts(at, 'UTC')?.offset).toBe('UTC+00:00');
    expect(zonedParts(at, 'Mars/Olympus_Mons')).toBeNull();
    expect(zonedParts(Number.NaN, 'UTC')).toBeNull();
    expect(formatClock(at, 'Mars/Olympus_Mons')).toBe('--:--:--');
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

describe('formatBitrate', () => {
  it('uses kbps below 1 Mbps and Mbps above', () => {
    expect(formatBitrate(850.4)).toBe('850 kbps');
    expect(formatBitrate(2610.761)).toBe('2.61 Mbps');
    expect(formatBitrate(30230.692)).toBe('30.2 Mbps');
    expect(formatBitrate(0)).toBe('0 kbps');
  });

  it('returns null for missing or nonsense values', () => {
    expect(formatBitrate(null)).toBeNull();
    expect(formatBitrate(Number.NaN)).toBeNull();
    expect(formatBitrate(-5)).toBeNull();
  });
});

describe('number formats', () => {
  it('formats counts, milliseconds and percentages', () => {
    expect(formatCount(196708)).toBe('196,708');
    expect(formatCount(null)).toBeNull();
    expect(formatMs(475.29999)).toBe('475 ms');
    expect(formatMs(47.529)).toBe('47.5 ms');
    expect(formatMs(61)).toBe('61 ms');
    expect(formatPercent(1)).toBe('1 %');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('numbers in sentences', () => {
  it('writes durations in words', () => {
    expect(formatSpan(160_000)).toBe('2 min 40 s');
    expect(formatSpan(45_400)).toBe('45 s');
    expect(formatSpan(3_900_000)).toBe('1 h 5 min');
  });

  it('rounds numbers sensibly', () => {
    expect(formatNumber(18.24)).toBe('18.2');
    expect(formatNumber(452.4)).toBe('452');
    expect(formatNumber(5)).toBe('5');
    expect(formatNumber(99.96)).toBe('100');
    expect(formatNumber(0.04)).toBe('0');
    expect(formatMos(2.8)).toBe('2.80');
    expect(formatShare(1, 3)).toBe('33 %');
    expect(formatShare(1, 1000)).toBe('under 1 %');
  });

  it('groups thousands and writes units after a space', () => {
    expect(formatNumber(1452.4)).toBe('1,452');
    expect(formatMs(1234.5)).toBe('1,235 ms');
    expect(formatFps(7.52)).toBe('7.5 fps');
    expect(formatHeight(719.6)).toBe('720p');
    expect(formatHeight(null)).toBeNull();
    expect(formatBitrate(18.24)).toBe('18.2 kbps');
    expect(formatBitrate(999.4)).toBe('999 kbps');
    expect(formatBitrate(999.6)).toBe('1.00 Mbps');
  });
});

describe('formatCountOf', () => {
  it('puts the noun in the right number', () => {
    expect(formatCountOf(1, 'check')).toBe('1 check');
    expect(formatCountOf(0, 'check')).toBe('0 checks');
    expect(formatCountOf(1200, 'person', 'people')).toBe('1,200 people');
  });
});

describe('formatAxisNumber', () => {
  it('writes short axis labels', () => {
    expect(formatAxisNumber(850)).toBe('850');
    expect(formatAxisNumber(2.5)).toBe('2.5');
    expect(formatAxisNumber(1500)).toBe('1.5k');
    expect(formatAxisNumber(12_400)).toBe('12k');
    expect(formatAxisNumber(-2000)).toBe('-2.0k');
  });
});

describe('zonedParts', () => {
  const inZone = (ms: number, zone: string) => {
    const parts = zonedParts(ms, zone);
    return parts && `${parts.time} (${parts.offset})`;
  };
  const winter = Date.UTC(2026, 10, 25, 13, 3, 22);
  const summer = Date.UTC(2026, 6, 1, 12, 0, 0);

  it('shows the clock in the zone with its UTC offset', () => {
    expect(inZone(winter, 'Europe/Berlin')).toBe('14:03:22 (UTC+01:00)');
    expect(inZone(summer, 'Europe/Berlin')).toBe('14:00:00 (UTC+02:00)');
    expect(inZone(winter, 'America/Chicago')).toBe('07:03:22 (UTC-06:00)');
    expect(inZone(winter, 'Asia/Kolkata')).toBe('18:33:22 (UTC+05:30)');
  });

  it('writes a zero offset as UTC+00:00', () => {
    expect(inZone(winter, 'UTC')).toBe('13:03:22 (UTC+00:00)');
    expect(inZone(winter, 'Europe/London')).toBe('13:03:22 (UTC+00:00)');
  });

  it('gives the participant’s calendar date, which can differ from UTC', () => {
    const lateUtc = Date.UTC(2026, 10, 25, 23, 30, 0);
    expect(zonedParts(lateUtc, 'Asia/Tokyo')).toEqual({ time: '08:30:00', date: '2026-11-26', offset: 'UTC+09:00' });
  });

  it('returns null for unknown or hostile zones and invalid times', () => {
    expect(inZone(winter, 'Mars/Olympus_Mons')).toBeNull();
    expect(inZone(winter, '<img src=x onerror=alert(1)>')).toBeNull();
    expect(inZone(winter, '')).toBeNull();
    expect(inZone(Number.NaN, 'Europe/Berlin')).toBeNull();
    expect(inZone(8.64e15 + 1, 'Europe/Berlin')).toBeNull();
  });
});
