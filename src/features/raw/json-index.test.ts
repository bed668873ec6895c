import { describe, expect, it } from 'vitest';
import { scenarioBody } from '../../../server/demo/scenarios.ts';
import { buildJsonIndex, childPath, pathOf, pathStep, searchJsonIndex } from './json-index.ts';

const SAMPLE = {
  participant: {
    id: 'p1',
    'odd key': { 'with "quotes"': true },
    peer_report: { quality: { audio_producer: [{ rtt: 0.05 }, { rtt: 0.07, jitter: 0.002 }, { mos_quality: 4.1 }] } },
  },
  note: null,
  list: [1, 'RTT in words'],
};

describe('pathStep and childPath', () => {
  it('writes identifiers with dots, indices and odd keys in brackets', () => {
    expect(pathStep('participant')).toBe('.participant');
    expect(pathStep(3)).toBe('[3]');
    expect(pathStep('odd key')).toBe('["odd key"]');
    expect(pathStep('5_or_greater_event_fraction')).toBe('["5_or_greater_event_fraction"]');
    expect(pathStep('a"b')).toBe('["a\\"b"]');
    expect(childPath('data.list', 0)).toBe('data.list[0]');
  });
});

describe('buildJsonIndex and pathOf', () => {
  it('indexes every node in document order with paths the tree uses', () => {
    const index = buildJsonIndex(SAMPLE, 'data');
    const paths = index.keys.map((_, i) => pathOf(index, i));
    expect(paths.slice(0, 4)).toEqual(['data', 'data.participant', 'data.participant.id', 'data.participant["odd key"]']);
    expect(paths).toContain('data.participant.peer_report.quality.audio_producer[1].jitter');
    expect(paths).toContain('data.participant["odd key"]["with \\"quotes\\""]');
    expect(paths).toHaveLength(new Set(paths).size);
    expect(paths).toHaveLength(19);
  });

  it('survives nesting deeper than the call stack would', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20_000; i += 1) deep = { d: deep };
    const index = buildJsonIndex(deep, 'data');
    expect(index.keys).toHaveLength(20_001);
    const result = searchJsonIndex(index, 'bottom', 10);
    expect(result.count).toBe(1);
    expect(result.openPaths.size).toBe(20_000);
  });
});

describe('searchJsonIndex', () => {
  const index = buildJsonIndex(SAMPLE, 'data');

  it('matches keys and scalar values, case-insensitively', () => {
    const result = searchJsonIndex(index, 'RTT', 100);
    expect(result.count).toBe(3);
    expect([...result.matchPaths]).toEqual([
      'data.participant.peer_report.quality.audio_producer[0].rtt',
      'data.participant.peer_report.quality.audio_producer[1].rtt',
      'data.list[1]',
    ]);
  });

  it('opens every container on the way to a match', () => {
    const result = searchJsonIndex(index, 'mos_quality', 100);
    expect([...result.openPaths].sort()).toEqual(
      ['data', 'data.participant', 'data.participant.peer_report', 'data.participant.peer_report.quality', 'data.participant.peer_report.quality.audio_producer', 'data.participant.peer_report.quality.audio_producer[2]'].sort(),
    );
    expect(result.deepestChild.get('data.participant.peer_report.quality.audio_producer')).toBe(2);
    expect(result.deepestChild.get('data')).toBe(0);
  });

  it('says where the first match starts in a value, so a long one is shown around it', () => {
    const long = { note: `${'x'.repeat(5000)} Needle and needle`, needle_key: 'no match in here', short: 'a needle' };
    const result = searchJsonIndex(buildJsonIndex(long, 'data'), 'needle', 10);
    expect([...result.valueMatchAt]).toEqual([
      ['data.note', 5001],
      ['data.short', 2],
    ]);
    expect(result.matchPaths.has('data.needle_key')).toBe(true);
  });

  it('matches numbers, booleans and null as shown', () => {
    expect(searchJsonIndex(index, '4.1', 10).count).toBe(1);
    expect(searchJsonIndex(index, 'true', 10).count).toBe(1);
    expect(searchJsonIndex(index, 'null', 10).count).toBe(1);
  });

  it('counts every match but opens only up to the limit', () => {
    const many = buildJsonIndex({ items: Array.from({ length: 50 }, (_, i) => ({ name: `item ${i}` })) }, 'data');
    const result = searchJsonIndex(many, 'item', 5);
    expect(result.count).toBe(51);
    expect(result.matchPaths.size).toBe(5);
  });

  it('finds nothing for an empty query', () => {
    expect(searchJsonIndex(index, '  ', 10).count).toBe(0);
  });

  it('searches a large realistic report quickly once indexed', () => {
    const reports = ['group-receiver', 'poor-wifi', 'group-receiver', 'poor-wifi'] as const;
    const big = { reports: reports.map((key) => scenarioBody(key)) };
    expect(JSON.stringify(big).length).toBeGreaterThan(6_000_000);
    const builtAt = performance.now();
    const bigIndex = buildJsonIndex(big, 'data');
    const built = performance.now() - builtAt;
    const searchedAt = performance.now();
    const result = searchJsonIndex(bigIndex, 'reconnect', 500);
    const searched = performance.now() - searchedAt;
    expect(result.count).toBeGreaterThan(0);
    // Generous bounds for slow CI machines; the point is "not seconds per keystroke".
    expect(built).toBeLessThan(5000);
    expect(searched).toBeLessThan(1000);
  });
});
