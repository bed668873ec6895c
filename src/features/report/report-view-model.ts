import type { Lookup } from '../../lib/lookup.ts';
import { peerReportQuery } from '../../api/queries.ts';
import { diagnose } from '../../report/diagnosis/diagnose.ts';
import { verdictOf, type Verdict } from '../../report/diagnosis/verdict.ts';
import type { Finding, PeerReport } from '../../report/model.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import { EarlyQualityRead } from '../../report/quality/early-read.ts';

export interface ReportView {
  report: PeerReport;
  /** What the diagnosis found in it, worst first (causes ahead of their symptoms). */
  findings: Finding[];
  /** The most likely cause, on whose side, and what to tell the customer. */
  verdict: Verdict;
  /** The envelope's `data` as received, for the raw view. */
  data: Record<string, unknown>;
  bytes: number;
  receivedAt: number;
  body: Blob;
}

/** What a report view is made from: a fetched body, or a file opened from disk. */
export interface ReportSource {
  data: Record<string, unknown>;
  body: Blob;
  bytes: number;
  receivedAt: number;
  early?: EarlyQualityRead | null;
}

/**
 * The pipeline's last two stages over one body: normalize it into the report model, then
 * diagnose the model. React Query's `select` for a fetched report (module-level, so its
 * identity is stable and React Query memoizes the result), and the view of an opened file.
 */
export function selectReportView(source: ReportSource): ReportView {
  const started = performance.now();
  const report = normalizePeerReport(source.data, { early: source.early ?? null });
  const findings = diagnose(report);
  const verdict = verdictOf(report, findings);
  // Read by `npm run bench` (scripts/bench.mjs); one entry per normalized body.
  performance.measure('peerscope:normalize', { start: started });
  return { report, findings, verdict, data: source.data, bytes: source.bytes, receivedAt: source.receivedAt, body: source.body };
}

/**
 * The peer report's query, read into a ReportView. Each request reads the quality samples as
 * the body arrives and builds each sample array's streams when it ends (its own
 * EarlyQualityRead), so what is left after the last byte is mostly the diagnosis.
 */
export function reportViewQuery(lookup: Lookup) {
  return {
    ...peerReportQuery(lookup, { early: () => new EarlyQualityRead() }),
    select: selectReportView,
  };
}
