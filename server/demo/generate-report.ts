// Builds one participant's peer report, in the current response shape, from a CallSpec.
//
// The output doubles as the fixture for every test in the project and as the benchmark input
// (8-hour calls, 12 remote senders), so it is deterministic (seeded, no clock), parametric
// and linear in samples. Units follow the upstream, traps included: per-sample rtt, jitter
// and jitter_buffer_delay in SECONDS, cumulative rtt and jitter_buffer_delay averages in
// MILLISECONDS, counters as per-interval deltas, `duration` in decimal minutes, candidate-pair
// last_packet_* timestamps in epoch milliseconds. Field names and shapes are those of the
// `cloudflare` SDK's SessionGetParticipantDataFromPeerIDResponse: the report is built as
// that type's object literals, so the type checker rejects any field the published schema
// does not have. The units, which the schema does not state, follow WebRTC's getStats()
// conventions (W3C "Identifiers for WebRTC's Statistics API": seconds for round-trip time
// and jitter, sums for the jitter-buffer delay) as the `@cloudflare/realtimekit-callstats`
// client collects them, counters as deltas over its 7 s interval.

import type { SessionGetParticipantDataFromPeerIDResponse as Answer } from 'cloudflare/resources/realtime-kit/sessions';
import { createRng, hashSeed, type Rng } from './random.ts';
import { browserOffer, sfuAnswer, type SdpCandidate } from './sdp.ts';

/** The `data` of a current-shape answer, as the SDK types it. */
export type ReportData = Answer.Data;
type Participant = Answer.Data.Participant;
type PeerEvent = Answer.Data.Participant.PeerEvent;
type Metadata = Answer.Data.Participant.PeerReport.Metadata;
type Quality = Answer.Data.Participant.PeerReport.Quality;
type SdkEvent = Answer.Data.Participant.PeerReport.Metadata.Event;
type PcMetadata = Answer.Data.Participant.PeerReport.Metadata.PcMetadata;
type CandidatePair = Answer.Data.Participant.PeerReport.Metadata.CandidatePairs.ProducingTransport;

export type Scalar = string | number | boolean | null;

/** Seconds since joined_at. */
export type TimeWindow = { from: number; to: number };

export type Range = readonly [number, number];

export type MediaDevice = {
  device_id: string;
  kind: 'audioinput' | 'videoinput' | 'audiooutput';
  label: string;
};

export type VideoSpec = { width: number; height: number; fps: number; kbps: number };

export type RemoteSenderSpec = {
  peerId: string;
  /** null: the sender publishes audio only. */
  video: VideoSpec | null;
  /** The sender's own uplink is bad: its video arrives lossy, at a low frame rate and resolution. */
  poor?: boolean;
  /** When the sender was in the call; the whole call when absent. */
  present?: TimeWindow;
  screenshare?: TimeWindow[];
};

export type DeviceSpec = {
  os: string;
  osVersion: string;
  isMobile: boolean;
  cpus: number;
  browser: string;
  browserVersion: string;
  engine: string;
  userAgent: string;
  webglSupport: boolean;
  sdkName: string;
  sdkType: string;
  sdkVersion: string;
  /** camelCase, as the SDK reports it (`groupCall`, `webinar`, ...). */
  roomViewType: string;
  audioEncoder: string;
  videoEncoder: string;
};

export type IpSpec = {
  ipv4: string;
  city: string;
  region: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** IANA zone. */
  timezone: string;
  org: string;
  asn: { asn: string; domain: string; name: string; route: string; type: string };
  /** The private address behind the NAT, for host candidates. */
  lanAddress: string;
};

/** How media reached the SFU: the local candidate type, and for TURN the transport to the relay. */
export type ConnectionKind = 'host' | 'srflx' | 'relay-udp' | 'relay-tcp';

export type Impairment = TimeWindow & {
  /** Added to the baseline loss, drawn per sample. */
  lossPercent?: Range;
  /** Replaces the baseline jitter when larger. */
  jitterMs?: Range;
  /** Added to the baseline round-trip time. */
  rttMs?: Range;
  /** Caps the available bitrate both ways (a congested or slow radio link). */
  bandwidthKbps?: number;
  /** Which leg suffers; both by default. */
  direction?: 'up' | 'down' | 'both';
};

/** Transports down: no samples, a disconnect event, reconnect attempts, then an ICE restart. */
export type Outage = TimeWindow & { reconnectAttempts: number; reason?: string };

export type PrecallSpec = {
  turn: boolean;
  relay: boolean;
  reflexive: boolean;
  /** The legacy shape's pre-call measurements; the current shape does not carry them. */
  rttMs: number;
  backendRttMs: number;
  jitterMs: number;
  lossFraction: number;
  throughputKbps: number;
};

export type NetworkSpec = {
  interface: 'ethernet' | 'wifi' | 'cellular';
  effectiveNetworkType: string;
  connection: ConnectionKind;
  rttMs: number;
  rttSpreadMs: number;
  jitterMs: number;
  lossPercent: number;
  uplinkKbps: number;
  downlinkKbps: number;
  impairments: Impairment[];
  outages: Outage[];
  networkTypeChanges: { at: number; type: string }[];
  precall: PrecallSpec;
};

export type CpuWindow = TimeWindow & {
  /** 1: half resolution, 12-18 fps. 2: quarter resolution, 5-10 fps. */
  level: 1 | 2;
};

export type ScreenshareWindow = TimeWindow & { audio?: boolean };

/**
 * `tab`: tab_change only. `app`: the browser itself went to the background (a phone).
 * `view`: a desktop's meeting window went to the background (meeting_view_backgrounded, as
 * Chrome on macOS reports it; nothing marks its end but the tab coming back).
 */
export type FocusWindow = TimeWindow & { kind: 'tab' | 'app' | 'view' };

export type DeviceChange = {
  at: number;
  added?: MediaDevice[];
  removed?: MediaDevice[];
  /** Devices the participant switched to. */
  select?: MediaDevice[];
};

export type ExtraEvent = { at: number; name: string; metadata?: Record<string, Scalar> };

export type PresetViewType = 'GROUP_CALL' | 'WEBINAR' | 'AUDIO_ROOM' | 'LIVESTREAM' | 'CHAT';

export type CallSpec = {
  seed: number;
  peerId: string;
  sessionId: string;
  userId: string;
  customParticipantId: string;
  displayName: string;
  presetName: string;
  presetViewType: PresetViewType;
  /** ISO-8601 UTC. */
  joinedAt: string;
  /** Time on the pre-call screen: created_at is this long before joined_at. */
  precallSeconds: number;
  /** Time in the call, or so far when stillInCall. */
  durationSeconds: number;
  stillInCall: boolean;
  device: DeviceSpec;
  ip: IpSpec;
  network: NetworkSpec;
  /** false: no microphone published (a livestream viewer). */
  publishAudio: boolean;
  audioKbps: number;
  /** null: no camera published. */
  video: VideoSpec | null;
  remoteSenders: RemoteSenderSpec[];
  audioOff: TimeWindow[];
  videoOff: TimeWindow[];
  screenshare: ScreenshareWindow[];
  cpuLimited: CpuWindow[];
  focusLoss: FocusWindow[];
  /** Devices present when the page opened; the first of each kind is selected. */
  devices: MediaDevice[];
  deviceChanges: DeviceChange[];
  events: ExtraEvent[];
};

// ---------------------------------------------------------------------------------------
// Output sample types: the SDK's, every field present (the generator always knows them).

type LimitationReason = 'cpu' | 'bandwidth' | 'none' | 'other';

type ProducerSample = Required<Answer.Data.Participant.PeerReport.Quality.AudioProducer>;
/** `quality_limitation_resolution_changes` is a running total, like WebRTC's counter; the other counters are per-interval deltas. */
type VideoProducerSample = Required<Answer.Data.Participant.PeerReport.Quality.VideoProducer> & { quality_limitation_reason: LimitationReason };
/**
 * `jitter_buffer_delay` is in seconds, summed over every audio sample or video frame emitted
 * in the interval, as WebRTC's jitterBufferDelay counts it: divided by the emitted count it is
 * the mean delay.
 */
type AudioConsumerSample = Required<Answer.Data.Participant.PeerReport.Quality.AudioConsumer>;
type VideoConsumerSample = Required<Answer.Data.Participant.PeerReport.Quality.VideoConsumer>;
type ConsumerSample = AudioConsumerSample | VideoConsumerSample;

type QualityArrays = {
  audio_producer: ProducerSample[];
  audio_consumer: AudioConsumerSample[];
  video_producer: VideoProducerSample[];
  video_consumer: VideoConsumerSample[];
  screenshare_audio_producer: ProducerSample[];
  screenshare_audio_consumer: AudioConsumerSample[];
  screenshare_video_producer: VideoProducerSample[];
  screenshare_video_consumer: VideoConsumerSample[];
};

