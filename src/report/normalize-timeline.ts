// One time-sorted list of everything that happened to the participant: client SDK events,
// the server's peer_events and device list changes.

import { clipLine } from '../lib/format.ts';
import { describeEvent } from './event-labels.ts';
import type { EventSource, TimelineEvent } from './model.ts';
import { isRecord, type JsonObject } from '../lib/json-value.ts';
import { joinPath, toDetails, toScalar, type Reader, type Scalar } from './read-json.ts';

/** A label longer than this (a hostile device label or event name) is cut; the row shows the rest on demand. */
const EVENT_LABEL_MAX = 160;

export interface TimelineInput {
  /** `events[]` (current) or `peer_stats.events[]` (legacy, where the name is in `type`). */
  events: unknown[] | null;
  eventsPath: string;
  peerEvents: unknown[] | null;
  peerEventsPath: string;
  /** Holds the `*_devices_updates` arrays. */
  metadata: JsonObject | null;
  metadataPath: string;
}

const EVENT_NAME_KEYS = ['name', 'type', 'event_name', 'event'] as const;
const EVENT_TIME_KEYS = ['timestamp', 'created_at', 'time'] as const;
const PEER_EVENT_SKIP = new Set(['event_name', 'created_at']);

const DEVICE_LISTS = [
  { key: 'audio_devices_updates', noun: 'Microphone' },
  { key: 'video_devices_updates', noun: 'Camera' },
  { key: 'speaker_devices_updates', noun: 'Speaker' },
] as const;

const DEVICE_NOUN_BY_KIND: Readonly<Record<string, string>> = {
  audioinput: 'microphone',
  videoinput: 'camera',
  audiooutput: 'speaker',
};

function makeEvent(
  source: EventSource,
  index: number,
  at: number,
  name: string,
  details: Record<string, Scalar>,
  label?: string,
): TimelineEvent {
  const description = describeEvent(name, details);
  return {
    id: `${source}-${index}`,
    at,
    source,
    name,
    // The label is for display; the full name and details stay on the event.
    label: clipLine(label ?? description.label, EVENT_LABEL_MAX),
    category: description.category,
    severity: description.severity,
    details,
  };
}

function readTime(reader: Reader, raw: JsonObject, keys: readonly string[], base: string): number | null {
  const key = reader.firstKey(raw, keys);
  if (key === null) {
    reader.warn(base, 'event without a time; left off the timeline');
    return null;
  }
  const at = reader.timestamp(raw, key, base);
  if (at === null) reader.warn(joinPath(base, key), 'event time unreadable; left off the timeline');
  return at;
}

function readClientEvents(reader: Reader, input: TimelineInput, out: TimelineEvent[]): void {
  input.events?.forEach((raw, index) => {
    const base = joinPath(input.eventsPath, index);
    if (!isRecord(raw)) {
      reader.warn(base, 'expected an event object; skipped');
      return;
    }
    const at = readTime(reader, raw, EVENT_TIME_KEYS, base);
    if (at === null) return;
    const name = reader.stringOf(raw, EVENT_NAME_KEYS, base) ?? '';
    if (name === '') reader.warn(base, 'event without a name');
    const metadata = reader.value(raw, 'metadata');
    const details = isRecord(metadata)
      ? toDetails(metadata)
      : metadata === undefined
        ? {}
        : { metadata: toScalar(metadata) };
    out.push(makeEvent('client', index, at, name, details));
  });
}

function readPeerEvents(reader: Reader, input: TimelineInput, out: TimelineEvent[]): void {
  input.peerEvents?.forEach((raw, index) => {
    const base = joinPath(input.peerEventsPath, index);
    if (!isRecord(raw)) {
      reader.warn(base, 'expected a peer event object; skipped');
      return;
    }
    const at = readTime(reader, raw, ['created_at', 'timestamp'], base);
    if (at === null) return;
    const name = reader.string(raw, 'event_name', base) ?? '';
    if (name === '') reader.warn(base, 'peer event without event_name');
    out.push(makeEvent('peer', index, at, name, toDetails(raw, PEER_EVENT_SKIP)));
  });
}

function deviceLabel(reader: Reader, device: unknown, base: string): { text: string; details: Record<string, Scalar> } {
  if (!isRecord(device)) {
    if (typeof device === 'string' && device !== '') return { text: device, details: { label: device } };
    reader.warn(base, 'expected a device object');
    return { text: 'unnamed device', details: {} };
  }
  const label = reader.string(device, 'label', base);
  const id = reader.stringOf(device, ['device_id', 'deviceId'], base);
  return { text: label ?? id ?? 'unnamed device', details: toDetails(device) };
}

function readDeviceUpdates(reader: Reader, input: TimelineInput, out: TimelineEvent[]): void {
  const metadata = input.metadata;
  if (!metadata) return;
  let count = 0;
  for (const { key, noun } of DEVICE_LISTS) {
    const path = joinPath(input.metadataPath, key);
    reader.array(metadata, key, input.metadataPath)?.forEach((raw, index) => {
      const base = joinPath(path, index);
      if (!isRecord(raw)) {
        reader.warn(base, 'expected a device update object; skipped');
        return;
      }
      const at = readTime(reader, raw, ['timestamp', 'time'], base);
      if (at === null) return;
      let emitted = false;
      for (const change of ['added', 'removed'] as const) {
        reader.array(raw, change, base)?.forEach((device, deviceIndex) => {
          const devicePath = joinPath(joinPath(base, change), deviceIndex);
          if (device === null || device === undefined) {
            reader.warn(devicePath, 'empty device entry; skipped');
            return;
          }
          const { text, details } = deviceLabel(reader, device, devicePath);
          out.push(makeEvent('device', count++, at, key, { change, ...details }, `${noun} ${change}: ${text}`));
          emitted = true;
        });
      }
      // An update with nothing added or removed still says the list was re-read.
      if (!emitted) out.push(makeEvent('device', count++, at, key, {}, `${noun} list updated`));
    });
  }
  const selectedPath = joinPath(input.metadataPath, 'selected_device_updates');
  reader.array(metadata, 'selected_device_updates', input.metadataPath)?.forEach((raw, index) => {
    const base = joinPath(selectedPath, index);
    if (!isRecord(raw)) {
      reader.warn(base, 'expected a device selection object; skipped');
      return;
    }
    const at = readTime(reader, raw, ['timestamp', 'time'], base);
    if (at === null) return;
    const device = reader.value(raw, 'device');
    const { text, details } = deviceLabel(reader, device, joinPath(base, 'device'));
    const kind = isRecord(device) && typeof device['kind'] === 'string' ? device['kind'] : '';
    const noun = DEVICE_NOUN_BY_KIND[kind.toLowerCase()] ?? 'device';
    out.push(makeEvent('device', count++, at, 'selected_device_updates', details, `Selected ${noun}: ${text}`));
  });
}

/** Sorted by time; ties keep source order (client, peer, device) because sort is stable. */
export function readTimeline(reader: Reader, input: TimelineInput): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  readClientEvents(reader, input, events);
  readPeerEvents(reader, input, events);
  readDeviceUpdates(reader, input, events);
  return events.sort((a, b) => a.at - b.at);
}
