// Whole-call facts about how media travelled: through a TURN relay, over TCP, and what
// the pre-call check could not reach. They have no stretch (intervals are empty): they
// held, or were at risk, for the whole call.

import type { Finding, PrecallCheck, QualityStream } from '../model.ts';
import { formatMs } from '../../lib/format.ts';
import { listPhrase, momentPhrase } from './sentence.ts';
import { findingId, type DiagnosisRule } from './types.ts';

const TURN_ID = 'turn-relay';
const TCP_ID = 'media-over-tcp';
const PRECALL_ID = 'precall-connectivity';

const ICE_SOURCE = 'ICE candidate pairs of the peer report (local candidate type relay; protocol tcp or TURN url transport=tcp)';
const TCP_SOURCE = 'ICE candidate pairs; TCP carries real-time media with head-of-line blocking (RFC 6544, RFC 6062)';
const PRECALL_SOURCE = 'Pre-call network check (pc_metadata / precall_network_information)';

/** Median round-trip time of the sent streams, the best single number for "how slow was the path". */
function sendRttMedian(streams: readonly QualityStream[]): number | null {
  const values: number[] = [];
  for (const stream of streams) {
    if (stream.direction !== 'send') continue;
    for (const sample of stream.samples) if (sample.rttMs !== null) values.push(sample.rttMs);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? null;
}

export const TURN_RELAY: DiagnosisRule = {
  id: TURN_ID,
  title: 'Media relayed through TURN',
  threshold: 'info: a relay candidate carried media',
  sustain: null,
  severities: ['info'],
  source: ICE_SOURCE,
  run(context) {
    if (!context.report.connectivity?.usesRelay) return [];
    return [
      {
        id: findingId(TURN_ID, null),
        rule: TURN_ID,
        severity: 'info',
        title: 'Media relayed through a TURN server',
        sentence:
          'Media went through a TURN relay server instead of a direct path to the media server, usually because a firewall or NAT blocked direct UDP; the extra hop adds some latency.',
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals: [],
        source: ICE_SOURCE,
      },
    ];
  },
};

export const MEDIA_OVER_TCP: DiagnosisRule = {
  id: TCP_ID,
  title: 'Media over TCP',
  threshold: 'warning: a TCP candidate (or TURN over TCP) carried media',
  sustain: null,
  severities: ['warning'],
  source: TCP_SOURCE,
  run(context) {
    const connectivity = context.report.connectivity;
    if (!connectivity?.usesTcp) return [];
    const how = connectivity.usesRelay ? 'over TCP to a TURN relay' : 'over TCP';
    const rtt = sendRttMedian(context.report.streams);
    const rttNote = rtt === null ? '' : ` The median round-trip time was ${formatMs(rtt)}.`;
    return [
      {
        id: findingId(TCP_ID, null),
        rule: TCP_ID,
        severity: 'warning',
        title: 'Media went over TCP instead of UDP',
        sentence: `Media went ${how} instead of UDP, usually because a firewall allows only TCP (often port 443). TCP retransmits every lost packet and holds back everything behind it (head-of-line blocking), which adds delay and makes audio and video stall under loss.${rttNote}`,
        streamId: null,
        streamIds: [],
        remotePeerId: null,
        metric: null,
        intervals: [],
        source: TCP_SOURCE,
      },
    ];
  },
};

const CHECKS = [
  { key: 'turnConnectivity', name: 'TURN' },
  { key: 'relayConnectivity', name: 'relay' },
  { key: 'reflexiveConnectivity', name: 'reflexive (STUN)' },
] as const satisfies readonly { key: keyof PrecallCheck; name: string }[];

export const PRECALL_CONNECTIVITY: DiagnosisRule = {
  id: PRECALL_ID,
  title: 'Pre-call connectivity check failed',
  threshold: 'warning: TURN, relay or reflexive connectivity false in any pre-call check',
  sustain: null,
  severities: ['warning'],
  source: PRECALL_SOURCE,
  run(context) {
    const checks = context.report.connectivity?.precall ?? [];
    const failed = new Set<string>();
    let firstAt: number | null = null;
    for (const check of checks) {
      let any = false;
      for (const { key, name } of CHECKS) {
        if (check[key] === false) {
          failed.add(name);
          any = true;
        }
      }
      if (any && check.at !== null && (firstAt === null || check.at < firstAt)) firstAt = check.at;
    }
    if (failed.size === 0) return [];
    const names = [...failed];
    const when = firstAt === null ? '' : ` at ${momentPhrase(firstAt, context.origin)}`;
    // Reflexive failing alone means STUN is blocked: media can still flow through TURN.
    // TURN or relay failing means the fallback for locked-down networks is gone too.
    const consequence =
      failed.has('TURN') || failed.has('relay')
        ? 'without a relay, a network that blocks direct UDP cannot carry media at all'
        : context.report.connectivity?.usesRelay
          ? 'the network blocked a direct path, so media had to go through a TURN relay'
          : 'the network may block a direct path, leaving a TURN relay as the fallback';
    const finding: Finding = {
      id: findingId(PRECALL_ID, null),
      rule: PRECALL_ID,
      severity: 'warning',
      title: `Pre-call check: no ${listPhrase(names)} connectivity`,
      sentence: `The pre-call network check${when} found no ${listPhrase(names)} connectivity: ${consequence}.`,
      streamId: null,
      streamIds: [],
      remotePeerId: null,
      metric: null,
      intervals: [],
      source: PRECALL_SOURCE,
    };
    return [finding];
  },
};

export const CONNECTIVITY_RULES: readonly DiagnosisRule[] = [TURN_RELAY, MEDIA_OVER_TCP, PRECALL_CONNECTIVITY];