/** Thresholds behind the video `issues` fractions (the real API does not document its own). */
export const VIDEO_ISSUE_RULES = {
  /** Frame height below this, while video flows, is poor resolution. */
  poorResolutionBelowHeight: 360,
  /** Frame rate below this, while video flows, is lag. */
  lagBelowFps: 10,
} as const;

// ---------------------------------------------------------------------------------------
// Small helpers.

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

const iso = (ms: number): string => new Date(ms).toISOString();

const inWindow = (windows: readonly TimeWindow[], t: number): boolean => windows.some((w) => t >= w.from && t < w.to);

const draw = (rng: Rng, range: Range): number => rng.range(range[0], range[1]);

/** Stochastic rounding keeps tiny expected losses (0.3 packets) honest on average. */
const lostPackets = (rng: Rng, packets: number, lossPercent: number): number =>
  packets <= 0 ? 0 : Math.min(packets, Math.floor((packets * lossPercent) / 100 + rng.next()));

/** A simplified ITU-T G.107 E-model: the usual way WebRTC dashboards estimate audio MOS. */
function audioMos(rttMs: number, jitterMs: number, lossPercent: number): number {
  const effectiveLatency = rttMs / 2 + jitterMs * 2 + 10;
  const delayImpairment = effectiveLatency < 160 ? effectiveLatency / 40 : (effectiveLatency - 120) / 10;
  const r = clamp(93.2 - delayImpairment - lossPercent * 2.5, 0, 100);
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

function videoMos(fps: number, height: number, lossPercent: number): number {
  if (fps <= 0 || height <= 0) return 1;
  const resolution = height >= 720 ? 1 : height >= 540 ? 0.96 : height >= 360 ? 0.9 : height >= 270 ? 0.8 : 0.68;
  const smoothness = Math.min(1, fps / 24) ** 0.5;
  return clamp(1 + 3.5 * resolution * smoothness - Math.min(1.5, lossPercent * 0.12), 1, 4.5);
}

const evenRound = (value: number): number => Math.max(2, Math.round(value / 2) * 2);

// ---------------------------------------------------------------------------------------
// The timeline: one tick per stats upload, with the local network state at that moment.

type NetState = {
  rttMs: number;
  upLossPercent: number;
  downLossPercent: number;
  upJitterMs: number;
  downJitterMs: number;
  availableUpKbps: number;
  availableDownKbps: number;
};

type Tick = {
  ms: number;
  /** Seconds since joined_at. */
  t: number;
  /** Seconds covered by this sample's counters. */
  dt: number;
  epoch: number;
  net: NetState;
};

/** Transports connect this long after joining; stats start then. */
const TRANSPORT_CONNECT_SECONDS = 1.2;

function epochStarts(spec: CallSpec): number[] {
  return [TRANSPORT_CONNECT_SECONDS, ...spec.network.outages.map((o) => o.to)];
}

function buildTicks(spec: CallSpec, joinedMs: number): Tick[] {
  const rng = createRng(hashSeed(spec.seed, 'network'));
  const net = spec.network;
  const endT = spec.durationSeconds - (spec.stillInCall ? 0 : 1);
  const ticks: Tick[] = [];
  let wander = 0;
  let previousT = TRANSPORT_CONNECT_SECONDS;
  let t = TRANSPORT_CONNECT_SECONDS + rng.range(6.8, 7.3);

  while (t < endT) {
    const outage = net.outages.find((o) => t >= o.from && t < o.to);
    if (outage) {
      // The stats loop restarts with the transports, so counters restart from the reconnection.
      previousT = outage.to;
      t = outage.to + rng.range(6.8, 7.3);
      continue;
    }
    const epoch = net.outages.filter((o) => o.to <= t).length;

    wander = 0.85 * wander + 0.53 * rng.normal();
    let rttMs = net.rttMs + net.rttSpreadMs * clamp(wander, -2.5, 2.5);
    let upLoss = net.lossPercent * Math.min(3, rng.exponential());
    let downLoss = net.lossPercent * Math.min(3, rng.exponential());
    let upJitter = net.jitterMs * (0.75 + 0.25 * Math.min(2, rng.exponential()));
    let downJitter = net.jitterMs * (0.75 + 0.25 * Math.min(2, rng.exponential()));
    let capKbps = Number.POSITIVE_INFINITY;

    for (const impairment of net.impairments) {
      if (t < impairment.from || t >= impairment.to) continue;
      const up = impairment.direction !== 'down';
      const down = impairment.direction !== 'up';
      if (impairment.lossPercent) {
        if (up) upLoss += draw(rng, impairment.lossPercent);
        if (down) downLoss += draw(rng, impairment.lossPercent);
      }
      if (impairment.jitterMs) {
        if (up) upJitter = Math.max(upJitter, draw(rng, impairment.jitterMs));
        if (down) downJitter = Math.max(downJitter, draw(rng, impairment.jitterMs));
      }
      if (impairment.rttMs) rttMs += draw(rng, impairment.rttMs);
      if (impairment.bandwidthKbps !== undefined) capKbps = Math.min(capKbps, impairment.bandwidthKbps);
    }

    // Congestion control backs off under loss.
    const availableUpKbps = Math.min(capKbps, net.uplinkKbps) * (1 - Math.min(0.85, upLoss / 15)) * rng.range(0.93, 1.05);
    const availableDownKbps = Math.min(capKbps, net.downlinkKbps) * (1 - Math.min(0.85, downLoss / 15)) * rng.range(0.93, 1.05);

    ticks.push({
      ms: Math.round(joinedMs + t * 1000),
      t,
      dt: t - previousT,
      epoch,
      net: {
        rttMs: Math.max(5, rttMs),
        upLossPercent: clamp(upLoss, 0, 60),
        downLossPercent: clamp(downLoss, 0, 60),
        upJitterMs: upJitter,
        downJitterMs: downJitter,
        availableUpKbps,
        availableDownKbps,
      },
    });
    previousT = t;
    t += rng.range(6.8, 7.3);
  }
  return ticks;
}

// ---------------------------------------------------------------------------------------
// Quality samples.

type StreamIds = { id: string; ssrc: number; mid: string };

type SenderIds = {
  audio: StreamIds & { producerId: string };
  video: StreamIds & { producerId: string };
  screenVideo: StreamIds & { producerId: string };
};

type Totals = { bytes: number; packets: number; lastMs: number; rtt: number };

type QualityResult = {
  arrays: QualityArrays;
  /** Per connection epoch, for the candidate pairs. */
  sent: Totals[];
  received: Totals[];
};

const emptyTotals = (): Totals => ({ bytes: 0, packets: 0, lastMs: 0, rtt: 0 });

function ssrc(rng: Rng): number {
  return rng.int(100_000_000, 4_294_967_295);
}

/** Picks the rung of the resolution ladder a bitrate budget allows. */
function heightForBudget(baseHeight: number, ratio: number): number {
  if (ratio >= 0.95) return baseHeight;
  if (ratio >= 0.7) return evenRound(baseHeight * 0.75);
  if (ratio >= 0.35) return evenRound(baseHeight / 2);
  return evenRound(baseHeight / 4);
}

function buildQuality(spec: CallSpec, ticks: readonly Tick[]): QualityResult {
  const idRng = createRng(hashSeed(spec.seed, 'stream-ids'));
  const arrays: QualityArrays = {
    audio_producer: [],
    audio_consumer: [],
    video_producer: [],
    video_consumer: [],
    screenshare_audio_producer: [],
    screenshare_audio_consumer: [],
    screenshare_video_producer: [],
    screenshare_video_consumer: [],
  };
  const epochs = spec.network.outages.length + 1;
  const sent = Array.from({ length: epochs }, emptyTotals);
  const received = Array.from({ length: epochs }, emptyTotals);

  const own = {
    audio: { id: idRng.uuid(), ssrc: ssrc(idRng), mid: '0' },
    video: { id: idRng.uuid(), ssrc: ssrc(idRng), mid: '1' },
    screenVideo: { id: idRng.uuid(), ssrc: ssrc(idRng), mid: '2' },
    screenAudio: { id: idRng.uuid(), ssrc: ssrc(idRng), mid: '3' },
  };
  let nextMid = 0;
  const consumerIds = (): StreamIds & { producerId: string } => ({
    id: idRng.uuid(),
    producerId: idRng.uuid(),
    ssrc: ssrc(idRng),
    mid: String(nextMid++),
  });
  const senders = spec.remoteSenders.map((sender) => ({
    sender,
    ids: { audio: consumerIds(), video: consumerIds(), screenVideo: consumerIds() } satisfies SenderIds,
    rng: createRng(hashSeed(spec.seed, 'sender', sender.peerId)),
    // A poor sender's uplink drifts rather than jumping sample to sample.
    poorLoss: 12,
  }));

  const audioRng = createRng(hashSeed(spec.seed, 'audio-producer'));
  const videoRng = createRng(hashSeed(spec.seed, 'video-producer'));
  const screenRng = createRng(hashSeed(spec.seed, 'screenshare-producer'));

  const video = spec.video;
  let videoHeight = video?.height ?? 0;
  let resolutionChanges = 0;
  let screenStarted = false;

  for (const tick of ticks) {
    const { net, dt, t } = tick;
    const sentTotals = sent[tick.epoch] ?? emptyTotals();
    const receivedTotals = received[tick.epoch] ?? emptyTotals();
    const rtt = round(net.rttMs / 1000, 4);
    const cpu = spec.cpuLimited.find((w) => t >= w.from && t < w.to)?.level ?? 0;

    // ---- audio sent
    if (spec.publishAudio) {
      // A muted microphone keeps sending: Opus silence frames, ~50 packets/s of 18-21
      // bytes (~7 kbps), which the RealtimeKit client scores MOS 1. Their round-trip time,
      // jitter and loss are measured like any other packets'.
      const muted = inWindow(spec.audioOff, t);
      const packets = Math.round(50 * dt * audioRng.range(0.995, 1.003));
      const bytes = muted
        ? Math.round(packets * audioRng.range(18, 21))
        : Math.round(((spec.audioKbps * 1000) / 8) * dt * audioRng.range(0.85, 1.1));
      const lost = lostPackets(audioRng, packets, net.upLossPercent);
      const lossPercent = packets > 0 ? (100 * lost) / packets : 0;
      arrays.audio_producer.push({
        timestamp: iso(tick.ms + audioRng.int(0, 12)),
        producer_id: own.audio.id,
        ssrc: own.audio.ssrc,
        mid: own.audio.mid,
        bytes_sent: bytes,
        packets_sent: packets,
        packets_lost: lost,
        jitter: round(net.upJitterMs / 1000, 4),
        rtt,
        // Silence scores the floor of the scale: muted, not bad quality.
        mos_quality: muted ? 1 : round(clamp(audioMos(net.rttMs, net.upJitterMs, lossPercent) + audioRng.normal() * 0.015, 1, 4.5), 2),
      });
      sentTotals.bytes += bytes;
      sentTotals.packets += packets;
    }

    // ---- camera sent
    if (video) {
      const off = inWindow(spec.videoOff, t);
      const budgetKbps = net.availableUpKbps * 0.85 - spec.audioKbps;
      const bandwidthLimited = !off && cpu === 0 && budgetKbps < video.kbps;
      let reason: LimitationReason = 'none';
      let height = video.height;
      let fps: number;
      if (cpu === 2) {
        reason = 'cpu';
        height = evenRound(video.height / 4);
        fps = videoRng.int(5, 10);
      } else if (cpu === 1) {
        reason = 'cpu';
        height = evenRound(video.height / 2);
        fps = videoRng.int(12, 18);
      } else if (bandwidthLimited) {
        reason = 'bandwidth';
        height = heightForBudget(video.height, budgetKbps / video.kbps);
        fps = Math.min(video.fps, videoRng.int(15, 24));
      } else {
        fps = Math.max(1, Math.round(video.fps - Math.abs(videoRng.normal()) * 0.7));
      }
      // The encoder keeps probing a rung up while CPU-limited, and falls back.
      if (cpu > 0 && videoRng.chance(0.08)) height = evenRound(height * 1.5);
      if (off) fps = 0;
      if (!off && height !== videoHeight) {
        resolutionChanges += 1;
        videoHeight = height;
      }
      const width = evenRound((height * video.width) / video.height);
      let kbps = video.kbps * (height / video.height) ** 1.2 * (fps / video.fps) ** 0.4 * videoRng.range(0.9, 1.08);
      if (bandwidthLimited) kbps = Math.min(kbps, Math.max(80, budgetKbps));
      const bytes = off ? 0 : Math.round(kbps * 125 * dt);
      const packets = off ? 0 : Math.ceil(bytes / 1120);
      const lost = lostPackets(videoRng, packets, net.upLossPercent);
      const lossPercent = packets > 0 ? (100 * lost) / packets : 0;
      const limited = reason === 'none' ? 0 : round(dt * videoRng.range(0.85, 1), 3);
      const pli = off ? 0 : net.upLossPercent > 2 ? videoRng.int(1, Math.ceil(net.upLossPercent / 2)) : videoRng.chance(0.04) ? 1 : 0;
      const first = arrays.video_producer.length === 0;
      arrays.video_producer.push({
        timestamp: iso(tick.ms + videoRng.int(0, 12)),
        producer_id: own.video.id,
        ssrc: own.video.ssrc,
        mid: own.video.mid,
        bytes_sent: bytes,
        packets_sent: packets,
        packets_lost: lost,
        jitter: off ? 0 : round(net.upJitterMs / 1000, 4),
        rtt,
        mos_quality: off ? 1 : round(clamp(videoMos(fps, height, lossPercent) + videoRng.normal() * 0.02, 1, 4.5), 2),
        // Video off: no frames flow, so there is no frame size to report.
        frame_width: off ? 0 : width,
        frame_height: off ? 0 : height,
        frames_per_second: fps,
        frames_encoded: Math.round(fps * dt),
        key_frames_encoded: off ? 0 : first || pli > 0 ? 1 : 0,
        fir_count: off ? 0 : videoRng.chance(0.004) ? 1 : 0,
        pli_count: pli,
        quality_limitation_reason: reason,
        quality_limitation_durations: {
          cpu: reason === 'cpu' ? limited : 0,
          bandwidth: reason === 'bandwidth' ? limited : 0,
          none: round(dt - limited, 3),
          other: 0,
        },
        quality_limitation_resolution_changes: resolutionChanges,
      });
      sentTotals.bytes += bytes;
      sentTotals.packets += packets;
    }

    // ---- screen sent
    const share = spec.screenshare.find((w) => t >= w.from && t < w.to);
    if (share) {
      const fps = screenRng.int(10, 15);
      const bytes = Math.round(screenRng.range(700, 1400) * 125 * dt);
      const packets = Math.ceil(bytes / 1120);
      const lost = lostPackets(screenRng, packets, net.upLossPercent);
      const lossPercent = (100 * lost) / packets;
      arrays.screenshare_video_producer.push({
        timestamp: iso(tick.ms + screenRng.int(0, 12)),
        producer_id: own.screenVideo.id,
        ssrc: own.screenVideo.ssrc,
        mid: own.screenVideo.mid,
        bytes_sent: bytes,
        packets_sent: packets,
        packets_lost: lost,
        jitter: round(net.upJitterMs / 1000, 4),
        rtt,
        mos_quality: round(clamp(videoMos(fps, 1080, lossPercent) - 0.1 + screenRng.normal() * 0.02, 1, 4.5), 2),
        frame_width: 1920,
        frame_height: 1080,
        frames_per_second: fps,
        frames_encoded: Math.round(fps * dt),
        key_frames_encoded: screenStarted ? 0 : 1,
        fir_count: 0,
        pli_count: screenRng.chance(0.05) ? 1 : 0,
        quality_limitation_reason: 'none',
        quality_limitation_durations: { cpu: 0, bandwidth: 0, none: round(dt, 3), other: 0 },
        quality_limitation_resolution_changes: 0,
      });
      screenStarted = true;
      sentTotals.bytes += bytes;
      sentTotals.packets += packets;
      if (share.audio) {
        const audioPackets = Math.round(50 * dt);
        const audioBytes = Math.round(8000 * dt * screenRng.range(0.7, 1.05));
        const audioLost = lostPackets(screenRng, audioPackets, net.upLossPercent);
        arrays.screenshare_audio_producer.push({
          timestamp: iso(tick.ms + screenRng.int(0, 12)),
          producer_id: own.screenAudio.id,
          ssrc: own.screenAudio.ssrc,
          mid: own.screenAudio.mid,
          bytes_sent: audioBytes,
          packets_sent: audioPackets,
          packets_lost: audioLost,
          jitter: round(net.upJitterMs / 1000, 4),
          rtt,
          mos_quality: round(audioMos(net.rttMs, net.upJitterMs, (100 * audioLost) / audioPackets), 2),
        });
        sentTotals.bytes += audioBytes;
        sentTotals.packets += audioPackets;
      }
    } else {
      screenStarted = false;
    }
    sentTotals.lastMs = tick.ms;
    sentTotals.rtt = net.rttMs / 1000;

    // ---- received: the SFU forwards a lower simulcast layer when the downlink cannot carry all of them.
    const active = senders.filter(({ sender }) => !sender.present || (t >= sender.present.from && t < sender.present.to));
    const wantedKbps = active.reduce((sum, { sender }) => sum + (sender.video?.kbps ?? 0), 0);
    const downBudget = net.availableDownKbps * 0.9 - active.length * 40;
    const layerRatio = wantedKbps > 0 ? downBudget / wantedKbps : 1;

    for (const entry of active) {
      const { sender, ids, rng: srng } = entry;
      if (sender.poor) entry.poorLoss = clamp(entry.poorLoss + srng.normal() * 3, 6, 22);
      const senderLoss = sender.poor ? entry.poorLoss : 0.03 * srng.exponential();

      // audio from this sender
      {
        const lossPercent = clamp(net.downLossPercent + senderLoss * 0.5, 0, 60);
        const expected = Math.round(50 * dt * srng.range(0.995, 1.003));
        const lost = lostPackets(srng, expected, lossPercent);
        const packets = expected - lost;
        const bytes = Math.round(4000 * dt * srng.range(0.85, 1.1) * (packets / Math.max(1, expected)));
        const jitterMs = net.downJitterMs + (sender.poor ? srng.range(5, 25) : srng.range(0, 2));
        const realLoss = expected > 0 ? (100 * lost) / expected : 0;
        // 48 kHz audio: the jitter buffer emits 48 000 samples a second.
        const emittedSamples = Math.round(48000 * dt);
        arrays.audio_consumer.push({
          timestamp: iso(tick.ms + srng.int(0, 20)),
          consumer_id: ids.audio.id,
          producer_id: ids.audio.producerId,
          peer_id: sender.peerId,
          ssrc: ids.audio.ssrc,
          mid: ids.audio.mid,
          bytes_received: bytes,
          packets_received: packets,
          packets_lost: lost,
          jitter: round(jitterMs / 1000, 4),
          jitter_buffer_delay: round(((20 + jitterMs * 2.5 + Math.abs(srng.normal()) * 3) / 1000) * emittedSamples, 3),
          jitter_buffer_emitted_count: emittedSamples,
          concealment_events: Math.round(lost * 0.6 + (jitterMs > 40 ? srng.int(1, 6) : 0)),
          mos_quality: round(clamp(audioMos(net.rttMs, jitterMs, realLoss) + srng.normal() * 0.015, 1, 4.5), 2),
        });
        receivedTotals.bytes += bytes;
        receivedTotals.packets += packets;
      }

      // camera from this sender
      if (sender.video) {
        const v = sender.video;
        const lossPercent = clamp(net.downLossPercent + senderLoss, 0, 60);
        let height: number;
        let fps: number;
        let kbps: number;
        if (sender.poor) {
          height = Math.min(v.height, Math.max(180, evenRound(v.height / 4)));
          fps = srng.int(4, 9);
          kbps = v.kbps * 0.22 * srng.range(0.8, 1.2);
        } else {
          height = heightForBudget(v.height, layerRatio);
          fps = Math.max(1, Math.round(v.fps - Math.abs(srng.normal()) * 0.7));
          kbps = v.kbps * (height / v.height) ** 1.2 * srng.range(0.9, 1.08);
        }
        const width = evenRound((height * v.width) / v.height);
        // An overloaded local CPU drops decoded frames too.
        const shown = cpu === 2 ? Math.max(3, Math.round(fps * 0.6)) : cpu === 1 ? Math.round(fps * 0.85) : fps;
        const expectedBytes = kbps * 125 * dt;
        const expected = Math.ceil(expectedBytes / 1120);
        const lost = lostPackets(srng, expected, lossPercent);
        const packets = expected - lost;
        const bytes = Math.round(expectedBytes * (packets / Math.max(1, expected)));
        const realLoss = expected > 0 ? (100 * lost) / expected : 0;
        const jitterMs = net.downJitterMs + (sender.poor ? srng.range(15, 45) : srng.range(0, 3));
        const decoded = Math.round(fps * dt);
        arrays.video_consumer.push({
          timestamp: iso(tick.ms + srng.int(0, 20)),
          consumer_id: ids.video.id,
          producer_id: ids.video.producerId,
          peer_id: sender.peerId,
          ssrc: ids.video.ssrc,
          mid: ids.video.mid,
          bytes_received: bytes,
          packets_received: packets,
          packets_lost: lost,
          jitter: round(jitterMs / 1000, 4),
          jitter_buffer_delay: round(((45 + jitterMs * 2.2 + Math.abs(srng.normal()) * 5) / 1000) * decoded, 4),
          jitter_buffer_emitted_count: decoded,
          mos_quality: round(clamp(videoMos(shown, height, realLoss) + srng.normal() * 0.02, 1, 4.5), 2),
          frame_width: width,
          frame_height: height,
          frames_per_second: shown,
          frames_decoded: decoded,
          frames_dropped: Math.max(0, decoded - Math.round(shown * dt)) + (sender.poor ? srng.int(0, 4) : 0),
          key_frames_decoded: sender.poor ? srng.int(1, 3) : srng.chance(0.05) ? 1 : 0,
          fir_count: sender.poor && srng.chance(0.3) ? 1 : 0,
        });
        receivedTotals.bytes += bytes;
        receivedTotals.packets += packets;
      }

      // screen from this sender
      if (sender.screenshare && inWindow(sender.screenshare, t)) {
        const fps = srng.int(10, 15);
        const expectedBytes = srng.range(600, 1300) * 125 * dt;
        const expected = Math.ceil(expectedBytes / 1120);
        const lost = lostPackets(srng, expected, net.downLossPercent + (sender.poor ? senderLoss : 0));
        const packets = expected - lost;
        const bytes = Math.round(expectedBytes * (packets / expected));
        const jitterMs = net.downJitterMs + srng.range(0, 3);
        const decoded = Math.round(fps * dt);
        arrays.screenshare_video_consumer.push({
          timestamp: iso(tick.ms + srng.int(0, 20)),
          consumer_id: ids.screenVideo.id,
          producer_id: ids.screenVideo.producerId,
          peer_id: sender.peerId,
          ssrc: ids.screenVideo.ssrc,
          mid: ids.screenVideo.mid,
          bytes_received: bytes,
          packets_received: packets,
          packets_lost: lost,
          jitter: round(jitterMs / 1000, 4),
          jitter_buffer_delay: round(((50 + jitterMs * 2 + Math.abs(srng.normal()) * 5) / 1000) * decoded, 4),
          jitter_buffer_emitted_count: decoded,
          mos_quality: round(clamp(videoMos(fps, 1080, (100 * lost) / expected) - 0.1 + srng.normal() * 0.02, 1, 4.5), 2),
          frame_width: 1920,
          frame_height: 1080,
          frames_per_second: fps,
          frames_decoded: decoded,
          frames_dropped: srng.chance(0.1) ? 1 : 0,
          key_frames_decoded: srng.chance(0.1) ? 1 : 0,
          fir_count: 0,
        });
        receivedTotals.bytes += bytes;
        receivedTotals.packets += packets;
      }
    }
    receivedTotals.lastMs = tick.ms;
    receivedTotals.rtt = net.rttMs / 1000;
  }

  return { arrays, sent, received };
}

// ---------------------------------------------------------------------------------------
// Cumulative summaries, computed from the samples so the two always agree.

type Percentiles = Answer.Data.Participant.PeerReport.Quality.VideoProducerCumulative.FramePerSecond;
type LossBlock = Answer.Data.Participant.PeerReport.Quality.AudioProducerCumulative.PacketLoss;
type LatencyBlock = Answer.Data.Participant.PeerReport.Quality.AudioProducerCumulative.RTT;
type SentIssues = Answer.Data.Participant.PeerReport.Quality.VideoProducerCumulative.Issues;
type ReceivedIssues = Answer.Data.Participant.PeerReport.Quality.VideoConsumerCumulative.Issues;

function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: always one of the observed values.
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : 0;
}

