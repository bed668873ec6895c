import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../../server/demo/scenarios.ts';
import { diagnosedReport } from '../../report/test-support/diagnosed-report.ts';
import { reportSummaryText } from './summary-text.ts';
import type { ShownVerdict } from './verdict-card.tsx';

const VERDICT: ShownVerdict = {
  side: 'participant',
  headline: 'Most likely this participant’s own network.',
  advice: ['Use a wired connection.', 'Pause other downloads.'],
  evidence: [],
};

describe('reportSummaryText', () => {
  it('carries identity, times in UTC, device, network and every finding', () => {
    const report = diagnosedReport(scenarioData('poor-wifi'));
    const text = reportSummaryText(report, report.findings, VERDICT, 'http://localhost:5173/?peer=x', 'UTC');
    expect(text).toContain(`Peer ID: ${report.participant.peerId}`);
    expect(text).toMatch(/Joined: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(text).toContain('Link: http://localhost:5173/?peer=x');
    for (const finding of report.findings) expect(text).toContain(finding.sentence);
    expect(text).toContain('[CRITICAL]');
  });

  it('leads with the verdict and the advice, and counts problems and notes apart', () => {
    const report = diagnosedReport(scenarioData('mobile-4g'));
    const text = reportSummaryText(report, report.findings, VERDICT, null, 'UTC');
    const lines = text.split('\n');
    expect(lines.slice(1, 5)).toEqual(['Verdict: Most likely this participant’s own network.', 'What to tell the customer, or do next:', '- Use a wired connection.', '- Pause other downloads.']);
    const problems = report.findings.filter((f) => f.severity !== 'info').length;
    const notes = report.findings.length - problems;
    expect(notes).toBeGreaterThan(0);
    expect(text).toContain(`Findings (${problems} problems and ${notes} note${notes === 1 ? '' : 's'}, worst first):`);
    expect(lines.filter((line) => line.startsWith('- [')).length).toBe(report.findings.length);
  });

  it('writes its times in the zone the page shows, labelled', () => {
    const report = diagnosedReport(scenarioData('poor-wifi'));
    const joined = report.participant.joinedAt ?? 0;
    const text = reportSummaryText(report, [], VERDICT, null, 'Asia/Kolkata');
    const local = new Date(joined + 5.5 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(text).toContain(`Joined: ${local} UTC+05:30`);
  });

  it('says a good call is good, and a missing leave time plainly', () => {
    const good = diagnosedReport(scenarioData('good-call'));
    expect(reportSummaryText(good, good.findings, VERDICT, null, 'UTC')).toContain('Findings: no problems found.');
    const stillIn = diagnosedReport(scenarioData('still-in-call'));
    const text = reportSummaryText(stillIn, stillIn.findings, VERDICT, null, 'UTC');
    expect(text).toContain('Left: still in call or not recorded');
    expect(text).toMatch(/^Time in call: \d+:\d\d:\d\d so far$/m);
    expect(reportSummaryText(good, good.findings, VERDICT, null, 'UTC')).toMatch(/^Time in call: \d+:\d\d:\d\d$/m);
  });
});
