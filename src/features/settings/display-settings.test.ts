import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, isKnownTimeZone } from '../../lib/format.ts';
import { resolveTimeZone } from './display-settings.ts';

describe('resolveTimeZone', () => {
  it('maps the three modes to a zone', () => {
    expect(resolveTimeZone('local', 'America/Chicago', isKnownTimeZone)).toBeUndefined();
    expect(resolveTimeZone('utc', 'America/Chicago', isKnownTimeZone)).toBe('UTC');
    expect(resolveTimeZone('participant', 'America/Chicago', isKnownTimeZone)).toBe('America/Chicago');
  });
  it('falls back to UTC when the participant zone is missing or unknown', () => {
    expect(resolveTimeZone('participant', null, isKnownTimeZone)).toBe('UTC');
    expect(resolveTimeZone('participant', 'Mars/Olympus_Mons', isKnownTimeZone)).toBe('UTC');
  });
});

describe('clock times in each mode across a DST change', () => {
  // Europe/Berlin leaves summer time at 01:00 UTC on 2026-10-25 (03:00 CEST becomes 02:00 CET).
  const beforeChange = Date.UTC(2026, 9, 25, 0, 30, 0);
  const afterChange = Date.UTC(2026, 9, 25, 1, 30, 0);

  it('UTC is unaffected', () => {
    const zone = resolveTimeZone('utc', 'Europe/Berlin', isKnownTimeZone);
    expect(formatClock(beforeChange, zone)).toBe('00:30:00');
    expect(formatClock(afterChange, zone)).toBe('01:30:00');
  });

  it('the participant zone moves from UTC+2 to UTC+1', () => {
    const zone = resolveTimeZone('participant', 'Europe/Berlin', isKnownTimeZone);
    expect(formatClock(beforeChange, zone)).toBe('02:30:00');
    expect(formatClock(afterChange, zone)).toBe('02:30:00');
    expect(formatDateTime(afterChange, zone)).toBe('2026-10-25 02:30:00');
  });

  it('local follows the runtime zone', () => {
    const zone = resolveTimeZone('local', 'Europe/Berlin', isKnownTimeZone);
    const local = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
      new Date(afterChange),
    );
    expect(formatClock(afterChange, zone)).toBe(local);
  });
});