/** An empty block comes back as `{}`, as the API sends it. */
function percentileBlock(values: readonly number[], digits: number): Percentiles {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  return {
    avg: round(mean(values), digits),
    p50: round(percentile(sorted, 0.5), digits),
    p75: round(percentile(sorted, 0.75), digits),
    p90: round(percentile(sorted, 0.9), digits),
  };
}

function fraction(values: readonly number[], threshold: number): number {
  if (values.length === 0) return 0;
  let count = 0;
  for (const v of values) if (v >= threshold) count += 1;
  return round(count / values.length, 4);
}

function lossBlock(lossPercents: readonly number[]): LossBlock {
  if (lossPercents.length === 0) return {};
  return {
    avg: round(mean(lossPercents), 3),
    '5_or_greater_event_fraction': fraction(lossPercents, 5),
    '10_or_greater_event_fraction': fraction(lossPercents, 10),
    '25_or_greater_event_fraction': fraction(lossPercents, 25),
    '50_or_greater_event_fraction': fraction(lossPercents, 50),
  };
}

function latencyBlock(valuesMs: readonly number[]): LatencyBlock {
  if (valuesMs.length === 0) return {};
  return {
    avg: round(mean(valuesMs), 2),
    '100ms_or_greater_event_fraction': fraction(valuesMs, 100),
    '250ms_or_greater_event_fraction': fraction(valuesMs, 250),
    '500ms_or_greater_event_fraction': fraction(valuesMs, 500),
  };
}

