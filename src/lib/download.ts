// Saving something the page already holds as a file: no server round trip.

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoking in the same task can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const MAX_FILE_NAME = 150;

/**
 * A file name from parts, safe on every OS: parts joined with `-`, anything but letters,
 * digits, `.`, `_` and `-` replaced, no leading dots, bounded length.
 * `safeFileName(['peer-report', peerId], 'json')` is `peer-report-<peerId>.json`.
 */
export function safeFileName(parts: readonly (string | number | null | undefined)[], extension?: string): string {
  const stem = parts
    .filter((part): part is string | number => part !== null && part !== undefined && String(part).trim() !== '')
    .map((part) =>
      String(part)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[-.]+|[-.]+$/g, ''),
    )
    .filter((part) => part !== '')
    .join('-')
    .slice(0, MAX_FILE_NAME)
    .replace(/[-.]+$/, '');
  const ext = extension ? extension.replace(/^\.+/, '').replace(/[^A-Za-z0-9]+/g, '') : '';
  const name = stem === '' ? 'download' : stem;
  return ext === '' ? name : `${name}.${ext}`;
}
