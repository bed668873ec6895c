import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../../server/demo/scenarios.ts';
import { diagnosedReport } from '../../report/test-support/diagnosed-report.ts';
import { reportSummaryText } from './summary-text.ts';

describe('reportSummaryText', () => {
  it('carries identity, times in UTC, device, network and every finding', () => {
    const report = diagnosedReport(scenarioData('poor-wifi'));
    const text = reportSummaryText(report, report.findings, 'http://localhost:5173/?peer=x', 'UTC');
    expect(text).toContain(`Peer ID: ${report.participant.peerId}`);
    expect(text).toMatch(/Joined: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(text).toContain('Link: http://localhost:5173/?peer=x');
    for (const finding of report.findings) expect(text).toContain(finding.sentence);
    expect(text).toContain('[CRITICAL]');
  });

  it('writes its times in the zone the page shows, labelled', () => {
    const report = diagnosedReport(scenarioData('poor-wifi'));
    const joined = report.participant.joinedAt ?? 0;
    const text = reportSummaryText(report, [], null, 'Asia/Kolkata');
    const local = new Date(joined + 5.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(text).toContain(`Joined: ${local} UTC+05:30`);
  });

  it('says a good call is good, and a missing leave time plainly', () => {
    const good = diagnosedReport(scenarioData('good-call'));
    expect(reportSummaryText(good, good.findings, null, 'UTC')).toContain('Findings: no problems found.');
    const stillIn = diagnosedReport(scenarioData('still-in-call'));
    expect(reportSummaryText(stillIn, stillIn.findings, null, 'UTC')).toContain('Left: still in call or not recorded');
  });
});