/** Loss as the RealtimeKit client computes it (utils/packets.js): sent lost / sent. */
function sentLossPercent(sample: { packets_lost: number; packets_sent: number }): number {
  return sample.packets_sent > 0 ? (100 * sample.packets_lost) / sample.packets_sent : 0;
}

/** Received loss, as the client computes it: lost / (received + lost). */
function receivedLossPercent(sample: { packets_lost: number; packets_received: number }): number {
  const expected = sample.packets_received + sample.packets_lost;
  return expected > 0 ? (100 * sample.packets_lost) / expected : 0;
}

type VideoLike = { frames_per_second: number; frame_height: number };

/** Shares of samples without video, at poor resolution and (received) at a lagging frame rate. */
function videoIssueCounts(samples: readonly VideoLike[]): { noVideo: number; poorResolution: number; lag: number } {
  let noVideo = 0;
  let poorResolution = 0;
  let lag = 0;
  for (const s of samples) {
    if (s.frames_per_second <= 0 || s.frame_height <= 0) {
      noVideo += 1;
      continue;
    }
    if (s.frame_height < VIDEO_ISSUE_RULES.poorResolutionBelowHeight) poorResolution += 1;
    if (s.frames_per_second < VIDEO_ISSUE_RULES.lagBelowFps) lag += 1;
  }
  return { noVideo, poorResolution, lag };
}

