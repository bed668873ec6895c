// The demo scenarios: one CallSpec per report peer in catalog.ts, the filters the demo
// upstream honours, and the two older response shapes. These are also the fixtures of the
// project's unit and e2e tests, so each scenario is built to show one thing clearly.

import type { SessionGetParticipantDataFromPeerIDResponse } from 'cloudflare/resources/realtime-kit/sessions';
import { DEMO_PEERS, type DemoPeerKey } from './catalog.ts';
import {
  desktopDevices,
  generateCallReport,
  makeCallSpec,
  makeDevice,
  makeRemoteSenders,
  type CallSpec,
  type ExtraEvent,
  type PrecallSpec,
  type ReportData,
} from './generate-report.ts';
import { createRng, hashSeed } from './random.ts';

/** The sample peers that answer with a report (the others answer with an error). */
export const REPORT_SCENARIO_KEYS = [
  'good-call',
  'poor-wifi',
  'turn-tcp',
  'mobile-4g',
  'cpu-limited',
  'group-receiver',
  'muted-whole-call',
  'livestream-viewer',
  'still-in-call',
  'flat-shape',
  'legacy-shape',
] as const satisfies readonly DemoPeerKey[];

export type ReportScenarioKey = (typeof REPORT_SCENARIO_KEYS)[number];

export function isReportScenarioKey(key: string): key is ReportScenarioKey {
  return (REPORT_SCENARIO_KEYS as readonly string[]).includes(key);
}

export type ResponseShapeName = 'current' | 'flat' | 'legacy';

function scenarioShape(key: ReportScenarioKey): ResponseShapeName {
  if (key === 'flat-shape') return 'flat';
  if (key === 'legacy-shape') return 'legacy';
  return 'current';
}

const peerId = (key: ReportScenarioKey): string => {
  const peer = DEMO_PEERS.find((p) => p.key === key);
  if (!peer) throw new Error(`catalog.ts has no peer ${key}`);
  return peer.id;
};

const minutes = (m: number, s = 0): number => m * 60 + s;

// ---------------------------------------------------------------------------------------
// Scenario specs.

function goodCall(): CallSpec {
  return {
    ...makeCallSpec({ seed: 101, peerId: peerId('good-call'), durationSeconds: minutes(25, 14.6), senderCount: 2 }),
    displayName: 'Dana Whitfield',
    customParticipantId: 'crm-user-4821',
  };
}

function poorWifi(): CallSpec {
  const base = makeCallSpec({ seed: 202, peerId: peerId('poor-wifi'), joinedAt: '2026-09-14T13:02:47.130Z', durationSeconds: minutes(31, 41.2), senderCount: 3 });
  return {
    ...base,
    displayName: 'Tomás Oyelaran',
    customParticipantId: 'crm-user-7730',
    devices: desktopDevices(createRng(hashSeed(202, 'devices')), 'Windows'),
    device: {
      ...base.device,
      os: 'Windows',
      osVersion: '11',
      cpus: 8,
      browser: 'Edge',
      browserVersion: '140.0.3485.66',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
    },
    ip: {
      ipv4: '86.14.201.77',
      city: 'London',
      region: 'England',
      country: 'GB',
      timezone: 'Europe/London',
      org: 'Virgin Media Limited',
      asn: { asn: 'AS5089', domain: 'virginmedia.com', name: 'Virgin Media Limited', route: '86.0.0.0/11', type: 'isp' },
      lanAddress: '192.168.0.47',
    },
    network: {
      ...base.network,
      interface: 'wifi',
      // The browser's connection-speed class: congested Wi-Fi on broadband still measures as 4g.
      effectiveNetworkType: '4g',
      rttMs: 72,
      rttSpreadMs: 12,
      jitterMs: 14,
      lossPercent: 0.6,
      uplinkKbps: 6000,
      downlinkKbps: 15_000,
      impairments: [
        { from: minutes(4, 10), to: minutes(7, 40), lossPercent: [5, 20], jitterMs: [50, 120], rttMs: [20, 90] },
        { from: minutes(12, 30), to: minutes(14, 0), lossPercent: [2, 8], jitterMs: [50, 110] },
        { from: minutes(19, 0), to: minutes(22, 30), lossPercent: [6, 18], jitterMs: [55, 120], rttMs: [30, 110] },
      ],
      outages: [{ from: minutes(15, 20), to: minutes(15, 48), reconnectAttempts: 2, reason: 'ice_disconnected' }],
      precall: { turn: true, relay: true, reflexive: true, rttMs: 88, backendRttMs: 131, jitterMs: 22, lossFraction: 0.02, throughputKbps: 5800 },
    },
    video: { width: 1280, height: 720, fps: 30, kbps: 1500 },
    focusLoss: [{ from: minutes(9, 12), to: minutes(10, 3), kind: 'tab' }],
  };
}

