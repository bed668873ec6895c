// Finding titles and sentences name clock times and remote senders, but the report stage
// knows neither the zone the reader chose nor the senders' names (those arrive later, from
// the session's participants). So it writes them as tokens, and the page renders each
// phrase when it shows it: every clock time in the chosen zone, labelled, and every sender
// by name when it is known. Plain text around the tokens is kept as written.

import { formatClock, shortId, zonedParts, type DisplayZone } from '../lib/format.ts';
import type { Finding } from './model.ts';

// Private-use characters: never in the rules' own wording, and a peer ID is percent-encoded
// into its token, so whatever text an ID holds cannot end one early.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const TOKEN = /\uE000([tzpP])([^\uE001]*)\uE001/g;

/** A clock time (`13:14:05`), in whatever zone the phrase is rendered in. */
export function clockToken(ms: number): string {
  return `${OPEN}t${ms}${CLOSE}`;
}

/** The label of the zone the phrase is rendered in, at that instant (`UTC`, `UTC-05:00`). */
export function zoneToken(ms: number): string {
  return `${OPEN}z${ms}${CLOSE}`;
}

/** A remote sender: their name when the page knows it, else `peer 3f2a9c1d…e6b438`. */
export function peerToken(peerId: string): string {
  return `${OPEN}p${encodeURIComponent(peerId)}${CLOSE}`;
}

/**
 * A remote sender with the whole peer ID, for the sentence a ticket quotes to find them:
 * `Priya Shah (peer 3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6)`, or the peer ID alone.
 */
export function fullPeerToken(peerId: string): string {
  return `${OPEN}P${encodeURIComponent(peerId)}${CLOSE}`;
}

export interface PhraseContext {
  zone: DisplayZone;
  /** A sender's display name, or null when it is not known. */
  peerName?: (peerId: string) => string | null;
}

/** The offset the zone had at that instant, `UTC-05:00`, `UTC+05:30`; `UTC` when there is none. */
export function zoneLabel(ms: number, zone: DisplayZone): string {
  const offset = zone === 'UTC' ? 'UTC+00:00' : (zonedParts(ms, zone)?.offset ?? 'UTC+00:00');
  return offset === 'UTC+00:00' ? 'UTC' : offset;
}

/** The phrase as a reader sees it. */
export function renderPhrase(phrase: string, context: PhraseContext): string {
  if (!phrase.includes(OPEN)) return phrase;
  return phrase.replace(TOKEN, (_, kind: string, value: string) => {
    if (kind === 'p' || kind === 'P') {
      const peerId = safeDecode(value);
      const name = context.peerName?.(peerId) ?? null;
      if (kind === 'p') return name ?? `peer ${shortId(peerId)}`;
      return name === null ? `peer ${peerId}` : `${name} (peer ${peerId})`;
    }
    const ms = Number(value);
    return kind === 't' ? formatClock(ms, context.zone) : zoneLabel(ms, context.zone);
  });
}

/** The remote senders a phrase names, in order of first mention. */
export function peersIn(phrase: string): string[] {
  const found: string[] = [];
  for (const [, kind, value] of phrase.matchAll(TOKEN)) {
    if ((kind !== 'p' && kind !== 'P') || value === undefined) continue;
    const peerId = safeDecode(value);
    if (!found.includes(peerId)) found.push(peerId);
  }
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A finding with its title and sentence as a reader sees them. */
export function renderFinding(finding: Finding, context: PhraseContext): Finding {
  return { ...finding, title: renderPhrase(finding.title, context), sentence: renderPhrase(finding.sentence, context) };
}
