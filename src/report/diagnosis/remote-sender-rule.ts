// When most of what this participant received badly came from one remote sender, the
// fault is that sender's uplink, not this participant's network: the ticket belongs to
// the other person. The rule reuses the sustained stretches the quality rules found.

import type { Finding, FindingMetric, QualityStream, TimeInterval } from '../model.ts';
import type { DiagnosisContext } from './context.ts';
import { coincide } from './grouping.ts';
import { evaluateThreshold, LOW_FRAME_RATE, LOW_MOS, PACKET_LOSS, type ThresholdRuleSpec } from './quality-rules.ts';
import { formatShare } from '../../lib/format.ts';
import { durationPhrase, plural } from './sentence.ts';
import { mergeIntervals } from '../time-series.ts';
import { findingId, type DiagnosisRule } from './types.ts';
import { fullPeerToken } from '../phrase.ts';

const ID = 'remote-sender';
/** Percent of all received problem samples that points at one sender. */
const RESPONSIBLE_PERCENT = 60;
const SOURCE = 'Peerscope: received loss, frame rate and MOS problems (Twilio, Teams thresholds) grouped by remote sender';

const PROBLEM_SPECS: readonly ThresholdRuleSpec[] = [PACKET_LOSS, LOW_FRAME_RATE, LOW_MOS];

interface SenderTally {
  problems: number;
  intervals: TimeInterval[];
  byMetric: Map<FindingMetric, number>;
}

/** Samples of one stream inside a sustained loss, frame-rate or MOS problem, each counted once. */
function tallyStream(context: DiagnosisContext, stream: QualityStream, tally: SenderTally): void {
  const seen = new Set<number>();
  for (const spec of PROBLEM_SPECS) {
    if (!spec.applies(stream)) continue;
    const { warn } = evaluateThreshold(context, spec, stream);
    if (warn.hits.length === 0) continue;
    tally.intervals.push(...warn.intervals);
    tally.byMetric.set(spec.metric, (tally.byMetric.get(spec.metric) ?? 0) + warn.hits.length);
    for (const index of warn.hits) seen.add(index);
  }
  tally.problems += seen.size;
}

export const REMOTE_SENDER: DiagnosisRule = {
  id: ID,
  title: 'One remote sender behind most received problems',
  threshold: `warning: one remote peer has >= ${RESPONSIBLE_PERCENT} % of received problem samples, with 2 or more senders`,
  sustain: 'as the loss, frame-rate and MOS rules (3 of 5 samples)',
  severities: ['warning'],
  source: SOURCE,
  run(context) {
    const tallies = new Map<string, SenderTally>();
    for (const stream of context.report.streams) {
      if (stream.direction !== 'receive' || stream.remotePeerId === null) continue;
      let tally = tallies.get(stream.remotePeerId);
      if (!tally) {
        tally = { problems: 0, intervals: [], byMetric: new Map() };
        tallies.set(stream.remotePeerId, tally);
      }
      tallyStream(context, stream, tally);
    }
    // With a single sender every received problem is "theirs": that says nothing about whose network failed.
    if (tallies.size < 2) return [];
    let total = 0;
    let worstPeer: string | null = null;
    let worst: SenderTally | null = null;
    for (const [peer, tally] of tallies) {
      total += tally.problems;
      if (!worst || tally.problems > worst.problems) {
        worst = tally;
        worstPeer = peer;
      }
    }
    if (!worst || worstPeer === null || total === 0 || 100 * worst.problems < RESPONSIBLE_PERCENT * total) return [];
    // Every sender hit at the same times is this participant's downlink, not one sender's
    // uplink: the grouped quality findings say so, and blaming one of them would mislead.
    const worstIntervals = mergeIntervals(worst.intervals);
    const shared = [...tallies.values()].every(
      (tally) => tally === worst || (tally.problems > 0 && coincide(worstIntervals, mergeIntervals(tally.intervals), 'mutual')),
    );
    if (shared) return [];

    let metric: FindingMetric | null = null;
    let most = 0;
    for (const [candidate, count] of worst.byMetric) {
      if (count > most) {
        most = count;
        metric = candidate;
      }
    }
    const intervals = worstIntervals;
    const kinds = [...worst.byMetric.keys()].map((m) => (m === 'lossPercent' ? 'packet loss' : m === 'fps' ? 'low frame rate' : 'low MOS'));
    const finding: Finding = {
      id: findingId(ID, null),
      rule: ID,
      severity: 'warning',
      title: 'Problems come from one remote sender',
      sentence: `One sender, ${fullPeerToken(worstPeer)}, accounts for ${formatShare(worst.problems, total)} of the problem samples in received media (${kinds.join(', ')}) across ${plural(tallies.size, 'remote sender')}, ${durationPhrase(intervals, context.origin)}: the problem is on that sender's side, not this participant's network.`,
      streamId: null,
      streamIds: [],
      remotePeerId: worstPeer,
      metric,
      intervals,
      source: SOURCE,
    };
    return [finding];
  },
};
