// JSON text for what the raw panel hands out (a redacted download, a copied value). The
// engine's JSON.stringify recurses: a report nested 100 000 levels deep overflows the call
// stack ("Maximum call stack size exceeded"), and indenting it would take the square of its
// depth in spaces anyway. Such a value is written compact, by a walk with a stack of its own.

/** Flushed into a part of its own at this length, so the engine never holds one long chain of small strings. */
const PART_LENGTH = 1 << 20;

/**
 * `value` as JSON text: indented by two spaces as JSON.stringify(value, null, 2) writes it,
 * or, when that fails for depth (RangeError: the call stack, or a string longer than the
 * engine allows), compact. As parts in order, to join or to hand to a Blob as they are.
 */
export function jsonTextParts(value: unknown): string[] {
  try {
    return [JSON.stringify(value, null, 2) ?? 'null'];
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return compactJsonParts(value);
  }
}

/** A value, or text already written (punctuation, a key). */
type Pending = { value: unknown } | { text: string };

/**
 * Compact JSON text, as JSON.stringify(value) writes it for what JSON.parse returns (plain
 * objects, arrays, strings, numbers, booleans, null; no toJSON), at any depth.
 */
function compactJsonParts(value: unknown): string[] {
  const parts: string[] = [];
  let current = '';
  const write = (text: string) => {
    current += text;
    if (current.length >= PART_LENGTH) {
      parts.push(current);
      current = '';
    }
  };
  const stack: Pending[] = [{ value }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if ('text' in next) {
      write(next.text);
      continue;
    }
    const item = next.value;
    if (Array.isArray(item)) {
      write('[');
      stack.push({ text: ']' });
      for (let i = item.length - 1; i >= 0; i -= 1) {
        // As JSON.stringify does: what JSON has no text for is null inside an array.
        stack.push({ value: isWritable(item[i]) ? item[i] : null });
        if (i > 0) stack.push({ text: ',' });
      }
    } else if (typeof item === 'object' && item !== null) {
      write('{');
      stack.push({ text: '}' });
      // ... and left out of an object.
      const entries = Object.entries(item).filter(([, field]) => isWritable(field));
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, field] = entries[i] ?? ['', null];
        stack.push({ value: field }, { text: `${JSON.stringify(key)}:` });
        if (i > 0) stack.push({ text: ',' });
      }
    } else {
      write(JSON.stringify(item) ?? 'null');
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
