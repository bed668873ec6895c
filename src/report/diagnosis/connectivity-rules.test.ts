import { describe, expect, it } from 'vitest';
import type { PrecallCheck } from '../model.ts';
import { MEDIA_OVER_TCP, PRECALL_CONNECTIVITY, TURN_RELAY } from './connectivity-rules.ts';
import { connectivity, JOIN, makeReport, precallCheck, series, stream } from '../test-support/test-report.ts';
import { diagnoseInUtc, diagnosedReport } from '../test-support/diagnosed-report.ts';

function precall(values: Partial<PrecallCheck>): PrecallCheck {
  return precallCheck({ at: JOIN - 22_000, ...values });
}

const rules = [TURN_RELAY, MEDIA_OVER_TCP, PRECALL_CONNECTIVITY];

describe('connectivity rules', () => {
  it('say nothing about a direct UDP call, or a report without connectivity', () => {
    expect(diagnoseInUtc(makeReport({ connectivity: connectivity({ precall: [precall({})] }) }), rules)).toEqual([]);
    expect(diagnoseInUtc(makeReport({ connectivity: null }), rules)).toEqual([]);
  });

  it('note a TURN relay as info, for the whole call', () => {
    const [finding, ...rest] = diagnoseInUtc(makeReport({ connectivity: connectivity({ usesRelay: true }) }), rules);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'turn-relay:call', severity: 'info', intervals: [], streamId: null });
  });

  it('warn about media over TCP, with the median round-trip time', () => {
    const report = makeReport({
      connectivity: connectivity({ usesRelay: true, usesTcp: true }),
      streams: [stream('audio', 'send', series('rttMs', [440, 452, 461, 470, 480]))],
    });
    const tcp = diagnoseInUtc(report, rules).find((f) => f.rule === 'media-over-tcp');
    expect(tcp).toMatchObject({ id: 'media-over-tcp:call', severity: 'warning', intervals: [] });
    expect(tcp?.sentence).toContain('over TCP to a TURN relay');
    expect(tcp?.sentence).toContain('head-of-line blocking');
    expect(tcp?.sentence).toContain('The median round-trip time was 461 ms.');
  });

  it('warn when a pre-call check failed, naming which', () => {
    const report = makeReport({
      connectivity: connectivity({ precall: [precall({ reflexiveConnectivity: false }), precall({ at: null, turnConnectivity: false })] }),
    });
    const [finding] = diagnoseInUtc(report, rules);
    expect(finding).toMatchObject({ id: 'precall-connectivity:call', severity: 'warning', title: 'Pre-call check: no reflexive (STUN) and TURN connectivity' });
    expect(finding?.sentence).toBe(
      'The pre-call network check at 12:59:38 UTC (T-00:22) found no reflexive (STUN) and TURN connectivity: without a relay, a network that blocks direct UDP cannot carry media at all.',
    );
  });

  it('treat an unknown (null) pre-call result as no failure', () => {
    const report = makeReport({ connectivity: connectivity({ precall: [precall({ turnConnectivity: null, relayConnectivity: null })] }) });
    expect(diagnoseInUtc(report, rules)).toEqual([]);
  });

  describe('judged on the nominated candidate pair', () => {
    // The client collects every pair of a transport; the browser's selected one is nominated.
    const pair = (values: Record<string, unknown>) => ({
      local_candidate_type: 'host',
      local_candidate_protocol: 'udp',
      local_candidate_network_type: 'ethernet',
      remote_candidate_type: 'host',
      remote_candidate_protocol: 'udp',
      ...values,
    });
    const relayTcp = { local_candidate_type: 'relay', local_candidate_protocol: 'tcp', local_candidate_url: 'turn:turn.example.com:443?transport=tcp' };
    const body = (producing: unknown[]) => ({
      success: true,
      data: { participant: { id: 'p', joined_at: '2026-09-14T13:00:00.000Z', peer_report: { metadata: { candidate_pairs: { producing_transport: producing } } } } },
    });

    it('a TURN-over-TCP pair only tried beside a nominated direct UDP pair is no relay and no TCP', () => {
      const report = diagnosedReport(body([pair({ nominated: true, local_candidate_type: 'srflx' }), pair({ nominated: false, ...relayTcp })]));
      expect(report.connectivity).toMatchObject({ usesRelay: false, usesTcp: false });
      expect(report.findings.filter((f) => f.rule === 'turn-relay' || f.rule === 'media-over-tcp')).toEqual([]);
    });

    it('a nominated TURN-over-TCP pair is both', () => {
      const report = diagnosedReport(body([pair({ nominated: false }), pair({ nominated: true, ...relayTcp })]));
      expect(report.connectivity).toMatchObject({ usesRelay: true, usesTcp: true });
      expect(report.findings.map((f) => f.rule).sort()).toEqual(['media-over-tcp', 'turn-relay']);
    });

    it("reads Firefox's selected as nominated, and every pair when none is marked", () => {
      const firefox = diagnosedReport(body([pair({ selected: true }), pair({ selected: false, ...relayTcp })]));
      expect(firefox.connectivity?.sending.map((p) => p.nominated)).toEqual([true, false]);
      expect(firefox.connectivity?.usesRelay).toBe(false);
      const unmarked = diagnosedReport(body([pair({}), pair(relayTcp)]));
      expect(unmarked.connectivity).toMatchObject({ usesRelay: true, usesTcp: true });
    });

    it('reads the discarded-on-send counters of a pair', () => {
      const report = diagnosedReport(body([pair({ nominated: true, bytes_discarded_on_send: 1200, packets_discarded_on_send: 12 })]));
      expect(report.connectivity?.sending[0]).toMatchObject({ bytesDiscardedOnSend: 1200, packetsDiscardedOnSend: 12 });
    });
  });
});
