import { describe, expect, it } from 'vitest';
import { scenarioBody } from '../../../server/demo/scenarios.ts';
import type { QualitySample, QualityStream } from '../../report/model.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import { STREAM_CSV_COLUMNS, streamCsv, streamCsvFileName, streamLabel } from './stream-csv.ts';

const JOINED = Date.UTC(2026, 8, 14, 13, 0, 0);

function sample(overrides: Partial<QualitySample>): QualitySample {
  return {
    at: JOINED,
    bitrateKbps: null,
    lossPercent: null,
    jitterMs: null,
    rttMs: null,
    mos: null,
    fps: null,
    width: null,
    height: null,
    packets: null,
    packetsLost: null,
    bytes: null,
    jitterBufferDelayMs: null,
    concealmentEvents: null,
    framesDropped: null,
    qualityLimitationReason: null,
    ...overrides,
  };
}

function stream(samples: QualitySample[], overrides: Partial<QualityStream> = {}): QualityStream {
  return { id: 'video-send', kind: 'video', direction: 'send', remotePeerId: null, source: 'video_producer', samples, ...overrides };
}

function rows(csv: string): string[][] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(0, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('streamCsv', () => {
  it('has a header with display units', () => {
    const [header] = rows(streamCsv(stream([]), JOINED));
    expect(header).toEqual([
      'time_utc',
      'time_shown_zone',
      't_plus_s',
      'bitrate_kbps',
      'loss_percent',
      'jitter_ms',
      'rtt_ms',
      'mos',
      'fps',
      'width_px',
      'height_px',
      'packets',
      'packets_lost',
      'jitter_buffer_delay_ms',
      'concealment_events',
      'frames_dropped',
      'quality_limitation_reason',
    ]);
  });

  it('writes one row per sample, times as ISO UTC and seconds since join, values rounded', () => {
    const csv = streamCsv(
      stream([
        sample({ at: JOINED + 7_123, bitrateKbps: 1234.5678, lossPercent: 0.1 + 0.2, jitterMs: 12.345, rttMs: 48.04, mos: 4.3333, fps: 29.97, width: 1280, height: 720, packets: 640, packetsLost: 2, qualityLimitationReason: 'cpu' }),
        sample({ at: JOINED + 14_000, framesDropped: 3, concealmentEvents: 1, jitterBufferDelayMs: 40.25 }),
      ]),
      JOINED,
    );
    const [, first, second] = rows(csv);
    expect(first).toEqual(['2026-09-14T13:00:07.123Z', '2026-09-14T13:00:07+00:00', '7.123', '1234.6', '0.3', '12.3', '48', '4.33', '30', '1280', '720', '640', '2', '', '', '', 'cpu']);
    expect(second).toEqual(['2026-09-14T13:00:14.000Z', '2026-09-14T13:00:14+00:00', '14', '', '', '', '', '', '', '', '', '', '', '40.3', '1', '3', '']);
  });

  it('writes the shown zone with its offset, across a date line', () => {
    const [, tokyo] = rows(streamCsv(stream([sample({ at: Date.UTC(2026, 8, 14, 22, 30, 5) })]), JOINED, 'Asia/Tokyo'));
    expect(tokyo?.slice(0, 2)).toEqual(['2026-09-14T22:30:05.000Z', '2026-09-15T07:30:05+09:00']);
    const [, newYork] = rows(streamCsv(stream([sample({ at: Date.UTC(2026, 8, 14, 2, 0, 0) })]), JOINED, 'America/New_York'));
    expect(newYork?.[1]).toBe('2026-09-13T22:00:00-04:00');
  });

  it('leaves T+ empty when the join time is unknown', () => {
    const [, row] = rows(streamCsv(stream([sample({ at: JOINED })]), null));
    expect(row?.[0]).toBe('2026-09-14T13:00:00.000Z');
    expect(row?.[2]).toBe('');
  });

  it('gives negative offsets for samples before the join time', () => {
    const [, row] = rows(streamCsv(stream([sample({ at: JOINED - 1500 })]), JOINED));
    expect(row?.[2]).toBe('-1.5');
  });

  it('guards a hostile limitation reason against spreadsheet formulas', () => {
    const csv = streamCsv(stream([sample({ qualityLimitationReason: '=HYPERLINK("x")' })]), JOINED);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('exports every sample of a realistic stream', () => {
    const report = normalizePeerReport(scenarioBody('poor-wifi'));
    const audio = report.streams.find((s) => s.id === 'audio-send');
    if (!audio) throw new Error('no audio-send stream');
    const table = rows(streamCsv(audio, report.participant.joinedAt));
    expect(table).toHaveLength(audio.samples.length + 1);
    for (const row of table.slice(1)) {
      expect(row).toHaveLength(STREAM_CSV_COLUMNS.length);
      expect(row[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(row[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(Number(row[2])).toBeGreaterThanOrEqual(-60);
    }
    expect(table.slice(1).some((row) => Number(row[4]) > 5)).toBe(true);
  });
});

describe('streamCsvFileName and streamLabel', () => {
  it('names the file after the peer and the stream', () => {
    const s = stream([], { id: 'video-receive-2b0ee7db-a9e3-4297-ad6b-19fdc07a9983', direction: 'receive', remotePeerId: '2b0ee7db-a9e3-4297-ad6b-19fdc07a9983' });
    expect(streamCsvFileName(s, '6513270e-269e-4d37-b2a7-4de452e6b438')).toBe(
      'peer-report-6513270e-269e-4d37-b2a7-4de452e6b438-video-receive-2b0ee7db-a9e3-4297-ad6b-19fdc07a9983.csv',
    );
    expect(streamCsvFileName(stream([]), null)).toBe('peer-report-video-send.csv');
  });

  it('labels streams for people', () => {
    expect(streamLabel(stream([]))).toBe('Sent video');
    expect(streamLabel(stream([], { kind: 'screenshare_video', direction: 'receive', remotePeerId: 'abc' }))).toBe('Received screen share from abc');
    expect(streamLabel(stream([], { kind: 'audio', direction: 'receive' }))).toBe('Received audio');
  });
});
