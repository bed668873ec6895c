import { clipLine } from '../lib/format.ts';
import { ApiError, parseRetryAfter, type ApiErrorKind, type ApiErrorSource } from './api-error.ts';
import type { Lookup } from '../lib/lookup.ts';
import { apiUrl, CONFIG_ROUTE, SOURCE_HEADER } from '../lib/api-routes.ts';
import { isRecord } from '../lib/json-value.ts';
import { JsonStreamReader, type ArrayListener } from '../lib/json-stream.ts';
import { peerReportUrl } from './peer-report-url.ts';
import { appConfigSchema, envelopeSchema, peerReportDataSchema, type AppConfig, type Envelope, type PeerReportData } from './schemas.ts';

const REQUEST_TIMEOUT_MS = 30_000;

export interface FetchedPeerReport<Early extends ArrayListener | null = null> {
  /** The envelope's `data`, validated as peer-report-like, otherwise untouched. */
  data: PeerReportData;
  /** The listener this request's body was read with (what it gathered while the body downloaded). */
  early: Early;
  /** The body exactly as received, kept outside the JS heap for download. */
  body: Blob;
  /** The body's size in bytes. */
  bytes: number;
  receivedAt: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  origin?: string;
}

export interface PeerReportRequestOptions<Early extends ArrayListener | null> extends RequestOptions {
  /**
   * Hears of the body's long arrays while it downloads (see JsonStreamReader), for work that
   * can start before the last byte. One per request; handed back with the result.
   */
  early: Early;
}

export async function fetchPeerReport<Early extends ArrayListener | null = null>(
  lookup: Lookup,
  options: PeerReportRequestOptions<Early>,
): Promise<FetchedPeerReport<Early>> {
  const url = peerReportUrl(lookup, options.origin);
  const arrays = options.early ?? undefined;
  const { response, text, parsed, body } = await getText(url, options, { keepBody: true, parseWhileReading: true, arrays });
  const source = sourceOf(response);
  if (!response.ok) throw errorFromStatus(response, await text(), source);
  const parseStarted = performance.now();
  // A body the streaming reader rejected is parsed again whole, so its error reads as it always has.
  const envelope = parsed ? checkEnvelope(parsed.value, response.status, source) : parseEnvelope(await text(), response.status, source);
  if (envelope.success === false) {
    const { code, message } = firstError(envelope);
    throw new ApiError({
      kind: 'unsuccessful',
      status: response.status,
      code,
      upstreamMessage: message,
      source,
      message: `The API answered ${response.status} but said success: false${message ? `: ${message}` : ''}.`,
    });
  }
  const checked = peerReportDataSchema.safeParse(envelope.data);
  if (!checked.success || !isRecord(envelope.data)) {
    throw new ApiError({
      kind: 'not-a-report',
      status: response.status,
      source,
      message: 'The answer is JSON, but not a peer report: it has no participant.',
    });
  }
  // Read by `npm run bench` (scripts/bench.mjs), with `peerscope:read-body`.
  performance.measure('peerscope:parse-body', { start: parseStarted });
  const kept = body ?? new Blob([await text()], { type: 'application/json' });
  return { data: envelope.data, early: options.early, body: kept, bytes: kept.size, receivedAt: Date.now() };
}

export async function fetchAppConfig(options: RequestOptions = {}): Promise<AppConfig> {
  const url = apiUrl(CONFIG_ROUTE, {}, options.origin ?? window.location.origin);
  const { response, text } = await getText(url, options);
  const source = sourceOf(response);
  if (!response.ok) throw errorFromStatus(response, await text(), source);
  let json: unknown;
  try {
    json = JSON.parse(await text());
  } catch (cause) {
    throw new ApiError({ kind: 'malformed-body', status: response.status, source, cause, message: 'The Peerscope server sent a configuration that is not JSON.' });
  }
  const parsed = appConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ kind: 'malformed-body', status: response.status, source, message: 'The Peerscope server sent a configuration it should not have.' });
  }
  return parsed.data;
}

interface ReadOptions {
  /** Also keep the body as a Blob (for download), copied while it arrives rather than from the string afterwards. */
  keepBody?: boolean;
  /** Build the JSON value of a successful answer while it arrives (see JsonStreamReader). */
  parseWhileReading?: boolean;
  /** Told of the long arrays the JSON reader enters. */
  arrays?: ArrayListener;
}

interface ReadBody {
  response: Response;
  /** The body as text, made only when asked for. */
  text: () => Promise<string>;
  /** The value read while the body arrived; null when not asked for or not valid JSON. */
  parsed: { value: unknown } | null;
  body: Blob | null;
}

