import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../../server/demo/scenarios.ts';
import type { EventCategory, TimelineEvent } from '../../report/model.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import {
  assignLanes,
  axisTicks,
  clusterEvents,
  countByCategory,
  describeCluster,
  eventsInRange,
  filterEvents,
  focusRange,
  laneCategories,
  leadEvent,
  matchesSearch,
  searchTerms,
  timeAtPx,
} from './timeline-model.ts';

const T0 = Date.UTC(2026, 8, 14, 13, 0, 0);

let nextId = 0;
function event(at: number, overrides: Partial<TimelineEvent> = {}): TimelineEvent {
  nextId += 1;
  return {
    id: `e-${nextId}`,
    at,
    source: 'client',
    name: 'ping_stat',
    label: 'Ping',
    category: 'network',
    severity: 'normal',
    details: {},
    ...overrides,
  };
}

describe('lanes', () => {
  it('has the six categories in order, and "other" only when an event needs it', () => {
    expect(laneCategories([event(T0)])).toEqual(['lifecycle', 'media', 'network', 'device', 'focus', 'error']);
    expect(laneCategories([event(T0, { category: 'other' })])).toEqual(['lifecycle', 'media', 'network', 'device', 'focus', 'error', 'other']);
    // A livestream viewer's player events get a lane of their own, above "other".
    expect(laneCategories([event(T0, { category: 'other' }), event(T0, { category: 'player' })])).toEqual([
      'lifecycle', 'media', 'network', 'device', 'focus', 'error', 'player', 'other',
    ]);
  });

  it('puts each event in its category lane, keeping time order and empty lanes', () => {
    const join = event(T0, { category: 'lifecycle', label: 'Joined the call' });
    const ping = event(T0 + 1000);
    const tab = event(T0 + 2000, { category: 'focus' });
    const ping2 = event(T0 + 3000);
    const lanes = assignLanes([join, ping, tab, ping2]);
    expect(lanes.map((lane) => lane.category)).toEqual(['lifecycle', 'media', 'network', 'device', 'focus', 'error']);
    expect(lanes.map((lane) => lane.label)).toEqual(['Lifecycle', 'Media', 'Network', 'Device', 'Focus', 'Error']);
    expect(lanes[0]?.events).toEqual([join]);
    expect(lanes[1]?.events).toEqual([]);
    expect(lanes[2]?.events).toEqual([ping, ping2]);
    expect(lanes[4]?.events).toEqual([tab]);
  });

  it('counts events per category', () => {
    const counts = countByCategory([event(T0), event(T0), event(T0, { category: 'error' })]);
    expect(counts.network).toBe(2);
    expect(counts.error).toBe(1);
    expect(counts.lifecycle).toBe(0);
  });
});

describe('search and filters', () => {
  const reconnect = event(T0, { name: 'reconnect_attempt', label: 'Reconnect attempt', severity: 'problem', details: { attempt: 2 } });
  const disconnect = event(T0 + 10, { name: 'disconnect', label: 'Disconnected', severity: 'problem', details: { reason: 'ice_disconnected' } });
  const mic = event(T0 + 20, { name: 'audio_devices_updates', label: 'Microphone added: Jabra Evolve', category: 'device', details: { kind: 'audioinput' } });

  it('matches the label, the raw name and detail values, ignoring case', () => {
    expect(matchesSearch(reconnect, searchTerms('RECONNECT'))).toBe(true);
    expect(matchesSearch(reconnect, searchTerms('reconnect_attempt'))).toBe(true);
    expect(matchesSearch(disconnect, searchTerms('ICE_disconnected'))).toBe(true);
    expect(matchesSearch(mic, searchTerms('jabra'))).toBe(true);
    expect(matchesSearch(reconnect, searchTerms('2'))).toBe(true);
    expect(matchesSearch(reconnect, searchTerms('jabra'))).toBe(false);
  });

  it('needs every word, not their order, and does not match detail keys', () => {
    expect(matchesSearch(mic, searchTerms('  evolve   microphone '))).toBe(true);
    expect(matchesSearch(mic, searchTerms('microphone camera'))).toBe(false);
    expect(matchesSearch(disconnect, searchTerms('reason'))).toBe(false);
  });

  it('an empty search matches everything', () => {
    expect(searchTerms('   ')).toEqual([]);
    expect(filterEvents([reconnect, mic], { hidden: new Set(), query: '' })).toEqual([reconnect, mic]);
  });

  it('hides switched-off categories and combines with the search', () => {
    const events = [reconnect, disconnect, mic];
    expect(filterEvents(events, { hidden: new Set<EventCategory>(['network']), query: '' })).toEqual([mic]);
    expect(filterEvents(events, { hidden: new Set<EventCategory>(['device']), query: 'disconnect' })).toEqual([disconnect]);
    expect(filterEvents(events, { hidden: new Set<EventCategory>(['network']), query: 'disconnect' })).toEqual([]);
  });
});

