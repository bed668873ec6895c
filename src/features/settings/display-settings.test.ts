import { describe, expect, it } from 'vitest';
import { formatClock, formatLocalDateTime, isKnownTimeZone, setDisplayTimeZone } from '../../lib/format.ts';
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
    setDisplayTimeZone('UTC');
    expect(formatClock(beforeChange)).toBe('00:30:00');
    expect(formatClock(afterChange)).toBe('01:30:00');
  });

  it('the participant zone moves from UTC+2 to UTC+1', () => {
    setDisplayTimeZone('Europe/Berlin');
    expect(formatClock(beforeChange)).toBe('02:30:00');
    expect(formatClock(afterChange)).toBe('02:30:00');
    expect(formatLocalDateTime(afterChange)).toMatch(/Oct 25, 2026|25 Oct 2026/);
  });

  it('local follows the runtime zone, and an unknown zone falls back to local', () => {
    setDisplayTimeZone(undefined);
    const local = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
      new Date(afterChange),
    );
    expect(formatClock(afterChange)).toBe(local);
    setDisplayTimeZone('Nowhere/Else');
    expect(formatClock(afterChange)).toBe(local);
  });
});
