// Unit conversion for the peer report. Every upstream unit trap is resolved here and
// nowhere else: per-sample rtt and jitter come in SECONDS, `duration` in decimal MINUTES,
// available bitrates in bits/s, counters per ~7 s interval (deltas, not running totals),
// fractions as 0..1.

/** Samples arrive about every 7 s (the RealtimeKit client's stats interval is 7000 ms); used when a stream has no interval to measure. */
export const DEFAULT_SAMPLE_INTERVAL_MS = 7000;

// Date can only represent ±8.64e15 ms; anything beyond is not a time.
const MAX_EPOCH_MS = 8.64e15;
// No RealtimeKit call predates 2000: earlier times are placeholders (epoch 0, Go's zero
// time) or garbage, and keeping them would stretch the timeline axis over decades.
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
// Epoch SECONDS from 2000 onwards are 9.5e8..1e11, which as milliseconds would all fall
// in 1970-1973; read numbers in that range as seconds rather than reject them.
const MIN_EPOCH_S = MIN_EPOCH_MS / 1000;
const MAX_EPOCH_S = 1e11;

function plausibleEpochMs(ms: number): number | null {
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : null;
}

export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Counters, durations and rates cannot be negative: a negative value is corrupt, not small. */
export function nonNegativeOrNull(value: unknown): number | null {
  const n = finiteOrNull(value);
  return n !== null && n >= 0 ? n : null;
}

export function secondsToMs(seconds: number | null): number | null {
  const n = finiteOrNull(seconds);
  // A hostile 1e308 would overflow to Infinity: still "not a number we can chart".
  return n === null ? null : finiteOrNull(n * 1000);
}

/**
 * `duration` is decimal minutes (66.5 s arrives as 1.109). Three decimals of a minute
 * are 60 ms of precision, so sub-millisecond digits are float noise: round them away.
 */
export function minutesToMs(minutes: number | null): number | null {
  const n = nonNegativeOrNull(minutes);
  return n === null ? null : finiteOrNull(Math.round(n * 60_000));
}

export function bitsPerSecondToKbps(bitsPerSecond: number | null): number | null {
  const n = nonNegativeOrNull(bitsPerSecond);
  return n === null ? null : n / 1000;
}

/** Bytes counted over one sample interval → kilobits per second. */
export function toBitrateKbps(bytes: number | null, intervalMs: number | null): number | null {
  const b = nonNegativeOrNull(bytes);
  const ms = nonNegativeOrNull(intervalMs);
  if (b === null || ms === null || ms === 0) return null;
  return finiteOrNull((b * 8) / (ms / 1000) / 1000);
}

/**
 * Loss of SENT packets, as the RealtimeKit client computes it (@cloudflare/realtimekit-callstats,
 * utils/packets.js, getProducerPacketLostPercentage): lost / sent. The sender's
 * `packets_lost` comes from the far end's receiver reports and `packets_sent` counts every
 * packet sent, the lost ones included, so sent is the whole. Null when nothing was sent (no
 * loss rate to speak of) or the counters are corrupt.
 */
export function sentLossPercent(lost: number | null, sent: number | null): number | null {
  const l = nonNegativeOrNull(lost);
  const s = nonNegativeOrNull(sent);
  if (l === null || s === null || s === 0) return null;
  return percentOrNull((l / s) * 100);
}

/**
 * Loss of RECEIVED packets, as the client computes it (utils/packets.js,
 * getConsumerPacketLostPercentage): lost / (received + lost). `packets_received` excludes
 * the lost ones, so the packets that should have arrived are both together. Null when
 * nothing was expected or the counters are corrupt.
 */
export function receivedLossPercent(lost: number | null, received: number | null): number | null {
  const l = nonNegativeOrNull(lost);
  const r = nonNegativeOrNull(received);
  if (l === null || r === null) return null;
  const total = r + l;
  if (total === 0) return null;
  return percentOrNull((l / total) * 100);
}

/** A percentage outside 0..100 is a misread, not an extreme: null rather than clamped. */
export function percentOrNull(percent: number | null): number | null {
  const n = finiteOrNull(percent);
  return n !== null && n >= 0 && n <= 100 ? n : null;
}

