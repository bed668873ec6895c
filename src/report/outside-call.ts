// Times far outside the participant's stay are a wrong clock on the device (a laptop set to
// another year, a phone that lost its time) or a corrupted record, not something that
// happened in the call. Kept, one such time would stretch every chart and the timeline
// across days and squash the call into a sliver; so they are left out, with a warning
// that says how many and when.

import { formatUtc } from '../lib/format.ts';
import type { PeerReport } from './model.ts';
import type { Reader } from './read-json.ts';

/** Pre-call checks and the setup screen come before the join; an hour covers a long wait there. */
const BEFORE_JOIN_TOLERANCE_MS = 60 * 60_000;
/** Server-side leave events and the last stats arrive a little after the leave. */
const AFTER_LEAVE_TOLERANCE_MS = 10 * 60_000;

export interface CallBounds {
  start: number;
  end: number;
}

/** What counts as plausibly "during the call"; null when the join time is unknown. */
function plausibleBounds(participant: PeerReport['participant']): CallBounds | null {
  const { joinedAt, leftAt, durationMs } = participant;
  if (joinedAt === null) return null;
  const lastKnown = leftAt ?? (durationMs !== null ? joinedAt + durationMs : null);
  return {
    start: joinedAt - BEFORE_JOIN_TOLERANCE_MS,
    end: lastKnown !== null && lastKnown >= joinedAt ? lastKnown + AFTER_LEAVE_TOLERANCE_MS : Number.POSITIVE_INFINITY,
  };
}

function warnDropped(reader: Reader, path: string, noun: string, dropped: readonly number[], bounds: CallBounds): void {
  const sides = [
    { times: dropped.filter((at) => at < bounds.start), where: 'more than 1 h before the join' },
    { times: dropped.filter((at) => at > bounds.end), where: 'more than 10 min after the leave' },
  ];
  for (const { times, where } of sides) {
    const first = times[0];
    if (first === undefined) continue;
    const what = times.length === 1 ? noun : `${noun}s`;
    reader.warn(path, `${times.length} ${what} ${where} (the first at ${formatUtc(first)}): a wrong clock on the device? Left off the timeline and charts`);
  }
}

/** Drops events and samples outside the plausible bounds, with a warning that says how many and when. */
export function dropOutsideCall(reader: Reader, report: PeerReport): void {
  const bounds = plausibleBounds(report.participant);
  if (bounds === null) return;
  const inside = (at: number) => at >= bounds.start && at <= bounds.end;

  if (report.timeline.some((event) => !inside(event.at))) {
    const dropped = report.timeline.filter((event) => !inside(event.at)).map((event) => event.at);
    report.timeline = report.timeline.filter((event) => inside(event.at));
    warnDropped(reader, 'timeline', 'event', dropped, bounds);
  }

  for (const stream of report.streams) {
    if (stream.samples.every((sample) => inside(sample.at))) continue;
    const dropped = stream.samples.filter((sample) => !inside(sample.at)).map((sample) => sample.at);
    stream.samples = stream.samples.filter((sample) => inside(sample.at));
    warnDropped(reader, `quality.${stream.id}`, 'sample', dropped, bounds);
  }
}
