import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { emptyPeerReport, type CandidatePair, type IceCandidate, type PeerReport, type PrecallCheck } from '../../report/model.ts';
import { ReportOverview } from './report-overview.tsx';

const LOOKUP: Lookup = { accountId: 'a', appId: 'b', peerId: 'c', filters: [...REPORT_FILTERS], includePeerEvents: false };

function candidate(networkType: string | null): IceCandidate {
  return { id: null, type: 'host', address: '192.0.2.7', port: 50000, protocol: 'udp', networkType, relatedAddress: null, relatedPort: null, url: null };
}

function pair(networkType: string | null, nominated: boolean | null): CandidatePair {
  return {
    rttMs: 40,
    availableOutgoingKbps: null,
    availableIncomingKbps: null,
    bytesSent: null,
    bytesReceived: null,
    packetsSent: null,
    packetsReceived: null,
    lastPacketSentAt: null,
    lastPacketReceivedAt: null,
    local: candidate(networkType),
    remote: candidate(null),
    relayed: false,
    overTcp: false,
    nominated,
    bytesDiscardedOnSend: null,
    packetsDiscardedOnSend: null,
  };
}

function precall(effectiveNetworkType: string): PrecallCheck {
  return {
    at: null,
    effectiveNetworkType,
    turnConnectivity: true,
    relayConnectivity: true,
    reflexiveConnectivity: true,
    rttMs: null,
    backendRttMs: null,
    jitterMs: null,
    lossPercent: null,
    throughputKbps: null,
    sdp: [],
  };
}

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
