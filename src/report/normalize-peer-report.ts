// The edge between the upstream JSON and the app: any of the three response shapes (and
// any garbage) in, one typed PeerReport out. Never throws; what it cannot read becomes a
// warning, what it does not know is kept under `unknown`. Warning and unknown paths are
// JSON paths from `data` (the envelope's data, or the bare body), e.g.
// `participant.peer_report.quality.audio_producer[3].rtt` in the current shape.

import {
  emptyPeerReport,
  type AsnInfo,
  type DeviceInfo,
  type LocationInfo,
  type Participant,
  type PeerReport,
  type ResponseShape,
  type SoftwareInfo,
} from './model.ts';
import { readConnectivity } from './normalize-connectivity.ts';
import type { EarlyQualityRead } from './quality/early-read.ts';
import { readLegacyQuality, readQuality } from './quality/read-quality.ts';
import { readTimeline } from './normalize-timeline.ts';
import { dropOutsideCall } from './outside-call.ts';
import { hasObjectAt, isEnvelope, looksLikeParticipant, PARTICIPANT_KEYS } from './normalize-shape.ts';
import { isRecord, type JsonObject } from '../lib/json-value.ts';
import { describeValue, joinPath, Reader } from './read-json.ts';
import { minutesToMs } from './units.ts';

export interface NormalizeOptions {
  /** The quality samples read while the body downloaded (./quality/early-read.ts), for this body only. */
  early?: EarlyQualityRead | null;
}

const PEER_REPORT_KEYS = new Set(['metadata', 'quality']);

const METADATA_KEYS = new Set([
  'device_info',
  'browser_metadata',
  'sdk_name',
  'sdk_type',
  'sdk_version',
  'room_view_type',
  'native_metadata',
  'ip_information',
  'pc_metadata',
  'candidate_pairs',
  'precall_network_information',
  'events',
  'audio_devices_updates',
  'video_devices_updates',
  'speaker_devices_updates',
  'selected_device_updates',
]);

function unwrap(reader: Reader, input: unknown): JsonObject | null {
  if (!isRecord(input)) {
    reader.warn('$', `expected a JSON object, got ${describeValue(input)}`);
    return null;
  }
  if (!isEnvelope(input)) return input;
  if (input['success'] === false) reader.warn('$.success', 'the response says success: false');
  const data = input['data'];
  if (isRecord(data)) return data;
  reader.warn('$.data', data === undefined ? 'the response has no data' : `expected an object, got ${describeValue(data)}`);
  return null;
}

interface Located {
  shape: ResponseShape;
  participant: JsonObject;
  path: string;
}

function isLegacy(participant: JsonObject): boolean {
  if (hasObjectAt(participant, 'peer_stats') || hasObjectAt(participant, 'quality_stats')) return true;
  return participant['role'] != null && participant['preset_name'] == null && !hasObjectAt(participant, 'peer_report');
}

function locate(reader: Reader, data: JsonObject): Located {
  const nested = data['participant'];
  if (nested !== undefined && nested !== null) {
    if (isRecord(nested)) {
      reader.keepUnknown(data, new Set(['participant', 'peer_events']), '');
      return { shape: isLegacy(nested) ? 'legacy' : 'current', participant: nested, path: 'participant' };
    }
    reader.warn('participant', `expected an object, got ${describeValue(nested)}`);
    reader.keepUnknown(data, new Set(['participant']), '');
    return { shape: 'current', participant: {}, path: 'participant' };
  }
  if (!looksLikeParticipant(data)) reader.warn('$', 'no participant or peer report found in the response');
  return { shape: isLegacy(data) ? 'legacy' : 'flat', participant: data, path: '' };
}

function readParticipant(reader: Reader, p: JsonObject, base: string): Participant {
  const joinedAt = reader.timestamp(p, 'joined_at', base);
  const leftAt = reader.timestamp(p, 'left_at', base);
  let durationMs = minutesToMs(reader.number(p, 'duration', base));
  // `duration` is missing from some responses; joined → left is the same quantity.
  if (durationMs === null && joinedAt !== null && leftAt !== null && leftAt >= joinedAt) {
    durationMs = leftAt - joinedAt;
  }
  return {
    peerId: reader.stringOf(p, ['id', 'peer_id'], base),
    sessionId: reader.string(p, 'session_id', base),
    userId: reader.string(p, 'user_id', base),
    customParticipantId: reader.stringOf(p, ['custom_participant_id', 'client_specific_id'], base),
    displayName: reader.stringOf(p, ['display_name', 'name'], base),
    preset: reader.stringOf(p, ['preset_name', 'role'], base),
    joinedAt,
    leftAt,
    createdAt: reader.timestamp(p, 'created_at', base),
    updatedAt: reader.timestamp(p, 'updated_at', base),
    durationMs,
  };
}

