/**
 * Builds the value of a JSON text while the text arrives, so that almost nothing is left
 * to parse after the last byte. The outer containers are read here; every value whose
 * text is complete in what has arrived goes to JSON.parse whole. A container still open
 * after `descendAfter` characters is entered instead, so a report's long sample arrays
 * are parsed item by item as they come in.
 *
 * For valid JSON the result equals `JSON.parse` of the whole text. Invalid JSON throws a
 * SyntaxError, at the latest from `finish()`; the caller parses the whole text to describe it.
 */

const DESCEND_AFTER = 64 * 1024;

export type JsonPath = readonly (string | number)[];

/**
 * Told of the arrays the reader enters (those still open after `descendAfter` characters):
 * `items` as items are added (the array's path, the new items, the array itself), `end` when
 * the array has ended, so work on them can start before the rest of the text arrives.
 */
export interface ArrayListener {
  items?: (path: JsonPath, items: readonly unknown[], array: readonly unknown[]) => void;
  end?: (path: JsonPath, array: readonly unknown[]) => void;
}

type Frame =
  | { kind: 'object'; path: JsonPath; value: Record<string, unknown>; key: string; expect: 'first-key' | 'key' | 'colon' | 'value' | 'next' }
  | { kind: 'array'; path: JsonPath; value: unknown[]; expect: 'first-value' | 'value' | 'next' };

/** How far the scan of an unfinished value got, so the next chunk resumes rather than rescans. */
interface PendingScan {
  start: number;
  at: number;
  depth: number;
  inString: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

function endsScalar(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || isJsonSpace(code);
}

export class JsonStreamReader {
  private text = '';
  private at = 0;
  private readonly stack: Frame[] = [];
  private root: unknown = undefined;
  private done = false;
  private pending: PendingScan | null = null;
  private readonly descendAfter: number;
  private readonly listener: ArrayListener;

  constructor(options: { descendAfter?: number; listener?: ArrayListener } = {}) {
    this.descendAfter = options.descendAfter ?? DESCEND_AFTER;
    this.listener = options.listener ?? {};
  }

  push(chunk: string): void {
    if (chunk === '') return;
    const kept = this.at;
    this.text = kept === 0 ? this.text + chunk : this.text.slice(kept) + chunk;
    if (this.pending) {
      this.pending.start -= kept;
      this.pending.at -= kept;
    }
    this.at = 0;
    this.read(false);
  }

  /** The value, once the whole text has been pushed. */
  finish(): unknown {
    this.read(true);
    if (!this.done || this.stack.length > 0) throw new SyntaxError('Unexpected end of JSON input');
    return this.root;
  }

  private read(final: boolean): void {
    const text = this.text;
    for (;;) {
      let at = this.at;
      while (at < text.length && isJsonSpace(text.charCodeAt(at))) at++;
      this.at = at;
      if (at >= text.length) return;
      if (this.done) throw new SyntaxError(`Unexpected data after JSON at position ${at}`);
      const frame = this.stack.at(-1);
      const code = text.charCodeAt(at);
      if (frame === undefined) {
        if (!this.value(final)) return;
        continue;
      }
      if (frame.kind === 'array') {
        if (frame.expect === 'next') {
          if (this.afterValue(code, at, CLOSE_BRACKET)) frame.expect = 'value';
        } else if (frame.expect === 'first-value' && code === CLOSE_BRACKET) {
          this.at = at + 1;
          this.close();
        } else if (!this.items(frame, final)) return;
        continue;
      }
      switch (frame.expect) {
        case 'first-key':
        case 'key': {
          if (code === CLOSE_BRACE && frame.expect === 'first-key') {
            this.at = at + 1;
            this.close();
            break;
          }
          if (code !== QUOTE) throw unexpected(code, at);
          const end = this.scanString(at);
          if (end < 0) return;
          frame.key = JSON.parse(text.slice(at, end)) as string;
          frame.expect = 'colon';
          this.at = end;
          break;
        }
        case 'colon':
          if (code !== COLON) throw unexpected(code, at);
          frame.expect = 'value';
          this.at = at + 1;
          break;
        case 'value':
          if (!this.value(final)) return;
          break;
        case 'next':
          if (this.afterValue(code, at, CLOSE_BRACE)) frame.expect = 'key';
          break;
      }
    }
  }

  /** After a container's value: true for a comma, false (and the container closed) for its closing character. */
  private afterValue(code: number, at: number, closer: number): boolean {
    if (code !== COMMA && code !== closer) throw unexpected(code, at);
    this.at = at + 1;
    if (code === COMMA) return true;
    this.close();
    return false;
  }

  /** Reads the value at `this.at`; false when it needs more text. */
  private value(final: boolean): boolean {
    const text = this.text;
    const start = this.at;
    const code = text.charCodeAt(start);
    let end: number;
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      end = this.scanContainer(start);
      if (end < 0) {
        if (text.length - start < this.descendAfter) return false;
        this.pending = null;
        const parent = this.stack.at(-1);
        const path = parent === undefined ? [] : [...parent.path, parent.kind === 'array' ? parent.value.length : parent.key];
        this.stack.push(
          code === OPEN_BRACE
            ? { kind: 'object', path, value: {}, key: '', expect: 'first-key' }
            : { kind: 'array', path, value: [], expect: 'first-value' },
        );
        this.at = start + 1;
        return true;
      }
    } else if (code === QUOTE) {
      end = this.scanString(start);
      if (end < 0) return false;
    } else {
      end = this.resume(start)?.at ?? start + 1;
      while (end < text.length && !endsScalar(text.charCodeAt(end))) end++;
      if (end >= text.length && !final) {
        this.pending = { start, at: end, depth: 0, inString: false };
        return false;
      }
    }
    this.pending = null;
    this.at = end;
    this.add(JSON.parse(text.slice(start, end)));
    return true;
  }

