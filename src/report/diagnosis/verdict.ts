// The verdict: the one sentence a support engineer reads first. From the findings (already
// ordered causes first), the most likely cause of what the participant experienced, on
// whose side it was, the findings it rests on, and what to tell the customer or do next.
// Written with the same tokens as the findings (../phrase.ts), so times and senders read in
// the page's zone and by name.

import type { Finding, PeerReport, QualityStream } from '../model.ts';
import { fullPeerToken } from '../phrase.ts';
import { MEDIA_OVER_TCP, PRECALL_CONNECTIVITY, TURN_RELAY } from './connectivity-rules.ts';
import { BACKGROUNDED, RECONNECTS } from './event-rules.ts';
import { MEDIA_OFF } from './media-off-rule.ts';
import { LIVESTREAM_LATENCY, PLAYER_AUTOPLAY_BLOCKED, PLAYER_NETWORK_UNAVAILABLE, PLAYER_REBUFFERING } from './player-rules.ts';
import { BANDWIDTH_LIMITED, CPU_LIMITED, JITTER, LOW_FRAME_RATE, LOW_MOS, LOW_RESOLUTION, PACKET_LOSS, ROUND_TRIP_TIME } from './quality-rules.ts';
import { REMOTE_SENDER } from './remote-sender-rule.ts';

export type VerdictCause =
  | 'nothing-wrong'
  | 'remote-sender'
  | 'own-network'
  | 'uplink'
  | 'downlink'
  | 'connection-dropped'
  | 'device'
  | 'restricted-network'
  | 'background'
  | 'muted'
  | 'livestream'
  | 'unclear';

/** Whose side the cause is on. */
export type VerdictSide = 'participant' | 'remote-sender' | 'none' | 'unknown';

export interface Verdict {
  cause: VerdictCause;
  side: VerdictSide;
  /** One sentence: the most likely cause and whose side it is on (a phrase with tokens). */
  headline: string;
  /** The findings it rests on, most telling first (their ids). */
  evidence: string[];
  /** What to tell the customer or do next, one step a line (phrases). */
  advice: string[];
  /** The remote sender it blames, if it blames one. */
  remotePeerId: string | null;
}

// The rules the verdict reads, by the ids their findings carry: taken from the rules
// themselves, so a renamed rule cannot silently drop out of the verdict.
const NETWORK_RULES: ReadonlySet<string> = new Set([PACKET_LOSS.id, JITTER.id, ROUND_TRIP_TIME.id, LOW_MOS.id]);
const RESTRICTED_RULES: ReadonlySet<string> = new Set([TURN_RELAY.id, MEDIA_OVER_TCP.id, PRECALL_CONNECTIVITY.id]);
const VIDEO_DROP_RULES: ReadonlySet<string> = new Set([LOW_FRAME_RATE.id, LOW_RESOLUTION.id]);
/** Findings saying the microphone was muted or silent, or the camera off, rather than bad. */
const MUTED_RULES: ReadonlySet<string> = new Set([MEDIA_OFF.id]);
/** A livestream viewer's connection as the player saw it. */
const VIEWER_CONNECTION_RULES: ReadonlySet<string> = new Set([PLAYER_NETWORK_UNAVAILABLE.id, PLAYER_REBUFFERING.id, LIVESTREAM_LATENCY.id]);

/** Every rule id the verdict looks for, for the test that holds them to the rules that exist. */
export const VERDICT_RULE_IDS: readonly string[] = [
  REMOTE_SENDER.id,
  RECONNECTS.id,
  ...NETWORK_RULES,
  ...RESTRICTED_RULES,
  CPU_LIMITED.id,
  ...VIDEO_DROP_RULES,
  BANDWIDTH_LIMITED.id,
  BACKGROUNDED.id,
  ...VIEWER_CONNECTION_RULES,
  PLAYER_AUTOPLAY_BLOCKED.id,
  ...MUTED_RULES,
];

const serious = (finding: Finding): boolean => finding.severity !== 'info';

const NETWORK_ADVICE = [
  'Ask the customer to use a wired connection, or to move closer to the Wi-Fi router.',
  'Ask them to pause other uploads and downloads on the same network (video streaming, cloud backups, large downloads).',
  'If it keeps happening on a wired connection too, ask them to check the router or ask their internet provider about packet loss.',
];

const MOBILE_NETWORK_ADVICE = [
  'Ask the customer to join from a place with better mobile reception, or over a steady Wi-Fi network.',
  'Ask them to close other apps that use the network on the phone while in a call.',
];

