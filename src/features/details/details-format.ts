// Pure formatting for the detail panels: readable enum values, ICE candidates and media
// paths. No React, so it is tested on its own.

import { linkTypes, marksNominated } from '../../report/media-path.ts';
import type { CandidatePair, Connectivity } from '../../report/model.ts';

/** `groupCall` -> `Group call`, `GROUP_CALL` -> `Group call`, `webRTCView` -> `Web RTC view`. */
function readableIdentifier(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed === '') return raw;
  const shouting = trimmed === trimmed.toUpperCase();
  const words = trimmed
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter((word) => word !== '')
    // Keep acronyms (RTC, SDK) as written, unless the whole value was upper case.
    .map((word) => (!shouting && word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()));
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

export const readableRoomViewType = readableIdentifier;

export interface ShortText {
  text: string;
  shortened: boolean;
}

/** The first `max` characters with an ellipsis, for user agents and other long strings. */
export function shortenText(value: string, max = 60): ShortText {
  const chars = [...value];
  if (chars.length <= max) return { text: value, shortened: false };
  return { text: `${chars.slice(0, max).join('').trimEnd()}…`, shortened: true };
}

/** Lines in an SDP blob (CRLF or LF), not counting a trailing empty line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.at(-1) === '') lines.pop();
  return lines.length;
}

/** `141.101.70.59:55984`, `[2001:db8::1]:443`, or the address alone; null when there is no address. */
export function formatAddress(address: string | null, port: number | null): string | null {
  if (address === null || address === '') return null;
  if (port === null || !Number.isFinite(port)) return address;
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `${host}:${port}`;
}

const CANDIDATE_TYPES: Record<string, { label: string; meaning: string }> = {
  host: { label: 'host', meaning: 'An address of the device itself' },
  srflx: { label: 'server reflexive (STUN)', meaning: 'The public address a STUN server saw: direct path through NAT' },
  prflx: { label: 'peer reflexive', meaning: 'An address the other side saw during connectivity checks' },
  relay: { label: 'relay (TURN)', meaning: 'An address on a TURN server: media relayed through it' },
};

/** `relay (TURN)` for `relay`; unknown types as given. */
export function candidateTypeLabel(type: string | null): string | null {
  if (type === null || type === '') return null;
  return CANDIDATE_TYPES[type.toLowerCase()]?.label ?? type;
}

/** One sentence on what a candidate type means, or null for unknown types. */
export function candidateTypeMeaning(type: string | null): string | null {
  if (type === null) return null;
  return CANDIDATE_TYPES[type.toLowerCase()]?.meaning ?? null;
}

/** The available bitrate that matters for the transport's direction, falling back to the other. */
export function pairBitrateKbps(pair: CandidatePair, direction: 'send' | 'receive'): number | null {
  return direction === 'send'
    ? (pair.availableOutgoingKbps ?? pair.availableIncomingKbps)
    : (pair.availableIncomingKbps ?? pair.availableOutgoingKbps);
}

/**
 * What the ICE pairs that carried media say about the media path, in words; empty when
 * there are no pairs. Judged on the nominated pairs when the report marks them.
 */
export function describeMediaPath(connectivity: Pick<Connectivity, 'sending' | 'receiving' | 'usesRelay' | 'usesTcp'>): string[] {
  const count = connectivity.sending.length + connectivity.receiving.length;
  if (count === 0) return [];
  const lines: string[] = [];
  if (connectivity.usesRelay) lines.push('Media was relayed through TURN (relay candidate)');
  if (connectivity.usesTcp) lines.push('Media went over TCP');
  if (lines.length === 0) lines.push('Direct path over UDP, no relay');
  const links = linkTypes(connectivity);
  if (links.length > 0) lines.push(`Local link: ${links.join(', ')}`);
  const marked = marksNominated(connectivity.sending) || marksNominated(connectivity.receiving);
  if (!marked && count > 2) lines.push('The report does not mark which pair carried media: judged on every pair');
  return lines;
}

export type CheckVerdict = 'pass' | 'fail' | 'unknown';

export function checkVerdict(value: boolean | null): CheckVerdict {
  return value === null ? 'unknown' : value ? 'pass' : 'fail';
}