/** `*_fraction` and pre-call `fractional_loss` are 0..1; the model shows percent. */
export function fractionToPercent(fraction: number | null): number | null {
  const n = finiteOrNull(fraction);
  return n !== null && n >= 0 && n <= 1 ? n * 100 : null;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i += 1) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date.UTC counts
 * them (a day past the month's end rolls into the next month). Integer arithmetic only
 * (Howard Hinnant's days_from_civil): Date.UTC is a call into the runtime, several times
 * the cost of the rest of parseCanonicalIso.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const MS_PER_DAY = 86_400_000;

/**
 * `2025-03-04T10:00:00.123Z`, the form every sample timestamp takes, read without
 * Date.parse: an 8-hour report has over 100 000 of them and this is several times faster.
 * Anything else returns undefined and goes through the general path.
 */
function parseCanonicalIso(text: string): number | null | undefined {
  const length = text.length;
  if (length < 20 || text.charCodeAt(length - 1) !== 90 /* Z */ || text.charCodeAt(10) !== 84 /* T */) return undefined;
  // '-' is 45 and ':' is 58.
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return undefined;
  }
  let ms = 0;
  if (length > 20) {
    if (text.charCodeAt(19) !== 46 /* . */) return undefined;
    const fraction = digits(text, 20, length - 21);
    if (fraction < 0 || length - 21 === 0) return undefined;
    ms = Math.floor(fraction / 10 ** (length - 21 - 3));
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  // Date.UTC would read years 0-99 as 1900-1999; both are before MIN_EPOCH_MS and rejected alike.
  const time = ((hour * 60 + minute) * 60 + second) * 1000 + ms;
  return plausibleEpochMs(daysFromCivil(year, month, day) * MS_PER_DAY + time);
}

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DIGITS = /^\d+(?:\.\d+)?$/;

/**
 * ISO-8601 string or epoch-ms number → epoch ms, else null (also for times before 2000).
 * Only ISO is accepted because Date.parse also "understands" strings like "1" (2001) or
 * "May", which would put garbage on the timeline. A date-time without a zone is taken
 * as UTC: the API sends UTC, and Date.parse would otherwise read it as browser-local.
 */
export function parseTimestamp(value: unknown): number | null {
  if (typeof value === 'number') {
    if (value >= MIN_EPOCH_S && value < MAX_EPOCH_S) return plausibleEpochMs(value * 1000);
    return plausibleEpochMs(value);
  }
  if (typeof value !== 'string') return null;
  const fast = parseCanonicalIso(value);
  if (fast !== undefined) return fast;
  const text = value.trim();
  if (DIGITS.test(text)) return parseTimestamp(Number(text));
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  const [, date, time, zone] = match;
  let iso = `${date}T${(time ?? '00:00').replace(',', '.')}`;
  if (!zone || zone.toUpperCase() === 'Z') iso += 'Z';
  else iso += zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone.length === 3 ? `${zone}:00` : zone;
  return plausibleEpochMs(Date.parse(iso));
}

/** Median of finite values; null for none. Linear on average, called a few times per stream. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const copy = new Float64Array(values);
  const mid = Math.floor(copy.length / 2);
  const upper = nthSmallest(copy, mid);
  return copy.length % 2 === 1 ? upper : (nthSmallest(copy, mid - 1) + upper) / 2;
}

/**
 * The value a numeric sort would put at `rank` (0-based), found by selection (Hoare's
 * FIND) rather than sorting: ~10x faster for the ~4,000 values of one stream of a long
 * call. Reorders `values` in place. It answers exactly as `values.sort()[rank]` would:
 * NaN sorts after every number and -0 before +0. A rank outside the array gives NaN.
 */
export function nthSmallest(values: Float64Array, rank: number): number {
  if (!(rank >= 0 && rank < values.length)) return Number.NaN;
  // NaN compares false with everything, so it is moved out of the way first.
  let end = values.length;
  for (let i = 0; i < end; ) {
    if (Number.isNaN(values[i])) {
      end -= 1;
      values[i] = values[end] ?? 0;
      values[end] = Number.NaN;
    } else i += 1;
  }
  if (rank >= end) return Number.NaN;

  let low = 0;
  let high = end - 1;
  // Selection is quadratic on unlucky orders; past this many rounds the rest is sorted instead.
  let rounds = 4 * (32 - Math.clz32(end));
  while (low < high) {
    if (rounds === 0) {
      values.subarray(low, high + 1).sort();
      break;
    }
    rounds -= 1;
    const pivot = values[rank] ?? 0;
    let i = low;
    let j = high;
    do {
      while ((values[i] ?? 0) < pivot) i += 1;
      while (pivot < (values[j] ?? 0)) j -= 1;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    } while (i <= j);
    if (j < rank) low = i;
    if (rank < i) high = j;
  }
  const value = values[rank] ?? 0;
  if (value !== 0) return value;
  // -0 and +0 compare equal above; a sort puts every -0 first, so count where they fall.
  let below = 0;
  for (let i = 0; i < end; i += 1) {
    const v = values[i] ?? 0;
    if (v < 0 || Object.is(v, -0)) below += 1;
  }
  return rank < below ? -0 : 0;
}