function turnTcp(): CallSpec {
  const base = makeCallSpec({ seed: 303, peerId: peerId('turn-tcp'), joinedAt: '2026-09-14T15:45:03.552Z', durationSeconds: minutes(18, 7.9), senderCount: 2 });
  return {
    ...base,
    displayName: 'Priya Raman',
    customParticipantId: 'crm-user-1194',
    presetName: 'group_call_host',
    devices: desktopDevices(createRng(hashSeed(303, 'devices')), 'Windows'),
    device: {
      ...base.device,
      os: 'Windows',
      osVersion: '10',
      cpus: 12,
      browser: 'Chrome',
      browserVersion: '139.0.7258.155',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36',
    },
    ip: {
      ipv4: '12.161.84.37',
      city: 'Chicago',
      region: 'Illinois',
      country: 'US',
      timezone: 'America/Chicago',
      org: 'Northwind Freight LLC',
      asn: { asn: 'AS7018', domain: 'att.com', name: 'AT&T Services, Inc.', route: '12.0.0.0/9', type: 'business' },
      lanAddress: '10.42.18.113',
    },
    network: {
      ...base.network,
      interface: 'ethernet',
      effectiveNetworkType: '4g',
      // The firewall lets out only TCP 443, so media rides TURN over TCP.
      connection: 'relay-tcp',
      rttMs: 452,
      rttSpreadMs: 28,
      jitterMs: 26,
      lossPercent: 0.15,
      uplinkKbps: 3000,
      downlinkKbps: 9000,
      impairments: [{ from: minutes(9, 40), to: minutes(11, 5), rttMs: [60, 180], jitterMs: [35, 60] }],
      precall: { turn: true, relay: true, reflexive: false, rttMs: 431, backendRttMs: 468, jitterMs: 24, lossFraction: 0, throughputKbps: 2900 },
    },
    video: { width: 1280, height: 720, fps: 30, kbps: 1200 },
  };
}

function mobile4g(): CallSpec {
  const base = makeCallSpec({ seed: 404, peerId: peerId('mobile-4g'), joinedAt: '2026-09-14T17:21:19.004Z', durationSeconds: minutes(21, 33.3), senderCount: 2 });
  const rng = createRng(hashSeed(404, 'devices'));
  const buds = [makeDevice(rng, 'audioinput', 'Galaxy Buds2 Pro'), makeDevice(rng, 'audiooutput', 'Galaxy Buds2 Pro')];
  const senderVideo = { width: 640, height: 360, fps: 30, kbps: 600 };
  return {
    ...base,
    displayName: 'Lucía Ferrer',
    customParticipantId: 'crm-user-5562',
    device: {
      ...base.device,
      os: 'Android',
      osVersion: '14',
      isMobile: true,
      cpus: 8,
      browser: 'Chrome',
      browserVersion: '140.0.7339.155',
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36',
      webglSupport: true,
    },
    ip: {
      ipv4: '83.45.112.9',
      city: 'Madrid',
      region: 'Madrid',
      country: 'ES',
      timezone: 'Europe/Madrid',
      org: 'Telefonica de Espana SAU',
      asn: { asn: 'AS3352', domain: 'telefonica.es', name: 'Telefonica de Espana SAU', route: '83.32.0.0/11', type: 'isp' },
      lanAddress: '10.113.52.9',
    },
    network: {
      ...base.network,
      interface: 'cellular',
      effectiveNetworkType: '4g',
      rttMs: 66,
      rttSpreadMs: 12,
      jitterMs: 12,
      lossPercent: 0.35,
      uplinkKbps: 8000,
      downlinkKbps: 25_000,
      // The phone drops to 3G for almost five minutes.
      impairments: [
        { from: minutes(6, 20), to: minutes(11, 5), rttMs: [110, 210], jitterMs: [25, 45], lossPercent: [0.5, 3], bandwidthKbps: 650 },
      ],
      networkTypeChanges: [
        { at: minutes(6, 20), type: '3g' },
        { at: minutes(11, 5), type: '4g' },
      ],
      precall: { turn: true, relay: true, reflexive: true, rttMs: 71, backendRttMs: 104, jitterMs: 9, lossFraction: 0, throughputKbps: 12_400 },
    },
    audioKbps: 28,
    video: { width: 640, height: 480, fps: 24, kbps: 700 },
    remoteSenders: makeRemoteSenders(createRng(hashSeed(404, 'senders')), 2, [], senderVideo),
    // Android suspends the camera while the browser is in the background.
    focusLoss: [{ from: minutes(8, 0), to: minutes(9, 10), kind: 'app' }],
    videoOff: [{ from: minutes(8, 0), to: minutes(9, 10) }],
    audioOff: [{ from: minutes(2, 5), to: minutes(3, 40) }],
    devices: [
      makeDevice(rng, 'audioinput', 'Default'),
      makeDevice(rng, 'audioinput', 'Speakerphone'),
      makeDevice(rng, 'audioinput', 'Headset earpiece'),
      makeDevice(rng, 'videoinput', 'camera2 1, facing front'),
      makeDevice(rng, 'videoinput', 'camera2 0, facing back'),
      makeDevice(rng, 'audiooutput', 'Default'),
    ],
    deviceChanges: [{ at: minutes(13, 10), added: buds, select: buds }],
  };
}