function readDevice(reader: Reader, deviceInfo: JsonObject, base: string): DeviceInfo {
  return {
    os: reader.string(deviceInfo, 'os', base),
    osVersion: reader.stringOf(deviceInfo, ['os_version', 'osVersion'], base),
    isMobile: reader.booleanOf(deviceInfo, ['is_mobile', 'isMobile'], base),
    cpus: reader.numberOf(deviceInfo, ['cpus', 'cpu_count'], base),
  };
}

/** WebGL support comes as a boolean, or (older SDKs) as the WebGL version number. */
function readWebgl(reader: Reader, obj: JsonObject, keys: readonly string[], base: string): boolean | null {
  const key = reader.firstKey(obj, keys);
  if (key === null) return null;
  const value = obj[key];
  if (typeof value === 'number' && Number.isFinite(value)) return value > 0;
  return reader.boolean(obj, key, base);
}

const BROWSER_KEYS = ['browser', 'browser_version', 'browserVersion', 'user_agent', 'userAgent', 'engine'];
const LEGACY_SDK_KEYS = ['sdk_name', 'sdkName', 'sdk_type', 'sdkType', 'sdk_version', 'sdkVersion'];
const SOFTWARE_METADATA_KEYS = ['sdk_name', 'sdk_type', 'sdk_version', 'room_view_type', 'native_metadata'];

function readSoftware(reader: Reader, metadata: JsonObject, base: string): SoftwareInfo | null {
  const browserMetadata = reader.object(metadata, 'browser_metadata', base);
  const deviceInfo = isRecord(metadata['device_info']) ? metadata['device_info'] : null;
  // Legacy Dyte put browser and SDK fields (camelCase) inside device_info.
  const legacyBrowser =
    deviceInfo && [...BROWSER_KEYS, ...LEGACY_SDK_KEYS].some((key) => deviceInfo[key] != null) ? deviceInfo : null;
  const hasSdk = SOFTWARE_METADATA_KEYS.some((key) => metadata[key] != null);
  if (!browserMetadata && !legacyBrowser && !hasSdk) return null;
  const bmBase = joinPath(base, 'browser_metadata');
  const diBase = joinPath(base, 'device_info');
  const fromBrowser = (keys: readonly string[], legacyKeys: readonly string[]): string | null =>
    (browserMetadata ? reader.stringOf(browserMetadata, keys, bmBase) : null) ??
    (legacyBrowser ? reader.stringOf(legacyBrowser, legacyKeys, diBase) : null);
  const fromSdk = (key: string, legacyKey: string): string | null =>
    reader.string(metadata, key, base) ??
    (legacyBrowser ? reader.stringOf(legacyBrowser, [key, legacyKey], diBase) : null);
  const native = reader.object(metadata, 'native_metadata', base);
  const nativeBase = joinPath(base, 'native_metadata');
  return {
    browser: fromBrowser(['browser', 'browser_name'], ['browser', 'browserName']),
    browserVersion: fromBrowser(['browser_version'], ['browserVersion', 'browser_version']),
    engine: fromBrowser(['engine'], ['engine']),
    userAgent: fromBrowser(['user_agent'], ['userAgent', 'user_agent']),
    webglSupport:
      (browserMetadata ? readWebgl(reader, browserMetadata, ['webgl_support'], bmBase) : null) ??
      (legacyBrowser ? readWebgl(reader, legacyBrowser, ['webglSupport', 'webgl_support'], diBase) : null),
    sdkName: fromSdk('sdk_name', 'sdkName'),
    sdkType: fromSdk('sdk_type', 'sdkType'),
    sdkVersion: fromSdk('sdk_version', 'sdkVersion'),
    roomViewType: reader.string(metadata, 'room_view_type', base),
    audioEncoder: native ? reader.string(native, 'audio_encoder', nativeBase) : null,
    videoEncoder: native ? reader.string(native, 'video_encoder', nativeBase) : null,
  };
}

function readAsn(reader: Reader, ip: JsonObject, base: string): AsnInfo | null {
  const raw = ip['asn'];
  if (raw === undefined || raw === null) return null;
  // Some IP databases give the ASN as a bare "AS24560" string instead of an object.
  if (typeof raw === 'string' || typeof raw === 'number') {
    return { asn: String(raw), name: null, domain: null, route: null, type: null };
  }
  const asn = reader.object(ip, 'asn', base);
  if (!asn) return null;
  const path = joinPath(base, 'asn');
  return {
    asn: reader.string(asn, 'asn', path),
    name: reader.string(asn, 'name', path),
    domain: reader.string(asn, 'domain', path),
    route: reader.string(asn, 'route', path),
    type: reader.string(asn, 'type', path),
  };
}

function readLocation(reader: Reader, ip: JsonObject, base: string): LocationInfo {
  const country = reader.stringOf(ip, ['country', 'country_code'], base);
  return {
    ip: reader.stringOf(ip, ['ipv4', 'ip', 'ipv6'], base),
    city: reader.string(ip, 'city', base),
    region: reader.string(ip, 'region', base),
    country: country === null ? null : country.trim().toUpperCase(),
    timezone: reader.string(ip, 'timezone', base),
    org: reader.string(ip, 'org', base),
    asn: readAsn(reader, ip, base),
  };
}

