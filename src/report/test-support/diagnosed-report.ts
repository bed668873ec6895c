// For tests that read findings: a body through the pipeline's report stages, normalize then
// diagnose, as the page's view model runs them.

import { diagnose } from '../diagnosis/diagnose.ts';
import type { PeerReport } from '../model.ts';
import { normalizePeerReport } from '../normalize-peer-report.ts';

export function diagnosedReport(input: unknown): PeerReport {
  const report = normalizePeerReport(input);
  return { ...report, findings: diagnose(report) };
}
