// One problem seen on several streams at the same times is one finding, not eight. When
// everything a participant sent and received loses packets from 13:21 to 13:25, the
// ticket says "packet loss in both directions, from 13:21 to 13:25": the participant's own
// network. Which streams were hit at the same times is itself the diagnosis:
//
// - sent streams only                  -> this participant's uplink;
// - received streams from ALL senders  -> this participant's downlink, not the senders;
// - both directions                    -> this participant's own network;
// - received streams from ONE sender   -> that sender (see also the remote-sender rule).
//
// Streams whose problems do not line up in time stay separate findings.

import type { FindingSeverity, QualityStream, TimeInterval } from '../model.ts';
import type { DiagnosisContext } from './context.ts';
import { kindWords, listPhrase, streamName } from './sentence.ts';
import { mergeIntervals, totalDuration } from '../time-series.ts';
import { peerToken } from '../phrase.ts';

/** What one rule found on one stream. */
export interface StreamHit {
  stream: QualityStream;
  severity: FindingSeverity;
  /** Where it held, merged and sorted. */
  intervals: TimeInterval[];
}

/**
 * Share of problem time two streams must have in common to count as "the same times".
 * Two streams of the same party (both sent, or both from one remote sender) travel the
 * same path: half of the shorter problem inside the longer one is enough. Across parties
 * (sent vs received, or two senders) a coincidence must not join a short blip to a long
 * problem elsewhere, so the overlap must be half of the LONGER problem.
 */
const SAME_TIMES_SHARE = 0.5;

/** Total time two sorted, merged interval lists have in common. */
export function overlapDuration(a: readonly TimeInterval[], b: readonly TimeInterval[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as TimeInterval;
    const y = b[j] as TimeInterval;
    total += Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return total;
}

function touches(a: readonly TimeInterval[], b: readonly TimeInterval[]): boolean {
  return a.some((x) => b.some((y) => x.start <= y.end && y.start <= x.end));
}

function sameParty(a: QualityStream, b: QualityStream): boolean {
  if (a.direction !== b.direction) return false;
  return a.direction === 'send' || (a.remotePeerId !== null && a.remotePeerId === b.remotePeerId);
}

/**
 * Whether two sets of problem stretches coincide: they share at least SAME_TIMES_SHARE of
 * the shorter one's time (`within`: one problem inside the other counts), or of the longer
 * one's (`mutual`: both mostly at the same times).
 */
export function coincide(a: readonly TimeInterval[], b: readonly TimeInterval[], basis: 'within' | 'mutual'): boolean {
  const ta = totalDuration(a);
  const tb = totalDuration(b);
  // Zero-length stretches (a single instant) can only touch.
  if (ta === 0 || tb === 0) return touches(a, b);
  return overlapDuration(a, b) >= SAME_TIMES_SHARE * (basis === 'within' ? Math.min(ta, tb) : Math.max(ta, tb));
}

/** Whether two streams' problems held at the same times (see SAME_TIMES_SHARE). */
function heldAtSameTimes(
  a: { stream: QualityStream; intervals: readonly TimeInterval[] },
  b: { stream: QualityStream; intervals: readonly TimeInterval[] },
): boolean {
  return coincide(a.intervals, b.intervals, sameParty(a.stream, b.stream) ? 'within' : 'mutual');
}

/**
 * Hits joined into groups: streams linked by "held at the same times", transitively.
 * Each group lists sent streams first, then received ones, in report order; every hit is
 * in exactly one group; groups come in the order of their first stream.
 */
export function groupHits<T extends StreamHit>(hits: readonly T[], streamOrder: readonly QualityStream[]): T[][] {
  const order = new Map(streamOrder.map((stream, i) => [stream.id, i]));
  const rank = (hit: StreamHit): number => (hit.stream.direction === 'send' ? 0 : 1) * 1e6 + (order.get(hit.stream.id) ?? 0);
  const sorted = [...hits].sort((a, b) => rank(a) - rank(b));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    parent[i] = root;
    return root;
  };
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      if (find(i) === find(j)) continue;
      if (heldAtSameTimes(sorted[i] as T, sorted[j] as T)) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
    }
  }
  const groups = new Map<number, T[]>();
  sorted.forEach((hit, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(hit);
    else groups.set(root, [hit]);
  });
  return [...groups.values()];
}

// ---------------------------------------------------------------------------------------
// Naming a group.

export type GroupScope =
  /** One stream. */
  | 'one'
  /** Several sent streams. */
  | 'sent'
  /** Several streams from one remote sender. */
  | 'one-sender'
  /** Received streams from several, but not all, remote senders. */
  | 'some-senders'
  /** Received streams from every remote sender (two or more). */
  | 'all-senders'
  /** Sent and received streams. */
  | 'both';