function cpuLimited(): CallSpec {
  const base = makeCallSpec({ seed: 505, peerId: peerId('cpu-limited'), joinedAt: '2026-09-15T08:05:56.771Z', durationSeconds: minutes(23, 48.1), senderCount: 2 });
  return {
    ...base,
    displayName: 'Henrik Aaltonen',
    customParticipantId: 'crm-user-0318',
    devices: desktopDevices(createRng(hashSeed(505, 'devices')), 'Windows'),
    device: {
      ...base.device,
      os: 'Windows',
      osVersion: '10',
      cpus: 2,
      browser: 'Chrome',
      browserVersion: '138.0.7204.184',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36',
      webglSupport: false,
    },
    ip: {
      ipv4: '78.212.56.11',
      city: 'Lyon',
      region: 'Auvergne-Rhône-Alpes',
      country: 'FR',
      timezone: 'Europe/Paris',
      org: 'Free SAS',
      asn: { asn: 'AS12322', domain: 'free.fr', name: 'Free SAS', route: '78.192.0.0/10', type: 'isp' },
      lanAddress: '192.168.1.21',
    },
    network: { ...base.network, interface: 'wifi', rttMs: 38, jitterMs: 6 },
    cpuLimited: [
      { from: minutes(3, 0), to: minutes(8, 30), level: 1 },
      { from: minutes(8, 30), to: minutes(14, 0), level: 2 },
      { from: minutes(14, 0), to: minutes(17, 30), level: 1 },
      { from: minutes(19, 40), to: minutes(20, 50), level: 1 },
    ],
  };
}

function groupReceiver(): CallSpec {
  const base = makeCallSpec({ seed: 606, peerId: peerId('group-receiver'), joinedAt: '2026-09-15T10:00:31.266Z', durationSeconds: minutes(44, 19.5) });
  const senderVideo = { width: 640, height: 360, fps: 30, kbps: 600 };
  const senders = makeRemoteSenders(createRng(hashSeed(606, 'senders')), 6, [3], senderVideo).map((sender, index) => {
    if (index === 1) return { ...sender, screenshare: [{ from: minutes(12, 0), to: minutes(19, 30) }] };
    if (index === 5) return { ...sender, present: { from: minutes(4, 0), to: minutes(44, 19.5) } };
    return sender;
  });
  return {
    ...base,
    displayName: 'Mei Chen',
    customParticipantId: 'crm-user-2207',
    presetName: 'group_call_host',
    devices: desktopDevices(createRng(hashSeed(606, 'devices')), 'Ubuntu'),
    device: {
      ...base.device,
      os: 'Ubuntu',
      osVersion: '24.04',
      cpus: 16,
      browser: 'Firefox',
      browserVersion: '142.0.1',
      engine: 'Gecko',
      userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:142.0) Gecko/20100101 Firefox/142.0',
    },
    ip: {
      ipv4: '99.230.14.201',
      city: 'Toronto',
      region: 'Ontario',
      country: 'CA',
      timezone: 'America/Toronto',
      org: 'Rogers Communications Canada Inc.',
      asn: { asn: 'AS812', domain: 'rogers.com', name: 'Rogers Communications Canada Inc.', route: '99.224.0.0/11', type: 'isp' },
      lanAddress: '192.168.2.15',
    },
    network: { ...base.network, interface: 'wifi', connection: 'relay-udp', rttMs: 52, jitterMs: 8, downlinkKbps: 30_000 },
    remoteSenders: senders,
    // The host listens most of the time.
    audioOff: [
      { from: 0, to: minutes(3, 10) },
      { from: minutes(10, 0), to: minutes(22, 0) },
      { from: minutes(25, 0), to: minutes(40, 0) },
    ],
  };
}

/**
 * A listener on a desktop, microphone muted from join to leave. There is no audio_off: the
 * call started muted and never unmuted, so only the silence frames say so (~50 packets/s of
 * 18-21 bytes, MOS 1). Their round-trip time is still the network's: one sample reaches
 * ~780 ms. The meeting window goes to the background once, as Chrome on macOS reports it.
 */
