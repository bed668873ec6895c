// The one vocabulary for writing numbers, durations, times and sizes on the page, in
// findings and in tickets. Pure, so it is tested on its own. Each number formatter takes
// null (or a non-finite value) and then gives null, so a panel can show "not reported".

// ---------------------------------------------------------------------------------------
// Numbers and units.

const wholeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const tenthsFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function usable(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

/**
 * Sensible precision: whole numbers from 100 up, one decimal below, no trailing `.0`,
 * thousands grouped ("1,452", "18.2", "5"). Rounding happens before the check, so 99.96
 * reads "100".
 */
export function formatNumber(value: number): string;
export function formatNumber(value: number | null): string | null;
export function formatNumber(value: number | null): string | null {
  if (!usable(value)) return null;
  const text = Math.abs(value) >= 99.95 ? wholeFormat.format(value) : tenthsFormat.format(value);
  return text === '-0' ? '0' : text;
}

/** A count: `1,234`. */
export function formatCount(value: number): string;
export function formatCount(value: number | null): string | null;
export function formatCount(value: number | null): string | null {
  return usable(value) ? wholeFormat.format(value) : null;
}

function withUnit(value: number | null, unit: string): string | null {
  const number = formatNumber(value);
  return number === null ? null : `${number} ${unit}`;
}

/** `452 ms`, `6.5 ms`. */
export function formatMs(value: number): string;
export function formatMs(value: number | null): string | null;
export function formatMs(value: number | null): string | null {
  return withUnit(value, 'ms');
}

/** `1.2 %`. */
export function formatPercent(value: number): string;
export function formatPercent(value: number | null): string | null;
export function formatPercent(value: number | null): string | null {
  return withUnit(value, '%');
}

/** `850 kbps`, `18.2 kbps`, `2.61 Mbps`, `30.2 Mbps`. */
export function formatBitrate(kbps: number): string;
export function formatBitrate(kbps: number | null): string | null;
export function formatBitrate(kbps: number | null): string | null {
  // A negative rate is corrupt data, not a slow stream.
  if (!usable(kbps) || kbps < 0) return null;
  if (kbps < 999.5) return withUnit(kbps, 'kbps');
  const mbps = kbps / 1000;
  return `${mbps.toFixed(mbps < 10 ? 2 : 1)} Mbps`;
}

/** `24 fps`, `7.5 fps`. */
export function formatFps(value: number): string;
export function formatFps(value: number | null): string | null;
export function formatFps(value: number | null): string | null {
  return withUnit(value, 'fps');
}

/** A video height as its usual name: `720p`. */
export function formatHeight(value: number): string;
export function formatHeight(value: number | null): string | null;
export function formatHeight(value: number | null): string | null {
  return usable(value) ? `${Math.round(value)}p` : null;
}

/** MOS differences of a few hundredths matter near 3.5, so two decimals: `3.48`. */
export function formatMos(value: number): string;
export function formatMos(value: number | null): string | null;
export function formatMos(value: number | null): string | null {
  return usable(value) ? value.toFixed(2) : null;
}

/** Share of a whole as "61 %", "under 1 %". */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0) return '0 %';
  const percent = (100 * part) / whole;
  if (percent > 0 && percent < 1) return 'under 1 %';
  return `${Math.round(Math.min(100, percent))} %`;
}

/** Axis labels, short: `850`, `2.5`, `1.5k`, `12k`. */
export function formatAxisNumber(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** `1 problem`, `3 problems`, `0 checks`: a count with its noun in the right number. */
export function formatCountOf(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------
// Durations, sizes and text.

/** `h:mm:ss`, e.g. 1:02:03; negative or non-finite input gives null. */
export function formatDuration(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return null;
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Short spoken form for sentences: "2 min 40 s", "1 h 5 min", "12 s". */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return seconds > 0 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  return `${seconds} s`;
}

// ---------------------------------------------------------------------------------------
// Clock times. One style everywhere: `2026-09-14 13:02:47`, a 24-hour clock, the date
// year first, so a local time, the participant's time and the UTC times of tickets read
// alike and sort alike.

/** An IANA zone name ('UTC', 'America/Chicago'), or undefined for the viewer's own zone. */
export type DisplayZone = string | undefined;

/** True when the runtime knows the IANA zone name. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// One formatter per zone, made on first use: an axis labels dozens of ticks and a list
// hundreds of rows, and making an Intl.DateTimeFormat costs far more than using one.
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(zone: DisplayZone): Intl.DateTimeFormat | null {
  // The viewer's own zone has no name; '' is a (bad) name like any other.
  const key = zone === undefined ? 'local' : `zone:${zone}`;
  let format = zoneFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'longOffset',
        timeZone: zone,
      });
    } catch {
      // A zone name this runtime does not know (or hostile text).
      format = null;
    }
    zoneFormats.set(key, format);
  }
  return format;
}

export interface ZonedParts {
  /** `2026-09-14` */
  date: string;
  /** `13:02:47` */
  time: string;
  /** `UTC+01:00`, `UTC-05:00`, `UTC+00:00` */
  offset: string;
}

/** The calendar date, clock time and UTC offset at `ms` in a zone; null for an unknown zone or an invalid time. */
export function zonedParts(ms: number, zone: DisplayZone): ZonedParts | null {
  if (!Number.isFinite(ms)) return null;
  const format = zoneFormat(zone);
  if (!format) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = format.formatToParts(new Date(ms));
  } catch {
    return null;
  }
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // `longOffset` gives `GMT+01:00`, and a bare `GMT` for a zero offset.
  const gmt = part('timeZoneName');
  const offset = gmt === 'GMT' || gmt === 'UTC' ? 'UTC+00:00' : gmt.replace(/^(GMT|UTC)/, 'UTC').replace('\u2212', '-');
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}:${part('second')}`,
    offset,
  };
}

/** `13:02:47` in the zone. */
export function formatClock(ms: number, zone: DisplayZone): string {
  return zonedParts(ms, zone)?.time ?? '--:--:--';
}

/** `2026-09-14 13:02:47` in the zone. */
export function formatDateTime(ms: number, zone: DisplayZone): string {
  const parts = zonedParts(ms, zone);
  return parts ? `${parts.date} ${parts.time}` : 'unknown time';
}

/**
 * `2026-09-14T13:02:47+01:00`: ISO 8601 in the zone, its offset written out, for files a
 * spreadsheet reads back; null for an unknown zone or an invalid time.
 */
export function formatIsoInZone(ms: number, zone: DisplayZone): string | null {
  const parts = zonedParts(ms, zone);
  return parts ? `${parts.date}T${parts.time}${parts.offset.slice('UTC'.length)}` : null;
}

/** `2026-11-25 14:03:22 UTC`: unambiguous, sortable, pasteable into tickets. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * One line of untrusted text for a label, an aria-label or a message: whitespace collapsed
 * and cut at `max` characters (never inside a surrogate pair), so a 100 000-character name
 * cannot flood a tooltip or a screen reader. The full text stays where it came from.
 */
export function clipLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const end = /[\uD800-\uDBFF]/.test(line.charAt(max - 1)) ? max - 1 : max;
  return `${line.slice(0, end)}…`;
}

/** Keeps the start and end of a long identifier: `6513270e…e6b438`. */
export function shortId(id: string, keep = 8): string {
  return id.length <= keep * 2 + 1 ? id : `${id.slice(0, keep)}…${id.slice(-6)}`;
}

/** Time since join: `T+04:07`, `T+1:02:03`, `T-00:05` for a clock that ran early. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `T${sign}${hours}:${mmss}` : `T${sign}${mmss}`;
}
