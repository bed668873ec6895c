import { useId, useState } from 'react';
import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { SenderLink } from '../../components/sender-links.tsx';
import { useSenderNames } from '../../components/sender-names.tsx';
import { useDisplayZone } from '../../components/time-zone.tsx';
import { downloadBlob, safeFileName } from '../../lib/download.ts';
import { formatBytes, shortId } from '../../lib/format.ts';
import type { Finding, QualityStream } from '../../report/model.ts';
import { redactReport } from '../../report/redact.ts';
import { findingsCsv } from './findings-csv.ts';
import { jsonTextParts } from './json-text.ts';
import { JsonTree } from './json-tree.tsx';
import { streamCsv, streamCsvFileName, streamLabel } from './stream-csv.ts';
import { isRecord } from '../../lib/json-value.ts';

export interface RawPanelProps {
  /** The report's `data` (envelope unwrapped), drawn as the tree. */
  data: Record<string, unknown>;
  /** The body exactly as received, or the file as opened. */
  body: Blob;
  /** Name for the as-received download; default `peer-report-<peerId>.json`. */
  fileName?: string;
  /** The participant's peer ID for file names; read from `data` when not given. */
  peerId?: string | null;
  /** The model's quality streams, one CSV each. */
  streams: readonly QualityStream[];
  /** Join time (epoch ms), for the CSVs' seconds-since-join column. */
  joinedAt: number | null;
  /** When given, a CSV of them is offered too. */
  findings?: readonly Finding[];
}


function peerIdOf(data: Record<string, unknown>): string | null {
  const participant = isRecord(data['participant']) ? data['participant'] : data;
  const id = participant['id'] ?? participant['peer_id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function redactedName(fileName: string): string {
  const stem = fileName.replace(/\.json$/i, '');
  return safeFileName([stem, 'redacted'], 'json');
}

/** The body as received, parsed again: redaction keeps its exact shape (envelope or bare data). */
async function parsedBody(body: Blob, data: Record<string, unknown>): Promise<unknown> {
  try {
    return JSON.parse(await body.text()) as unknown;
  } catch {
    return { success: true, data };
  }
}

const buttonClass =
  'inline-flex h-8 items-center rounded border border-line bg-surface px-3 text-sm font-medium text-ink hover:border-accent hover:text-accent-strong disabled:opacity-60';

export function RawPanel({ data, body, fileName, peerId, streams, joinedAt, findings }: RawPanelProps) {
  const titleId = useId();
  const checkboxId = useId();
  const [redactNames, setRedactNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = peerId ?? peerIdOf(data);
  const names = useSenderNames();
  const zone = useDisplayZone();
  const asReceivedName = fileName && fileName.trim() !== '' ? fileName : safeFileName(['peer-report', id], 'json');

  const downloadRedacted = async () => {
    setBusy(true);
    setError(null);
    try {
      const redacted = redactReport(await parsedBody(body, data), { namesAndUserIds: redactNames });
      downloadBlob(new Blob(jsonTextParts(redacted), { type: 'application/json' }), redactedName(asReceivedName));
    } catch (cause) {
      setError(`The redacted copy could not be made: ${cause instanceof Error ? cause.message : String(cause)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="Raw report" labelledBy={titleId} aside={<Badge title="Size as received">{formatBytes(body.size)}</Badge>}>
      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <button type="button" className={buttonClass} onClick={() => downloadBlob(body, asReceivedName)}>
              Download as received
            </button>
            <button type="button" className={buttonClass} disabled={busy} onClick={() => void downloadRedacted()}>
              Download redacted
            </button>
            <span className="inline-flex items-center gap-1.5 text-sm text-ink-muted">
              <input
                id={checkboxId}
                type="checkbox"
                checked={redactNames}
                onChange={(event) => setRedactNames(event.target.checked)}
                className="h-4 w-4 accent-accent"
              />
              <label htmlFor={checkboxId}>Also redact names and user IDs</label>
            </span>
          </div>
          <p className="text-xs text-ink-faint">
            The redacted copy replaces IP addresses (SDP and ICE candidates included), user agents and device labels.
          </p>
          {error && (
            <p role="alert" className="text-sm text-bad">
              {error}
            </p>
          )}
        </div>

        <section aria-label="Quality data as CSV" className="flex flex-col gap-1.5">
          <h3 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Quality data as CSV</h3>
          {streams.length === 0 ? (
            <p className="text-sm text-ink-muted">This report has no quality samples.</p>
          ) : (
            <ul className="flex flex-col divide-y divide-line rounded border border-line">
              {streams.map((stream) => {
                const label = streamLabel(stream, (remote) => shortId(remote));
                return (
                  <li key={stream.id} className="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
                    <span className="min-w-0 truncate text-ink" title={streamLabel(stream)}>
                      {stream.remotePeerId ? (
                        <>
                          {streamLabel(stream, () => '')}
                          <SenderLink peerId={stream.remotePeerId} />
                        </>
                      ) : (
                        label
                      )}
                      <span className="ml-2 text-xs text-ink-faint">
                        {stream.samples.length} {stream.samples.length === 1 ? 'sample' : 'samples'}
                      </span>
                    </span>
                    <button
                      type="button"
                      aria-label={`Download CSV of ${streamLabel(stream)}`}
                      className="h-6 shrink-0 rounded border border-line bg-surface px-2 text-xs font-medium text-ink-muted hover:border-accent hover:text-accent-strong"
                      onClick={() =>
                        downloadBlob(new Blob([streamCsv(stream, joinedAt, zone)], { type: 'text/csv;charset=utf-8' }), streamCsvFileName(stream, id))
                      }
                    >
                      CSV
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {findings && (
            <div>
              <button
                type="button"
                className={buttonClass}
                onClick={() =>
                  downloadBlob(new Blob([findingsCsv(findings, (peer) => names.get(peer)?.name ?? null, zone)], { type: 'text/csv;charset=utf-8' }), safeFileName(['peer-report', id, 'findings'], 'csv'))
                }
              >
                Download findings as CSV ({findings.length})
              </button>
            </div>
          )}
        </section>

        <JsonTree value={data} label="data" />
      </div>
    </Card>
  );
}
