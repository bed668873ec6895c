// Reading a report someone saved earlier (the "Download as received" file, or a body
// saved from curl): the success envelope as received, or its bare `data`. Pure: the
// caller reads the file; this decides whether it is a peer report and says why not.

import { clipLine } from '../lib/format.ts';
import { looksLikePeerReport } from './normalize-shape.ts';
import { isRecord } from '../lib/json-value.ts';

/** Reports run to a few MB; past this the tab would struggle to parse and draw it. */
export const MAX_REPORT_FILE_BYTES = 100 * 1024 * 1024;

export type ReadReportFileResult =
  | {
      ok: true;
      /** The report's `data`: the envelope's, or the whole file when it holds bare data. */
      data: Record<string, unknown>;
      /** The whole file as parsed (envelope or bare data), for a redacted copy of the same shape. */
      envelope: unknown;
    }
  | { ok: false; message: string };


function quoted(fileName: string): string {
  const name = fileName.trim() === '' ? 'the file' : fileName;
  return `“${name.length > 120 ? `${name.slice(0, 117)}…` : name}”`;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Null when the size is fine; otherwise the message to show. For checking `File.size` before reading. */
export function reportFileSizeProblem(bytes: number, fileName: string): string | null {
  if (bytes > MAX_REPORT_FILE_BYTES) {
    return `${quoted(fileName)} is ${formatMegabytes(bytes)}; Peerscope opens reports up to ${formatMegabytes(MAX_REPORT_FILE_BYTES)}.`;
  }
  return null;
}

function errorMessageOf(envelope: Record<string, unknown>): string | null {
  const error = envelope['error'];
  if (typeof error === 'string') return clipLine(error, 200);
  if (isRecord(error) && typeof error['message'] === 'string') return clipLine(error['message'], 200);
  const errors = envelope['errors'];
  if (Array.isArray(errors) && isRecord(errors[0]) && typeof errors[0]['message'] === 'string') return clipLine(errors[0]['message'], 200);
  if (typeof envelope['message'] === 'string') return clipLine(envelope['message'], 200);
  return null;
}

export function readReportFile(text: string, fileName: string): ReadReportFileResult {
  const name = quoted(fileName);
  // A UTF-16 string's length undercounts UTF-8 bytes at most threefold; the byte check on
  // File.size is the exact one, this guards callers that hand over text directly.
  const sizeProblem = reportFileSizeProblem(text.length, fileName);
  if (sizeProblem) return { ok: false, message: sizeProblem };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, message: `${name} is empty.` };

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    const detail = cause instanceof Error ? ` (${clipLine(cause.message, 120)})` : '';
    const html = /^\s*</.test(body) ? ' It looks like an HTML page.' : '';
    return { ok: false, message: `${name} is not valid JSON${detail}.${html} Open a peer report saved as JSON.` };
  }

  if (isRecord(parsed) && parsed['success'] === false) {
    const said = errorMessageOf(parsed);
    return {
      ok: false,
      message: `${name} holds an API error (success: false${said ? `: ${said}` : ''}), not a peer report.`,
    };
  }
  if (!looksLikePeerReport(parsed)) {
    const what = Array.isArray(parsed) ? 'a JSON array' : isRecord(parsed) ? 'JSON' : `a JSON ${parsed === null ? 'null' : typeof parsed}`;
    return { ok: false, message: `${name} is ${what}, but not a RealtimeKit peer report: it has no participant.` };
  }
  const data = isRecord(parsed) && isRecord(parsed['data']) && (Object.hasOwn(parsed, 'success') || !looksLikePeerReportData(parsed)) ? parsed['data'] : parsed;
  if (!isRecord(data)) return { ok: false, message: `${name} is JSON, but not a RealtimeKit peer report: it has no participant.` };
  return { ok: true, data, envelope: parsed };
}

/** Bare data that happens to carry a `data` field of its own is still bare data. */
function looksLikePeerReportData(value: Record<string, unknown>): boolean {
  return isRecord(value['participant']) || isRecord(value['peer_report']) || isRecord(value['peer_stats']) || isRecord(value['quality_stats']);
}