async function getText(url: URL, options: RequestOptions, read: ReadOptions = {}): Promise<ReadBody> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  // A timer of our own (not AbortSignal.timeout) so fake clocks in tests can drive it.
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: controller.signal });
    const readStarted = performance.now();
    const { text, parsed, body } = await readBody(response, {
      keepBody: read.keepBody === true && response.ok,
      parseWhileReading: read.parseWhileReading === true && response.ok,
      arrays: read.arrays,
    });
    performance.measure('peerscope:read-body', { start: readStarted });
    return { response, text, parsed, body };
  } catch (cause) {
    if (timedOut) {
      throw new ApiError({
        kind: 'timeout',
        source: 'browser',
        cause,
        message: `No answer within ${Math.round(timeoutMs / 1000)} s.`,
      });
    }
    if (options.signal?.aborted) throw cause;
    throw new ApiError({ kind: 'network', source: 'browser', cause, message: 'The request did not reach the Peerscope server.' });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * The body as text, and as a Blob and a parsed value when asked, all built while the body
 * arrives: each chunk of bytes is kept for the Blob, decoded, and fed to the JSON reader.
 * After the last byte, copying a 50 MB string into a Blob took ~300 ms of main thread, a
 * Blob from a clone of the response ~140 ms, and JSON.parse ~100 ms. With a Blob, the text
 * is not kept as well: it is read back from the Blob in the rare case that it is needed.
 */
async function readBody(response: Response, read: ReadOptions): Promise<Omit<ReadBody, 'response'>> {
  if (!response.body) {
    const whole = await response.text();
    return { text: async () => whole, parsed: null, body: read.keepBody ? new Blob([whole], { type: 'application/json' }) : null };
  }
  const bytes = response.body.getReader();
  const decoder = new TextDecoder();
  const kept = new BlobBuilder();
  // The text is kept only when there is no Blob to read it from again (error bodies, small).
  const parts: string[] | null = read.keepBody ? null : [];
  let json: JsonStreamReader | null = read.parseWhileReading ? new JsonStreamReader({ listener: read.arrays }) : null;
  const take = (part: string) => {
    parts?.push(part);
    try {
      json?.push(part);
    } catch {
      // Not JSON after all: the caller parses the whole text again to say why.
      json = null;
    }
  };
  for (;;) {
    const { done, value } = await bytes.read();
    if (done) break;
    if (read.keepBody) kept.add(value);
    take(decoder.decode(value, { stream: true }));
  }
  take(decoder.decode());
  let parsed: { value: unknown } | null = null;
  try {
    if (json) parsed = { value: json.finish() };
  } catch {
    parsed = null;
  }
  const body = read.keepBody ? kept.finish('application/json') : null;
  return {
    text: async () => (parts ? parts.join('') : ((await body?.text()) ?? '')),
    parsed,
    body,
  };
}

/**
 * Collects a body into a Blob while it arrives: every few megabytes the chunks so far become
 * a Blob of their own, and the last step only joins Blobs, which copies nothing. One Blob of
 * a 50 MB report's ~800 chunks after its last byte took ~35 ms.
 */
class BlobBuilder {
  private static readonly BATCH_BYTES = 4 * 1024 * 1024;
  private readonly blobs: Blob[] = [];
  private chunks: Uint8Array<ArrayBuffer>[] = [];
  private bytes = 0;

  add(chunk: Uint8Array<ArrayBuffer>): void {
    this.chunks.push(chunk);
    this.bytes += chunk.byteLength;
    if (this.bytes >= BlobBuilder.BATCH_BYTES) {
      this.blobs.push(new Blob(this.chunks));
      this.chunks = [];
      this.bytes = 0;
    }
  }

  finish(type: string): Blob {
    return new Blob([...this.blobs, ...this.chunks], { type });
  }
}

function sourceOf(response: Response): ApiErrorSource {
  return response.headers.get(SOURCE_HEADER) === 'proxy' ? 'proxy' : 'upstream';
}

function parseEnvelope(text: string, status: number, source: ApiErrorSource): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ApiError({
      kind: 'malformed-body',
      status,
      source,
      cause,
      html: looksLikeHtml(text),
      empty: text.trim() === '',
      message: text.trim() === '' ? 'The answer was empty.' : 'The answer is not valid JSON.',
    });
  }
  return checkEnvelope(json, status, source);
}

function checkEnvelope(json: unknown, status: number, source: ApiErrorSource): Envelope {
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({ kind: 'not-a-report', status, source, message: 'The answer is JSON, but not an API envelope.' });
  }
  return parsed.data;
}

function errorFromStatus(response: Response, text: string, source: ApiErrorSource): ApiError {
  const status = response.status;
  const html = looksLikeHtml(text);
  let code: string | number | null = null;
  let upstreamMessage: string | null = null;
  if (!html) {
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(text));
      if (parsed.success) ({ code, message: upstreamMessage } = firstError(parsed.data));
    } catch {
      // A non-JSON error body: the status alone says enough.
    }
  }
  return new ApiError({
    kind: kindOfStatus(status),
    status,
    code,
    upstreamMessage,
    source,
    html,
    retryAfterSeconds: status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after')) : null,
    message: `${status}${upstreamMessage ? `: ${upstreamMessage}` : html ? ': an HTML error page' : ''}`,
  });
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'invalid-request';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 408) return 'timeout';
  if (status === 502 || status === 503 || status === 504) return 'bad-gateway';
  if (status >= 500) return 'server';
  return 'unexpected-status';
}

function firstError(envelope: Envelope): { code: string | number | null; message: string | null } {
  if (typeof envelope.error === 'string') return { code: null, message: clip(envelope.error) };
  if (envelope.error) return { code: envelope.error.code ?? null, message: clip(envelope.error.message) };
  const first = envelope.errors?.[0];
  if (first) return { code: first.code ?? null, message: clip(first.message) };
  return { code: null, message: clip(envelope.message) };
}

function clip(message: string | undefined): string | null {
  if (message === undefined || message.trim() === '') return null;
  return clipLine(message, 300);
}

function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html|<head|<body|<\?xml|<)/i.test(text);
}
