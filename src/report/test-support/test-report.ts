// Hand-made reports for the diagnosis tests: sample series at exact values, so each
// test can put a value exactly at, just over and just under a threshold.

import { describeEvent } from '../event-labels.ts';
import {
  emptyPeerReport,
  type CandidatePair,
  type Connectivity,
  type EventSource,
  type IceCandidate,
  type PeerReport,
  type PrecallCheck,
  type QualitySample,
  type QualityStream,
  type TimelineEvent,
} from '../model.ts';

/** 13:00:00 UTC: the test calls join here. */
export const JOIN = Date.UTC(2026, 8, 14, 13, 0, 0);
export const STEP = 7000;

export function sample(at: number, values: Partial<QualitySample> = {}): QualitySample {
  return {
    at,
    bitrateKbps: 32,
    lossPercent: 0,
    jitterMs: 5,
    rttMs: 40,
    mos: 4.4,
    fps: null,
    width: null,
    height: null,
    packets: 350,
    packetsLost: 0,
    bytes: 28_000,
    jitterBufferDelayMs: null,
    concealmentEvents: null,
    framesDropped: null,
    qualityLimitationReason: null,
    ...values,
  };
}

const VIDEO_DEFAULTS: Partial<QualitySample> = { bitrateKbps: 1500, mos: 4.5, fps: 30, width: 1280, height: 720, qualityLimitationReason: 'none' };

/**
 * One sample per value, every 7 s from join + 7 s. `field` gets the value; `base` fills
 * the rest (video defaults for video kinds).
 */
export function series(
  field: keyof QualitySample,
  values: readonly (number | string | null)[],
  options: { kind?: QualityStream['kind']; base?: Partial<QualitySample>; start?: number; step?: number } = {},
): QualitySample[] {
  const start = options.start ?? JOIN + STEP;
  const step = options.step ?? STEP;
  const video = options.kind === 'video' || options.kind === 'screenshare_video';
  return values.map((value, i) => sample(start + i * step, { ...(video ? VIDEO_DEFAULTS : {}), ...options.base, [field]: value }));
}

export function stream(
  kind: QualityStream['kind'],
  direction: QualityStream['direction'],
  samples: QualitySample[],
  remotePeerId: string | null = null,
): QualityStream {
  const base = `${kind.replace('_', '-')}-${direction}`;
  return {
    id: remotePeerId === null ? base : `${base}-${remotePeerId}`,
    kind,
    direction,
    remotePeerId,
    source: `${kind}_${direction === 'send' ? 'producer' : 'consumer'}`,
    samples,
  };
}

let eventCount = 0;

export function event(at: number, name: string, details: TimelineEvent['details'] = {}, source: EventSource = 'client'): TimelineEvent {
  const description = describeEvent(name, details);
  eventCount += 1;
  return { id: `${source}-${eventCount}`, at, source, name, label: description.label, category: description.category, severity: description.severity, details };
}

/** A pre-call check that passed everything, on 4g; override what the test is about. */
export function precallCheck(values: Partial<PrecallCheck> = {}): PrecallCheck {
  return {
    at: null,
    effectiveNetworkType: '4g',
    turnConnectivity: true,
    relayConnectivity: true,
    reflexiveConnectivity: true,
    rttMs: null,
    backendRttMs: null,
    jitterMs: null,
    lossPercent: null,
    throughputKbps: null,
    sdp: [],
    ...values,
  };
}

/** An ICE candidate with nothing known; override what the test is about. */
export function iceCandidate(values: Partial<IceCandidate> = {}): IceCandidate {
  return { id: null, type: null, address: null, port: null, protocol: null, networkType: null, relatedAddress: null, relatedPort: null, url: null, ...values };
}

/** A candidate pair with nothing measured, neither relayed nor over TCP, not marked nominated. */
export function candidatePair(values: Partial<CandidatePair> = {}): CandidatePair {
  return {
    rttMs: null,
    availableOutgoingKbps: null,
    availableIncomingKbps: null,
    bytesSent: null,
    bytesReceived: null,
    packetsSent: null,
    packetsReceived: null,
    lastPacketSentAt: null,
    lastPacketReceivedAt: null,
    local: iceCandidate(),
    remote: iceCandidate(),
    relayed: false,
    overTcp: false,
    nominated: null,
    bytesDiscardedOnSend: null,
    packetsDiscardedOnSend: null,
    ...values,
  };
}

export function connectivity(values: Partial<Connectivity> = {}): Connectivity {
  return { precall: [], sending: [], receiving: [], usesRelay: false, usesTcp: false, ...values };
}

/** A 30-minute call from JOIN; pass streams, timeline and anything else to override. */
export function makeReport(values: Partial<PeerReport> = {}, durationMs = 30 * 60_000): PeerReport {
  const empty = emptyPeerReport();
  return {
    ...empty,
    participant: { ...empty.participant, peerId: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450', joinedAt: JOIN, leftAt: JOIN + durationMs, durationMs },
    present: { ...empty.present, events: true, quality: true },
    ...values,
  };
}
