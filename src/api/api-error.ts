export type ApiErrorKind =
  | 'invalid-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'bad-gateway'
  | 'unexpected-status'
  | 'timeout'
  | 'network'
  | 'malformed-body'
  /** JSON in an envelope, but not what the route answers (a peer report, a list of sessions...). */
  | 'not-a-report'
  | 'unsuccessful';

export type ApiErrorSource = 'upstream' | 'proxy' | 'browser';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number | null;
  code?: string | number | null;
  upstreamMessage?: string | null;
  retryAfterSeconds?: number | null;
  source?: ApiErrorSource;
  /** The answer was an HTML page (a gateway's), not JSON. */
  html?: boolean;
  /** The answer had no body at all. */
  empty?: boolean;
  /** Cloudflare's Ray ID of the answer (its `cf-ray` header, or the one a gateway page prints): what Cloudflare support asks for. */
  rayId?: string | null;
  cause?: unknown;
}

/** Every way a request to the API can fail, as one typed error. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code: string | number | null;
  readonly upstreamMessage: string | null;
  readonly retryAfterSeconds: number | null;
  readonly source: ApiErrorSource;
  readonly html: boolean;
  readonly empty: boolean;
  readonly rayId: string | null;
  /** When the failure was seen (epoch ms): the base of a Retry-After countdown. */
  readonly at: number;

  constructor(init: ApiErrorInit) {
    super(init.message, { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.upstreamMessage = init.upstreamMessage ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.source = init.source ?? 'upstream';
    this.html = init.html ?? false;
    this.empty = init.empty ?? false;
    this.rayId = init.rayId ?? null;
    this.at = Date.now();
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The Ray ID of an answer: its `cf-ray` header, else the one a Cloudflare error page prints
 * ("Cloudflare Ray ID: <strong>8f1c2b3a4d5e6f70</strong>"). Only the expected shape is kept:
 * 16 hex digits, with the data centre's code after a dash in the header.
 */
export function rayIdOf(header: string | null, body: string): string | null {
  const fromHeader = header?.trim() ?? '';
  if (/^[0-9a-f]{16}(?:-[A-Z]{3})?$/i.test(fromHeader)) return fromHeader;
  const printed = /Ray ID:?\s*(?:<[^>]{0,80}>\s*)*([0-9a-f]{16})\b/i.exec(body.slice(0, 200_000));
  return printed?.[1] ?? null;
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
