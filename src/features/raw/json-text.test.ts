import { describe, expect, it } from 'vitest';
import { jsonTextParts } from './json-text.ts';

/** `inner` inside `depth` objects `{"d": …}`, built without recursion. */
function nested(depth: number, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i += 1) value = { d: value };
  return value;
}

const DEEP = 100_000;

describe('jsonTextParts', () => {
  it('indents a report by two spaces, as JSON.stringify does', () => {
    expect(jsonTextParts({ success: true, data: { ids: [1, 'b'], none: null } }).join('')).toBe(
      '{\n  "success": true,\n  "data": {\n    "ids": [\n      1,\n      "b"\n    ],\n    "none": null\n  }\n}',
    );
  });

  it('writes a value nested 100 000 levels deep, compact, where JSON.stringify overflows the stack', () => {
    const deep = nested(DEEP, 1);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = jsonTextParts(deep).join('');
    expect(text.length).toBe(DEEP * 6 + 1);
    expect(text).toBe(`${'{"d":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`);
  });

  it('writes every kind of JSON value in the compact form as JSON.stringify would', () => {
    const inner = {
      text: 'quote " backslash \\ newline \n tab \t nul \u0000 lone \ud800 emoji 😀',
      '"odd key"': [0, -0, 1.5e300, -2, true, false, null, [], {}, [[]], ''],
      __proto__key: { a: { b: [1, { c: 'd' }] } },
    };
    const text = jsonTextParts(nested(DEEP, [inner, 'end'])).join('');
    const innerText =
      '[{"text":"quote \\" backslash \\\\ newline \\n tab \\t nul \\u0000 lone \\ud800 emoji 😀",' +
      '"\\"odd key\\"":[0,0,1.5e+300,-2,true,false,null,[],{},[[]],""],' +
      '"__proto__key":{"a":{"b":[1,{"c":"d"}]}}},"end"]';
    expect(text.slice(DEEP * 5, DEEP * 5 + innerText.length)).toBe(innerText);
    expect(text.length).toBe(DEEP * 6 + innerText.length);
  });

  it('leaves out what JSON has no text for, as JSON.stringify does', () => {
    const text = jsonTextParts(nested(DEEP, { a: undefined, b: () => 1, c: [undefined, Number.NaN, Number.POSITIVE_INFINITY], d: 2 })).join('');
    expect(text.slice(DEEP * 5, text.length - DEEP)).toBe('{"c":[null,null,null],"d":2}');
  });

  it('hands a long text over in parts that join to the whole', () => {
    const wide = nested(DEEP, Array.from({ length: 50_000 }, (_, i) => `item ${i}`));
    const parts = jsonTextParts(wide);
    expect(parts.length).toBeGreaterThan(1);
    const text = parts.join('');
    expect(text.slice(DEEP * 5, DEEP * 5 + 20)).toBe('["item 0","item 1","');
    expect(text.slice(-DEEP - 13, -DEEP)).toBe('"item 49999"]');
  });
});
