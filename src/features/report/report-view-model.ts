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
  return {
    report: normalizePeerReport(fetched.data),
    data: fetched.data,
    bytes: fetched.bytes,
    receivedAt: fetched.receivedAt,
    body: fetched.body,
  };
}