function mutedWholeCall(): CallSpec {
  const base = makeCallSpec({ seed: 1010, peerId: peerId('muted-whole-call'), joinedAt: '2026-09-15T13:30:05.212Z', durationSeconds: minutes(22, 16.8), senderCount: 3 });
  return {
    ...base,
    displayName: 'Grace Okafor',
    customParticipantId: 'crm-user-8127',
    ip: {
      ipv4: '81.2.69.160',
      city: 'Manchester',
      region: 'England',
      country: 'GB',
      timezone: 'Europe/London',
      org: 'British Telecommunications PLC',
      asn: { asn: 'AS2856', domain: 'bt.com', name: 'British Telecommunications PLC', route: '81.128.0.0/12', type: 'isp' },
      lanAddress: '192.168.1.64',
    },
    network: {
      ...base.network,
      interface: 'wifi',
      rttMs: 47,
      rttSpreadMs: 5,
      jitterMs: 6,
      // One stats interval with a Wi-Fi stall: a single ~780 ms round trip, not a sustained problem.
      impairments: [{ from: minutes(9, 1), to: minutes(9, 7), rttMs: [734, 738] }],
    },
    audioOff: [{ from: 0, to: minutes(22, 16.8) }],
    focusLoss: [{ from: minutes(15, 40), to: minutes(16, 55), kind: 'view' }],
  };
}

/** Latency readings every 30 s: ~3.5 s behind live, drifting to 12 s while the Wi-Fi struggles. */
function viewerLatency(rng: ReturnType<typeof createRng>): ExtraEvent[] {
  const events: ExtraEvent[] = [];
  for (let at = 20; at < minutes(35); at += 30) {
    const behind = at >= minutes(14, 20) && at < minutes(19, 10) ? 6 + ((at - minutes(14, 20)) / minutes(4, 50)) * 6 : 3.2;
    events.push({ at, name: 'livestream_latency', metadata: { latency: Math.round((behind + rng.range(0, 0.8)) * 10) / 10 } });
  }
  return events;
}

/**
 * A livestream viewer: watches through the player (Amazon IVS), publishes nothing, so the
 * report has no quality samples, only the player's events. The browser starts the stream
 * without sound (autoplay rules); a Wi-Fi slump brings rebuffering, a lower rendition, the
 * network going away once, and latency drifting to ~12 s before the player catches up.
 */
function livestreamViewer(): CallSpec {
  const base = makeCallSpec({ seed: 1111, peerId: peerId('livestream-viewer'), joinedAt: '2026-09-16T18:00:04.500Z', durationSeconds: minutes(35, 2.3), senderCount: 0 });
  const rng = createRng(hashSeed(1111, 'player'));
  const quality = (at: number, name: string, height: number, bitrate: number): ExtraEvent => ({
    at,
    name: 'ivs_player_quality_changed',
    metadata: { name, group: name, codecs: 'avc1.64002A,mp4a.40.2', bitrate, width: Math.round((height * 16) / 9), height, framerate: 30, isDefault: false },
  });
  return {
    ...base,
    displayName: 'Sam Lindqvist',
    customParticipantId: 'crm-user-4409',
    presetName: 'livestream_viewer',
    presetViewType: 'LIVESTREAM',
    devices: desktopDevices(createRng(hashSeed(1111, 'devices')), 'Windows'),
    device: {
      ...base.device,
      os: 'Windows',
      osVersion: '11',
      cpus: 8,
      roomViewType: 'livestream',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    },
    ip: {
      ipv4: '90.224.18.37',
      city: 'Stockholm',
      region: 'Stockholm',
      country: 'SE',
      timezone: 'Europe/Stockholm',
      org: 'Telia Company AB',
      asn: { asn: 'AS3301', domain: 'telia.com', name: 'Telia Company AB', route: '90.224.0.0/12', type: 'isp' },
      lanAddress: '192.168.0.23',
    },
    network: {
      ...base.network,
      interface: 'wifi',
      effectiveNetworkType: '4g',
      networkTypeChanges: [
        { at: minutes(13, 50), type: '3g' },
        { at: minutes(19, 20), type: '4g' },
      ],
    },
    publishAudio: false,
    video: null,
    events: [
      { at: 2.0, name: 'ivs_player_initialized' },
      quality(2.6, '1080p', 1080, 6_000_000),
      { at: 2.9, name: 'ivs_player_audio_blocked' },
      ...viewerLatency(rng),
      { at: minutes(14, 10), name: 'ivs_player_rebuffering' },
      quality(minutes(14, 14), '480p', 480, 1_200_000),
      { at: minutes(14, 25), name: 'ivs_player_rebuffering' },
      { at: minutes(14, 41), name: 'ivs_player_rebuffering' },
      { at: minutes(16, 2), name: 'ivs_player_rebuffering' },
      { at: minutes(16, 20), name: 'ivs_player_rebuffering' },
      { at: minutes(17, 5), name: 'ivs_player_network_unavailable' },
      { at: minutes(17, 12), name: 'ivs_player_recoverable_error', metadata: { type: 'ErrorNetworkIO', code: 0, source: 'Segment', message: 'Failed to load segment' } },
      { at: minutes(18, 45), name: 'ivs_player_rebuffering' },
      { at: minutes(19, 12), name: 'ivs_player_playback_rate_changed', metadata: { updatedPlaybackRate: 1.1 } },
      quality(minutes(19, 35), '1080p', 1080, 6_000_000),
      { at: minutes(20, 40), name: 'ivs_player_playback_rate_changed', metadata: { updatedPlaybackRate: 1 } },
    ],
  };
}

