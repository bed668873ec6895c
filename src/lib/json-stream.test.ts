import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonStreamReader } from './json-stream.ts';

const SEED = 20_261_126;

/** The reader's answer for `text` cut at `cuts`: the value, or the SyntaxError it threw. */
function readInChunks(text: string, cuts: number[], descendAfter: number): { value: unknown } | { error: unknown } {
  const reader = new JsonStreamReader({ descendAfter });
  try {
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      reader.push(text.slice(from, cut));
      from = Math.max(from, cut);
    }
    reader.push(text.slice(from));
    return { value: reader.finish() };
  } catch (error) {
    return { error };
  }
}

function jsonParse(text: string): { value: unknown } | { error: unknown } {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    return { error };
  }
}

const cutsOf = (text: string) => fc.array(fc.integer({ min: 0, max: text.length }), { maxLength: 12 });

describe('JsonStreamReader', () => {
  it('reads any JSON value, cut anywhere and entered at any size, as JSON.parse does', () => {
    const texts = fc
      .tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(undefined, 1, '\t', ' \r\n '))
      .map(([value, space]) => JSON.stringify(value, null, space));
    fc.assert(
      fc.property(
        texts.chain((text) => fc.tuple(fc.constant(text), cutsOf(text), fc.integer({ min: 0, max: 40 }))),
        ([text, cuts, descendAfter]) => {
          const read = readInChunks(text, cuts, descendAfter);
          expect(read).toEqual({ value: JSON.parse(text) });
        },
      ),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('throws for every damaged text JSON.parse rejects, and agrees where JSON.parse accepts', () => {
    const damaged = fc
      .tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', ',', ']', '}', '[', '{', '"', '\\', ':', '0', 'x', ' ', '\u00a0'))
      .map(([value, at, insert]) => {
        const text = JSON.stringify(value);
        const cut = text.length === 0 ? 0 : at % text.length;
        // Replace one character, or drop it when the insert is empty.
        return text.slice(0, cut) + insert + text.slice(cut + 1);
      });
    fc.assert(
      fc.property(
        damaged.chain((text) => fc.tuple(fc.constant(text), cutsOf(text), fc.integer({ min: 0, max: 40 }))),
        ([text, cuts, descendAfter]) => {
          const expected = jsonParse(text);
          const read = readInChunks(text, cuts, descendAfter);
          if ('error' in expected) expect(read).toMatchObject({ error: expect.any(SyntaxError) });
          else expect(read).toEqual(expected);
        },
      ),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it.each([
    ['an empty text', ''],
    ['only spaces', '   '],
    ['a trailing comma in an array', '[1,2,]'],
    ['a trailing comma in an object', '{"a":1,}'],
    ['an array left open', '[{"a":1},{"a":2}'],
    ['a second value', '{"a":1} {"b":2}'],
    ['a closing brace for a bracket', '[{"a":1}},{"a":2}]'],
    ['an HTML page', '<!doctype html><title>502</title>'],
  ])('rejects %s', (_name, text) => {
    for (const descendAfter of [0, 4, 1000]) {
      for (let cut = 0; cut <= text.length; cut++) {
        expect(readInChunks(text, [cut], descendAfter)).toMatchObject({ error: expect.any(SyntaxError) });
      }
    }
  });

  it('keeps "__proto__" as an ordinary key, as JSON.parse does', () => {
    const text = '{"__proto__":{"polluted":true},"rows":[{"__proto__":1},{"b":2}]}';
    const read = readInChunks(text, [5, 20, 40], 0) as { value: Record<string, unknown> };
    expect(read.value).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(read.value)).toBe(Object.prototype);
    expect(Object.keys(read.value)).toEqual(['__proto__', 'rows']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the last of duplicate keys in the place of the first, as JSON.parse does', () => {
    const text = '{"a":1,"b":[1,2,3],"a":{"c":3}}';
    const read = readInChunks(text, [9, 14], 0) as { value: Record<string, unknown> };
    expect(read.value).toEqual({ a: { c: 3 }, b: [1, 2, 3] });
    expect(Object.keys(read.value)).toEqual(['a', 'b']);
  });

  it('reads a long string split over many chunks once, not again for every chunk', () => {
    const long = 'x'.repeat(200_000) + '\\"' + 'y'.repeat(200_000);
    const text = `{"sdp":["${long}"],"n":1}`;
    const reader = new JsonStreamReader({ descendAfter: 16 });
    const indexOf = String.prototype.indexOf;
    let searched = 0;
    String.prototype.indexOf = function (this: string, ...args: Parameters<typeof indexOf>) {
      searched += this.length - (args[1] ?? 0);
      return indexOf.apply(this, args);
    };
    try {
      for (let at = 0; at < text.length; at += 1000) reader.push(text.slice(at, at + 1000));
    } finally {
      String.prototype.indexOf = indexOf;
    }
    expect(reader.finish()).toEqual(JSON.parse(text));
    // Resumed scans read each character about once; rescanning would read ~400 times as much.
    expect(searched).toBeLessThan(text.length * 4);
  });

  it('turns the items of a long array into values while later items are still arriving', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ at: i, text: `row ${i}, "quoted" {}` }));
    const text = JSON.stringify({ success: true, data: { rows } });
    const reader = new JsonStreamReader({ descendAfter: 1024 });
    const half = Math.floor(text.length / 2);
    reader.push(text.slice(0, half));
    const partial = (reader as unknown as { stack: { value: unknown }[] }).stack.at(-1)?.value;
    expect(Array.isArray(partial) && partial.length).toBeGreaterThan(900);
    reader.push(text.slice(half));
    expect(reader.finish()).toEqual({ success: true, data: { rows } });
  });

  it('tells the listener of every item of each array it enters, once, in order, with the array\'s path, then of its end', () => {
    let arraysHeard = 0;
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 5 }).chain((value) => {
          const text = JSON.stringify(value);
          return fc.tuple(fc.constant(text), cutsOf(text), fc.integer({ min: 0, max: 30 }));
        }),
        ([text, cuts, descendAfter]) => {
          const heard = new Map<readonly unknown[], { path: readonly (string | number)[]; items: unknown[]; ended: number }>();
          const entryOf = (path: readonly (string | number)[], array: readonly unknown[]) => {
            const entry = heard.get(array) ?? { path, items: [], ended: 0 };
            expect(entry.path).toEqual(path);
            heard.set(array, entry);
            return entry;
          };
          const reader = new JsonStreamReader({
            descendAfter,
            listener: {
              items: (path, items, array) => {
                const entry = entryOf(path, array);
                expect(entry.ended).toBe(0);
                entry.items.push(...items);
              },
              end: (path, array) => {
                const entry = entryOf(path, array);
                // Told once, when every item is in.
                expect(entry.items).toHaveLength(array.length);
                entry.ended += 1;
              },
            },
          });
          let from = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            reader.push(text.slice(from, cut));
            from = Math.max(from, cut);
          }
          reader.push(text.slice(from));
          const value = reader.finish();
          arraysHeard += heard.size;
          for (const [array, { path, items, ended }] of heard) {
            const located = path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], value);
            expect(located).toBe(array);
            expect(ended).toBe(1);
            expect(items).toHaveLength(array.length);
            items.forEach((item, index) => expect(item).toBe(array[index]));
          }
        },
      ),
      { seed: SEED, numRuns: 400 },
    );
    expect(arraysHeard).toBeGreaterThan(100);
  });
});
