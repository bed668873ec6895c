import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarioBody } from '../../../server/demo/scenarios.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { diagnose } from '../../report/diagnosis/diagnose.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import { EarlyQualityRead } from '../../report/quality/early-read.ts';
import { reportViewQuery, selectReportView } from './report-view-model.ts';

const lookup: Lookup = {
  accountId: '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d',
  appId: '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73',
  peerId: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450',
  filters: ['events', 'quality_stats'],
  includePeerEvents: false,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('selectReportView', () => {
  it('normalizes the body, then diagnoses the model', () => {
    const data = (scenarioBody('poor-wifi') as { data: Record<string, unknown> }).data;
    const view = selectReportView({ data, body: new Blob(['{}']), bytes: 2, receivedAt: 5 });
    const normalized = normalizePeerReport(data);
    expect(view.report).toEqual(normalized);
    expect(view.findings).toEqual(diagnose(normalized));
    expect(view.findings.map((finding) => finding.rule)).toContain('packet-loss');
    expect(view).toMatchObject({ data, bytes: 2, receivedAt: 5 });
  });
});

describe('reportViewQuery', () => {
  it('reads each request with an early read of its own', async () => {
    const text = JSON.stringify(scenarioBody('poor-wifi'));
    vi.stubGlobal('fetch', vi.fn(async () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } })));
    vi.stubGlobal('window', { location: { origin: 'http://peerscope.test' } });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const options = reportViewQuery(lookup);
    const first = await client.fetchQuery(options);
    await client.invalidateQueries({ queryKey: options.queryKey });
    const second = await client.fetchQuery({ ...options, staleTime: 0 });
    expect(first.early).toBeInstanceOf(EarlyQualityRead);
    expect(second.early).toBeInstanceOf(EarlyQualityRead);
    expect(second.early).not.toBe(first.early);
    expect(selectReportView(second).findings.length).toBeGreaterThan(0);
  });
});