/** A sent video's issues: the schema gives a producer its encoder's limitations, and no lag. */
function sentIssues(samples: readonly VideoProducerSample[]): SentIssues {
  if (samples.length === 0) return {};
  const n = samples.length;
  const counts = videoIssueCounts(samples);
  const reasons = (test: (reason: LimitationReason) => boolean) => samples.filter((s) => test(s.quality_limitation_reason)).length;
  return {
    quality_limitation_fraction: round(reasons((r) => r !== 'none') / n, 4),
    cpu_quality_limitation_fraction: round(reasons((r) => r === 'cpu') / n, 4),
    bandwidth_quality_limitation_fraction: round(reasons((r) => r === 'bandwidth') / n, 4),
    no_video_fraction: round(counts.noVideo / n, 4),
    poor_resolution_fraction: round(counts.poorResolution / n, 4),
  };
}

/** A received video's issues: the schema gives a consumer lag, and no encoder limitations. */
function receivedIssues(samples: readonly VideoConsumerSample[]): ReceivedIssues {
  if (samples.length === 0) return {};
  const n = samples.length;
  const counts = videoIssueCounts(samples);
  return {
    no_video_fraction: round(counts.noVideo / n, 4),
    poor_resolution_fraction: round(counts.poorResolution / n, 4),
    lag_fraction: round(counts.lag / n, 4),
  };
}

/** Share of the frames that were key frames; absent when no frame flowed. */
function keyFrameShare(samples: readonly { key: number; frames: number }[]): number | undefined {
  let keys = 0;
  let frames = 0;
  for (const s of samples) {
    keys += s.key;
    frames += s.frames;
  }
  return frames > 0 ? round(keys / frames, 4) : undefined;
}

/**
 * Share of samples in which the receivers asked for a new key frame (PLI or FIR) more than
 * once: loss bad enough for them to give up on repairing. The schema names the fraction
 * without defining it; this is the demo's reading.
 */
function highNegativeFeedbackShare(samples: readonly VideoProducerSample[]): number | undefined {
  if (samples.length === 0) return undefined;
  return round(samples.filter((s) => s.pli_count + s.fir_count >= 2).length / samples.length, 4);
}

function latenciesMs<T>(samples: readonly T[], seconds: (sample: T) => number | null): number[] {
  const out: number[] = [];
  for (const sample of samples) {
    const value = seconds(sample);
    if (value !== null) out.push(value * 1000);
  }
  return out;
}

/** Samples carry seconds; the summary speaks milliseconds (the upstream's own trap). */
const rttSeconds = (s: ProducerSample | VideoProducerSample): number => s.rtt;

/** The mean delay per emitted sample or frame; a paused consumer emitted nothing, and has none. */
const jitterBufferSeconds = (s: ConsumerSample): number | null =>
  s.jitter_buffer_emitted_count > 0 ? s.jitter_buffer_delay / s.jitter_buffer_emitted_count : null;

const mosOf = (samples: readonly { mos_quality: number }[]): Percentiles => percentileBlock(samples.map((s) => s.mos_quality), 2);

function sentAudioSummary(samples: readonly ProducerSample[]): Quality['audio_producer_cumulative'] {
  return { quality_mos: mosOf(samples), packet_loss: lossBlock(samples.map(sentLossPercent)), rtt: latencyBlock(latenciesMs(samples, rttSeconds)) };
}

function receivedAudioSummary(samples: readonly AudioConsumerSample[]): Quality['audio_consumer_cumulative'] {
  return {
    quality_mos: mosOf(samples),
    packet_loss: lossBlock(samples.map(receivedLossPercent)),
    jitter_buffer_delay: latencyBlock(latenciesMs(samples, jitterBufferSeconds)),
  };
}

function sentVideoSummary(samples: readonly VideoProducerSample[]): Quality['video_producer_cumulative'] {
  const keyFrames = keyFrameShare(samples.map((s) => ({ key: s.key_frames_encoded, frames: s.frames_encoded })));
  const feedback = highNegativeFeedbackShare(samples);
  return {
    quality_mos: mosOf(samples),
    frame_per_second: percentileBlock(samples.map((s) => s.frames_per_second), 2),
    frame_width: percentileBlock(samples.map((s) => s.frame_width), 1),
    packet_loss: lossBlock(samples.map(sentLossPercent)),
    rtt: latencyBlock(latenciesMs(samples, rttSeconds)),
    issues: sentIssues(samples),
    ...(keyFrames === undefined ? {} : { key_frames_encoded_fraction: keyFrames }),
    ...(feedback === undefined ? {} : { high_negative_feedback_fraction: feedback }),
  };
}

function receivedVideoSummary(samples: readonly VideoConsumerSample[]): Quality['video_consumer_cumulative'] {
  const keyFrames = keyFrameShare(samples.map((s) => ({ key: s.key_frames_decoded, frames: s.frames_decoded })));
  return {
    quality_mos: mosOf(samples),
    frame_per_second: percentileBlock(samples.map((s) => s.frames_per_second), 2),
    frame_width: percentileBlock(samples.map((s) => s.frame_width), 1),
    packet_loss: lossBlock(samples.map(receivedLossPercent)),
    jitter_buffer_delay: latencyBlock(latenciesMs(samples, jitterBufferSeconds)),
    issues: receivedIssues(samples),
    ...(keyFrames === undefined ? {} : { key_frames_decoded_fraction: keyFrames }),
  };
}

function qualityBlock(arrays: QualityArrays): Quality {
  return {
    audio_producer: arrays.audio_producer,
    audio_producer_cumulative: sentAudioSummary(arrays.audio_producer),
    audio_consumer: arrays.audio_consumer,
    audio_consumer_cumulative: receivedAudioSummary(arrays.audio_consumer),
    video_producer: arrays.video_producer,
    video_producer_cumulative: sentVideoSummary(arrays.video_producer),
    video_consumer: arrays.video_consumer,
    video_consumer_cumulative: receivedVideoSummary(arrays.video_consumer),
    screenshare_audio_producer: arrays.screenshare_audio_producer,
    screenshare_audio_producer_cumulative: sentAudioSummary(arrays.screenshare_audio_producer),
    screenshare_audio_consumer: arrays.screenshare_audio_consumer,
    screenshare_audio_consumer_cumulative: receivedAudioSummary(arrays.screenshare_audio_consumer),
    screenshare_video_producer: arrays.screenshare_video_producer,
    screenshare_video_producer_cumulative: sentVideoSummary(arrays.screenshare_video_producer),
    screenshare_video_consumer: arrays.screenshare_video_consumer,
    screenshare_video_consumer_cumulative: receivedVideoSummary(arrays.screenshare_video_consumer),
  };
}

// ---------------------------------------------------------------------------------------
// Connectivity: candidates, pairs and pre-call records.

/** The local half of a candidate pair, as the schema flattens it. */
type LocalCandidate = Pick<
  CandidatePair,
  | 'local_candidate_id'
  | 'local_candidate_type'
  | 'local_candidate_address'
  | 'local_candidate_port'
  | 'local_candidate_protocol'
  | 'local_candidate_network_type'
  | 'local_candidate_related_address'
  | 'local_candidate_related_port'
  | 'local_candidate_url'
>;
type RemoteCandidate = Pick<
  CandidatePair,
  'remote_candidate_id' | 'remote_candidate_type' | 'remote_candidate_address' | 'remote_candidate_port' | 'remote_candidate_protocol'
>;

type Candidates = {
  /** The local candidate of the pair the browser selected: how media travelled. */
  local: LocalCandidate;
  /** The other local candidates gathered: their pairs were checked, then left unused. */
  tried: LocalCandidate[];
  remote: RemoteCandidate;
  sdpCandidates: SdpCandidate[];
  sfuAddress: string;
  sfuUdpPort: number;
  sfuTcpPort: number;
};