export interface GroupDescription {
  scope: GroupScope;
  /**
   * "sent audio and video and received audio and video from peer 3f2a9c1d…e4f5a6", or
   * "everything this participant sent and received (audio and video; all 3 remote senders)".
   */
  subject: string;
  /** The remote sender, when every stream came from one. */
  remotePeerId: string | null;
  /** True when the subject is several things ("were", not "was"). */
  plural: boolean;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

export function worstSeverity(hits: readonly { severity: FindingSeverity }[]): FindingSeverity {
  let worst: FindingSeverity = 'info';
  for (const hit of hits) if (SEVERITY_RANK[hit.severity] < SEVERITY_RANK[worst]) worst = hit.severity;
  return worst;
}

export function unionIntervals(lists: readonly (readonly TimeInterval[])[]): TimeInterval[] {
  return mergeIntervals(lists.flat());
}

function kindsPhrase(streams: readonly QualityStream[]): string {
  const kinds: QualityStream['kind'][] = [];
  for (const stream of streams) if (!kinds.includes(stream.kind)) kinds.push(stream.kind);
  return listPhrase(kinds.map(kindWords));
}

/**
 * Words for a group of streams. `applies` says which streams the rule judges, so "all
 * remote senders" means all senders it could have found the problem on.
 */
export function describeGroup(
  context: DiagnosisContext,
  streams: readonly QualityStream[],
  applies: (stream: QualityStream) => boolean,
): GroupDescription {
  const first = streams[0];
  if (streams.length === 1 && first) {
    return { scope: 'one', subject: streamName(first), remotePeerId: first.remotePeerId, plural: false };
  }
  const sent = streams.filter((s) => s.direction === 'send');
  const received = streams.filter((s) => s.direction === 'receive');
  const senders = [...new Set(received.map((s) => s.remotePeerId))];
  const known = senders.filter((peer): peer is string => peer !== null);
  const allSenders = new Set(
    context.report.streams
      .filter((s) => s.direction === 'receive' && s.remotePeerId !== null && applies(s))
      .map((s) => s.remotePeerId as string),
  );

  let receivedPart = '';
  let senderScope: GroupScope = 'one-sender';
  if (received.length > 0) {
    const kinds = kindsPhrase(received);
    if (senders.length === 1) {
      const peer = senders[0] ?? null;
      receivedPart = peer === null ? `received ${kinds}` : `received ${kinds} from ${peerToken(peer)}`;
    } else if (known.length >= 2 && known.length === allSenders.size && known.length === senders.length) {
      senderScope = 'all-senders';
      receivedPart = `received ${kinds} from ${known.length === 2 ? 'both' : `all ${known.length}`} remote senders`;
    } else {
      senderScope = 'some-senders';
      const peers = known.length <= 3 ? ` (${listPhrase(known.map((peer) => peerToken(peer)))})` : '';
      receivedPart = `received ${kinds} from ${known.length} of ${allSenders.size} remote senders${peers}`;
    }
  }
  const sentPart = sent.length > 0 ? `sent ${kindsPhrase(sent)}` : '';
  if (sent.length > 0 && received.length > 0) {
    // Every stream the rule could judge was hit: say so, the way a support engineer would.
    const judged = context.report.streams.filter((s) => s.samples.length > 0 && applies(s));
    const hit = new Set(streams.map((s) => s.id));
    if (judged.every((s) => hit.has(s.id))) {
      const count = allSenders.size;
      const who = count <= 1 ? 'one remote sender' : count === 2 ? 'both remote senders' : `all ${count} remote senders`;
      const kinds = kindsPhrase(streams);
      const reportKinds = new Set(context.report.streams.filter((s) => s.samples.length > 0).map((s) => s.kind));
      const subject = streams.some((s) => s.kind !== streams[0]?.kind) || reportKinds.size <= 1
        ? `everything this participant sent and received (${kinds}; ${who})`
        : `all ${kinds} this participant sent and received (${who})`;
      return { scope: 'both', subject, remotePeerId: null, plural: false };
    }
    return { scope: 'both', subject: `${sentPart} and ${receivedPart}`, remotePeerId: null, plural: true };
  }
  if (sent.length > 0) return { scope: 'sent', subject: sentPart, remotePeerId: null, plural: true };
  return {
    scope: senderScope,
    subject: receivedPart,
    remotePeerId: senderScope === 'one-sender' ? (senders[0] ?? null) : null,
    plural: true,
  };
}

/** "Packet loss on sent audio and video", "Packet loss in both directions". */
export function groupTitle(label: string, description: GroupDescription): string {
  return description.scope === 'both' ? `${label} in both directions` : `${label} on ${description.subject}`;
}

/**
 * What the pattern points at, for network problems (loss, jitter, delay): empty when the
 * pattern says nothing on its own (one stream, or some senders).
 */
export function networkHint(description: GroupDescription, streamCount: number): string {
  switch (description.scope) {
    case 'both':
      return 'Sent and received media were hit at the same times: that points at this participant\'s own network (Wi-Fi, router, firewall or internet provider), not at the other peers.';
    case 'all-senders':
      return 'Every remote sender was hit at the same times: that points at this participant\'s downlink, not at the senders.';
    case 'sent':
      return `${streamCount === 2 ? 'Both' : `All ${streamCount}`} sent streams were hit at the same times: that points at this participant's uplink.`;
    default:
      return '';
  }
}
