import { describe, expect, it } from 'vitest';
import { REPORT_FILTERS } from '../lib/filters.ts';
import type { LookupInput } from '../lib/lookup.ts';
import { peerReportUrl } from './peer-report-url.ts';

const valid: LookupInput = {
  accountId: '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d',
  appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73',
  peerId: '6513270e-269e-4d37-b2a7-4de452e6b438',
  filters: [...REPORT_FILTERS],
  includePeerEvents: true,
};

describe('peerReportUrl', () => {
  it('encodes every segment and sends filters as a comma list', () => {
    const url = peerReportUrl(
      { accountId: 'acc', appId: 'my app', peerId: valid.peerId, filters: ['events'], includePeerEvents: false },
      'http://x.test',
    );
    expect(url.pathname).toBe(`/api/accounts/acc/realtime/kit/my%20app/sessions/peer-report/${valid.peerId}`);
    expect(url.search).toBe('?filters=events');
  });
});
