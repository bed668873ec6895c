// Root causes before the symptoms they explain. One remote sender with a bad uplink shows
// up as packet loss, low MOS and a low frame rate on everything received from them: three
// findings that are all that sender's doing. A support engineer reads the list top down,
// so the finding that answers "whose fault" leads its symptoms, wherever their severities
// would have put them.

import type { Finding } from '../model.ts';

/** Rules whose findings name a cause, and which findings count as its symptoms. */
const EXPLAINS: Readonly<Record<string, (cause: Finding, other: Finding) => boolean>> = {
  // Everything received badly from that one sender.
  'remote-sender': (cause, other) => cause.remotePeerId !== null && other.remotePeerId === cause.remotePeerId,
  // An encoder held back by the CPU or by bandwidth sends fewer frames and smaller pictures.
  'cpu-limited': (cause, other) => isVideoSymptom(other) && sharesStream(cause, other),
  'bandwidth-limited': (cause, other) => isVideoSymptom(other) && sharesStream(cause, other),
};

function isVideoSymptom(finding: Finding): boolean {
  return finding.rule === 'low-frame-rate' || finding.rule === 'low-resolution';
}

function sharesStream(a: Finding, b: Finding): boolean {
  return a.streamIds.some((id) => b.streamIds.includes(id));
}

/**
 * `findings`, worst first, regrouped so that each cause comes first among its symptoms, the
 * group taking the place of its best-ranked member. Findings that explain nothing and are
 * explained by nothing keep their order. A symptom explained by several causes follows the
 * first of them.
 */
export function causesFirst(findings: readonly Finding[]): Finding[] {
  const causeOf = new Map<Finding, Finding>();
  for (const cause of findings) {
    const explains = EXPLAINS[cause.rule];
    if (!explains) continue;
    for (const other of findings) {
      if (other !== cause && !causeOf.has(other) && !EXPLAINS[other.rule] && explains(cause, other)) causeOf.set(other, cause);
    }
  }
  if (causeOf.size === 0) return [...findings];
  const placed = new Set<Finding>();
  const ordered: Finding[] = [];
  for (const finding of findings) {
    if (placed.has(finding)) continue;
    const cause = causeOf.get(finding) ?? finding;
    for (const member of [cause, ...findings.filter((other) => causeOf.get(other) === cause)]) {
      if (placed.has(member)) continue;
      placed.add(member);
      ordered.push(member);
    }
  }
  return ordered;
}
