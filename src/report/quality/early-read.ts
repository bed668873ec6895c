// Reading the quality samples while the body is still downloading. The JSON reader
// (lib/json-stream.ts) tells a listener about the long arrays it enters; this one reads each
// sample of a `quality.<array>` as it arrives and builds that array's streams as soon as it
// ends, while later arrays still download. Normalization then takes the streams instead of
// reading the array again, so an 8-hour report's ~110 000 samples are read before its last
// byte rather than after it. One instance per request: nothing is kept between requests.

import type { ArrayListener, JsonPath } from '../../lib/json-stream.ts';
import type { Direction, MediaKind, QualityStream } from '../model.ts';
import { Reader } from '../read-json.ts';
import { buildStreams } from './build-streams.ts';
import { qualityArrayNamed, type QualityArraySpec } from './quality-arrays.ts';
import { readCurrentSample, type RawSample } from './raw-sample.ts';

/** Stands for the array's path in early warnings; replaced by the real one when they are replayed. */
const EARLY_PATH = '\u0001';

interface EarlyArray {
  samples: (RawSample | null)[];
  /** Warnings raised while reading, at EARLY_PATH; replayed in order when the array is taken. */
  warnings: { path: string; message: string }[];
  reader: Reader;
  /** Something threw, or the items did not arrive in order: the array is read again whole. */
  broken: boolean;
  /** Built when the array ended before the body did. */
  streams: QualityStream[] | null;
}

class RecordingReader extends Reader {
  constructor(private readonly into: { path: string; message: string }[]) {
    super();
  }

  override warn(path: string, message: string): void {
    this.into.push({ path, message });
  }
}

/** The array at `path` if it is one of the current shape's `quality.<array>` sample arrays. */
function sampleArraySpec(path: JsonPath): QualityArraySpec | undefined {
  const name = path[path.length - 1];
  if (path[path.length - 2] !== 'quality' || typeof name !== 'string') return undefined;
  return qualityArrayNamed(name);
}

export interface TakeOptions {
  kind: MediaKind;
  source: string;
  directionOf: (sample: RawSample) => Direction;
}

export class EarlyQualityRead implements ArrayListener {
  private readonly arrays = new Map<readonly unknown[], EarlyArray>();

  items(path: JsonPath, items: readonly unknown[], array: readonly unknown[]): void {
    if (sampleArraySpec(path)) this.read(items, array);
  }

  end(path: JsonPath, array: readonly unknown[]): void {
    const spec = sampleArraySpec(path);
    const entry = this.arrays.get(array);
    if (!spec || !entry || entry.broken || entry.samples.length !== array.length) return;
    try {
      entry.streams = buildStreams(entry.reader, entry.samples, {
        source: spec.name,
        kind: spec.kind,
        path: EARLY_PATH,
        directionOf: () => spec.direction,
      });
    } catch {
      entry.broken = true;
    }
  }

  /**
   * The streams of `list` from the samples read while it arrived, with the warnings they
   * raised given to `reader` at `path` in their original order; null when `list` was not
   * read early in full. Each array is taken once: a second normalization reads it afresh.
   */
  takeStreams(list: readonly unknown[], reader: Reader, path: string, options: TakeOptions): QualityStream[] | null {
    const entry = this.arrays.get(list);
    if (!entry) return null;
    this.arrays.delete(list);
    if (entry.broken || entry.samples.length !== list.length) return null;
    for (const warning of entry.warnings) reader.warn(path + warning.path.slice(EARLY_PATH.length), warning.message);
    return entry.streams ?? buildStreams(reader, entry.samples, { ...options, path });
  }

  private read(items: readonly unknown[], array: readonly unknown[]): void {
    let entry = this.arrays.get(array);
    if (!entry) {
      const warnings: EarlyArray['warnings'] = [];
      entry = { samples: [], warnings, reader: new RecordingReader(warnings), broken: false, streams: null };
      this.arrays.set(array, entry);
    }
    let index = array.length - items.length;
    if (entry.broken || index !== entry.samples.length) {
      entry.broken = true;
      return;
    }
    try {
      for (const item of items) {
        entry.samples.push(readCurrentSample(entry.reader, item, index, EARLY_PATH));
        index += 1;
      }
    } catch {
      // Whatever threw will throw again when the array is read whole, where it is reported.
      entry.broken = true;
    }
  }
}
