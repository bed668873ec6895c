import { describe, expect, it } from 'vitest';
import { clampRange, MIN_ZOOM_MS, rangeOfZoom, zoomOfRange } from './call-clock.tsx';

const START = Date.UTC(2026, 8, 14, 13, 0, 0);
const CALL = { start: START, end: START + 30 * 60_000 };

describe('the zoom kept as offsets', () => {
  it('becomes a range of the call, and back', () => {
    expect(rangeOfZoom({ start: 60, end: 180 }, CALL)).toEqual({ start: START + 60_000, end: START + 180_000 });
    expect(zoomOfRange({ start: START + 60_000, end: START + 180_000 }, CALL)).toEqual({ start: 60, end: 180 });
  });

  it('is cut to the call, and is no zoom when it covers the whole call', () => {
    expect(rangeOfZoom({ start: 1700, end: 4000 }, CALL)).toEqual({ start: START + 1_700_000, end: CALL.end });
    expect(rangeOfZoom({ start: 0, end: 1800 }, CALL)).toBeNull();
    expect(zoomOfRange({ start: START - 5000, end: CALL.end + 5000 }, CALL)).toBeNull();
    expect(rangeOfZoom(null, CALL)).toBeNull();
  });

  it('is at least MIN_ZOOM_MS wide, around the middle of what was asked', () => {
    expect(MIN_ZOOM_MS).toBe(20_000);
    expect(clampRange({ start: START + 100_000, end: START + 102_000 }, CALL)).toEqual({ start: START + 91_000, end: START + 111_000 });
    // At the call's edge the window stays inside the call.
    expect(clampRange({ start: START, end: START + 1000 }, CALL)).toEqual({ start: START, end: START + 20_000 });
  });
});
