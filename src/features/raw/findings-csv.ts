// The findings as CSV, for a ticket or a spreadsheet of several calls.

import { toCsv } from '../../lib/csv.ts';
import type { Finding } from '../../report/model.ts';

const FINDINGS_CSV_HEADER = ['severity', 'title', 'sentence', 'rule', 'stream_id', 'remote_peer_id', 'remote_peer_name', 'intervals_utc', 'source'] as const;

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** `peerName`: a remote sender's display name, when the page knows it (from the session's participants). */
export function findingsCsv(findings: readonly Finding[], peerName: (peerId: string) => string | null = () => null): string {
  return toCsv(
    [...FINDINGS_CSV_HEADER],
    findings.map((f) => [
      f.severity,
      f.title,
      f.sentence,
      f.rule,
      f.streamId,
      f.remotePeerId,
      f.remotePeerId === null ? null : peerName(f.remotePeerId),
      f.intervals.map((i) => `${iso(i.start)}/${iso(i.end)}`).join('; '),
      f.source,
    ]),
  );
}
