// For tests that read findings: a body through the pipeline's report stages, normalize then
// diagnose, as the page's view model runs them.

import { diagnose } from '../diagnosis/diagnose.ts';
import type { Finding, PeerReport } from '../model.ts';
import { normalizePeerReport } from '../normalize-peer-report.ts';

/** A report with what the diagnosis found in it, for assertions on both. */
export type DiagnosedReport = PeerReport & { findings: Finding[] };

export function diagnosedReport(input: unknown): DiagnosedReport {
  const report = normalizePeerReport(input);
  return { ...report, findings: diagnose(report) };
}