/**
 * A live call is live now: it began 12 min 31 s before the demo upstream started (counted
 * from the start of that minute, so the processes serving the demo agree), and its report
 * runs to the latest stats upload. A fixed date would make its session read "1,886 hours so far".
 */
let liveJoinedAtOnce: string | null = null;

/**
 * Once per process, the session, its participants and the report telling the same times; and
 * on first use, not at load: a Worker's clock reads 0 outside a request.
 */
function liveJoinedAt(): string {
  if (liveJoinedAtOnce === null) {
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    liveJoinedAtOnce = new Date(minuteStart - minutes(12, 31.4) * 1000 - 93).toISOString();
  }
  return liveJoinedAtOnce;
}

function stillInCall(): CallSpec {
  const base = makeCallSpec({ seed: 707, peerId: peerId('still-in-call'), joinedAt: liveJoinedAt(), durationSeconds: minutes(12, 31.4), senderCount: 3 });
  return {
    ...base,
    displayName: 'Rafael Nogueira',
    customParticipantId: 'crm-user-6643',
    stillInCall: true,
    device: {
      ...base.device,
      browser: 'Safari',
      browserVersion: '18.6',
      engine: 'WebKit',
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15',
      videoEncoder: 'H264',
    },
    ip: {
      ipv4: '177.45.200.18',
      city: 'São Paulo',
      region: 'São Paulo',
      country: 'BR',
      timezone: 'America/Sao_Paulo',
      org: 'Claro NXT Telecomunicacoes Ltda',
      asn: { asn: 'AS28573', domain: 'claro.com.br', name: 'Claro NXT Telecomunicacoes Ltda', route: '177.32.0.0/12', type: 'isp' },
      lanAddress: '192.168.15.8',
    },
    network: { ...base.network, interface: 'wifi', rttMs: 61, jitterMs: 9 },
    screenshare: [{ from: minutes(5, 10), to: minutes(9, 40), audio: true }],
  };
}

function flatShape(): CallSpec {
  const base = makeCallSpec({ seed: 808, peerId: peerId('flat-shape'), joinedAt: '2026-09-16T07:15:09.640Z', durationSeconds: minutes(19, 52.2), senderCount: 2 });
  return {
    ...base,
    displayName: 'Joost van Dijk',
    customParticipantId: 'crm-user-9051',
    devices: desktopDevices(createRng(hashSeed(808, 'devices')), 'Windows'),
    device: {
      ...base.device,
      os: 'Windows',
      osVersion: '11',
      cpus: 12,
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
    },
    ip: {
      ipv4: '145.132.77.14',
      city: 'Amsterdam',
      region: 'North Holland',
      country: 'NL',
      timezone: 'Europe/Amsterdam',
      org: 'KPN B.V.',
      asn: { asn: 'AS1136', domain: 'kpn.com', name: 'KPN B.V.', route: '145.128.0.0/11', type: 'isp' },
      lanAddress: '192.168.2.40',
    },
  };
}

function legacyShape(): CallSpec {
  const base = makeCallSpec({ seed: 909, peerId: peerId('legacy-shape'), joinedAt: '2026-03-03T05:40:18.085Z', durationSeconds: minutes(16, 20.4), senderCount: 2 });
  return {
    ...base,
    displayName: 'Arjun Mehta',
    customParticipantId: 'crm-user-3310',
    presetName: 'group_call_host',
    devices: desktopDevices(createRng(hashSeed(909, 'devices')), 'Windows'),
    device: {
      ...base.device,
      sdkVersion: '1.35.14',
      os: 'Windows',
      osVersion: '10',
      cpus: 4,
      browserVersion: '121.0.6167.185',
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Safari/537.36',
    },
    ip: {
      ipv4: '122.171.18.92',
      city: 'Bengaluru',
      region: 'Karnataka',
      country: 'IN',
      timezone: 'Asia/Kolkata',
      org: 'Bharti Airtel Ltd.',
      asn: { asn: 'AS24560', domain: 'airtel.com', name: 'Bharti Airtel Ltd., Telemedia Services', route: '122.171.0.0/16', type: 'isp' },
      lanAddress: '192.168.1.7',
    },
    network: {
      ...base.network,
      interface: 'wifi',
      rttMs: 64,
      rttSpreadMs: 8,
      jitterMs: 11,
      lossPercent: 0.4,
      impairments: [{ from: minutes(6, 0), to: minutes(8, 0), lossPercent: [2, 6], jitterMs: [25, 40] }],
      precall: { turn: true, relay: true, reflexive: true, rttMs: 61, backendRttMs: 112, jitterMs: 6, lossFraction: 0.01, throughputKbps: 18_400 },
    },
  };
}

