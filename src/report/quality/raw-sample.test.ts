import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasText } from './raw-sample.ts';

describe('hasText', () => {
  it('answers as trim() !== "" does', () => {
    for (const text of ['', ' ', '\t\n', '\u00a0', '\ufeff', '\u2003x', 'peer-1', ' cpu', 'bandwidth ', '~']) {
      expect(hasText(text)).toBe(text.trim() !== '');
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => hasText(text) === (text.trim() !== '')));
  });
});
