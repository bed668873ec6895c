// The findings as CSV, for a ticket or a spreadsheet of several calls.

import { toCsv } from '../../lib/csv.ts';
import { formatIsoInZone, type DisplayZone } from '../../lib/format.ts';
import type { Finding } from '../../report/model.ts';

// `stream_ids`: every stream a finding concerns (a finding over both directions names both).
// Intervals twice: in UTC, and in the zone the page shows, each time with its offset.
const FINDINGS_CSV_HEADER = [
  'severity',
  'title',
  'sentence',
  'rule',
  'stream_ids',
  'remote_peer_id',
  'remote_peer_name',
  'intervals_utc',
  'intervals_shown_zone',
  'source',
] as const;

function iso(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

function inZone(ms: number, zone: DisplayZone): string {
  return formatIsoInZone(ms, zone) ?? String(ms);
}

/**
 * `peerName`: a remote sender's display name, when the page knows it (from the session's
 * participants). `zone`: the zone the page shows times in (undefined: the viewer's own).
 */
export function findingsCsv(findings: readonly Finding[], peerName: (peerId: string) => string | null = () => null, zone: DisplayZone = 'UTC'): string {
  return toCsv(
    [...FINDINGS_CSV_HEADER],
    findings.map((f) => [
      f.severity,
      f.title,
      f.sentence,
      f.rule,
      f.streamIds.length > 0 ? f.streamIds.join('; ') : f.streamId,
      f.remotePeerId,
      f.remotePeerId === null ? null : peerName(f.remotePeerId),
      f.intervals.map((i) => `${iso(i.start)}/${iso(i.end)}`).join('; '),
      f.intervals.map((i) => `${inZone(i.start, zone)}/${inZone(i.end, zone)}`).join('; '),
      f.source,
    ]),
  );
}