/** Runs one part of the model; an unexpected failure costs that part, not the report. */
function section(reader: Reader, path: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    reader.warn(path, `could not be read: ${reason}`);
  }
}

function fill(reader: Reader, input: unknown, report: PeerReport, early: EarlyQualityRead | null): void {
  const data = unwrap(reader, input);
  if (!data) return;
  const { shape, participant, path } = locate(reader, data);
  report.shape = shape;
  section(reader, path || '$', () => {
    report.participant = readParticipant(reader, participant, path);
  });

  const peerReportPath = joinPath(path, 'peer_report');
  const peerReport = reader.object(participant, 'peer_report', path);
  const metadataPath = joinPath(peerReportPath, 'metadata');
  const metadata = peerReport ? reader.object(peerReport, 'metadata', peerReportPath) : null;
  const quality = peerReport ? reader.object(peerReport, 'quality', peerReportPath) : null;
  const peerStatsPath = joinPath(path, 'peer_stats');
  const peerStats = reader.object(participant, 'peer_stats', path);
  const qualityStatsPath = joinPath(path, 'quality_stats');
  const qualityStats = reader.object(participant, 'quality_stats', path);
  // Current metadata wins; legacy peer_stats holds the same blocks under the same names.
  const meta = metadata ?? peerStats;
  const metaPath = metadata ? metadataPath : peerStatsPath;

  // peer_events sits on the participant (current, flat); tolerate it beside it in data too.
  const peerEventsOwner = participant['peer_events'] !== undefined ? participant : data;
  const peerEventsPath = joinPath(peerEventsOwner === participant ? path : '', 'peer_events');
  const peerEvents = reader.array(peerEventsOwner, 'peer_events', peerEventsOwner === participant ? path : '');
  const events = meta ? reader.array(meta, 'events', metaPath) : null;

  report.present = {
    deviceInfo: meta !== null && (hasObjectAt(meta, 'device_info') || hasObjectAt(meta, 'browser_metadata')),
    ipInformation: meta !== null && hasObjectAt(meta, 'ip_information'),
    precall:
      meta !== null &&
      (meta['pc_metadata'] != null || hasObjectAt(meta, 'candidate_pairs') || hasObjectAt(meta, 'precall_network_information')),
    events: events !== null,
    quality: quality !== null || qualityStats !== null,
    peerEvents: peerEvents !== null,
  };

  section(reader, path || '$', () => {
    reader.keepUnknown(participant, PARTICIPANT_KEYS, path);
    if (peerReport) reader.keepUnknown(peerReport, PEER_REPORT_KEYS, peerReportPath);
    if (metadata && peerStats) reader.unknown[peerStatsPath] = peerStats;
    if (meta) reader.keepUnknown(meta, METADATA_KEYS, metaPath);
  });

  if (meta) {
    section(reader, joinPath(metaPath, 'device_info'), () => {
      const deviceInfo = reader.object(meta, 'device_info', metaPath);
      report.device = deviceInfo ? readDevice(reader, deviceInfo, joinPath(metaPath, 'device_info')) : null;
    });
    section(reader, metaPath, () => {
      report.software = readSoftware(reader, meta, metaPath);
    });
    section(reader, joinPath(metaPath, 'ip_information'), () => {
      const ip = reader.object(meta, 'ip_information', metaPath);
      report.location = ip ? readLocation(reader, ip, joinPath(metaPath, 'ip_information')) : null;
    });
    section(reader, metaPath, () => {
      report.connectivity = readConnectivity(reader, { metadata: meta, metadataPath: metaPath });
    });
  }

  section(reader, metaPath, () => {
    report.timeline = readTimeline(reader, {
      events,
      eventsPath: joinPath(metaPath, 'events'),
      peerEvents,
      peerEventsPath,
      metadata: meta,
      metadataPath: metaPath,
    });
  });

  const qualityPath = joinPath(peerReportPath, 'quality');
  section(reader, qualityPath, () => {
    if (!quality) return;
    const result = readQuality(reader, quality, qualityPath, early);
    report.streams.push(...result.streams);
    report.summaries.push(...result.summaries);
  });
  section(reader, qualityStatsPath, () => {
    if (!qualityStats) return;
    const result = readLegacyQuality(reader, qualityStats, qualityStatsPath, report.participant.peerId);
    report.streams.push(...result.streams);
    report.summaries.push(...result.summaries);
  });
  section(reader, '$', () => dropOutsideCall(reader, report));
}

/**
 * The report model of one response body. Diagnosis is a stage of its own (./diagnosis/diagnose.ts):
 * the model's `findings` stay empty here.
 */
export function normalizePeerReport(input: unknown, options: NormalizeOptions = {}): PeerReport {
  const reader = new Reader();
  const report = emptyPeerReport();
  section(reader, '$', () => fill(reader, input, report, options.early ?? null));
  report.warnings = reader.log.toWarnings();
  report.unknown = reader.unknown;
  return report;
}
