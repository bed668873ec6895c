// For tests that read findings: a body through the pipeline's report stages, normalize then
// diagnose, as the page's view model runs them, with each finding's title and sentence
// rendered as a reader in UTC sees them (../phrase.ts), senders by their short peer ID.

import { diagnose } from '../diagnosis/diagnose.ts';
import type { DiagnosisRule } from '../diagnosis/types.ts';
import type { Finding, PeerReport } from '../model.ts';
import { normalizePeerReport } from '../normalize-peer-report.ts';
import { renderFinding } from '../phrase.ts';

/** A report with what the diagnosis found in it, for assertions on both. */
export type DiagnosedReport = PeerReport & { findings: Finding[] };

/** Findings as read in UTC. */
export function inUtc(findings: readonly Finding[]): Finding[] {
  return findings.map((finding) => renderFinding(finding, { zone: 'UTC' }));
}

/** diagnose(), its findings read in UTC. */
export function diagnoseInUtc(report: PeerReport, rules?: readonly DiagnosisRule[]): Finding[] {
  return inUtc(rules ? diagnose(report, rules) : diagnose(report));
}

export function diagnosedReport(input: unknown): DiagnosedReport {
  const report = normalizePeerReport(input);
  return { ...report, findings: diagnoseInUtc(report) };
}
