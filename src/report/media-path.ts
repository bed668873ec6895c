// Which ICE candidate pairs carried media. The RealtimeKit client collects every candidate
// pair of a transport and marks the one the browser selected `nominated: true` (Firefox's
// `selected` is folded into it: @cloudflare/realtimekit-callstats, measurements.js). The
// media path is the nominated pair(s) when any is marked; the others were only tried, and a
// relay or TCP pair among them says nothing about how media travelled.

import type { CandidatePair, Connectivity } from './model.ts';

/** Whether the report marks which pair of the transport was selected. */
export function marksNominated(pairs: readonly CandidatePair[]): boolean {
  return pairs.some((pair) => pair.nominated === true);
}

/** The pairs that carried media: the nominated ones, or every pair when none is marked. */
export function mediaPairs(pairs: readonly CandidatePair[]): CandidatePair[] {
  return marksNominated(pairs) ? pairs.filter((pair) => pair.nominated === true) : [...pairs];
}

/** The pairs that were tried but did not carry media: empty when none is marked. */
export function triedPairs(pairs: readonly CandidatePair[]): CandidatePair[] {
  return marksNominated(pairs) ? pairs.filter((pair) => pair.nominated !== true) : [];
}

/**
 * The local link the media pairs ran over (`wifi`, `ethernet`, `cellular`, ...), as the
 * candidates' `network_type` gives it, each once. Not the pre-call `effective_network_type`:
 * that is the browser's connection-speed class, and a wired desktop reports 4g.
 */
export function linkTypes(connectivity: Pick<Connectivity, 'sending' | 'receiving'>): string[] {
  const types = new Set<string>();
  for (const pair of [...mediaPairs(connectivity.sending), ...mediaPairs(connectivity.receiving)]) {
    const type = pair.local.networkType?.trim();
    if (type) types.add(type);
  }
  return [...types];
}
