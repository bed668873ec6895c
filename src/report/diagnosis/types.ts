import type { Finding, FindingSeverity } from '../model.ts';
import type { DiagnosisContext } from './context.ts';

/** What the UI can list about a rule without running it. */
export interface RuleInfo {
  /** Also the `rule` of its findings and the prefix of their ids. */
  id: string;
  title: string;
  /** In words, with units: "warning > 1 %, critical > 5 %". */
  threshold: string;
  /** "3 of 5 samples"; null for rules over events or whole-call facts. */
  sustain: string | null;
  /** The severities this rule can give. */
  severities: readonly FindingSeverity[];
  source: string;
}

export interface DiagnosisRule extends RuleInfo {
  run(context: DiagnosisContext): Finding[];
}

export function findingId(rule: string, streamId: string | null): string {
  return `${rule}:${streamId ?? 'call'}`;
}
