// Runs every diagnosis rule over a report and returns what they found, worst first.
// A rule is a pure function of the model; one that throws on odd data is skipped, so a
// single broken rule costs its own findings, never the summary page.

import type { Finding, FindingSeverity, PeerReport } from '../model';
import { CONNECTIVITY_RULES } from './connectivity-rules';
import { DiagnosisContext } from './context';
import { EVENT_RULES } from './event-rules';
import { QUALITY_RULES } from './quality-rules';
import { REMOTE_SENDER } from './remote-sender-rule';
import { totalDuration } from './sustained';
import type { DiagnosisRule, RuleInfo } from './types';

export type { DiagnosisRule, RuleInfo } from './types';

export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [...QUALITY_RULES, ...CONNECTIVITY_RULES, ...EVENT_RULES, REMOTE_SENDER];

/** The rules' metadata alone, for a "what we check" list. */
export const RULE_INFO: readonly RuleInfo[] = DIAGNOSIS_RULES.map(({ id, title, threshold, sustain, severities, source }) => ({
  id,
  title,
  threshold,
  sustain,
  severities,
  source,
}));

const SEVERITY_RANK: Record<FindingSeverity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Critical before warning before info; then what lasted longer; then what came first.
 * A whole-call fact (no intervals) held for the whole call, so it counts as the call's
 * length and starts with the call.
 */
export function sortFindings(findings: readonly Finding[], call: { start: number; end: number } | null): Finding[] {
  const callLength = call ? call.end - call.start : 0;
  const callStart = call?.start ?? Number.NEGATIVE_INFINITY;
  const keyed = findings.map((finding) => ({
    finding,
    rank: SEVERITY_RANK[finding.severity] ?? 3,
    duration: finding.intervals.length === 0 ? callLength : totalDuration(finding.intervals),
    start: finding.intervals[0]?.start ?? callStart,
  }));
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      b.duration - a.duration ||
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
    return sortFindings(findings, context.range);
  } catch {
    return findings;
  }
}