const TURN_HOST = 'turn.cloudflare.com';

function buildCandidates(spec: CallSpec, rng: Rng): Candidates {
  const { ip, network } = spec;
  const sfuAddress = `162.159.${rng.int(128, 159)}.${rng.int(2, 250)}`;
  const sfuUdpPort = rng.int(40000, 49999);
  const sfuTcpPort = rng.int(40000, 49999);
  const relayAddress = `141.101.${rng.int(64, 95)}.${rng.int(2, 250)}`;
  const hostPort = rng.int(49152, 65535);
  const srflxPort = rng.int(1024, 65535);
  const relayPort = rng.int(49152, 65535);
  const mdns = `${rng.uuid()}.local`;

  const sdpCandidates: SdpCandidate[] = [
    { foundation: String(rng.int(1e9, 4e9)), protocol: 'udp', priority: 2122260223, address: mdns, port: hostPort, type: 'host' },
    { foundation: String(rng.int(1e9, 4e9)), protocol: 'tcp', priority: 1518280447, address: mdns, port: 9, type: 'host', tcpType: 'active' },
  ];
  if (network.precall.reflexive) {
    sdpCandidates.push({
      foundation: String(rng.int(1e9, 4e9)),
      protocol: 'udp',
      priority: 1686052607,
      address: ip.ipv4,
      port: srflxPort,
      type: 'srflx',
      relatedAddress: '0.0.0.0',
      relatedPort: 0,
    });
  }
  const tcpRelay = network.connection === 'relay-tcp';
  if (network.precall.relay) {
    sdpCandidates.push({
      foundation: String(rng.int(1e9, 4e9)),
      protocol: 'udp',
      // Chrome ranks TURN/TCP relays below TURN/UDP ones.
      priority: tcpRelay ? 8331007 : 41885439,
      address: relayAddress,
      port: relayPort,
      type: 'relay',
      relatedAddress: ip.ipv4,
      relatedPort: srflxPort,
    });
  }

  const localId = `I${rng.hex(8)}`;
  const remoteId = `I${rng.hex(8)}`;
  const otherIds = [`I${rng.hex(8)}`, `I${rng.hex(8)}`, `I${rng.hex(8)}`];
  const linkType = network.interface;
  const candidateOf = (kind: ConnectionKind, id: string): LocalCandidate => {
    switch (kind) {
      case 'host':
        return {
          local_candidate_id: id,
          local_candidate_type: 'host',
          local_candidate_address: ip.lanAddress,
          local_candidate_port: hostPort,
          local_candidate_protocol: 'udp',
          local_candidate_network_type: linkType,
        };
      case 'srflx':
        return {
          local_candidate_id: id,
          local_candidate_type: 'srflx',
          local_candidate_address: ip.ipv4,
          local_candidate_port: srflxPort,
          local_candidate_protocol: 'udp',
          local_candidate_network_type: linkType,
          local_candidate_related_address: ip.lanAddress,
          local_candidate_related_port: hostPort,
        };
      case 'relay-udp':
      case 'relay-tcp': {
        const tcp = kind === 'relay-tcp';
        return {
          local_candidate_id: id,
          local_candidate_type: 'relay',
          local_candidate_address: relayAddress,
          local_candidate_port: relayPort,
          // The leg to the TURN server is what decides head-of-line blocking, so report it;
          // the TURN url says it again (transport=tcp).
          local_candidate_protocol: tcp ? 'tcp' : 'udp',
          local_candidate_network_type: linkType,
          local_candidate_related_address: ip.ipv4,
          local_candidate_related_port: srflxPort,
          local_candidate_url: tcp ? `turn:${TURN_HOST}:443?transport=tcp` : `turn:${TURN_HOST}:3478?transport=udp`,
        };
      }
    }
  };
  // Every candidate the browser gathered pairs with the SFU; only the selected pair carries media.
  const gathered: ConnectionKind[] = ['host'];
  if (network.precall.reflexive) gathered.push('srflx');
  if (network.precall.relay) gathered.push('relay-udp');
  if (tcpRelay) gathered.push('relay-tcp');
  const tried = gathered.filter((kind) => kind !== network.connection).map((kind, i) => candidateOf(kind, otherIds[i] ?? `I${i}`));
  const remote: RemoteCandidate = {
    remote_candidate_id: remoteId,
    remote_candidate_type: 'host',
    remote_candidate_address: sfuAddress,
    remote_candidate_port: sfuUdpPort,
    remote_candidate_protocol: 'udp',
  };
  return { local: candidateOf(network.connection, localId), tried, remote, sdpCandidates, sfuAddress, sfuUdpPort, sfuTcpPort };
}

/**
 * The transport's candidate pairs, as the client collects them: per connection epoch (a
 * reconnection makes a new pair), the nominated pair that carried media, and the pairs of
 * the other gathered candidates, checked with a few STUN packets and never nominated.
 */
function buildPairs(
  spec: CallSpec,
  rng: Rng,
  candidates: Candidates,
  totals: readonly Totals[],
  direction: 'producing' | 'consuming',
  joinedMs: number,
): CandidatePair[] {
  const starts = epochStarts(spec);
  const pairs: CandidatePair[] = [];
  const producing = direction === 'producing';
  totals.forEach((epochTotals, index) => {
    if (epochTotals.packets === 0) return;
    const startMs = joinedMs + (starts[index] ?? 0) * 1000;
    const seconds = Math.max(1, (epochTotals.lastMs - startMs) / 1000);
    // Consent freshness checks run every few seconds for the life of the pair.
    const checks = Math.max(1, Math.round(seconds / 2.5));
    const avgRtt = epochTotals.rtt * rng.range(0.95, 1.05);
    const controlBytes = Math.round(epochTotals.bytes * rng.range(0.015, 0.025));
    const controlPackets = Math.round(epochTotals.packets * rng.range(0.02, 0.04));
    const available = producing ? spec.network.uplinkKbps : spec.network.downlinkKbps;
    const availableBps = Math.round(available * 1000 * rng.range(0.7, 0.95));
    // A send buffer that cannot keep up drops packets before they leave: only a lossy uplink does.
    const discarded = producing && spec.network.lossPercent > 0.5 ? Math.round(epochTotals.packets * rng.range(0.0005, 0.002)) : 0;
    pairs.push({
      nominated: true,
      current_round_trip_time: round(epochTotals.rtt, 4),
      total_round_trip_time: round(avgRtt * checks, 4),
      ...(producing ? { available_outgoing_bitrate: availableBps } : { available_incoming_bitrate: availableBps }),
      bytes_sent: producing ? epochTotals.bytes : controlBytes,
      bytes_received: producing ? controlBytes : epochTotals.bytes,
      packets_sent: producing ? epochTotals.packets : controlPackets,
      packets_received: producing ? controlPackets : epochTotals.packets,
      bytes_discarded_on_send: discarded * 1100,
      packets_discarded_on_send: discarded,
      last_packet_sent_timestamp: epochTotals.lastMs + rng.int(0, 40),
      last_packet_received_timestamp: epochTotals.lastMs + rng.int(0, 40),
      ...candidates.local,
      ...candidates.remote,
    });
    for (const local of candidates.tried) {
      const stun = rng.int(3, 12);
      pairs.push({
        nominated: false,
        bytes_sent: stun * 108,
        bytes_received: 0,
        packets_sent: stun,
        packets_received: 0,
        bytes_discarded_on_send: 0,
        packets_discarded_on_send: 0,
        last_packet_sent_timestamp: Math.round(startMs) + rng.int(200, 2500),
        ...local,
        ...candidates.remote,
      });
    }
  });
  return pairs;
}

// ---------------------------------------------------------------------------------------
// Events.

type EventDraft = { ms: number; name: string; metadata: Record<string, Scalar> };

const SELECT_EVENT: Record<MediaDevice['kind'], string> = {
  audioinput: 'selected_microphone_update',
  videoinput: 'selected_camera_update',
  audiooutput: 'selected_speaker_update',
};

