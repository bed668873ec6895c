// The report model: one typed shape that every panel reads, whichever of the three
// upstream response shapes it came from. Units here are display units (ms, kbps, %,
// fps, px, epoch ms); conversion happens once, in normalize-peer-report.ts.

export type ResponseShape = 'current' | 'flat' | 'legacy';

export interface PeerReport {
  shape: ResponseShape;
  participant: Participant;
  device: DeviceInfo | null;
  software: SoftwareInfo | null;
  location: LocationInfo | null;
  connectivity: Connectivity | null;
  /** Every event from every source, sorted by time (then by source order). */
  timeline: TimelineEvent[];
  /** One per quality array, and per remote peer for receive arrays. */
  streams: QualityStream[];
  /** The `*_cumulative` blocks, one per quality array that had one. */
  summaries: StreamSummary[];
  /** Which blocks the response actually carried, to tell "not requested" from "empty". */
  present: PresentBlocks;
  /** What could not be read: the page shows these, it never throws on them. */
  warnings: ReportWarning[];
  /** Fields the model does not know, by JSON path, kept so the raw view can show them. */
  unknown: Record<string, unknown>;
}

export interface PresentBlocks {
  deviceInfo: boolean;
  ipInformation: boolean;
  precall: boolean;
  events: boolean;
  quality: boolean;
  peerEvents: boolean;
}

export interface ReportWarning {
  /** JSON path of the value, e.g. `peer_report.quality.audio_producer[3].rtt`. */
  path: string;
  message: string;
}

export interface Participant {
  peerId: string | null;
  sessionId: string | null;
  userId: string | null;
  customParticipantId: string | null;
  displayName: string | null;
  /** `preset_name` (current, flat) or `role` (legacy). */
  preset: string | null;
  joinedAt: number | null;
  leftAt: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  /** From `duration`, which the API gives in decimal minutes. */
  durationMs: number | null;
}

export interface DeviceInfo {
  os: string | null;
  osVersion: string | null;
  isMobile: boolean | null;
  cpus: number | null;
}

export interface SoftwareInfo {
  browser: string | null;
  browserVersion: string | null;
  engine: string | null;
  userAgent: string | null;
  webglSupport: boolean | null;
  sdkName: string | null;
  sdkType: string | null;
  sdkVersion: string | null;
  roomViewType: string | null;
  audioEncoder: string | null;
  videoEncoder: string | null;
}

export interface AsnInfo {
  /** As given, e.g. `AS24560`. */
  asn: string | null;
  name: string | null;
  domain: string | null;
  route: string | null;
  type: string | null;
}

export interface LocationInfo {
  ip: string | null;
  city: string | null;
  region: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  /** IANA zone name, e.g. `Europe/Berlin`. */
  timezone: string | null;
  org: string | null;
  asn: AsnInfo | null;
}

export interface PrecallCheck {
  at: number | null;
  /**
   * The browser's connection-speed class (navigator.connection.effectiveType: slow-2g, 2g,
   * 3g, 4g), not the link: a wired desktop says 4g.
   */
  effectiveNetworkType: string | null;
  turnConnectivity: boolean | null;
  relayConnectivity: boolean | null;
  reflexiveConnectivity: boolean | null;
  /** Legacy Dyte pre-call measurements (null in the current shape). */
  rttMs: number | null;
  backendRttMs: number | null;
  jitterMs: number | null;
  lossPercent: number | null;
  throughputKbps: number | null;
  sdp: string[];
}

export interface IceCandidate {
  id: string | null;
  /** Usually host, srflx, prflx or relay; kept as given when it is something else. */
  type: string | null;
  address: string | null;
  port: number | null;
  protocol: string | null;
  networkType: string | null;
  relatedAddress: string | null;
  relatedPort: number | null;
  /** TURN server url when the report carries one. */
  url: string | null;
}

export interface CandidatePair {
  rttMs: number | null;
  availableOutgoingKbps: number | null;
  availableIncomingKbps: number | null;
  bytesSent: number | null;
  bytesReceived: number | null;
  packetsSent: number | null;
  packetsReceived: number | null;
  lastPacketSentAt: number | null;
  lastPacketReceivedAt: number | null;
  local: IceCandidate;
  remote: IceCandidate;
  /** Local candidate is a relay: media went through TURN. */
  relayed: boolean;
  /** Protocol tcp, or a TURN url with transport=tcp. */
  overTcp: boolean;
  /**
   * The pair the browser selected for media (`nominated`; Firefox's `selected` folded in);
   * null when the report does not say.
   */
  nominated: boolean | null;
  /** Bytes and packets the transport dropped before sending: a socket that could not keep up. */
  bytesDiscardedOnSend: number | null;
  packetsDiscardedOnSend: number | null;
}

export interface Connectivity {
  precall: PrecallCheck[];
  /** Every candidate pair of the producing transport, nominated or only tried. */
  sending: CandidatePair[];
  /** Every candidate pair of the consuming transport. */
  receiving: CandidatePair[];
  /** A relay candidate carried media: judged on the nominated pairs when any is marked. */
  usesRelay: boolean;
  /** TCP carried media: judged on the nominated pairs when any is marked. */
  usesTcp: boolean;
}

/** `player`: a livestream viewer's player (rebuffering, autoplay blocks, latency). */
export type EventCategory = 'lifecycle' | 'media' | 'network' | 'device' | 'focus' | 'error' | 'player' | 'other';

export type EventSource = 'client' | 'peer' | 'device';

