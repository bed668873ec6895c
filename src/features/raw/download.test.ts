// @vitest-environment jsdom
// Tests for src/lib/download.ts (kept beside its first users).
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { downloadBlob, safeFileName } from '../../lib/download.ts';

describe('safeFileName', () => {
  it('joins parts with dashes and adds the extension', () => {
    expect(safeFileName(['peer-report', '6513270e-269e-4d37-b2a7-4de452e6b438'], 'json')).toBe('peer-report-6513270e-269e-4d37-b2a7-4de452e6b438.json');
  });

  it('drops empty parts and replaces unsafe characters', () => {
    expect(safeFileName(['peer report', null, undefined, '', '../../etc/passwd', 'a:b*c?"<>|'], '.csv')).toBe('peer-report-etc-passwd-a-b-c.csv');
  });

  it('folds accents and keeps numbers', () => {
    expect(safeFileName(['Zoë Ångström', 42])).toBe('Zoe-Angstrom-42');
  });

  it('never returns an empty or hidden name', () => {
    expect(safeFileName([], 'json')).toBe('download.json');
    expect(safeFileName(['...', '///'])).toBe('download');
    expect(safeFileName(['.env'])).toBe('env');
  });

  it('bounds the length', () => {
    expect(safeFileName(['x'.repeat(500)], 'json').length).toBeLessThanOrEqual(155);
  });
});

describe('downloadBlob', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('clicks a download link for an object URL, then revokes it', () => {
    vi.useFakeTimers();
    const created: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:peerscope/1';
    });
    const revokeObjectURL = vi.fn();
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    onTestFinished(() => {
      Object.assign(URL, original);
    });
    const clicks: { href: string; download: string; attached: boolean }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download, attached: document.body.contains(this) });
    });

    const blob = new Blob(['{}'], { type: 'application/json' });
    downloadBlob(blob, 'report.json');

    expect(created).toEqual([blob]);
    expect(click).toHaveBeenCalledTimes(1);
    expect(clicks).toEqual([{ href: 'blob:peerscope/1', download: 'report.json', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:peerscope/1');
  });
});