  /**
   * Reads every item of the open array whose text has fully arrived with one JSON.parse:
   * one call per chunk rather than per item, which halves the cost of a long sample array.
   */
  private items(frame: Frame & { kind: 'array' }, final: boolean): boolean {
    const start = this.at;
    if (this.resume(start)) return this.value(final);
    const text = this.text;
    // Most arrays are of objects: try the last "}," first. Only a cut between two items of
    // this array parses, so a wrong guess throws and the scan below finds the boundary.
    const guess = text.lastIndexOf('},');
    if (guess > start) {
      let parsed: unknown[] | null;
      try {
        parsed = JSON.parse(`[${text.slice(start, guess + 1)}]`) as unknown[];
      } catch {
        parsed = null;
      }
      if (parsed !== null) {
        this.append(frame, parsed, guess + 1, false);
        return true;
      }
    }
    const length = text.length;
    let at = start;
    let depth = 0;
    let boundary = -1;
    let closes = false;
    scan: while (at < length) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        at = this.stringEnd(at + 1);
        if (at < 0) break;
        continue;
      }
      switch (code) {
        case OPEN_BRACE:
        case OPEN_BRACKET:
          depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (depth === 0) {
            // A closing brace here is invalid JSON: keep it in the slice so JSON.parse says so.
            boundary = code === CLOSE_BRACKET ? at : at + 1;
            closes = code === CLOSE_BRACKET;
            break scan;
          }
          depth--;
          break;
        case COMMA:
          if (depth === 0) boundary = at;
          break;
      }
      at++;
    }
    if (boundary < 0) return this.value(final);
    const parsed = JSON.parse(`[${text.slice(start, boundary)}]`) as unknown[];
    if (parsed.length === 0) throw new SyntaxError(`Unexpected "]" at position ${boundary}`);
    this.append(frame, parsed, boundary, closes);
    return true;
  }

  /** Adds items read up to `boundary`, the comma after them or the array's closing bracket. */
  private append(frame: Frame & { kind: 'array' }, items: unknown[], boundary: number, closes: boolean): void {
    const into = frame.value;
    for (const item of items) into.push(item);
    this.listener.items?.(frame.path, items, into);
    this.pending = null;
    this.at = boundary + 1;
    if (closes) this.close();
    else frame.expect = 'value';
  }

  /** The index after the closing quote of a string whose text (or its unread rest) starts at `at`, or -1. */
  private stringEnd(at: number): number {
    const text = this.text;
    for (;;) {
      const quote = text.indexOf('"', at);
      if (quote < 0) return -1;
      let slash = quote - 1;
      while (text.charCodeAt(slash) === BACKSLASH) slash--;
      if ((quote - 1 - slash) % 2 === 0) return quote + 1;
      at = quote + 1;
    }
  }

  private close(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.kind === 'array') this.listener.end?.(frame.path, frame.value);
    this.add(frame.value);
  }

  private add(value: unknown): void {
    const frame = this.stack.at(-1);
    if (frame === undefined) {
      this.root = value;
      this.done = true;
    } else if (frame.kind === 'array') {
      frame.value.push(value);
      frame.expect = 'next';
      this.listener.items?.(frame.path, [value], frame.value);
    } else {
      // defineProperty, not assignment: "__proto__" is an ordinary key in JSON.
      Object.defineProperty(frame.value, frame.key, { value, writable: true, enumerable: true, configurable: true });
      frame.expect = 'next';
    }
  }

  /** The index after the string starting at `start`, or -1 when it has not all arrived. */
  private scanString(start: number): number {
    const end = this.stringEnd(this.resume(start)?.at ?? start + 1);
    if (end < 0) this.pending = { start, at: this.text.length, depth: 0, inString: true };
    return end;
  }

  /** The index after the object or array starting at `start`, or -1 when it has not all arrived. */
  private scanContainer(start: number): number {
    const text = this.text;
    const resumed = this.resume(start);
    let at = resumed?.at ?? start;
    let depth = resumed?.depth ?? 0;
    let inString = resumed?.inString ?? false;
    const length = text.length;
    while (at < length) {
      if (inString) {
        const end = this.stringEnd(at);
        if (end < 0) {
          at = length;
          break;
        }
        at = end;
        inString = false;
        continue;
      }
      const code = text.charCodeAt(at++);
      if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        if (--depth === 0) return at;
      }
    }
    this.pending = { start, at, depth, inString };
    return -1;
  }

  private resume(start: number): PendingScan | null {
    return this.pending !== null && this.pending.start === start ? this.pending : null;
  }
}

function unexpected(code: number, at: number): SyntaxError {
  return new SyntaxError(`Unexpected ${JSON.stringify(String.fromCharCode(code))} at position ${at}`);
}
