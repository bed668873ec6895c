// Takes a secret out of a byte stream as it passes, without buffering the stream: an
// upstream that echoes the token (in an error body, say) must not hand it to the browser,
// and a report of tens of megabytes must still stream. Pure (no node: imports), so the
// Worker runs it too.

const REDACTED = '[redacted]';

const encoder = new TextEncoder();

/**
 * Replaces every occurrence of `secret`'s UTF-8 bytes with `[redacted]`, also one that is
 * split across chunks. Holds back at most `secret.length - 1` bytes at the end of each chunk
 * (the most that can be the start of an occurrence the next chunk completes) and emits them
 * with the next chunk, or at the end.
 */
export function redactingStream(secret: string): TransformStream<Uint8Array, Uint8Array> {
  const needle = encoder.encode(secret);
  if (needle.length === 0) return new TransformStream();
  const search = byteSearch(needle);
  const hold = needle.length - 1;
  let carry = new Uint8Array(0);

  return new TransformStream({
    transform(chunk, controller) {
      const buffer = carry.length === 0 ? chunk : joined(carry, chunk);
      let start = 0;
      for (let at = search(buffer, 0); at !== -1; at = search(buffer, start)) {
        if (at > start) controller.enqueue(buffer.subarray(start, at));
        // A fresh copy each time: a consumer may take ownership of what it is given.
        controller.enqueue(encoder.encode(REDACTED));
        start = at + needle.length;
      }
      const keepFrom = Math.max(start, buffer.length - hold);
      if (keepFrom > start) controller.enqueue(buffer.subarray(start, keepFrom));
      carry = buffer.slice(keepFrom);
    },
    flush(controller) {
      // Shorter than the secret, so it cannot hold one.
      if (carry.length > 0) controller.enqueue(carry);
    },
  });
}

function joined(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(head.length + tail.length);
  buffer.set(head, 0);
  buffer.set(tail, head.length);
  return buffer;
}

/**
 * Boyer-Moore-Horspool: looks at the byte under the needle's last position and skips by how
 * far that byte is from the needle's end, so a 40-byte token is checked about once every few
 * dozen bytes of a report rather than at every byte.
 */
function byteSearch(needle: Uint8Array): (haystack: Uint8Array, from: number) => number {
  const last = needle.length - 1;
  const lastByte = needle[last] ?? 0;
  const skip = new Int32Array(256).fill(needle.length);
  for (let index = 0; index < last; index += 1) skip[needle[index] ?? 0] = last - index;

  return (haystack, from) => {
    const end = haystack.length - needle.length;
    let at = from;
    while (at <= end) {
      const byte = haystack[at + last] ?? 0;
      if (byte === lastByte) {
        let index = last - 1;
        while (index >= 0 && haystack[at + index] === needle[index]) index -= 1;
        if (index < 0) return at;
      }
      at += skip[byte] ?? needle.length;
    }
    return -1;
  };
}
