import { describe, expect, it } from 'vitest';
import { REPORT_SCENARIO_KEYS, scenarioBody } from '../../../server/demo/scenarios.ts';
import { JsonStreamReader } from '../../lib/json-stream.ts';
import { normalizePeerReport } from '../normalize-peer-report.ts';
import { EarlyQualityRead } from './early-read.ts';

describe('EarlyQualityRead', () => {
  /** Damage every few samples in ways the reader warns about or skips, so warnings are compared too. */
  function damaged(body: { success: true; data: Record<string, unknown> }): unknown {
    const copy = structuredClone(body) as { data: Record<string, unknown> };
    const participant = (copy.data['participant'] ?? copy.data) as Record<string, unknown>;
    const quality = (participant['peer_report'] as { quality?: Record<string, unknown> } | undefined)?.quality;
    for (const value of Object.values(quality ?? {})) {
      if (!Array.isArray(value)) continue;
      value.forEach((sample: Record<string, unknown>, index) => {
        if (index % 11 === 3) sample['jitter'] = 'high';
        if (index % 13 === 5) sample['packets_lost'] = -4;
        if (index % 17 === 7) sample['bytes_received'] = '1200';
        if (index % 19 === 2) delete sample['timestamp'];
        if (index % 23 === 9) sample['timestamp'] = 'yesterday';
        if (index % 29 === 4) value[index] = 42;
        if (index % 31 === 6) sample['peer_id'] = '  ';
        // Out of time order, and a repeated time: the warnings of building the stream, not of one sample.
        if (index % 37 === 8 && index > 0) [value[index - 1], value[index]] = [value[index], value[index - 1]];
        if (index % 41 === 10 && index > 0) sample['timestamp'] = (value[index - 1] as Record<string, unknown>)['timestamp'];
      });
    }
    return copy;
  }

  function readStreaming(text: string, chunk: number): { data: Record<string, unknown>; early: EarlyQualityRead } {
    const early = new EarlyQualityRead();
    const reader = new JsonStreamReader({ descendAfter: 512, listener: early });
    for (let at = 0; at < text.length; at += chunk) reader.push(text.slice(at, at + chunk));
    return { data: (reader.finish() as { data: Record<string, unknown> }).data, early };
  }

  it.each(REPORT_SCENARIO_KEYS)('gives %s the same report, warnings included, as reading it after the last byte', (key) => {
    for (const body of [scenarioBody(key), damaged(scenarioBody(key))]) {
      const text = JSON.stringify(body);
      const expected = normalizePeerReport((JSON.parse(text) as { data: Record<string, unknown> }).data);
      const { data, early } = readStreaming(text, 4096 + (key.length * 977));
      expect(normalizePeerReport(data, { early })).toEqual(expected);
      // The early samples are used once: normalizing the same data again reads it afresh.
      expect(normalizePeerReport(data, { early })).toEqual(expected);
    }
  });

  it('reads the samples early, so the report reads the arrays no more after the last byte', () => {
    const text = JSON.stringify(scenarioBody('poor-wifi'));
    const { data, early } = readStreaming(text, 8192);
    const quality = ((data['participant'] as Record<string, unknown>)['peer_report'] as { quality: Record<string, unknown[]> }).quality;
    const consumer = quality['audio_consumer']!;
    expect(consumer.length).toBeGreaterThan(100);
    // Were the items read again, these getters would throw and the report would say so.
    for (let index = 0; index < consumer.length; index += 1) {
      Object.defineProperty(consumer, index, { get: () => { throw new Error('read after the last byte'); } });
    }
    const report = normalizePeerReport(data, { early });
    expect(report.warnings.filter((w) => w.message.includes('could not be read'))).toEqual([]);
    expect(report.streams.some((s) => s.kind === 'audio' && s.direction === 'receive' && s.samples.length > 50)).toBe(true);
  });

  it('belongs to one body: another body read beside it neither uses nor disturbs its samples', () => {
    const first = readStreaming(JSON.stringify(scenarioBody('poor-wifi')), 8192);
    const second = readStreaming(JSON.stringify(scenarioBody('good-call')), 8192);
    // Each body's early read, crossed: neither knows the other's arrays, so both are read afresh.
    expect(normalizePeerReport(first.data, { early: second.early })).toEqual(normalizePeerReport(first.data));
    expect(normalizePeerReport(second.data, { early: first.early })).toEqual(normalizePeerReport(second.data));
  });
});
