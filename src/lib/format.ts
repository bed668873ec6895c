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

// The zone every clock time on the page is shown in: undefined is the viewer's own zone,
// otherwise an IANA name ('UTC', 'America/Chicago'). One setting for the whole page, like
// a locale, so cards, timeline, chart axes and tooltips can never disagree.
let displayTimeZone: string | undefined;
const formats = new Map<string, { dateTime: Intl.DateTimeFormat; clock: Intl.DateTimeFormat }>();

function formatsFor(zone: string | undefined) {
  const key = zone ?? '';
  let entry = formats.get(key);
  if (!entry) {
    entry = {
      dateTime: new Intl.DateTimeFormat(undefined, {
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
        timeZone: zone,
      }),
      // A 24-hour clock everywhere: it matches the UTC times in finding sentences and tickets.
      clock: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: zone }),
    };
    formats.set(key, entry);
  }
  return entry;
}

/** True when the runtime knows the IANA zone name. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function setDisplayTimeZone(zone: string | undefined): void {
  displayTimeZone = zone !== undefined && isKnownTimeZone(zone) ? zone : undefined;
}

export function getDisplayTimeZone(): string | undefined {
  return displayTimeZone;
}

/** Date and time in the display zone (the viewer's local zone unless set otherwise). */
export function formatLocalDateTime(ms: number, format?: Intl.DateTimeFormat): string {
  return (format ?? formatsFor(displayTimeZone).dateTime).format(new Date(ms));
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

/** Clock time only, in the display zone: for axes, lists and tooltips. */
export function formatClock(ms: number): string {
  return formatsFor(displayTimeZone).clock.format(new Date(ms));
}
