// Runs every diagnosis rule over a report and returns what they found, worst first (see
// sortFindings for what "worst" means). Rules over streams already group one problem seen
// on several streams at the same times into one finding (./grouping.ts).
// A rule is a pure function of the model; one that throws on odd data is skipped, so a
// single broken rule costs its own findings, never the summary page.

import type { Finding, FindingSeverity, PeerReport } from '../model.ts';
import { causesFirst } from './causes.ts';
import { CONNECTIVITY_RULES } from './connectivity-rules.ts';
import { DiagnosisContext } from './context.ts';
import { EVENT_RULES } from './event-rules.ts';
import { MEDIA_OFF } from './media-off-rule.ts';
import { PLAYER_RULES } from './player-rules.ts';
import { QUALITY_RULES } from './quality-rules.ts';
import { REMOTE_SENDER } from './remote-sender-rule.ts';
import { totalDuration } from '../time-series.ts';
import type { DiagnosisRule } from './types.ts';

export type { DiagnosisRule, RuleInfo } from './types.ts';

export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  ...QUALITY_RULES,
  MEDIA_OFF,
  ...CONNECTIVITY_RULES,
  ...EVENT_RULES,
  ...PLAYER_RULES,
  REMOTE_SENDER,
];

const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Rules whose findings are the connection itself going away. A drop cuts everything, for
 * everyone in the call, however short it was, and it explains the quality findings around
 * it: it leads its severity instead of sinking below long quality problems.
 */
const CONNECTION_RULES: ReadonlySet<string> = new Set(['reconnects']);

/**
 * Worst first:
 * 1. severity: critical, then warning, then info;
 * 2. within a severity, connection drops (CONNECTION_RULES) first;
 * 3. then how long it held (a grouped finding: the union of its streams' stretches). A
 *    whole-call fact (no intervals, e.g. media over TCP) held for the whole call;
 * 4. then how many streams it hit: on equal time, loss on everything outranks loss on one;
 * 5. then what came first, then the id, so the order is stable.
 *
 * Duration before breadth on purpose: weighting by stream count would let a one-minute
 * blip on eight streams outrank a round-trip time over 300 ms all call long.
 */
export function sortFindings(findings: readonly Finding[], call: { start: number; end: number } | null): Finding[] {
  const callLength = call ? call.end - call.start : 0;
  const callStart = call?.start ?? Number.NEGATIVE_INFINITY;
  const keyed = findings.map((finding) => ({
    finding,
    rank: SEVERITY_RANK[finding.severity] ?? 3,
    connection: CONNECTION_RULES.has(finding.rule) ? 0 : 1,
    duration: finding.intervals.length === 0 ? callLength : totalDuration(finding.intervals),
    breadth: finding.streamIds.length,
    start: finding.intervals[0]?.start ?? callStart,
  }));
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      a.connection - b.connection ||
      b.duration - a.duration ||
      b.breadth - a.breadth ||
      a.start - b.start ||
      (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0),
  );
  return keyed.map((entry) => entry.finding);
}

export function diagnose(report: PeerReport, rules: readonly DiagnosisRule[] = DIAGNOSIS_RULES): Finding[] {
  let context: DiagnosisContext;
  try {
    context = new DiagnosisContext(report);
  } catch {
    return [];
  }
  const findings: Finding[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    let found: Finding[];
    try {
      found = rule.run(context);
    } catch {
      // Skipped on purpose: the other rules' findings still stand.
      continue;
    }
    for (const finding of found) {
      if (ids.has(finding.id)) continue;
      ids.add(finding.id);
      findings.push(finding);
    }
  }
  try {
    return causesFirst(sortFindings(findings, context.range));
  } catch {
    return findings;
  }
}
