import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactingStream } from './redact-stream.ts';

const TOKEN = 'canary-REDACT-9f3b27c1d4';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Runs `chunks` through the stream and returns what came out, and in how many pieces. */
async function through(secret: string, chunks: readonly Uint8Array[]): Promise<Uint8Array> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const out = new Uint8Array(await new Response(source.pipeThrough(redactingStream(secret))).arrayBuffer());
  return out;
}

async function textThrough(secret: string, chunks: readonly string[]): Promise<string> {
  return decoder.decode(await through(secret, chunks.map((chunk) => encoder.encode(chunk))));
}

describe('redactingStream', () => {
  it('replaces the token in a small body', async () => {
    expect(await textThrough(TOKEN, [`{"message":"Bad token: Bearer ${TOKEN}"}`])).toBe('{"message":"Bad token: Bearer [redacted]"}');
  });

  it('replaces a token split across two chunks, at every split point', async () => {
    const body = `{"echo":"Authorization: Bearer ${TOKEN}","n":1}`;
    const start = body.indexOf(TOKEN);
    for (let split = start; split <= start + TOKEN.length; split += 1) {
      expect(await textThrough(TOKEN, [body.slice(0, split), body.slice(split)]), `split at ${split}`).toBe(
        '{"echo":"Authorization: Bearer [redacted]","n":1}',
      );
    }
  });

  it('replaces a token delivered one byte at a time', async () => {
    const body = `a${TOKEN}b${TOKEN}`;
    expect(await textThrough(TOKEN, [...body])).toBe('a[redacted]b[redacted]');
  });

  it('replaces a token at the very end of the body', async () => {
    expect(await textThrough(TOKEN, ['{"x":1} ', TOKEN])).toBe('{"x":1} [redacted]');
    expect(await textThrough(TOKEN, [`tail ${TOKEN.slice(0, 5)}`, TOKEN.slice(5)])).toBe('tail [redacted]');
  });

  it('keeps a partial token at the end, which is no token', async () => {
    expect(await textThrough(TOKEN, ['the end: ', TOKEN.slice(0, -1)])).toBe(`the end: ${TOKEN.slice(0, -1)}`);
  });

  it('finds occurrences next to each other and after a false start', async () => {
    expect(await textThrough('aab', ['aaab', 'aabaab', 'aa', 'b'])).toBe('a[redacted][redacted][redacted][redacted]');
  });

  it('passes a large body through unchanged, byte for byte', async () => {
    // Every byte value, in a pattern that never spells the token, in chunks of uneven size.
    const body = new Uint8Array(12 * 1024 * 1024);
    for (let index = 0; index < body.length; index += 1) body[index] = (index * 7 + (index >> 9)) & 0xff;
    const chunks: Uint8Array[] = [];
    for (let offset = 0, size = 1; offset < body.length; offset += size, size = (size * 3 + 17) % 70_000) {
      chunks.push(body.subarray(offset, offset + size));
    }
    const out = await through(TOKEN, chunks);
    expect(out.length).toBe(body.length);
    expect(Buffer.compare(Buffer.from(out), Buffer.from(body))).toBe(0);
  });

  it('redacts exactly what a whole-string replace would, however the body is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constant(TOKEN), fc.constant(TOKEN.slice(0, 7))), { maxLength: 12 }),
        fc.array(fc.nat({ max: 400 }), { maxLength: 8 }),
        async (pieces, cuts) => {
          const body = pieces.join('');
          const bytes = encoder.encode(body);
          const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points, bytes.length].slice(1).map((end, index, ends) => bytes.subarray(index === 0 ? 0 : (ends[index - 1] ?? 0), end));
          expect(decoder.decode(await through(TOKEN, chunks))).toBe(body.split(TOKEN).join('[redacted]'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
