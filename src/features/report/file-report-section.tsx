import { useMemo, useState } from 'react';
import type { Lookup } from '../../lib/lookup.ts';
import { formatBytes } from '../../lib/format.ts';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import type { ZoomOffsets } from '../../lib/page-url.ts';
import { ZoomControlProvider } from '../investigation/call-clock.tsx';
import type { OpenedReportFile } from '../raw/open-report-file.tsx';
import { ReportDashboard } from './report-dashboard.tsx';
import { selectReportView, type ReportView } from './report-view-model.ts';

export interface FileReportSectionProps {
  file: OpenedReportFile;
  openedAt: number;
  onClose: () => void;
}

/** A saved report opened from disk: the whole dashboard, no token, no network. */
export function FileReportSection({ file, openedAt, onClose }: FileReportSectionProps) {
  // A file's zoom is not in the address bar: the link would not open the file.
  const [zoom, setZoom] = useState<ZoomOffsets | null>(null);
  const zoomControl = useMemo(() => ({ zoom, setZoom }), [zoom]);
  const view = useMemo<ReportView>(
    () => selectReportView({ data: file.data, body: file.body, bytes: file.bytes, receivedAt: openedAt }),
    [file, openedAt],
  );
  // A file says nothing about which filters produced it: every part counts as asked for,
  // so a missing part reads "not in the answer" rather than "not requested".
  const lookup = useMemo<Lookup>(
    () => ({
      accountId: '',
      appId: '',
      peerId: view.report.participant.peerId ?? '',
      filters: [...REPORT_FILTERS],
      includePeerEvents: true,
    }),
    [view.report.participant.peerId],
  );
  return (
    <div className="space-y-4">
      <div
        role="status"
        className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-accent/30 bg-accent-soft px-3 py-2 text-sm"
      >
        <p>
          <span className="font-semibold">From file:</span> <span className="font-mono break-all">{file.fileName}</span>{' '}
          <span className="text-ink-muted">({formatBytes(file.bytes)}, opened locally: no token, no network)</span>
        </p>
        <button
          type="button"
          onClick={onClose}
          className="h-7 rounded-md border border-line bg-surface px-2.5 text-xs font-medium text-ink hover:border-accent"
        >
          Close file
        </button>
      </div>
      <ZoomControlProvider value={zoomControl}>
        <ReportDashboard view={view} lookup={lookup} fileName={file.fileName} />
      </ZoomControlProvider>
    </div>
  );
}
