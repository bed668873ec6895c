// Narrowing readers over untyped JSON. Each reader returns null for a missing value and
// null plus a warning for a value of the wrong kind, so normalization never throws and the
// page can say what it could not read.

import { isRecord, type JsonObject } from '../lib/json-value.ts';
import type { ReportWarning } from './model.ts';
import { finiteOrNull, parseTimestamp } from './units.ts';

export type Scalar = string | number | boolean | null;

export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `text ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

const MAX_DISTINCT_WARNINGS = 200;
const MAX_TEXT_LENGTH = 500;

interface WarningEntry {
  path: string;
  message: string;
  repeats: number;
}

/**
 * Collects warnings, folding repeats: the same problem in 5 000 samples becomes one
 * warning (path of the first) that says how many more there were, so a hostile 8-hour
 * report cannot flood the page or the heap.
 */
class WarningLog {
  private readonly entries: WarningEntry[] = [];
  private readonly byKey = new Map<string, WarningEntry>();
  private dropped = 0;

  add(path: string, message: string): void {
    const key = `${path.replace(/\[\d+\]/g, '[]')}\u0000${message}`;
    const existing = this.byKey.get(key);
    if (existing) {
      existing.repeats += 1;
      return;
    }
    if (this.entries.length >= MAX_DISTINCT_WARNINGS) {
      this.dropped += 1;
      return;
    }
    const entry = { path, message, repeats: 0 };
    this.entries.push(entry);
    this.byKey.set(key, entry);
  }

  toWarnings(): ReportWarning[] {
    const warnings = this.entries.map(({ path, message, repeats }) => ({
      path,
      message: repeats > 0 ? `${message} (and ${repeats} more like this)` : message,
    }));
    if (this.dropped > 0) {
      warnings.push({ path: '$', message: `${this.dropped} further warnings not listed` });
    }
    return warnings;
  }
}

export interface NumberOptions {
  /** Most report numbers are counts, rates or durations, where negative means corrupt. */
  allowNegative?: boolean;
}

/** Typed reads of one report, sharing its warning log and its bag of unknown fields. */
export class Reader {
  readonly log = new WarningLog();
  readonly unknown: Record<string, unknown> = {};

  warn(path: string, message: string): void {
    this.log.add(path, message);
  }

  /**
   * Value of an object key; a missing key and an explicit null are both "absent".
   * Keys read are fixed report field names, none of which exist on Object.prototype, so a
   * plain lookup is safe (and this runs a million times for a long report).
   */
  value(obj: JsonObject, key: string): unknown {
    const value = obj[key];
    return value === null ? undefined : value;
  }

  /** First of several alternative keys that has a value (snake_case, camelCase, legacy). */
  firstKey(obj: JsonObject, keys: readonly string[]): string | null {
    for (const key of keys) {
      if (this.value(obj, key) !== undefined) return key;
    }
    return null;
  }

  string(obj: JsonObject, key: string, base: string): string | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    if (typeof value === 'string') return value.trim() === '' ? null : value;
    if (typeof value === 'number' && Number.isFinite(value)) {
      this.warn(joinPath(base, key), 'expected text, got a number; shown as text');
      return String(value);
    }
    if (typeof value === 'boolean') {
      this.warn(joinPath(base, key), 'expected text, got a boolean; shown as text');
      return String(value);
    }
    this.warn(joinPath(base, key), `expected text, got ${describeValue(value)}`);
    return null;
  }

  stringOf(obj: JsonObject, keys: readonly string[], base: string): string | null {
    const key = this.firstKey(obj, keys);
    return key === null ? null : this.string(obj, key, base);
  }

  number(obj: JsonObject, key: string, base: string, options: NumberOptions = {}): number | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    let n: number | null;
    if (typeof value === 'number') {
      n = finiteOrNull(value);
      if (n === null) {
        this.warn(joinPath(base, key), `expected a number, got ${describeValue(value)}`);
        return null;
      }
    } else if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
      this.warn(joinPath(base, key), 'number given as text; read as a number');
      n = Number(value);
    } else {
      this.warn(joinPath(base, key), `expected a number, got ${describeValue(value)}`);
      return null;
    }
    if (n < 0 && !options.allowNegative) {
      this.warn(joinPath(base, key), `negative value ${n} ignored`);
      return null;
    }
    return n;
  }

  numberOf(obj: JsonObject, keys: readonly string[], base: string, options: NumberOptions = {}): number | null {
    const key = this.firstKey(obj, keys);
    return key === null ? null : this.number(obj, key, base, options);
  }

  boolean(obj: JsonObject, key: string, base: string): boolean | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') {
      this.warn(joinPath(base, key), 'boolean given as text; read as a boolean');
      return value === 'true';
    }
    if (value === 0 || value === 1) {
      this.warn(joinPath(base, key), 'boolean given as 0/1; read as a boolean');
      return value === 1;
    }
    this.warn(joinPath(base, key), `expected true or false, got ${describeValue(value)}`);
    return null;
  }

  booleanOf(obj: JsonObject, keys: readonly string[], base: string): boolean | null {
    const key = this.firstKey(obj, keys);
    return key === null ? null : this.boolean(obj, key, base);
  }

  timestamp(obj: JsonObject, key: string, base: string): number | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    const ms = parseTimestamp(value);
    if (ms === null) this.warn(joinPath(base, key), `unreadable time ${describeValue(value)}`);
    return ms;
  }

  object(obj: JsonObject, key: string, base: string): JsonObject | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    if (isRecord(value)) return value;
    this.warn(joinPath(base, key), `expected an object, got ${describeValue(value)}`);
    return null;
  }

  array(obj: JsonObject, key: string, base: string): unknown[] | null {
    const value = this.value(obj, key);
    if (value === undefined) return null;
    if (Array.isArray(value)) return value;
    this.warn(joinPath(base, key), `expected a list, got ${describeValue(value)}`);
    return null;
  }

  /** Keeps keys the model does not read, by path, so the raw view can still show them. */
  keepUnknown(obj: JsonObject, known: ReadonlySet<string>, base: string): void {
    for (const key of Object.keys(obj)) {
      if (!known.has(key)) this.unknown[joinPath(base, key)] = obj[key];
    }
  }
}

/** A detail value for the timeline: scalars as they are, anything else as (short) JSON. */
export function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return null;
    return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH)}…` : text;
  } catch {
    return String(value);
  }
}

export function toDetails(obj: JsonObject, skip: ReadonlySet<string> = new Set()): Record<string, Scalar> {
  const details: Record<string, Scalar> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (!skip.has(key)) details[key] = toScalar(value);
  }
  return details;
}