describe('eventsInRange', () => {
  const events = [event(T0), event(T0 + 1000), event(T0 + 2000), event(T0 + 2000), event(T0 + 5000)];

  it('keeps events inside the range, both ends included', () => {
    expect(eventsInRange(events, { start: T0 + 1000, end: T0 + 2000 }).map((e) => e.at)).toEqual([T0 + 1000, T0 + 2000, T0 + 2000]);
    expect(eventsInRange(events, { start: T0 - 10, end: T0 + 10_000 })).toHaveLength(5);
  });

  it('is empty for a range with no events', () => {
    expect(eventsInRange(events, { start: T0 + 2500, end: T0 + 4000 })).toEqual([]);
    expect(eventsInRange(events, { start: T0 + 6000, end: T0 + 9000 })).toEqual([]);
    expect(eventsInRange([], { start: T0, end: T0 + 1 })).toEqual([]);
  });
});

describe('clusterEvents', () => {
  const range = { start: T0, end: T0 + 100_000 };
  // 1000 px wide: 100 ms per px.

  it('keeps far-apart events as single marks at their own position', () => {
    const clusters = clusterEvents([event(T0 + 10_000), event(T0 + 50_000)], range, 1000, 18);
    expect(clusters.map((c) => c.events.length)).toEqual([1, 1]);
    expect(clusters.map((c) => c.position)).toEqual([0.1, 0.5]);
  });

  it('merges events that would overlap, drawn at the first, with the worst severity', () => {
    const ping = event(T0 + 10_000);
    const drop = event(T0 + 10_500, { severity: 'problem', label: 'Disconnected' });
    const later = event(T0 + 11_700, { severity: 'notable' });
    const far = event(T0 + 12_000);
    const clusters = clusterEvents([ping, drop, later, far], range, 1000, 18);
    expect(clusters).toHaveLength(2);
    expect(clusters[0]?.events).toEqual([ping, drop, later]);
    expect(clusters[0]?.severity).toBe('problem');
    expect(clusters[0]?.at).toBe(ping.at);
    expect(clusters[0]?.endAt).toBe(later.at);
    expect(clusters[1]?.events).toEqual([far]);
    expect(leadEvent(clusters[0]!)).toBe(drop);
  });

  it('never draws two marks closer than the gap, and loses no event, even when dense', () => {
    const dense = Array.from({ length: 3000 }, (_, i) => event(T0 + ((i * 7919) % 100_000))).sort((a, b) => a.at - b.at);
    const clusters = clusterEvents(dense, range, 800, 18);
    expect(clusters.reduce((n, c) => n + c.events.length, 0)).toBe(3000);
    expect(clusters.length).toBeLessThanOrEqual(Math.ceil(800 / 18) + 1);
    for (let i = 1; i < clusters.length; i += 1) {
      expect((clusters[i]!.position - clusters[i - 1]!.position) * 800).toBeGreaterThanOrEqual(18);
    }
  });

  it('leaves out events outside the range', () => {
    const clusters = clusterEvents([event(T0 - 1), event(T0 + 500), event(T0 + 100_001)], range, 1000, 18);
    expect(clusters.flatMap((c) => c.events.map((e) => e.at))).toEqual([T0 + 500]);
  });

  it('names a single mark by label and time, and a cluster by count, span and problems', () => {
    const origin = T0;
    const reconnect = event(T0 + 12 * 60_000 + 3000, { label: 'Reconnect attempt', severity: 'problem' });
    const single = clusterEvents([reconnect], { start: T0, end: T0 + 3_600_000 }, 1000, 18)[0]!;
    // Clock times in the zone asked for: 13:12:03 UTC is 22:12:03 in Tokyo.
    expect(describeCluster(single, origin, 'Asia/Tokyo')).toBe('Reconnect attempt at T+12:03 (22:12:03), problem');
    const many = clusterEvents(
      [reconnect, event(reconnect.at + 5000, { label: 'Reconnect attempt', severity: 'problem' }), event(reconnect.at + 9000, { label: 'Signalling connected' })],
      { start: T0, end: T0 + 3_600_000 },
      1000,
      18,
    )[0]!;
    expect(describeCluster(many, origin, 'UTC')).toBe(
      '3 events from T+12:03 (13:12:03) to T+12:12 (13:12:12), 2 problems: Reconnect attempt, Signalling connected',
    );
  });

  it('zooms a click to a minute either side of the mark', () => {
    expect(focusRange({ at: T0 + 300_000, endAt: T0 + 310_000 })).toEqual({ start: T0 + 240_000, end: T0 + 370_000 });
  });
});

