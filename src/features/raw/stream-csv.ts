// One quality stream as CSV, in the same display units as the charts (the model already
// converted them), so a spreadsheet shows what the page shows.

import { toCsv, type CsvCell } from '../../lib/csv.ts';
import { safeFileName } from '../../lib/download.ts';
import { clipLine, formatIsoInZone, type DisplayZone } from '../../lib/format.ts';
import type { MediaKind, QualitySample, QualityStream } from '../../report/model.ts';

interface Column {
  name: string;
  value: (sample: QualitySample, joinedAt: number | null, zone: DisplayZone) => CsvCell;
}

function rounded(value: number | null, digits: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function isoUtc(at: number): string | null {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const STREAM_CSV_COLUMNS: readonly Column[] = [
  { name: 'time_utc', value: (s) => isoUtc(s.at) },
  { name: 'time_shown_zone', value: (s, _joinedAt, zone) => formatIsoInZone(s.at, zone) },
  { name: 't_plus_s', value: (s, joinedAt) => (joinedAt === null ? null : rounded((s.at - joinedAt) / 1000, 3)) },
  { name: 'bitrate_kbps', value: (s) => rounded(s.bitrateKbps, 1) },
  { name: 'loss_percent', value: (s) => rounded(s.lossPercent, 2) },
  { name: 'jitter_ms', value: (s) => rounded(s.jitterMs, 1) },
  { name: 'rtt_ms', value: (s) => rounded(s.rttMs, 1) },
  { name: 'mos', value: (s) => rounded(s.mos, 2) },
  { name: 'fps', value: (s) => rounded(s.fps, 1) },
  { name: 'width_px', value: (s) => rounded(s.width, 0) },
  { name: 'height_px', value: (s) => rounded(s.height, 0) },
  { name: 'packets', value: (s) => rounded(s.packets, 0) },
  { name: 'packets_lost', value: (s) => rounded(s.packetsLost, 0) },
  { name: 'jitter_buffer_delay_ms', value: (s) => rounded(s.jitterBufferDelayMs, 1) },
  { name: 'concealment_events', value: (s) => rounded(s.concealmentEvents, 0) },
  { name: 'frames_dropped', value: (s) => rounded(s.framesDropped, 0) },
  { name: 'quality_limitation_reason', value: (s) => s.qualityLimitationReason },
];

/**
 * The stream's samples, one row each; times as ISO UTC, as ISO in the zone the page shows
 * (with its offset), and as seconds since join (empty without a join time).
 */
export function streamCsv(stream: QualityStream, joinedAt: number | null, zone: DisplayZone = 'UTC'): string {
  return toCsv(
    STREAM_CSV_COLUMNS.map((c) => c.name),
    stream.samples.map((sample) => STREAM_CSV_COLUMNS.map((c) => c.value(sample, joinedAt, zone))),
  );
}

export function streamCsvFileName(stream: QualityStream, peerId: string | null): string {
  return safeFileName(['peer-report', peerId, stream.id], 'csv');
}

const KIND_NOUNS: Record<MediaKind, string> = {
  audio: 'audio',
  video: 'video',
  screenshare_audio: 'screen-share audio',
  screenshare_video: 'screen share',
};

/** "Sent audio", "Received video from 2b0ee7db…". */
export function streamLabel(stream: QualityStream, formatPeer: (peerId: string) => string = (id) => clipLine(id, 80)): string {
  const noun = KIND_NOUNS[stream.kind] ?? stream.source;
  if (stream.direction === 'send') return `Sent ${noun}`;
  const from = stream.remotePeerId ? ` from ${formatPeer(stream.remotePeerId)}` : '';
  return `Received ${noun}${from}`;
}