function buildEvents(spec: CallSpec, joinedMs: number, createdMs: number, endMs: number): EventDraft[] {
  const rng = createRng(hashSeed(spec.seed, 'events'));
  const at = (seconds: number): number => Math.round(joinedMs + seconds * 1000);
  const drafts: EventDraft[] = [];
  const add = (ms: number, name: string, metadata: Record<string, Scalar> = {}): void => {
    drafts.push({ ms, name, metadata });
  };
  const precall = spec.network.precall;
  const precallMs = spec.precallSeconds * 1000;

  add(createdMs + 350, 'precall_begin');
  if (spec.publishAudio) add(createdMs + 900, 'media_permission', { media: 'audio', permission: 'granted' });
  if (spec.video) add(createdMs + 1100, 'media_permission', { media: 'video', permission: 'granted' });
  add(createdMs + 2000, 'net_quality_test_begin');
  add(createdMs + Math.min(precallMs - 2500, 9000), 'net_quality_test_end', {
    effective_network_type: spec.network.effectiveNetworkType,
    rtt: round(precall.rttMs / 1000, 4),
    jitter: round(precall.jitterMs / 1000, 4),
    fractional_loss: precall.lossFraction,
    throughput: precall.throughputKbps,
    turn_connectivity: precall.turn,
    reflexive_connectivity: precall.reflexive,
  });
  add(joinedMs - 1200, 'precall_end');
  add(joinedMs - 700, 'websocket_connected');
  add(joinedMs, 'call_join', { room_view_type: spec.device.roomViewType });
  add(joinedMs + 150, 'participant_role', { preset_name: spec.presetName });
  // A livestream viewer has no WebRTC transports: the player fetches the stream over HTTP.
  const usesWebRtc = spec.publishAudio || spec.video !== null || spec.remoteSenders.length > 0;
  if (usesWebRtc) {
    add(at(TRANSPORT_CONNECT_SECONDS - 0.1), 'transport_connected', { transport: 'send' });
    add(at(TRANSPORT_CONNECT_SECONDS), 'transport_connected', { transport: 'recv' });
  }

  const startsMuted = inWindow(spec.audioOff, 0);
  if (spec.publishAudio && !startsMuted) add(at(1.5), 'audio_on');
  if (spec.video && !inWindow(spec.videoOff, 0)) {
    add(at(1.7), 'video_on');
    add(at(2.1), 'expected_video_resolution', { frame_width: spec.video.width, frame_height: spec.video.height });
  }
  for (const w of spec.audioOff) {
    if (w.from > 0) add(at(w.from), 'audio_off');
    if (w.to < spec.durationSeconds) add(at(w.to), 'audio_on');
  }
  for (const w of spec.videoOff) {
    if (w.from > 0) add(at(w.from), 'video_off');
    if (w.to < spec.durationSeconds) add(at(w.to), 'video_on');
  }
  for (const w of spec.screenshare) {
    add(at(w.from - 2.4), 'screenshare_start_requested');
    add(at(w.from), 'screenshare_started', { audio: w.audio ?? false });
    if (w.to < spec.durationSeconds) add(at(w.to), 'screenshare_stopped');
  }
  for (const w of spec.focusLoss) {
    add(at(w.from), 'tab_change', { is_meetings_tab_active: false });
    if (w.kind === 'app') add(at(w.from) + 40, 'browser_backgrounded');
    if (w.kind === 'view') add(at(w.from) + 40, 'meeting_view_backgrounded');
    if (w.to < spec.durationSeconds) {
      if (w.kind === 'app') add(at(w.to), 'browser_foregrounded');
      add(at(w.to) + 60, 'tab_change', { is_meetings_tab_active: true });
    }
  }
  for (const outage of spec.network.outages) {
    add(at(outage.from), 'disconnect', { reason: outage.reason ?? 'transport_disconnected' });
    const span = outage.to - outage.from;
    for (let attempt = 1; attempt <= outage.reconnectAttempts; attempt += 1) {
      add(at(outage.from + (span * attempt) / (outage.reconnectAttempts + 1)), 'reconnect_attempt', { attempt });
    }
    add(at(outage.to) - 600, 'websocket_connected');
    add(at(outage.to) - 100, 'transport_connected', { transport: 'send' });
    add(at(outage.to), 'transport_connected', { transport: 'recv' });
  }
  for (const change of spec.deviceChanges) {
    for (const device of change.select ?? []) {
      add(at(change.at) + 400, SELECT_EVENT[device.kind], { device_id: device.device_id, label: device.label });
    }
  }

  // Speaker changes, as a long call accumulates them. (The client's ping_stat is its stats
  // upload: its numbers are the quality samples, not an event with an rtt of its own.)
  if (spec.remoteSenders.length > 0) {
    for (let s = 40 + rng.range(0, 60); s < spec.durationSeconds; s += 150 + rng.range(0, 150)) {
      const speaker = rng.chance(0.25) ? spec.peerId : rng.pick(spec.remoteSenders).peerId;
      add(at(s), 'dominant_speaker', { peer_id: speaker });
    }
  }
  for (const extra of spec.events) add(at(extra.at), extra.name, extra.metadata ?? {});

  const lastMs = endMs;
  return drafts.filter((d) => d.ms <= lastMs).sort((a, b) => a.ms - b.ms);
}

type DeviceUpdate = { timestamp: string; added: MediaDevice[]; removed: MediaDevice[] };

function buildDeviceUpdates(spec: CallSpec, createdMs: number, joinedMs: number) {
  const lists: Record<MediaDevice['kind'], DeviceUpdate[]> = { audioinput: [], videoinput: [], audiooutput: [] };
  const selected: { timestamp: string; device: MediaDevice }[] = [];
  const enumeratedAt = iso(createdMs + 800);
  for (const kind of ['audioinput', 'videoinput', 'audiooutput'] as const) {
    const devices = spec.devices.filter((d) => d.kind === kind);
    if (devices.length === 0) continue;
    lists[kind].push({ timestamp: enumeratedAt, added: devices, removed: [] });
    const first = devices[0];
    if (first) selected.push({ timestamp: iso(createdMs + 1000), device: first });
  }
  for (const change of spec.deviceChanges) {
    const ms = Math.round(joinedMs + change.at * 1000);
    for (const kind of ['audioinput', 'videoinput', 'audiooutput'] as const) {
      const added = (change.added ?? []).filter((d) => d.kind === kind);
      const removed = (change.removed ?? []).filter((d) => d.kind === kind);
      if (added.length + removed.length > 0) lists[kind].push({ timestamp: iso(ms), added, removed });
    }
    for (const device of change.select ?? []) selected.push({ timestamp: iso(ms + 400), device });
  }
  return {
    audio_devices_updates: lists.audioinput,
    video_devices_updates: lists.videoinput,
    speaker_devices_updates: lists.audiooutput,
    selected_device_updates: selected.sort((a, b) => a.timestamp.localeCompare(b.timestamp)),
  };
}

// ---------------------------------------------------------------------------------------
// The report.

/** Decimal minutes, three places, as the API gives `duration` (66.5 s is 1.108). */
function toDurationMinutes(seconds: number): number {
  return round(seconds / 60, 3);
}

/**
 * The `data` of the current-shape answer for one participant, built as the SDK's
 * SessionGetParticipantDataFromPeerIDResponse types it: a field the published schema does
 * not define fails the type check.
 */