const SPEC_BUILDERS: Record<ReportScenarioKey, () => CallSpec> = {
  'good-call': goodCall,
  'poor-wifi': poorWifi,
  'turn-tcp': turnTcp,
  'mobile-4g': mobile4g,
  'cpu-limited': cpuLimited,
  'group-receiver': groupReceiver,
  'muted-whole-call': mutedWholeCall,
  'livestream-viewer': livestreamViewer,
  'still-in-call': stillInCall,
  'flat-shape': flatShape,
  'legacy-shape': legacyShape,
};

/** A fresh spec each call, so callers may tweak it (e.g. a longer call) without side effects. */
export function scenarioSpec(key: ReportScenarioKey): CallSpec {
  return SPEC_BUILDERS[key]();
}

// ---------------------------------------------------------------------------------------
// Filters.

export const DEMO_FILTERS = ['device_info', 'ip_information', 'precall_network_information', 'events', 'quality_stats'] as const;

export type DemoFilter = (typeof DEMO_FILTERS)[number];

/**
 * Which peer_report blocks each filter keeps. The real API does not document this; it is
 * the demo's choice, following the likeliest reading of the field names:
 *   device_info                 -> metadata.device_info, browser_metadata, sdk_name, sdk_type,
 *                                  sdk_version, room_view_type, native_metadata
 *   ip_information              -> metadata.ip_information
 *   precall_network_information -> metadata.pc_metadata, metadata.candidate_pairs
 *   events                      -> metadata.events, audio_devices_updates, video_devices_updates,
 *                                  speaker_devices_updates, selected_device_updates
 *   quality_stats               -> quality (every array and every *_cumulative block)
 * No filter (null) keeps everything. The participant's identity fields always come back;
 * peer_events only with include_peer_events=true, whatever the filters.
 */
type Metadata = SessionGetParticipantDataFromPeerIDResponse.Data.Participant.PeerReport.Metadata;

const FILTER_BLOCKS: Record<DemoFilter, readonly (keyof Metadata)[]> = {
  device_info: ['device_info', 'browser_metadata', 'sdk_name', 'sdk_type', 'sdk_version', 'room_view_type', 'native_metadata'],
  ip_information: ['ip_information'],
  precall_network_information: ['pc_metadata', 'candidate_pairs'],
  events: ['events', 'audio_devices_updates', 'video_devices_updates', 'speaker_devices_updates', 'selected_device_updates'],
  quality_stats: [],
};

function isDemoFilter(name: string): name is DemoFilter {
  return (DEMO_FILTERS as readonly string[]).includes(name);
}

export type ParsedFilters = { ok: true; filters: DemoFilter[] | null } | { ok: false; invalid: string[] };

/** Parses the `filters` query value(s): comma lists, repeated parameters, or none (everything). */
export function parseFilters(values: readonly string[]): ParsedFilters {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (names.length === 0) return { ok: true, filters: null };
  const invalid = names.filter((n) => !isDemoFilter(n));
  if (invalid.length > 0) return { ok: false, invalid };
  return { ok: true, filters: [...new Set(names.filter(isDemoFilter))] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function num(source: Record<string, unknown>, key: string): number {
  const value = source[key];
  return typeof value === 'number' ? value : 0;
}

/**
 * Applies the filters to a CURRENT-shape `data` ({ participant }), without mutating it:
 * nested blocks are shared with the input.
 */
export function applyFilters(data: ReportData, filters: readonly string[] | null, includePeerEvents: boolean): ReportData {
  const { peer_events: peerEvents, peer_report: peerReport, ...identity } = data.participant ?? {};
  const metadata: Metadata = peerReport?.metadata ?? {};

  const keptMetadata: Metadata = {};
  const keep = <K extends keyof Metadata>(key: K): void => {
    if (metadata[key] !== undefined) keptMetadata[key] = metadata[key];
  };
  let keepQuality = true;
  if (filters === null) {
    Object.assign(keptMetadata, metadata);
  } else {
    for (const filter of filters) {
      if (!isDemoFilter(filter)) continue;
      for (const key of FILTER_BLOCKS[filter]) keep(key);
    }
    keepQuality = filters.includes('quality_stats');
  }

  return {
    participant: {
      ...identity,
      ...(includePeerEvents && peerEvents !== undefined ? { peer_events: peerEvents } : {}),
      peer_report: { metadata: keptMetadata, ...(keepQuality && peerReport?.quality !== undefined ? { quality: peerReport.quality } : {}) },
    },
  };
}

/** The SDK-typed answer as plain JSON data, for the shapes that are not the SDK's. */
function asJson(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value));
}

// ---------------------------------------------------------------------------------------
// Response shapes.

/** The short-lived flat shape: the participant's fields directly in `data`, the preset as `preset_name`. */
function shapeAsFlat(data: ReportData): Record<string, unknown> {
  const { role, ...fields } = data.participant ?? {};
  return { ...asJson(fields), preset_name: role ?? null };
}

