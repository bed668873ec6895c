// `peer_report.quality` (current and flat shapes) and legacy Dyte `quality_stats` into
// streams and summaries: each sample array read (or taken from the early read, when the
// samples were read while the body downloaded), split into streams, and its cumulative
// summary read beside it.

import type { Direction, MediaKind, QualityStream, StreamSummary } from '../model.ts';
import type { JsonObject } from '../../lib/json-value.ts';
import { joinPath, type Reader } from '../read-json.ts';
import { buildStreams } from './build-streams.ts';
import type { EarlyQualityRead } from './early-read.ts';
import { QUALITY_ARRAYS } from './quality-arrays.ts';
import { readCurrentSample, readLegacySample, type RawSample } from './raw-sample.ts';
import { hasNumbers, readSummary } from './summaries.ts';

export interface QualityResult {
  streams: QualityStream[];
  summaries: StreamSummary[];
}

const KNOWN_QUALITY_KEYS = new Set(QUALITY_ARRAYS.flatMap(({ name }) => [name, `${name}_cumulative`]));

type ReadSample = (reader: Reader, raw: unknown, index: number, path: string) => RawSample | null;

interface ArraySource {
  source: string;
  kind: MediaKind;
  path: string;
  directionOf: (sample: RawSample) => Direction;
}

/** One array's streams: every item read, then grouped by direction and sender (./build-streams.ts). */
function streamsFromArray(reader: Reader, list: readonly unknown[], readSample: ReadSample, array: ArraySource): QualityStream[] {
  const samples = new Array<RawSample | null>(list.length);
  for (let index = 0; index < list.length; index += 1) samples[index] = readSample(reader, list[index], index, array.path);
  return buildStreams(reader, samples, array);
}

/**
 * `peer_report.quality`: eight arrays, each with a `<name>_cumulative` summary. `early`
 * holds what was read while the body downloaded, if anything was.
 */
export function readQuality(reader: Reader, quality: JsonObject, path: string, early: EarlyQualityRead | null = null): QualityResult {
  const streams: QualityStream[] = [];
  const summaries: StreamSummary[] = [];
  for (const spec of QUALITY_ARRAYS) {
    const list = reader.array(quality, spec.name, path);
    let arrayStreams: QualityStream[] = [];
    if (list) {
      const array: ArraySource = { source: spec.name, kind: spec.kind, path: joinPath(path, spec.name), directionOf: () => spec.direction };
      arrayStreams = early?.takeStreams(list, reader, array.path, array) ?? streamsFromArray(reader, list, readCurrentSample, array);
    }
    streams.push(...arrayStreams);
    const cumulative = reader.object(quality, `${spec.name}_cumulative`, path);
    if (cumulative && (arrayStreams.length > 0 || hasNumbers(cumulative))) {
      summaries.push(readSummary(reader, cumulative, spec, joinPath(path, `${spec.name}_cumulative`)));
    }
  }
  reader.keepUnknown(quality, KNOWN_QUALITY_KEYS, path);
  return { streams, summaries };
}

const LEGACY_ARRAYS = [
  { name: 'audio_stats', kind: 'audio' },
  { name: 'video_stats', kind: 'video' },
] as const;

/**
 * Legacy Dyte `quality_stats`. Its audio_stats / video_stats do not say which direction
 * they measure. Assumption: they are the participant's own send streams, unless a sample
 * names a `peer_id` other than the participant's own, in which case it is received media
 * from that peer. The totals (audio_bandwidth, average_quality, total_*_packets, start,
 * end, peer_ids) have no place in the model and are kept under `unknown` for the raw view.
 */
export function readLegacyQuality(reader: Reader, qualityStats: JsonObject, path: string, selfPeerId: string | null): QualityResult {
  const streams: QualityStream[] = [];
  const directionOf = (sample: RawSample): Direction => (sample.peerId !== null && sample.peerId !== selfPeerId ? 'receive' : 'send');
  for (const { name, kind } of LEGACY_ARRAYS) {
    const list = reader.array(qualityStats, name, path);
    if (list) streams.push(...streamsFromArray(reader, list, readLegacySample, { source: name, kind, path: joinPath(path, name), directionOf }));
  }
  reader.keepUnknown(qualityStats, new Set(LEGACY_ARRAYS.map(({ name }) => name)), path);
  return { streams, summaries: [] };
}
