// Narrowing helpers for tests that read generated JSON: they fail loudly on a wrong shape
// instead of casting (`as T` on JSON would hide exactly the mistakes the tests look for).

export function rec(value: unknown, what = 'value'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** A value as the upstream sends it: through JSON, then read as an object. */
export function asSent(value: unknown): Record<string, unknown> {
  return rec(JSON.parse(JSON.stringify(value)), 'answer');
}

export function arr(value: unknown, what = 'value'): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

export function recs(value: unknown, what = 'value'): Record<string, unknown>[] {
  return arr(value, what).map((item, index) => rec(item, `${what}[${index}]`));
}

export function num(source: Record<string, unknown>, key: string): number {
  const value = source[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${key} is not a number: ${String(value)}`);
  return value;
}

export function str(source: Record<string, unknown>, key: string): string {
  const value = source[key];
  if (typeof value !== 'string') throw new Error(`${key} is not a string: ${String(value)}`);
  return value;
}

export function ms(source: Record<string, unknown>, key: string): number {
  const value = Date.parse(str(source, key));
  if (Number.isNaN(value)) throw new Error(`${key} is not a date`);
  return value;
}

/** The participant, whichever of the current and flat shapes `data` is in. */
export function participantOf(data: Record<string, unknown>): Record<string, unknown> {
  return 'participant' in data ? rec(data.participant, 'participant') : data;
}

export function reportOf(data: Record<string, unknown>): { metadata: Record<string, unknown>; quality: Record<string, unknown> } {
  const report = rec(participantOf(data).peer_report, 'peer_report');
  return { metadata: rec(report.metadata, 'metadata'), quality: rec(report.quality ?? {}, 'quality') };
}

export function samples(data: Record<string, unknown>, array: string): Record<string, unknown>[] {
  return recs(reportOf(data).quality[array], array);
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Loss as the RealtimeKit client computes it: lost / sent for sent packets, lost / (received + lost) for received ones. */
export function lossPercent(sample: Record<string, unknown>): number {
  const lost = num(sample, 'packets_lost');
  if ('packets_sent' in sample) {
    const sent = num(sample, 'packets_sent');
    return sent > 0 ? (100 * lost) / sent : 0;
  }
  const received = num(sample, 'packets_received');
  return received + lost > 0 ? (100 * lost) / (received + lost) : 0;
}