/**
 * The legacy Dyte shape. Field names the normalizer must read (the demo's choice where the
 * old spec is silent):
 *
 * data.participant: id, session_id, user_id, custom_participant_id, display_name, role (the
 *   preset), joined_at, left_at, created_at, updated_at, duration (minutes), peer_stats,
 *   quality_stats. No peer_events: the old API had none.
 * peer_stats.device_info: cpus, is_mobile, os, os_version, browser, browser_version, engine,
 *   user_agent, webgl_support, sdk_name, sdk_type, sdk_version (device and browser merged).
 * peer_stats.events[]: { type, timestamp (ISO), metadata }.
 * peer_stats.ip_information: as in the current shape.
 * peer_stats.precall_network_information: rtt, backend_rtt, jitter (SECONDS), fractional_loss
 *   (0..1), throughput (kbps), effective_networktype, turn_connectivity, relay_connectivity,
 *   reflexive_connectivity.
 * quality_stats: audio_bandwidth, video_bandwidth (average kbps sent over the call),
 *   average_quality (mean audio MOS), total_audio_packets, total_audio_packets_lost,
 *   total_video_packets, total_video_packets_lost (sent), start, end (ISO, first and last
 *   sample), peer_ids[] (remote senders), audio_stats[], video_stats[].
 * audio_stats[] / video_stats[]: what the participant SENT, one entry per ~7 s interval:
 *   timestamp (ISO), bytes, packets, packets_lost (per-interval deltas), bitrate (kbps over the
 *   interval since the previous entry; 7 s assumed for the first), jitter, rtt (SECONDS),
 *   mos_quality; video_stats adds fps, width, height.
 */
function shapeAsLegacy(data: ReportData, precall: PrecallSpec): Record<string, unknown> {
  const participant = record(asJson(data).participant);
  const { peer_events: _peerEvents, peer_report: peerReport, role, ...identity } = participant;
  const report = record(peerReport);
  const metadata = record(report.metadata);

  const peerStats: Record<string, unknown> = {};
  if ('device_info' in metadata) {
    peerStats.device_info = {
      ...record(metadata.device_info),
      ...record(metadata.browser_metadata),
      sdk_name: metadata.sdk_name ?? null,
      sdk_type: metadata.sdk_type ?? null,
      sdk_version: metadata.sdk_version ?? null,
    };
  }
  if ('events' in metadata) {
    peerStats.events = array(metadata.events).map((event) => {
      const e = record(event);
      return { type: e.name, timestamp: e.timestamp, metadata: e.metadata ?? {} };
    });
  }
  if ('ip_information' in metadata) peerStats.ip_information = metadata.ip_information;
  if ('pc_metadata' in metadata) {
    const first = record(array(metadata.pc_metadata)[0]);
    peerStats.precall_network_information = {
      backend_rtt: precall.backendRttMs / 1000,
      rtt: precall.rttMs / 1000,
      jitter: precall.jitterMs / 1000,
      fractional_loss: precall.lossFraction,
      throughput: precall.throughputKbps,
      effective_networktype: first.effective_network_type ?? null,
      turn_connectivity: precall.turn,
      relay_connectivity: precall.relay,
      reflexive_connectivity: precall.reflexive,
    };
  }

  const legacy: Record<string, unknown> = { ...identity, role: role ?? null, peer_stats: peerStats };
  if ('quality' in report) legacy.quality_stats = legacyQualityStats(record(report.quality), participant);
  return { participant: legacy };
}