export function generateCallReport(spec: CallSpec): ReportData {
  const joinedMs = Date.parse(spec.joinedAt);
  if (Number.isNaN(joinedMs)) throw new Error(`CallSpec.joinedAt is not a date: ${spec.joinedAt}`);
  const createdMs = joinedMs - Math.round(spec.precallSeconds * 1000);
  const endMs = joinedMs + Math.round(spec.durationSeconds * 1000);
  const rng = createRng(hashSeed(spec.seed, 'metadata'));

  const ticks = buildTicks(spec, joinedMs);
  const quality = buildQuality(spec, ticks);
  const candidates = buildCandidates(spec, rng);

  const precall = spec.network.precall;
  const pcEntry = (ms: number, type: string, sdp: string[]): PcMetadata => ({
    timestamp: iso(ms),
    effective_network_type: type,
    turn_connectivity: precall.turn,
    relay_connectivity: precall.relay,
    reflexive_connectivity: precall.reflexive,
    sdp,
  });
  // A livestream viewer watches through the player: no peer connection, so no SDP.
  const usesWebRtc = spec.publishAudio || spec.video !== null || spec.remoteSenders.length > 0;
  const negotiate = (): string[] => {
    const sdpRng = createRng(rng.int(0, 2 ** 31));
    if (!usesWebRtc) return [];
    return [
      browserOffer({
        rng: sdpRng,
        candidates: candidates.sdpCandidates,
        audioSsrc: quality.arrays.audio_producer[0]?.ssrc ?? ssrc(sdpRng),
        video: spec.video ? { ssrc: quality.arrays.video_producer[0]?.ssrc ?? ssrc(sdpRng), rtxSsrc: ssrc(sdpRng) } : null,
      }),
      sfuAnswer({
        rng: sdpRng,
        sfuAddress: candidates.sfuAddress,
        udpPort: candidates.sfuUdpPort,
        tcpPort: candidates.sfuTcpPort,
        withVideo: spec.video !== null,
      }),
    ];
  };
  // The browser's connection speed class where the client measures it: the pre-call check,
  // each renegotiation, and again when the class changes.
  const pcMetadata = [pcEntry(createdMs + 2600, spec.network.effectiveNetworkType, negotiate())];
  let networkType = spec.network.effectiveNetworkType;
  const changes = [
    ...spec.network.outages.map((o) => ({ at: o.to - 0.4, type: null as string | null })),
    ...spec.network.networkTypeChanges.map((c) => ({ at: c.at, type: c.type as string | null })),
  ].sort((a, b) => a.at - b.at);
  for (const change of changes) {
    if (change.at > spec.durationSeconds) continue;
    const ms = Math.round(joinedMs + change.at * 1000);
    // An ICE restart renegotiates; a change of speed class alone does not.
    if (change.type === null) pcMetadata.push(pcEntry(ms, networkType, negotiate()));
    else {
      networkType = change.type;
      pcMetadata.push(pcEntry(ms, networkType, []));
    }
  }

  const events = buildEvents(spec, joinedMs, createdMs, endMs).map(
    (e): SdkEvent => ({
      name: e.name,
      timestamp: iso(e.ms),
      metadata: e.metadata,
    }),
  );

  const durationMinutes = toDurationMinutes(spec.durationSeconds);
  const socketSessionId = rng.uuid();
  const peerEvent = (ms: number, name: NonNullable<PeerEvent['event_name']>, minutes: number): PeerEvent => ({
    id: createRng(hashSeed(spec.seed, 'peer-event', ms)).uuid(),
    created_at: iso(ms),
    updated_at: iso(ms),
    event_name: name,
    minutes_consumed: minutes,
    peer_id: spec.peerId,
    participant_id: spec.peerId,
    session_id: spec.sessionId,
    socket_session_id: socketSessionId,
    preset_view_type: spec.presetViewType,
  });
  const peerEvents = [peerEvent(createdMs, 'PEER_CREATED', 0), peerEvent(joinedMs, 'PEER_JOINING', 0)];
  if (!spec.stillInCall) peerEvents.push(peerEvent(endMs, 'PEER_LEAVING', durationMinutes));

  const d = spec.device;
  const metadata: Metadata = {
    device_info: { cpus: d.cpus, is_mobile: d.isMobile, os: d.os, os_version: d.osVersion },
    browser_metadata: {
      browser: d.browser,
      browser_version: d.browserVersion,
      engine: d.engine,
      user_agent: d.userAgent,
      webgl_support: d.webglSupport,
    },
    sdk_name: d.sdkName,
    sdk_type: d.sdkType,
    sdk_version: d.sdkVersion,
    room_view_type: d.roomViewType,
    native_metadata: { audio_encoder: d.audioEncoder, video_encoder: d.videoEncoder },
    ip_information: {
      ipv4: spec.ip.ipv4,
      city: spec.ip.city,
      region: spec.ip.region,
      country: spec.ip.country,
      timezone: spec.ip.timezone,
      org: spec.ip.org,
      asn: { ...spec.ip.asn },
    },
    pc_metadata: pcMetadata,
    candidate_pairs: {
      producing_transport: buildPairs(spec, rng, candidates, quality.sent, 'producing', joinedMs),
      consuming_transport: buildPairs(spec, rng, candidates, quality.received, 'consuming', joinedMs),
    },
    events,
    ...buildDeviceUpdates(spec, createdMs, joinedMs),
  };

  const participant: Participant = {
    id: spec.peerId,
    session_id: spec.sessionId,
    user_id: spec.userId,
    custom_participant_id: spec.customParticipantId,
    display_name: spec.displayName,
    // The current shape names the preset `role` (the flat shape calls it preset_name).
    role: spec.presetName,
    joined_at: iso(joinedMs),
    // A participant still in the call has no leave time: the field is absent, not null.
    ...(spec.stillInCall ? {} : { left_at: iso(endMs) }),
    created_at: iso(createdMs),
    // A live participant's record was last touched by its latest stats upload.
    updated_at: iso(endMs),
    duration: durationMinutes,
    peer_events: peerEvents,
    peer_report: { metadata, quality: qualityBlock(quality.arrays) },
  };
  return { participant };
}

// ---------------------------------------------------------------------------------------
// A parametric starting point: a clean desktop call. Scenarios and the benchmark override it.

export type CallSpecParams = {
  seed: number;
  peerId?: string;
  joinedAt?: string;
  durationSeconds?: number;
  senderCount?: number;
  /** Indexes (into the senders) of senders with poor uplinks. */
  poorSenders?: readonly number[];
};

export function makeDevice(rng: Rng, kind: MediaDevice['kind'], label: string): MediaDevice {
  return { device_id: rng.hex(64), kind, label };
}

/** A desktop's built-in microphone, camera and speakers, labelled as its operating system names them. */
const DESKTOP_DEVICE_LABELS: Record<'macOS' | 'Windows' | 'Ubuntu', readonly [MediaDevice['kind'], string][]> = {
  macOS: [
    ['audioinput', 'Default - MacBook Pro Microphone (Built-in)'],
    ['audioinput', 'MacBook Pro Microphone (Built-in)'],
    ['videoinput', 'FaceTime HD Camera (1C1C:B782)'],
    ['audiooutput', 'Default - MacBook Pro Speakers (Built-in)'],
    ['audiooutput', 'MacBook Pro Speakers (Built-in)'],
  ],
  Windows: [
    ['audioinput', 'Default - Microphone Array (Realtek(R) Audio)'],
    ['audioinput', 'Microphone Array (Realtek(R) Audio)'],
    ['videoinput', 'Integrated Webcam (0c45:6a10)'],
    ['audiooutput', 'Default - Speakers (Realtek(R) Audio)'],
    ['audiooutput', 'Speakers (Realtek(R) Audio)'],
  ],
  Ubuntu: [
    ['audioinput', 'Default'],
    ['audioinput', 'Built-in Audio Analog Stereo'],
    ['videoinput', 'Integrated Camera: Integrated C'],
    ['audiooutput', 'Default'],
    ['audiooutput', 'Built-in Audio Analog Stereo'],
  ],
};

export function desktopDevices(rng: Rng, os: keyof typeof DESKTOP_DEVICE_LABELS): MediaDevice[] {
  return DESKTOP_DEVICE_LABELS[os].map(([kind, label]) => makeDevice(rng, kind, label));
}

export function makeRemoteSenders(rng: Rng, count: number, poor: readonly number[], video: VideoSpec | null): RemoteSenderSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    peerId: rng.uuid(),
    video: video ? { ...video } : null,
    poor: poor.includes(index),
  }));
}

export function makeCallSpec(params: CallSpecParams): CallSpec {
  const rng = createRng(hashSeed(params.seed, 'spec'));
  const senderVideo: VideoSpec = { width: 1280, height: 720, fps: 30, kbps: 1500 };
  return {
    seed: params.seed,
    peerId: params.peerId ?? rng.uuid(),
    sessionId: rng.uuid(),
    userId: rng.uuid(),
    customParticipantId: `user-${rng.int(1000, 99999)}`,
    displayName: 'Dana Whitfield',
    presetName: 'group_call_participant',
    presetViewType: 'GROUP_CALL',
    joinedAt: params.joinedAt ?? '2026-09-14T09:30:12.418Z',
    precallSeconds: 24.6,
    durationSeconds: params.durationSeconds ?? 25 * 60,
    stillInCall: false,
    device: {
      os: 'macOS',
      osVersion: '15.6.1',
      isMobile: false,
      cpus: 10,
      browser: 'Chrome',
      browserVersion: '140.0.7339.133',
      engine: 'Blink',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      webglSupport: true,
      sdkName: 'web-core',
      sdkType: 'web',
      sdkVersion: '1.2.4',
      roomViewType: 'groupCall',
      audioEncoder: 'opus',
      videoEncoder: 'VP8',
    },
    ip: {
      ipv4: '84.17.46.102',
      city: 'Berlin',
      region: 'Land Berlin',
      country: 'DE',
      timezone: 'Europe/Berlin',
      org: 'Deutsche Telekom AG',
      asn: { asn: 'AS3320', domain: 'telekom.de', name: 'Deutsche Telekom AG', route: '84.128.0.0/10', type: 'isp' },
      lanAddress: '192.168.178.34',
    },
    network: {
      interface: 'ethernet',
      effectiveNetworkType: '4g',
      connection: 'srflx',
      rttMs: 44,
      rttSpreadMs: 4,
      jitterMs: 7,
      lossPercent: 0.08,
      uplinkKbps: 40_000,
      downlinkKbps: 100_000,
      impairments: [],
      outages: [],
      networkTypeChanges: [],
      precall: {
        turn: true,
        relay: true,
        reflexive: true,
        rttMs: 42,
        backendRttMs: 58,
        jitterMs: 3,
        lossFraction: 0,
        throughputKbps: 48_500,
      },
    },
    publishAudio: true,
    audioKbps: 32,
    video: { width: 1280, height: 720, fps: 30, kbps: 1600 },
    remoteSenders: makeRemoteSenders(rng, params.senderCount ?? 2, params.poorSenders ?? [], senderVideo),
    audioOff: [],
    videoOff: [],
    screenshare: [],
    cpuLimited: [],
    focusLoss: [],
    devices: desktopDevices(rng, 'macOS'),
    deviceChanges: [],
    events: [],
  };
}