function restrictedVerdict(evidence: readonly Finding[]): Verdict {
  return {
    cause: 'restricted-network',
    side: 'participant',
    headline: "Most likely this participant's network is restrictive: a firewall, proxy or VPN kept media off its direct UDP path, through a relay or over TCP, which adds delay.",
    evidence: evidence.map((finding) => finding.id),
    advice: [
      'Ask the customer\u2019s IT team to allow UDP to the TURN servers (port 3478) and UDP media through the firewall or VPN.',
      'Or ask them to try another network (a phone hotspot) to confirm.',
    ],
    remotePeerId: null,
  };
}

/** The verdict for a report whose findings are `findings` (as diagnose() orders them). */
export function verdictOf(report: PeerReport, findings: readonly Finding[]): Verdict {
  const problems = findings.filter(serious);
  const networkAdvice = report.device?.isMobile === true ? MOBILE_NETWORK_ADVICE : NETWORK_ADVICE;
  const streams = new Map(report.streams.map((stream) => [stream.id, stream]));
  const idsOf = (list: readonly Finding[]) => list.map((finding) => finding.id);

  const blame = problems.find((finding) => finding.rule === REMOTE_SENDER.id && finding.remotePeerId !== null);
  if (blame?.remotePeerId) {
    const symptoms = problems.filter((finding) => finding !== blame && finding.remotePeerId === blame.remotePeerId);
    return {
      cause: 'remote-sender',
      side: 'remote-sender',
      headline: `Most likely the other side: what this participant received badly came mostly from one sender, ${fullPeerToken(blame.remotePeerId)}, whose own connection or device was the trouble; this participant's network was fine.`,
      evidence: idsOf([blame, ...symptoms]),
      advice: [
        'Tell the customer the problem was on the other participant\u2019s side, not theirs.',
        `Check that sender\u2019s uplink: open the report of ${fullPeerToken(blame.remotePeerId)}.`,
      ],
      remotePeerId: blame.remotePeerId,
    };
  }

  const drop = problems.find((finding) => finding.rule === RECONNECTS.id && finding.severity === 'critical');
  const network = problems.filter((finding) => NETWORK_RULES.has(finding.rule));
  if (drop) {
    return {
      cause: 'connection-dropped',
      side: 'participant',
      headline: `Most likely this participant's own network: the connection dropped during the call${network.length > 0 ? ', with packet loss or delay around it' : ''}.`,
      evidence: idsOf([drop, ...network]),
      advice: [
        'Ask whether their network dropped at that time: Wi-Fi switching access points, a VPN reconnecting, the laptop going to sleep.',
        ...networkAdvice.slice(0, 2),
      ],
      remotePeerId: null,
    };
  }

  // Round-trip time and jitter on a relayed or TCP path are that path's doing.
  const restricted = findings.filter((finding) => RESTRICTED_RULES.has(finding.rule));
  // MOS is estimated from loss, jitter and delay: with no loss it is the delay again.
  const delayOnly = network.every((finding) => finding.rule !== PACKET_LOSS.id);
  if (restricted.length > 0 && network.length > 0 && delayOnly) {
    return restrictedVerdict([...restricted, ...network]);
  }

  if (network.length > 0) {
    const hit = network.flatMap((finding) => finding.streamIds.map((id) => streams.get(id)).filter((stream): stream is QualityStream => stream !== undefined));
    const sent = hit.some((stream) => stream.direction === 'send');
    const received = hit.filter((stream) => stream.direction === 'receive');
    const senders = new Set(received.map((stream) => stream.remotePeerId));
    const allSenders = new Set(report.streams.filter((stream) => stream.direction === 'receive').map((stream) => stream.remotePeerId));
    if (sent && received.length > 0) {
      return {
        cause: 'own-network',
        side: 'participant',
        headline: "Most likely this participant's own network (Wi-Fi, router, firewall or internet provider): what they sent and what they received suffered at the same times.",
        evidence: idsOf(network),
        advice: networkAdvice,
        remotePeerId: null,
      };
    }
    if (sent) {
      return {
        cause: 'uplink',
        side: 'participant',
        headline: "Most likely this participant's upload: what they sent suffered, what they received did not.",
        evidence: idsOf(network),
        advice: [
          'Ask the customer to close other apps that upload (cloud sync, backups, screen recording) and to use a wired connection.',
          ...networkAdvice.slice(2),
        ],
        remotePeerId: null,
      };
    }
    if (senders.size >= 2 && senders.size === allSenders.size) {
      return {
        cause: 'downlink',
        side: 'participant',
        headline: "Most likely this participant's download: every remote sender arrived badly at the same times, so the trouble was on this end.",
        evidence: idsOf(network),
        advice: networkAdvice,
        remotePeerId: null,
      };
    }
  }

  const device = problems.find((finding) => finding.rule === CPU_LIMITED.id);
  if (device) {
    return {
      cause: 'device',
      side: 'participant',
      headline: "Most likely this participant's device: its CPU could not keep up, so the video it sent lost frames and resolution.",
      evidence: idsOf([device, ...problems.filter((finding) => finding !== device && VIDEO_DROP_RULES.has(finding.rule))]),
      advice: [
        'Ask the customer to close other apps and browser tabs, and to turn off background effects (blur, virtual background).',
        'Ask them to update the browser, and to plug a laptop in (power saving slows the CPU).',
      ],
      remotePeerId: null,
    };
  }

  const limited = problems.find((finding) => finding.rule === BANDWIDTH_LIMITED.id);
  if (limited) {
    return {
      cause: 'uplink',
      side: 'participant',
      headline: "Most likely this participant's upload: the browser held the video back for lack of bandwidth.",
      evidence: idsOf([limited]),
      advice: networkAdvice,
      remotePeerId: null,
    };
  }

  if (restricted.some(serious)) return restrictedVerdict(restricted);

  const background = problems.find((finding) => finding.rule === BACKGROUNDED.id);
  if (background) {
    const mobile = report.device?.isMobile === true;
    return {
      cause: 'background',
      side: 'participant',
      headline: mobile
        ? 'Most likely the meeting app went to the background on the phone, where the browser pauses the camera and can cut audio.'
        : 'Most likely the meeting was in the background: a hidden tab or window is throttled by the browser.',
      evidence: idsOf([background]),
      advice: [mobile ? 'Ask the customer to keep the meeting in front on the phone, and not to switch apps during the call.' : 'Ask the customer to keep the meeting tab visible during the call.'],
      remotePeerId: null,
    };
  }

  const viewer = problems.filter((finding) => VIEWER_CONNECTION_RULES.has(finding.rule));
  const autoplay = problems.find((finding) => finding.rule === PLAYER_AUTOPLAY_BLOCKED.id);
  if (viewer.length > 0) {
    return {
      cause: 'livestream',
      side: 'participant',
      headline: "Most likely this viewer's own connection: the livestream player lost the network, stalled to rebuffer or fell behind live.",
      evidence: idsOf([...viewer, ...(autoplay ? [autoplay] : [])]),
      advice: [
        'Ask the viewer to watch over a steadier connection (closer to the Wi-Fi router, or wired), and to pause other downloads and streaming on the same network.',
        ...(autoplay ? ['If they heard nothing at first, the browser held the sound back until they clicked: ask them to unmute the player.'] : []),
        'If many viewers stalled at the same time, look at the stream itself: compare with other viewers\u2019 reports.',
      ],
      remotePeerId: null,
    };
  }
  if (autoplay) {
    return {
      cause: 'livestream',
      side: 'participant',
      headline: "Most likely the viewer's browser: its autoplay rules held the livestream's sound or picture back until the viewer clicked on the page.",
      evidence: idsOf([autoplay]),
      advice: ['Ask the viewer to click the player and unmute it; a page that starts the stream on a click avoids the block.'],
      remotePeerId: null,
    };
  }

  const muted = findings.filter((finding) => MUTED_RULES.has(finding.rule));
  if (problems.length === 0 && muted.length > 0) {
    return {
      cause: 'muted',
      side: 'participant',
      headline: 'Nothing went wrong with the connection: the microphone or camera was muted or silent, which is not a quality problem.',
      evidence: idsOf(muted),
      advice: ['If the customer says nobody heard them, check that they were unmuted and had the right microphone selected.'],
      remotePeerId: null,
    };
  }

  if (problems.length === 0) {
    return {
      cause: 'nothing-wrong',
      side: 'none',
      headline: 'Nothing wrong found: no sustained loss, jitter, delay or drops, and no problem event for this participant.',
      evidence: [],
      advice: [
        'Ask the customer what they heard or saw, and at what time, then look there on the timeline.',
        'Look at the other participants\u2019 reports: the trouble may have been on their side.',
      ],
      remotePeerId: null,
    };
  }

  return {
    cause: 'unclear',
    side: 'unknown',
    headline: 'No single cause stands out: the findings below are what the report shows, worst first.',
    evidence: idsOf(problems.slice(0, 3)),
    advice: ['Ask the customer what they noticed and when, and compare it with the findings and the timeline.'],
    remotePeerId: null,
  };
}
