import { describe, expect, it } from 'vitest';
import { REPORT_FILTERS } from './filters.ts';
import { lookupInputFromSearch, lookupToSearch, sameLookup, validateLookup, type LookupInput } from './lookup.ts';

const valid: LookupInput = {
  accountId: '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d',
  appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73',
  peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
  filters: [...REPORT_FILTERS],
  includePeerEvents: true,
};

describe('validateLookup', () => {
  it('accepts a valid lookup and trims and lower-cases the peer ID', () => {
    const result = validateLookup({ ...valid, peerId: ` ${valid.peerId.toUpperCase()} ` });
    expect(result).toEqual({ ok: true, lookup: { ...valid } });
  });

  it.each([
    ['accountId', ''],
    ['accountId', 'a'.repeat(33)],
    ['accountId', 'abc-123'],
    ['accountId', 'abc 123'],
    ['appId', ''],
    ['appId', 'x'.repeat(33)],
    ['appId', '../etc'],
    ['appId', 'app id'],
    ['peerId', ''],
    ['peerId', 'not-a-uuid'],
    ['peerId', '6513270e-269e-4d37-b2a7-4de452e6b43'],
    ['peerId', '6513270e269e4d37b2a74de452e6b438'],
    ['peerId', '6513270e-269e-4d37-b2a7-4de452e6b438/..'],
  ] as const)('rejects %s = %j with a message for that field only', (field, value) => {
    const result = validateLookup({ ...valid, [field]: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors)).toEqual([field]);
      expect(result.errors[field]).toMatch(/\w/);
    }
  });

  it('accepts a 32-character account, a short app identifier and an app UUID', () => {
    expect(validateLookup({ ...valid, accountId: 'A'.repeat(32), appId: 'my_app-01' }).ok).toBe(true);
    expect(validateLookup({ ...valid, appId: 'x'.repeat(32) }).ok).toBe(true);
  });

  it('needs at least one filter', () => {
    const result = validateLookup({ ...valid, filters: [] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.filters).toMatch(/at least one/);
  });

  it('keeps filters in the canonical order', () => {
    const result = validateLookup({ ...valid, filters: ['quality_stats', 'device_info'] });
    expect(result.ok && result.lookup.filters).toEqual(['device_info', 'quality_stats']);
  });
});

describe('lookup URL round trip', () => {
  it('writes and reads the documented parameters', () => {
    const result = validateLookup({ ...valid, filters: ['device_info', 'events'] });
    if (!result.ok) throw new Error('invalid');
    const search = lookupToSearch(result.lookup);
    expect(search).toBe(
      `?account=${valid.accountId}&app=${valid.appId}&peer=${valid.peerId}&filters=device_info,events&peerEvents=1`,
    );
    const back = validateLookup(lookupInputFromSearch(search));
    expect(back.ok && sameLookup(back.lookup, result.lookup)).toBe(true);
  });

  it('reads a link without filters as all filters, and without peerEvents as off', () => {
    const input = lookupInputFromSearch(`?account=a&app=b&peer=${valid.peerId}`);
    expect(input.filters).toEqual([...REPORT_FILTERS]);
    expect(input.includePeerEvents).toBe(false);
    expect(input.hasPeer).toBe(true);
  });

  it('drops unknown filter names from a link', () => {
    expect(lookupInputFromSearch('?filters=events,bogus,quality_stats').filters).toEqual(['events', 'quality_stats']);
  });
});