describe('axisTicks', () => {
  it('puts ticks at round offsets from the join, inside the range, labelled both ways', () => {
    const join = T0 + 7_000;
    const ticks = axisTicks({ start: T0, end: T0 + 30 * 60_000 }, join, 720, 'UTC');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(7);
    for (const tick of ticks) {
      expect(tick.at).toBeGreaterThanOrEqual(T0);
      expect(tick.at).toBeLessThanOrEqual(T0 + 30 * 60_000);
      expect((tick.at - join) % 60_000).toBe(0);
    }
    expect(ticks[0]?.offset).toBe('T+00:00');
    expect(ticks[1]?.offset).toBe('T+05:00');
    expect(ticks.slice(0, 2).map((tick) => tick.clock)).toEqual(['13:00:07', '13:05:07']);
  });

  it('uses seconds when zoomed in to two minutes', () => {
    const ticks = axisTicks({ start: T0, end: T0 + 120_000 }, T0, 720, 'UTC');
    expect(ticks.map((tick) => tick.offset).slice(0, 3)).toEqual(['T+00:00', 'T+00:30', 'T+01:00']);
  });

  it('maps pixels back to time, clamped to the lane', () => {
    const range = { start: T0, end: T0 + 1000 };
    expect(timeAtPx(range, 50, 100)).toBe(T0 + 500);
    expect(timeAtPx(range, -20, 100)).toBe(T0);
    expect(timeAtPx(range, 500, 100)).toBe(T0 + 1000);
  });
});


describe('on a realistic report (poor-wifi)', () => {
  const report = normalizePeerReport(scenarioData('poor-wifi'));

  it('puts the disconnect and the reconnect attempts on the network lane as problems', () => {
    const network = assignLanes(report.timeline).find((lane) => lane.category === 'network');
    const problems = network?.events.filter((e) => e.severity === 'problem').map((e) => e.label);
    expect(problems).toEqual(['Disconnected', 'Reconnect attempt', 'Reconnect attempt']);
  });

  it('finds the reconnects by search, and by raw name', () => {
    expect(filterEvents(report.timeline, { hidden: new Set(), query: 'reconnect attempt' })).toHaveLength(2);
    expect(filterEvents(report.timeline, { hidden: new Set(), query: 'reconnect_attempt' })).toHaveLength(2);
  });
});
