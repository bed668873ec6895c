import type { FetchedPeerReport } from '../../api/client.ts';
import type { Lookup } from '../../api/lookup.ts';
import { peerReportQuery } from '../../api/queries.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import { preReadSamples } from '../../report/normalize-quality.ts';
import type { PeerReport } from '../../report/model.ts';

export interface ReportView {
  report: PeerReport;
  /** The envelope's `data` as received, for the raw view. */
  data: Record<string, unknown>;
  bytes: number;
  receivedAt: number;
  body: Blob;
}

/**
 * React Query `select`: normalizes once per fetched body. Module-level so its identity is
 * stable and React Query memoizes the result.
 */
export function selectReportView(fetched: FetchedPeerReport): ReportView {
  const started = performance.now();
  const report = normalizePeerReport(fetched.data);
  // Read by `npm run bench` (scripts/bench.mjs); one entry per normalized body.
  performance.measure('peerscope:normalize', { start: started });
  return {
    report,
    data: fetched.data,
    bytes: fetched.bytes,
    receivedAt: fetched.receivedAt,
    body: fetched.body,
  };
}

/**
 * The peer report's query, read into a ReportView. The quality samples are read as the body
 * arrives and each sample array's streams built when it ends, so what is left after the last
 * byte is mostly the diagnosis.
 */
export function reportViewQuery(lookup: Lookup) {
  return { ...peerReportQuery(lookup, { arrays: preReadSamples }), select: selectReportView };
}
