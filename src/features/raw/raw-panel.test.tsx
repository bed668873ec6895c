import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { demoPeerByKey } from '../../../server/demo/catalog.ts';
import { scenarioBody } from '../../../server/demo/scenarios.ts';
import { downloadBlob } from '../../lib/download.ts';
import type * as DownloadModule from '../../lib/download.ts';
import { diagnosedReport } from '../../report/test-support/diagnosed-report.ts';
import { REDACTED_NAME } from '../../report/redact.ts';
import { findIpAddresses } from '../../report/test-support/ip-addresses.ts';
import { RawPanel } from './raw-panel.tsx';

vi.mock('../../lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof DownloadModule>()),
  downloadBlob: vi.fn(),
}));

const download = vi.mocked(downloadBlob);

const PEER = demoPeerByKey('turn-tcp');
const BODY = scenarioBody('turn-tcp');
const TEXT = JSON.stringify(BODY);
const REPORT = diagnosedReport(BODY);

function renderPanel(overrides: Partial<Parameters<typeof RawPanel>[0]> = {}) {
  const body = new Blob([TEXT], { type: 'application/json' });
  render(<RawPanel data={BODY.data} body={body} streams={REPORT.streams} joinedAt={REPORT.participant.joinedAt} {...overrides} />);
  return body;
}

function lastDownload(): { blob: Blob; fileName: string } {
  const call = download.mock.lastCall;
  if (!call) throw new Error('nothing was downloaded');
  return { blob: call[0], fileName: call[1] };
}

beforeEach(() => {
  download.mockReset();
});

describe('RawPanel', () => {
  it('downloads the body exactly as received, named after the peer', async () => {
    const user = userEvent.setup();
    const body = renderPanel();
    await user.click(screen.getByRole('button', { name: 'Download as received' }));
    expect(download).toHaveBeenCalledTimes(1);
    expect(lastDownload().blob).toBe(body);
    expect(lastDownload().fileName).toBe(`peer-report-${PEER.id}.json`);
  });

  it('uses the given file name for a report opened from a file', async () => {
    const user = userEvent.setup();
    renderPanel({ fileName: 'ticket 4821.json' });
    await user.click(screen.getByRole('button', { name: 'Download as received' }));
    expect(lastDownload().fileName).toBe('ticket 4821.json');
    await user.click(screen.getByRole('button', { name: 'Download redacted' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(2));
    expect(lastDownload().fileName).toBe('ticket-4821-redacted.json');
  });

  it('downloads a redacted copy of the envelope with no IP addresses left', async () => {
    const user = userEvent.setup();
    renderPanel();
    await user.click(screen.getByRole('button', { name: 'Download redacted' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const { blob, fileName } = lastDownload();
    expect(fileName).toBe(`peer-report-${PEER.id}-redacted.json`);
    const text = await blob.text();
    expect(text).toContain('\n  "success": true');
    const json: unknown = JSON.parse(text);
    expect(findIpAddresses(BODY).length).toBeGreaterThan(0);
    expect(findIpAddresses(json)).toEqual([]);
    expect(diagnosedReport(json).participant.peerId).toBe(PEER.id);
    expect(diagnosedReport(json).participant.displayName).toBe(REPORT.participant.displayName);
  });

  it('downloads a redacted copy of a report nested 100 000 levels deep', async () => {
    const user = userEvent.setup();
    const depth = 100_000;
    const text = `{"success":true,"data":{"participant":{"id":"${PEER.id}","custom":${'{"d":'.repeat(depth)}"10.1.2.3"${'}'.repeat(depth)}}}}`;
    const body = JSON.parse(text) as { data: Record<string, unknown> };
    render(<RawPanel data={body.data} body={new Blob([text])} streams={[]} joinedAt={null} />);
    await user.click(screen.getByRole('button', { name: 'Download redacted' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
    const redacted = await lastDownload().blob.text();
    expect(redacted).toBe(`{"success":true,"data":{"participant":{"id":"${PEER.id}","custom":${'{"d":'.repeat(depth)}"[redacted-ip]"${'}'.repeat(depth)}}}}`);
  });

  it('redacts names and user IDs too when the box is ticked', async () => {
    const user = userEvent.setup();
    renderPanel();
    await user.click(screen.getByRole('checkbox', { name: 'Also redact names and user IDs' }));
    await user.click(screen.getByRole('button', { name: 'Download redacted' }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const report = diagnosedReport(JSON.parse(await lastDownload().blob.text()));
    expect(REPORT.participant.displayName).not.toBeNull();
    expect(report.participant.displayName).toBe(REDACTED_NAME);
  });

  it('offers one CSV per quality stream', async () => {
    const user = userEvent.setup();
    renderPanel();
    const list = screen.getByRole('region', { name: 'Quality data as CSV' });
    expect(within(list).getAllByRole('button', { name: /^Download CSV of / })).toHaveLength(REPORT.streams.length);
    await user.click(within(list).getByRole('button', { name: 'Download CSV of Sent audio' }));
    const { blob, fileName } = lastDownload();
    expect(fileName).toBe(`peer-report-${PEER.id}-audio-send.csv`);
    const csv = await blob.text();
    expect(csv.startsWith('time_utc,time_shown_zone,t_plus_s,bitrate_kbps,loss_percent,jitter_ms,rtt_ms,')).toBe(true);
    const audio = REPORT.streams.find((s) => s.id === 'audio-send');
    expect(csv.trimEnd().split('\r\n')).toHaveLength((audio?.samples.length ?? 0) + 1);
  });

  it('says when there are no quality samples', () => {
    renderPanel({ streams: [] });
    expect(screen.getByText('This report has no quality samples.')).toBeInTheDocument();
  });

  it('downloads the findings as CSV when given them', async () => {
    const user = userEvent.setup();
    renderPanel({ findings: REPORT.findings });
    await user.click(screen.getByRole('button', { name: `Download findings as CSV (${REPORT.findings.length})` }));
    expect(lastDownload().fileName).toBe(`peer-report-${PEER.id}-findings.csv`);
    expect(await lastDownload().blob.text()).toContain('turn-relay');
  });

  it('shows the raw JSON tree with the size as received', () => {
    renderPanel();
    expect(screen.getByRole('heading', { name: 'Raw report' })).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search the raw report' })).toBeInTheDocument();
    expect(screen.getByRole('treeitem', { name: /^participant/ })).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText(/^\d+\.\d KB$/)).toBeInTheDocument();
  });
});
