import type { FetchedPeerReport } from '../../api/client';
import { normalizePeerReport } from '../../report/normalize-peer-report';
import type { PeerReport } from '../../report/model';

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
