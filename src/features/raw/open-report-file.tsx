import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { readReportFile, reportFileSizeProblem } from '../../report/report-file.ts';

export interface OpenedReportFile {
  fileName: string;
  /** The report's `data` (envelope unwrapped). */
  data: Record<string, unknown>;
  /** The file itself, for "Download as received". */
  body: Blob;
  bytes: number;
}

export type OnOpenReportFile = (file: OpenedReportFile) => void;

export interface OpenReportFileProps {
  onOpen: OnOpenReportFile;
}

export type OpenFileOutcome = { ok: true; file: OpenedReportFile } | { ok: false; message: string };

/** Reads a local file and checks it is a peer report. Never touches the network. */
async function openReportFile(file: File): Promise<OpenFileOutcome> {
  const sizeProblem = reportFileSizeProblem(file.size, file.name);
  if (sizeProblem) return { ok: false, message: sizeProblem };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, message: `“${file.name}” could not be read.` };
  }
  const result = readReportFile(text, file.name);
  if (!result.ok) return result;
  return { ok: true, file: { fileName: file.name, data: result.data, body: file, bytes: file.size } };
}

function hasFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files');
}

/**
 * Reads one chosen or dropped file at a time; a file picked while another is still being
 * read wins, so a slow big file cannot replace the one chosen after it.
 */
function useReportFileOpener(onOpen: OnOpenReportFile) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const latest = useRef(0);
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);

  const open = useCallback(async (files: FileList | readonly File[] | null) => {
    const list = files ? Array.from(files) : [];
    const file = list[0];
    if (!file) return;
    const ticket = ++latest.current;
    setBusy(true);
    setError(null);
    const outcome = list.length > 1 ? { ok: false as const, message: 'Drop one report file at a time.' } : await openReportFile(file);
    if (ticket !== latest.current) return;
    setBusy(false);
    if (outcome.ok) onOpenRef.current(outcome.file);
    else setError(outcome.message);
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { open, error, busy, clearError };
}

/**
 * Lets the whole page take a dropped report file: file drags anywhere are accepted and
 * read, other drags (text, links) are left to the browser.
 */
export function useReportDrop(onOpen: OnOpenReportFile) {
  const { open, error, busy, clearError } = useReportFileOpener(onOpen);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: globalThis.DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: globalThis.DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      // Without this the browser opens the file in the tab instead of dropping it here.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: globalThis.DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: globalThis.DragEvent) => {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void open(event.dataTransfer?.files ?? null);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [open]);

  return { dragging, error, busy, clearError };
}

export function OpenReportFile({ onOpen }: OpenReportFileProps) {
  const inputId = useId();
  const errorId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { open, error, busy } = useReportFileOpener(onOpen);
  const [over, setOver] = useState(false);

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event.dataTransfer)) return;
    event.preventDefault();
    // The page-wide drop hook, if mounted, must not read the same file again.
    event.stopPropagation();
    setOver(false);
    void open(event.dataTransfer.files);
  };

  return (
    <div className="flex flex-col gap-1.5">
      <div
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="report-drop-zone"
        className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-dashed px-3 py-2 ${over ? 'border-accent bg-accent-soft' : 'border-line'}`}
      >
        <label htmlFor={inputId} className="sr-only">
          Saved report file (JSON)
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          tabIndex={-1}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            const input = event.currentTarget;
            void open(input.files).finally(() => {
              // Choosing the same file again must fire change again.
              input.value = '';
            });
          }}
        />
        <button
          type="button"
          disabled={busy}
          onClick={() => inputRef.current?.click()}
          aria-describedby={error ? errorId : undefined}
          className="inline-flex h-8 items-center rounded border border-line bg-surface px-3 text-sm font-medium text-ink hover:border-accent hover:text-accent-strong disabled:opacity-60"
        >
          {busy ? 'Reading…' : 'Open a saved report…'}
        </button>
        <span className="text-xs text-ink-faint">or drop a report JSON file here. It stays in this browser.</span>
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-sm text-bad">
          {error}
        </p>
      )}
    </div>
  );
}