export interface TimelineEvent {
  /** Stable within one report: source, index. */
  id: string;
  at: number;
  source: EventSource;
  /** Raw name as sent (`reconnect_attempt`, `PEER_JOINING`, `audio_devices_updates`). */
  name: string;
  /** Human label ("Reconnect attempt"). */
  label: string;
  category: EventCategory;
  /** `problem` for reconnects, disconnects, failures, permission denials. */
  severity: 'normal' | 'notable' | 'problem';
  details: Record<string, string | number | boolean | null>;
}

export type MediaKind = 'audio' | 'video' | 'screenshare_audio' | 'screenshare_video';

export type Direction = 'send' | 'receive';

export interface QualitySample {
  at: number;
  /** Derived from bytes over the interval since the previous sample. */
  bitrateKbps: number | null;
  lossPercent: number | null;
  jitterMs: number | null;
  rttMs: number | null;
  mos: number | null;
  fps: number | null;
  width: number | null;
  height: number | null;
  /** Packets in this interval (sent or received): the report's counters are per-interval deltas. */
  packets: number | null;
  packetsLost: number | null;
  /** Payload bytes in this interval; bytes per packet tell silence frames from speech. */
  bytes: number | null;
  /** Mean playout delay per emitted audio sample or video frame in this interval. */
  jitterBufferDelayMs: number | null;
  /** Concealment events (audio the receiver had to make up) in this interval. */
  concealmentEvents: number | null;
  /** Frames the receiver dropped in this interval. */
  framesDropped: number | null;
  qualityLimitationReason: string | null;
}

export interface QualityStream {
  /** e.g. `audio-send`, `video-receive-<peerId>`. */
  id: string;
  kind: MediaKind;
  direction: Direction;
  /** The remote sender of a receive stream. */
  remotePeerId: string | null;
  /** Raw array name, e.g. `screenshare_video_consumer`. */
  source: string;
  samples: QualitySample[];
}

export interface Percentiles {
  avg: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
}

export interface ThresholdShare {
  /** Threshold in display units (% for loss, ms for latency). */
  threshold: number;
  /** 0..1 share of samples at or above it. */
  fraction: number;
}

export interface StreamSummary {
  source: string;
  kind: MediaKind;
  direction: Direction;
  mos: Percentiles | null;
  fps: Percentiles | null;
  width: Percentiles | null;
  lossAvgPercent: number | null;
  lossShares: ThresholdShare[];
  rttAvgMs: number | null;
  rttShares: ThresholdShare[];
  jitterBufferDelayAvgMs: number | null;
  jitterBufferDelayShares: ThresholdShare[];
  /** Video `issues` fractions by name, 0..1. */
  issues: Record<string, number>;
  /** Sent video: `high_negative_feedback_fraction`, 0..1, as the report gives it. */
  highNegativeFeedbackFraction: number | null;
  /** Sent video: `key_frames_encoded_fraction`, 0..1. */
  keyFramesEncodedFraction: number | null;
  /** Received video: `key_frames_decoded_fraction`, 0..1. */
  keyFramesDecodedFraction: number | null;
}

export type FindingSeverity = 'critical' | 'warning' | 'info';

/** A stretch of the call, epoch ms, start <= end. */
export interface TimeInterval {
  start: number;
  end: number;
}

/** Which chart a finding belongs on, so the chart can shade its intervals. */
export type FindingMetric = 'bitrateKbps' | 'lossPercent' | 'jitterMs' | 'rttMs' | 'mos' | 'fps' | 'height';

/** Every per-sample measure a chart can draw: the findings' metrics and what a listener or viewer also suffers. */
export type SampleMetric = FindingMetric | 'jitterBufferDelayMs' | 'concealmentEvents' | 'framesDropped';

export interface Finding {
  /** Unique within a report: rule id plus subject, e.g. `packet-loss:audio-send`. */
  id: string;
  /** The rule's name, e.g. `packet-loss`. */
  rule: string;
  severity: FindingSeverity;
  /** Short headline: "Packet loss on sent audio". */
  title: string;
  /** One or two sentences a support engineer can paste into a ticket, with numbers and clock times. */
  sentence: string;
  /** The stream it concerns (QualityStream.id), if any; for a finding over several streams, the first of `streamIds`. */
  streamId: string | null;
  /**
   * Every stream it concerns: `[streamId]` for a single-stream finding, several when one
   * problem held on several streams at the same times, `[]` for call-wide facts.
   */
  streamIds: string[];
  /** The remote sender it concerns, if any. */
  remotePeerId: string | null;
  metric: FindingMetric | null;
  /** Where it held; empty for whole-call facts (e.g. TURN in use). */
  intervals: TimeInterval[];
  /** The threshold's source, e.g. "Twilio SDK warnings; Microsoft Teams network targets". */
  source: string;
}

/**
 * A report that knows nothing yet: every participant field null, no block present, no
 * events, streams or findings. Normalization fills one in; tests override what they need.
 * Fresh arrays and objects on every call, so filling one in never touches another.
 */
export function emptyPeerReport(): PeerReport {
  return {
    shape: 'current',
    participant: {
      peerId: null,
      sessionId: null,
      userId: null,
      customParticipantId: null,
      displayName: null,
      preset: null,
      joinedAt: null,
      leftAt: null,
      createdAt: null,
      updatedAt: null,
      durationMs: null,
    },
    device: null,
    software: null,
    location: null,
    connectivity: null,
    timeline: [],
    streams: [],
    summaries: [],
    present: { deviceInfo: false, ipInformation: false, precall: false, events: false, quality: false, peerEvents: false },
    warnings: [],
    unknown: {},
  };
}
