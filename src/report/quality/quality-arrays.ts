// The eight sample arrays of `peer_report.quality`: what each measures and in which
// direction. Producer = what this participant SENT; consumer = what it RECEIVED (one
// consumer per remote sender, named by each sample's `peer_id`).

import type { Direction, MediaKind } from '../model.ts';

export interface QualityArraySpec {
  name: string;
  kind: MediaKind;
  direction: Direction;
}

export const QUALITY_ARRAYS: readonly QualityArraySpec[] = [
  { name: 'audio_producer', kind: 'audio', direction: 'send' },
  { name: 'audio_consumer', kind: 'audio', direction: 'receive' },
  { name: 'video_producer', kind: 'video', direction: 'send' },
  { name: 'video_consumer', kind: 'video', direction: 'receive' },
  { name: 'screenshare_audio_producer', kind: 'screenshare_audio', direction: 'send' },
  { name: 'screenshare_audio_consumer', kind: 'screenshare_audio', direction: 'receive' },
  { name: 'screenshare_video_producer', kind: 'screenshare_video', direction: 'send' },
  { name: 'screenshare_video_consumer', kind: 'screenshare_video', direction: 'receive' },
];

/** The spec of a sample array by its name, if it is one of the eight. */
export function qualityArrayNamed(name: string): QualityArraySpec | undefined {
  return QUALITY_ARRAYS.find((spec) => spec.name === name);
}
