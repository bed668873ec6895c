import type { PeerReport, TimeInterval } from './model.ts';

/**
 * The stretch every chart and the timeline share: join to leave when both are known,
 * otherwise widened to whatever the samples and events cover (a participant still in
 * the call has no leave time; clocks of client events can run a little early or late).
 */
export function callRange(report: PeerReport): TimeInterval | null {
  let start = report.participant.joinedAt ?? Number.POSITIVE_INFINITY;
  let end = report.participant.leftAt ?? Number.NEGATIVE_INFINITY;
  const widen = (at: number) => {
    if (at < start) start = at;
    if (at > end) end = at;
  };
  for (const stream of report.streams) {
    const first = stream.samples[0];
    const last = stream.samples[stream.samples.length - 1];
    if (first) widen(first.at);
    if (last) widen(last.at);
  }
  const firstEvent = report.timeline[0];
  const lastEvent = report.timeline[report.timeline.length - 1];
  if (firstEvent) widen(firstEvent.at);
  if (lastEvent) widen(lastEvent.at);
  if (report.participant.joinedAt !== null && report.participant.leftAt === null && report.participant.durationMs !== null) {
    widen(report.participant.joinedAt + report.participant.durationMs);
  }
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  if (end <= start) return { start, end: start + 1000 };
  return { start, end };
}
