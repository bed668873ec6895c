// Redaction for sharing a report outside support: a deep copy with every IP address (in
// any key or string, SDP candidate lines included), user agents and device labels
// replaced, and optionally the participant's names and user IDs. Pure and never mutates.
//
// The traps: SDP fingerprints (`AB:CD:EF:...`), MAC addresses and clock times are colon
// separated hex too, and four-part version strings (`Chrome/120.0.0.0`) look like IPv4.
// So IPv6 is matched on whole colon runs and then validated strictly, and IPv4 is not
// matched inside longer dotted numbers, after a letter, or as a product version token.

import { isRecord } from '../lib/json-value.ts';

export const REDACTED_IP = '[redacted-ip]';
export const REDACTED_USER_AGENT = '[redacted-user-agent]';
export const REDACTED_DEVICE_LABEL = '[redacted-device-label]';
export const REDACTED_NAME = '[redacted-name]';
export const REDACTED_USER_ID = '[redacted-user-id]';

export interface RedactOptions {
  /** Also replace display_name, user_id and custom_participant_id. */
  namesAndUserIds: boolean;
}

type Normalized = string;

/** Lower case, without `_` and `-`, so `user_agent`, `userAgent` and `User-Agent` compare equal. */
function normalizeKey(key: string): Normalized {
  return key.toLowerCase().replace(/[_-]/g, '');
}

const IP_KEYS = new Set(['ip', 'ips', 'ipv4', 'ipv6', 'raddr', 'address', 'addresses']);

function isIpKey(key: string): boolean {
  const k = normalizeKey(key);
  if (IP_KEYS.has(k) || k.endsWith('address') || k.endsWith('addresses')) return true;
  // `remote_ip`, `clientIp`, `client_ipv4`; not `tooltip` or `zip`.
  return /(?:_|^)ip(?:v[46])?s?$/i.test(key) || /[a-z0-9]IP(?:v[46])?s?$/.test(key) || /[a-z0-9]Ip(?:v[46])?s?$/.test(key);
}

function isUserAgentKey(key: string): boolean {
  const k = normalizeKey(key);
  return k === 'useragent' || k === 'ua' || k.endsWith('useragent');
}

function isLabelKey(key: string): boolean {
  return normalizeKey(key).endsWith('label');
}

function isVersionKey(key: string): boolean {
  return /version/i.test(key);
}

/** A version number under a version key (`browser_version: "120.0.0.0"`): it looks like an IPv4 address and is not one. */
export function isVersionNumber(key: string | null, value: string): boolean {
  return key !== null && isVersionKey(key) && DOTTED_VERSION.test(value);
}

const NAME_KEYS = new Set(['displayname']);
const USER_ID_KEYS = new Set(['userid', 'customparticipantid', 'clientspecificid']);
/** Keys that make an object a participant, so its bare `name` is a person's name (not an event's or an ISP's). */
const PARTICIPANT_MARKERS = ['display_name', 'user_id', 'custom_participant_id', 'joined_at', 'peer_report', 'peer_stats', 'preset_name', 'role'];

const DOTTED_VERSION = /^\s*v?\d+(?:\.\d+)+\s*$/i;

// ---------------------------------------------------------------------------------------
// Finding addresses in text.

interface Span {
  start: number;
  end: number;
}

