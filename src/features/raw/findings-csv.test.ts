import { describe, expect, it } from 'vitest';
import { scenarioBody } from '../../../server/demo/scenarios.ts';
import type { Finding } from '../../report/model.ts';
import { diagnosedReport } from '../../report/test-support/diagnosed-report.ts';
import { findingsCsv } from './findings-csv.ts';

const T0 = Date.UTC(2026, 8, 14, 13, 0, 0);

const FINDING: Finding = {
  id: 'packet-loss:audio-send',
  rule: 'packet-loss',
  severity: 'critical',
  streamIds: ['audio-send'],
  title: 'Packet loss on sent audio',
  sentence: 'Sent audio lost over 5 % of packets for 2 min, from 13:00 to 13:02, during a "reconnect".',
  streamId: 'audio-send',
  remotePeerId: null,
  metric: 'lossPercent',
  intervals: [
    { start: T0, end: T0 + 120_000 },
    { start: T0 + 600_000, end: T0 + 610_000 },
  ],
  source: 'Twilio SDK warnings; Microsoft Teams network targets',
};

describe('findingsCsv', () => {
  it('writes one row per finding with intervals as ISO ranges', () => {
    expect(findingsCsv([FINDING])).toBe(
      'severity,title,sentence,rule,stream_ids,remote_peer_id,remote_peer_name,intervals_utc,intervals_shown_zone,source\r\n' +
        'critical,Packet loss on sent audio,"Sent audio lost over 5 % of packets for 2 min, from 13:00 to 13:02, during a ""reconnect"".",packet-loss,audio-send,,,' +
        '2026-09-14T13:00:00.000Z/2026-09-14T13:02:00.000Z; 2026-09-14T13:10:00.000Z/2026-09-14T13:10:10.000Z,' +
        '2026-09-14T13:00:00+00:00/2026-09-14T13:02:00+00:00; 2026-09-14T13:10:00+00:00/2026-09-14T13:10:10+00:00,' +
        'Twilio SDK warnings; Microsoft Teams network targets\r\n',
    );
  });

  it('names every stream of a finding over both directions, and writes intervals in the shown zone', () => {
    const both: Finding = { ...FINDING, streamIds: ['audio-send', 'audio-receive'] };
    const [, row] = findingsCsv([both], () => null, 'Asia/Kolkata').split('\r\n');
    expect(row).toContain(',packet-loss,audio-send; audio-receive,,,');
    expect(row).toContain(',2026-09-14T18:30:00+05:30/2026-09-14T18:32:00+05:30; 2026-09-14T18:40:00+05:30/2026-09-14T18:40:10+05:30,');
  });

  it('has a header only when nothing was found', () => {
    expect(findingsCsv([])).toBe('severity,title,sentence,rule,stream_ids,remote_peer_id,remote_peer_name,intervals_utc,intervals_shown_zone,source\r\n');
  });

  it('names the remote sender a finding blames, when the page knows the name', () => {
    const blamed: Finding = { ...FINDING, rule: 'remote-sender', streamId: null, remotePeerId: '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6' };
    const names = (peerId: string) => (peerId === '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6' ? 'Priya Raman' : null);
    expect(findingsCsv([blamed], names).split('\r\n')[1]).toContain(',3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6,Priya Raman,');
    expect(findingsCsv([blamed]).split('\r\n')[1]).toContain(',3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6,,');
  });

  it('covers every finding of a realistic report', () => {
    const findings = diagnosedReport(scenarioBody('poor-wifi')).findings;
    expect(findings.length).toBeGreaterThan(0);
    const csv = findingsCsv(findings);
    for (const f of findings) expect(csv).toContain(f.rule);
  });
});
