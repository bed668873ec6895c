import { describe, expect, it } from 'vitest';
import { callRange } from './call-range.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';

const JOIN = Date.UTC(2026, 10, 25, 9, 0, 0);
const iso = (offsetMs: number): string => new Date(JOIN + offsetMs).toISOString();
const MIN = 60_000;

function report(events: [string, number][], samples: number[], leftAfterMs: number | null = 30 * MIN) {
  return normalizePeerReport({
    success: true,
    data: {
      participant: {
        id: 'p',
        joined_at: iso(0),
        left_at: leftAfterMs === null ? null : iso(leftAfterMs),
        peer_report: {
          metadata: { events: events.map(([name, at]) => ({ name, timestamp: iso(at) })) },
          quality: { audio_producer: samples.map((at) => ({ timestamp: iso(at), bytes_sent: at / 1000 })) },
        },
      },
    },
  });
}

describe('times outside the participant’s stay', () => {
  it('keeps pre-call events and late server events near the call', () => {
    const r = report(
      [
        ['precall_begin', -20 * MIN],
        ['call_join', 0],
        ['call_leave', 30 * MIN],
        ['PEER_LEAVING', 31 * MIN],
      ],
      [0, 7000, 14_000],
    );
    expect(r.timeline.map((event) => event.name)).toEqual(['precall_begin', 'call_join', 'call_leave', 'PEER_LEAVING']);
    expect(r.warnings.filter((w) => w.message.includes('wrong clock'))).toEqual([]);
  });

  it('leaves off events and samples from a wrong clock, says how many and when, and keeps the charts on the call', () => {
    const early = -2 * 24 * 60 * MIN; // a device clock two days behind
    const r = report(
      [
        ['call_join', 0],
        ['audio_on', early],
        ['video_on', early + 1000],
        ['ping_stat', 3 * 24 * 60 * MIN],
      ],
      [early, 0, 7000, 400 * 24 * 60 * MIN],
    );
    expect(r.timeline.map((event) => event.name)).toEqual(['call_join']);
    expect(r.streams[0]?.samples.map((sample) => sample.at)).toEqual([JOIN, JOIN + 7000]);
    const messages = r.warnings.map((w) => w.message);
    expect(messages).toContain(
      '2 events more than 1 h before the join (the first at 2026-11-23 09:00:00 UTC): a wrong clock on the device? Left off the timeline and charts',
    );
    expect(messages.some((m) => m.startsWith('1 event more than 10 min after the leave (the first at 2026-11-28 09:00:00 UTC)'))).toBe(true);
    expect(messages.some((m) => m.startsWith('1 sample more than 1 h before the join'))).toBe(true);
    expect(messages.some((m) => m.startsWith('1 sample more than 10 min after the leave'))).toBe(true);
    expect(callRange(r)).toEqual({ start: JOIN, end: JOIN + 30 * MIN });
  });

  it('has no upper bound for a participant still in the call', () => {
    const r = report([['call_join', 0], ['ping_stat', 5 * 60 * MIN]], [0], null);
    expect(r.timeline).toHaveLength(2);
  });
});
