import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { emptyPeerReport, type CandidatePair, type PeerReport, type PrecallCheck } from '../../report/model.ts';
import { candidatePair, iceCandidate, precallCheck } from '../../report/test-support/test-report.ts';
import { ReportOverview } from './report-overview.tsx';

const LOOKUP: Lookup = { accountId: 'a', appId: 'b', peerId: 'c', filters: [...REPORT_FILTERS], includePeerEvents: false };

const pair = (networkType: string | null, nominated: boolean | null) => candidatePair({ rttMs: 40, local: iceCandidate({ type: 'host', networkType }), nominated });
const precall = (effectiveNetworkType: string) => precallCheck({ effectiveNetworkType });

function network(sending: CandidatePair[], checks: PrecallCheck[]): string | null {
  const report: PeerReport = { ...emptyPeerReport(), connectivity: { precall: checks, sending, receiving: [], usesRelay: false, usesTcp: false } };
  render(<ReportOverview report={report} lookup={LOOKUP} bytes={0} receivedAt={0} />);
  const term = screen.getByText('Network', { selector: 'dt' });
  return term.nextElementSibling?.textContent ?? null;
}

describe('ReportOverview network fact', () => {
  it('takes the link from the pair media took and calls 4g a connection speed class', () => {
    // A wired desktop: the browser's speed class says 4g, the nominated pair says ethernet.
    expect(network([pair('wifi', false), pair('ethernet', true)], [precall('4g')])).toBe(
      'ethernet · connection speed class 4g · direct (no TURN relay) · media over UDP',
    );
  });

  it('uses every pair when none is marked, and never writes "network 4g"', () => {
    const text = network([pair('wifi', null), pair('cellular', null)], [precall('3g'), precall('4g')]);
    expect(text).toBe('wifi and cellular · connection speed class 3g → 4g · direct (no TURN relay) · media over UDP');
    expect(text).not.toMatch(/network 4g/);
  });
});