function legacyQualityStats(quality: Record<string, unknown>, participant: Record<string, unknown>): Record<string, unknown> {
  const toStats = (samples: unknown[], video: boolean) => {
    let previousMs: number | null = null;
    return samples.map((sample) => {
      const s = record(sample);
      const ms = typeof s.timestamp === 'string' ? Date.parse(s.timestamp) : 0;
      const seconds = previousMs === null ? 7 : Math.max(0.001, (ms - previousMs) / 1000);
      previousMs = ms;
      const bytes = num(s, 'bytes_sent');
      const entry: Record<string, unknown> = {
        timestamp: s.timestamp,
        bytes,
        packets: num(s, 'packets_sent'),
        packets_lost: num(s, 'packets_lost'),
        bitrate: Math.round((bytes * 8) / seconds / 100) / 10,
        jitter: num(s, 'jitter'),
        rtt: num(s, 'rtt'),
        mos_quality: num(s, 'mos_quality'),
      };
      if (video) {
        entry.fps = num(s, 'frames_per_second');
        entry.width = num(s, 'frame_width');
        entry.height = num(s, 'frame_height');
      }
      return entry;
    });
  };
  const audio = array(quality.audio_producer);
  const video = array(quality.video_producer);
  const sum = (samples: unknown[], key: string) => samples.reduce<number>((total, s) => total + num(record(s), key), 0);
  const timestamps = [...audio, ...video]
    .map((s) => record(s).timestamp)
    .filter((t): t is string => typeof t === 'string')
    .sort();
  const joined = typeof participant.joined_at === 'string' ? Date.parse(participant.joined_at) : Number.NaN;
  const ended = typeof timestamps.at(-1) === 'string' ? Date.parse(timestamps.at(-1) ?? '') : Number.NaN;
  const seconds = Number.isFinite(joined) && Number.isFinite(ended) && ended > joined ? (ended - joined) / 1000 : 1;
  const peerIds = new Set<string>();
  for (const name of ['audio_consumer', 'video_consumer', 'screenshare_video_consumer', 'screenshare_audio_consumer']) {
    for (const s of array(quality[name])) {
      const id = record(s).peer_id;
      if (typeof id === 'string') peerIds.add(id);
    }
  }
  const mos = audio.map((s) => num(record(s), 'mos_quality'));
  return {
    audio_bandwidth: Math.round((sum(audio, 'bytes_sent') * 8) / seconds / 100) / 10,
    video_bandwidth: Math.round((sum(video, 'bytes_sent') * 8) / seconds / 100) / 10,
    average_quality: mos.length > 0 ? Math.round((mos.reduce((a, b) => a + b, 0) / mos.length) * 100) / 100 : null,
    total_audio_packets: sum(audio, 'packets_sent'),
    total_audio_packets_lost: sum(audio, 'packets_lost'),
    total_video_packets: sum(video, 'packets_sent'),
    total_video_packets_lost: sum(video, 'packets_lost'),
    start: timestamps[0] ?? null,
    end: timestamps.at(-1) ?? null,
    peer_ids: [...peerIds],
    audio_stats: toStats(audio, false),
    video_stats: toStats(video, true),
  };
}

// ---------------------------------------------------------------------------------------
// What the upstream sends.

export type ScenarioOptions = {
  /** null or absent: every block. */
  filters?: readonly DemoFilter[] | null;
  /** Default true: scenarioData is "everything the upstream can send". */
  includePeerEvents?: boolean;
  /**
   * Answer for this peer: the scenario's call, as the participant asked for. The rate-limited
   * and slow peers answer with the good call this way, never as another participant.
   */
  peerId?: string;
};

const generated = new Map<string, ReportData>();

/** The full current-shape report, generated once per process and peer; callers must not mutate it. */
function cachedReport(key: ReportScenarioKey, peer: string | undefined): ReportData {
  const cacheKey = `${key}|${peer ?? ''}`;
  let data = generated.get(cacheKey);
  if (!data) {
    const spec = scenarioSpec(key);
    data = generateCallReport(peer === undefined ? spec : { ...spec, peerId: peer });
    generated.set(cacheKey, data);
  }
  return data;
}

/** A current-shape scenario's answer, typed as the SDK types it. */
function currentData(key: ReportScenarioKey, options: ScenarioOptions): ReportData {
  return applyFilters(cachedReport(key, options.peerId), options.filters ?? null, options.includePeerEvents ?? true);
}

function shapedData(key: ReportScenarioKey, options: ScenarioOptions): Record<string, unknown> {
  const filtered = currentData(key, options);
  switch (scenarioShape(key)) {
    case 'flat':
      return shapeAsFlat(filtered);
    case 'legacy':
      return shapeAsLegacy(filtered, scenarioSpec(key).network.precall);
    case 'current':
      return asJson(filtered);
  }
}

/** Whether the scenario answers in the current shape, the one the SDK types. */
export function isCurrentShape(key: ReportScenarioKey): boolean {
  return scenarioShape(key) === 'current';
}

/**
 * The whole answer of a current-shape scenario as the SDK types it: the contract the demo
 * upstream is held to (SessionGetParticipantDataFromPeerIDResponse of `cloudflare`). A private copy.
 */
export function scenarioAnswer(key: ReportScenarioKey, options: ScenarioOptions = {}): SessionGetParticipantDataFromPeerIDResponse {
  if (!isCurrentShape(key)) throw new Error(`${key} answers in the ${scenarioShape(key)} shape, which the SDK does not type`);
  return { success: true, data: structuredClone(currentData(key, options)) };
}

/** The `data` the upstream sends for this scenario, in the scenario's shape. A private copy. */
export function scenarioData(key: ReportScenarioKey, options: ScenarioOptions = {}): Record<string, unknown> {
  return structuredClone(shapedData(key, options));
}

/** The whole success envelope, as the upstream sends it. A private copy. */
export function scenarioBody(key: ReportScenarioKey, options: ScenarioOptions = {}): { success: true; data: Record<string, unknown> } {
  return { success: true, data: scenarioData(key, options) };
}

/** The serialized envelope, without the defensive copy: for the HTTP server. */
export function scenarioBodyJson(key: ReportScenarioKey, options: ScenarioOptions = {}): string {
  return JSON.stringify({ success: true, data: shapedData(key, options) });
}
