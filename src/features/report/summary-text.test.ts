import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../../server/demo/scenarios.ts';
import { diagnosedReport } from '../../report/test-support/diagnosed-report.ts';
import { reportSummaryText } from './summary-text.ts';

describe('reportSummaryText', () => {
  it('carries identity, times in UTC, device, network and every finding', () => {
    const report = diagnosedReport(scenarioData('poor-wifi'));
    const text = reportSummaryText(report, report.findings, 'http://localhost:5173/?peer=x');
    expect(text).toContain(`Peer ID: ${report.participant.peerId}`);
    expect(text).toMatch(/Joined: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(text).toContain('Link: http://localhost:5173/?peer=x');
    for (const finding of report.findings) expect(text).toContain(finding.sentence);
    expect(text).toContain('[CRITICAL]');
  });

  it('says a good call is good, and a missing leave time plainly', () => {
    const good = diagnosedReport(scenarioData('good-call'));
    expect(reportSummaryText(good, good.findings, null)).toContain('Findings: no problems found.');
    const stillIn = diagnosedReport(scenarioData('still-in-call'));
    expect(reportSummaryText(stillIn, stillIn.findings, null)).toContain('Left: still in call or not recorded');
  });
});