const HEX_COLON_RUN = /[0-9A-Fa-f:.]+/g;
const ZONE_ID = /[0-9A-Za-z_.~-]+/y;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;
const IPV4_EXACT = /^(?:(?:25[0-5]|2[0-4]\d|[01]?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d?\d)$/;
// Not inside a longer dotted number, not after a letter (`v1.2.3.4`), not a product version
// (`Chrome/120.0.0.0` as a word of its own); `turn://1.2.3.4` and `/ip/1.2.3.4` still match.
const IPV4_IN_TEXT = /(?<![A-Za-z0-9.]|(?:^|[\s(;,"'])[A-Za-z][\w.-]*\/)(?:(?:25[0-5]|2[0-4]\d|[01]?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|[01]?\d?\d)(?!\d|\.\d)/g;

function isWordLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[G-Zg-z_]/.test(ch);
}

/** Strict IPv6 text form check (RFC 4291 section 2.2), zone ID excluded. */
export function isIpv6(text: string): boolean {
  if (!/[0-9A-Fa-f]/.test(text)) return false;
  const doubles = text.split('::').length - 1;
  if (doubles > 1) return false;
  let groups = 0;
  const check = (part: string, last: boolean): boolean => {
    if (part === '') return true;
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i += 1) {
      const piece = pieces[i] ?? '';
      if (last && i === pieces.length - 1 && piece.includes('.')) {
        if (!IPV4_EXACT.test(piece)) return false;
        groups += 2;
      } else if (HEX_GROUP.test(piece)) {
        groups += 1;
      } else {
        return false;
      }
    }
    return true;
  };
  if (doubles === 1) {
    const [head = '', tail = ''] = text.split('::');
    if (!check(head, false) || !check(tail, true)) return false;
    return groups <= 7;
  }
  if (!check(text, true)) return false;
  return groups === 8;
}

function trimRun(text: string, start: number, end: number): Span | null {
  let a = start;
  let b = end;
  if (isWordLetter(text[a - 1])) {
    // `std::string`, `Foo::bar`: a scope operator after a word, not an address.
    if (text.startsWith('::', a)) return null;
    // `ip6:2001:db8::1`: the run begins inside a word; the address starts after its colon.
    if (text[a] !== ':') {
      const colon = text.indexOf(':', a);
      if (colon < 0 || colon >= b) return null;
      a = colon + 1;
    }
  }
  if (text[a] === ':' && text[a + 1] !== ':') a += 1;
  while (b > a && text[b - 1] === '.') b -= 1;
  if (text[b - 1] === ':' && text[b - 2] !== ':') b -= 1;
  while (b > a && text[b - 1] === '.') b -= 1;
  if (b <= a) return null;
  const token = text.slice(a, b);
  if (isIpv6(token)) return { start: a, end: b };
  // `2001:db8:0:0:0:0:0:1:3478` or `::ffff:192.0.2.1:3478`: an address with a port, unbracketed.
  const lastColon = token.lastIndexOf(':');
  if (lastColon > 0 && /^\d{1,5}$/.test(token.slice(lastColon + 1)) && token[lastColon - 1] !== ':') {
    const shorter = token.slice(0, lastColon);
    if (isIpv6(shorter)) return { start: a, end: a + lastColon };
  }
  return null;
}

function ipv6Spans(text: string): Span[] {
  if (!text.includes(':')) return [];
  const spans: Span[] = [];
  HEX_COLON_RUN.lastIndex = 0;
  for (let match = HEX_COLON_RUN.exec(text); match !== null; match = HEX_COLON_RUN.exec(text)) {
    const runStart = match.index;
    const runEnd = runStart + match[0].length;
    if (!match[0].includes(':')) continue;
    const span = trimRun(text, runStart, runEnd);
    if (!span) continue;
    if (span.end === runEnd && text[runEnd] === '%') {
      ZONE_ID.lastIndex = runEnd + 1;
      const zone = ZONE_ID.exec(text);
      if (zone) {
        span.end = runEnd + 1 + zone[0].length;
        HEX_COLON_RUN.lastIndex = span.end;
      }
    } else if (span.end === runEnd && isWordLetter(text[runEnd])) {
      // `dead::beefy`: the run runs on into a word.
      continue;
    }
    // `[2001:db8::1]:443`: take the brackets too, the placeholder has its own.
    if (text[span.start - 1] === '[' && text[span.end] === ']') {
      span.start -= 1;
      span.end += 1;
    }
    spans.push(span);
  }
  return spans;
}

function replaceSpans(text: string, spans: readonly Span[], replacement: string): string {
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + replacement;
    at = span.end;
  }
  return out + text.slice(at);
}

/** The text with every IPv6 and IPv4 address replaced by `[redacted-ip]`. */
export function redactIpsInText(text: string): string {
  const withoutV6 = replaceSpans(text, ipv6Spans(text), REDACTED_IP);
  if (!/\d\.\d/.test(withoutV6)) return withoutV6;
  return withoutV6.replace(IPV4_IN_TEXT, REDACTED_IP);
}

/** Every IPv6 and IPv4 address in the text, as written. */
export function ipsInText(text: string): string[] {
  const spans = ipv6Spans(text);
  const found = spans.map((s) => text.slice(s.start, s.end));
  const withoutV6 = replaceSpans(text, spans, REDACTED_IP);
  for (const match of withoutV6.matchAll(IPV4_IN_TEXT)) found.push(match[0]);
  return found;
}

// ---------------------------------------------------------------------------------------
// Walking the report.


function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // A `__proto__` key from JSON.parse is an own property; plain assignment would set the prototype.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function redactString(value: string, key: string | null): string {
  if (isVersionNumber(key, value)) return value;
  if (/^\s*Mozilla\/\d/.test(value)) return REDACTED_USER_AGENT;
  return redactIpsInText(value);
}

function redactNamedScalar(value: unknown, placeholder: string): unknown {
  if (typeof value === 'string') return value === '' ? value : placeholder;
  if (typeof value === 'number') return placeholder;
  return undefined;
}

function looksLikeParticipant(obj: Record<string, unknown>): boolean {
  return Object.hasOwn(obj, 'id') && PARTICIPANT_MARKERS.some((k) => Object.hasOwn(obj, k));
}

/**
 * How one value is redacted: `placeholder` replaces it when it is a non-empty string or a
 * number (a field named for what it holds); `itemPlaceholder` does the same for the items
 * of an array there (a list of addresses). Strings elsewhere have their addresses replaced,
 * judged by `key`, the nearest property name above them.
 */
interface Slot {
  value: unknown;
  key: string | null;
  placeholder: string | null;
  itemPlaceholder: string | null;
  /** Where the copy goes: an item of the parent's copy, or one of its properties. */
  into: { array: unknown[]; index: number } | { object: Record<string, unknown>; property: string };
}

function fieldSlot(obj: Record<string, unknown>, key: string, options: RedactOptions): Pick<Slot, 'placeholder' | 'itemPlaceholder'> {
  const k = normalizeKey(key);
  if (isIpKey(key)) return { placeholder: REDACTED_IP, itemPlaceholder: REDACTED_IP };
  if (isUserAgentKey(key)) return { placeholder: REDACTED_USER_AGENT, itemPlaceholder: null };
  if (isLabelKey(key)) return { placeholder: REDACTED_DEVICE_LABEL, itemPlaceholder: null };
  if (options.namesAndUserIds) {
    if (NAME_KEYS.has(k) || (k === 'name' && looksLikeParticipant(obj))) return { placeholder: REDACTED_NAME, itemPlaceholder: null };
    if (USER_ID_KEYS.has(k)) return { placeholder: REDACTED_USER_ID, itemPlaceholder: null };
  }
  return { placeholder: null, itemPlaceholder: null };
}

function place({ into }: Slot, copy: unknown): void {
  if ('array' in into) into.array[into.index] = copy;
  else setOwn(into.object, into.property, copy);
}

/**
 * Each key of `obj` with the name it gets in the copy, in order. Two keys that differed only
 * by an address must not overwrite each other.
 */
function copyKeys(obj: Record<string, unknown>, out: Record<string, unknown>): [key: string, outKey: string][] {
  const pairs: [string, string][] = [];
  for (const key of Object.keys(obj)) {
    let outKey = redactIpsInText(key);
    if (outKey !== key) {
      let n = 2;
      const base = outKey;
      while (Object.hasOwn(out, outKey) || (Object.hasOwn(obj, outKey) && outKey !== key)) outKey = `${base} (${n++})`;
    }
    // Taken now, so the next key sees it, and the copy keeps the original order.
    setOwn(out, outKey, undefined);
    pairs.push([key, outKey]);
  }
  return pairs;
}

/**
 * The walk, with a stack of its own rather than the call stack: a hostile report nested
 * 100 000 levels deep must not overflow it. Each slot is a value to copy and where its copy goes.
 */
function redactTree(input: unknown, options: RedactOptions): unknown {
  const root: unknown[] = [undefined];
  const stack: Slot[] = [{ value: input, key: null, placeholder: null, itemPlaceholder: null, into: { array: root, index: 0 } }];
  for (let slot = stack.pop(); slot !== undefined; slot = stack.pop()) {
    const { value, key } = slot;
    const named = slot.placeholder === null ? undefined : redactNamedScalar(value, slot.placeholder);
    if (named !== undefined) {
      place(slot, named);
    } else if (typeof value === 'string') {
      place(slot, redactString(value, key));
    } else if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      place(slot, out);
      for (let i = value.length - 1; i >= 0; i -= 1) {
        stack.push({ value: value[i], key, placeholder: slot.itemPlaceholder, itemPlaceholder: null, into: { array: out, index: i } });
      }
    } else if (isRecord(value)) {
      const out: Record<string, unknown> = {};
      place(slot, out);
      const pairs = copyKeys(value, out);
      // Pushed last to first, so they are copied first to last.
      for (const [field, property] of pairs.reverse()) {
        stack.push({ value: value[field], key: field, ...fieldSlot(value, field, options), into: { object: out, property } });
      }
    } else {
      place(slot, value);
    }
  }
  return root[0];
}

/**
 * A deep copy of a peer report (envelope or bare data) safe to attach to a ticket outside
 * support: IP addresses, user agents and device labels replaced, and with
 * `namesAndUserIds` the participant's display name, user ID and custom participant ID.
 */
export function redactReport(input: unknown, options: RedactOptions): unknown {
  return redactTree(input, options);
}
