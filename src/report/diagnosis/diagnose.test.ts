import { describe, expect, it } from 'vitest';
import type { Finding } from '../model.ts';
import { normalizePeerReport } from '../normalize-peer-report.ts';
import { diagnose, DIAGNOSIS_RULES, sortFindings } from './diagnose.ts';
import { PACKET_LOSS } from './quality-rules.ts';
import { JOIN, makeReport, series, stream } from '../test-support/test-report.ts';
import type { DiagnosisRule } from './types.ts';

function finding(id: string, severity: Finding['severity'], intervals: Finding['intervals'], extra: Partial<Finding> = {}): Finding {
  return { id, rule: id, severity, title: id, sentence: id, streamId: null, streamIds: [], remotePeerId: null, metric: null, intervals, source: 'test', ...extra };
}

describe('diagnose', () => {
  it('sorts worst first: severity, then total duration, then start', () => {
    const call = { start: 0, end: 1000 };
    const sorted = sortFindings(
      [
        finding('info', 'info', [{ start: 0, end: 900 }]),
        finding('warn-short', 'warning', [{ start: 10, end: 20 }]),
        finding('warn-long-late', 'warning', [{ start: 500, end: 600 }]),
        finding('warn-long-early', 'warning', [{ start: 100, end: 150 }, { start: 300, end: 350 }]),
        finding('critical', 'critical', [{ start: 0, end: 1 }]),
        // A whole-call fact counts as lasting the whole call.
        finding('warn-whole-call', 'warning', []),
      ],
      call,
    );
    expect(sorted.map((f) => f.id)).toEqual(['critical', 'warn-whole-call', 'warn-long-early', 'warn-long-late', 'warn-short', 'info']);
  });

  it('puts a connection drop first among its severity, however short', () => {
    const call = { start: 0, end: 10_000 };
    const sorted = sortFindings(
      [
        finding('packet-loss:audio-send', 'critical', [{ start: 100, end: 5000 }], { rule: 'packet-loss' }),
        finding('reconnects:call', 'critical', [{ start: 6000, end: 6030 }], { rule: 'reconnects' }),
        finding('media-over-tcp:call', 'warning', [], { rule: 'media-over-tcp' }),
      ],
      call,
    );
    expect(sorted.map((f) => f.id)).toEqual(['reconnects:call', 'packet-loss:audio-send', 'media-over-tcp:call']);
    // Reconnect attempts without a drop are a warning: first among the warnings, never above a critical.
    const attempts = sortFindings(
      [finding('jitter:audio-send', 'critical', [{ start: 0, end: 10 }]), finding('reconnects:call', 'warning', [{ start: 0, end: 1 }], { rule: 'reconnects' }), finding('long', 'warning', [{ start: 0, end: 9000 }])],
      call,
    );
    expect(attempts.map((f) => f.id)).toEqual(['jitter:audio-send', 'reconnects:call', 'long']);
  });

  it('on equal duration, a finding over more streams comes first', () => {
    const stretch = [{ start: 100, end: 500 }];
    const sorted = sortFindings(
      [
        finding('one', 'critical', stretch, { streamId: 'audio-send', streamIds: ['audio-send'] }),
        finding('three', 'critical', stretch, { streamId: 'audio-send', streamIds: ['audio-send', 'video-send', 'audio-receive-x'] }),
      ],
      { start: 0, end: 1000 },
    );
    expect(sorted.map((f) => f.id)).toEqual(['three', 'one']);
  });


  it('skips a rule that throws and keeps the others\' findings', () => {
    const broken: DiagnosisRule = {
      id: 'broken',
      title: 'Broken',
      threshold: '',
      sustain: null,
      severities: ['warning'],
      source: 'test',
      run() {
        throw new Error('boom');
      },
    };
    const report = makeReport({ streams: [stream('audio', 'send', series('lossPercent', [9, 9, 9, 9, 9]))] });
    const rules = [broken, ...DIAGNOSIS_RULES.filter((r) => r.id === PACKET_LOSS.id)];
    expect(diagnose(report, rules).map((f) => f.id)).toEqual(['packet-loss:audio-send']);
  });

  it('never throws on odd models', () => {
    const odd = makeReport({
      participant: { ...makeReport().participant, joinedAt: null, leftAt: null, durationMs: null },
      streams: [stream('audio', 'send', [])],
    });
    expect(diagnose(odd)).toEqual([]);
    // Samples out of order, NaN and negative values.
    const messy = makeReport({
      streams: [stream('audio', 'send', series('lossPercent', [Number.NaN, -3, 9, 9, 9], { start: JOIN }).reverse())],
    });
    expect(() => diagnose(messy)).not.toThrow();
    for (const input of [null, 42, 'x', [], {}, { data: { participant: { peer_report: { quality: { audio_producer: [null, 1] } } } } }]) {
      expect(diagnose(normalizePeerReport(input))).toEqual([]);
    }
  });

  it('lists every rule with its metadata, ids unique', () => {
    expect(new Set(DIAGNOSIS_RULES.map((r) => r.id)).size).toBe(DIAGNOSIS_RULES.length);
    for (const rule of DIAGNOSIS_RULES) {
      expect(rule.title).not.toBe('');
      expect(rule.threshold).not.toBe('');
      expect(rule.source).not.toBe('');
      expect(rule.severities.length).toBeGreaterThan(0);
    }
    expect(DIAGNOSIS_RULES.find((r) => r.id === 'packet-loss')).toMatchObject({ threshold: 'warning > 1 %, critical > 5 %', sustain: '3 of 5 samples' });
  });
});
