// The peer report of any join in a demo session that is not a sample peer: built by the same
// generator as the scenarios, from what the session says about that join. Its remote senders
// are the others who published while it was there, with the same peer IDs; a sender whose
// uplink was bad (the group call's poor sender) shows that trouble on its own send side, so
// "their uplink or our downlink" can be answered from either report.

import { generateCallReport, makeCallSpec, type CallSpec, type RemoteSenderSpec, type TimeWindow } from './generate-report.ts';
import { hashSeed } from './random.ts';
import { applyFilters, type ScenarioOptions } from './scenarios.ts';
import type { DemoJoin, DemoSession } from './sessions.ts';

const SECOND = 1000;

/** Windows in epoch ms, cut to [from, to) and made seconds since `origin`. */
function relative(windows: readonly TimeWindow[], origin: number, from: number, to: number): TimeWindow[] {
  return windows
    .map((w) => ({ from: Math.max(w.from, from), to: Math.min(w.to, to) }))
    .filter((w) => w.to > w.from)
    .map((w) => ({ from: (w.from - origin) / SECOND, to: (w.to - origin) / SECOND }));
}

/** Everyone who published while `me` was in the call, as my report's remote senders. */
function sendersOf(session: DemoSession, me: DemoJoin, end: number): RemoteSenderSpec[] {
  const senders: RemoteSenderSpec[] = [];
  for (const other of session.joins()) {
    if (other.peerId === me.peerId || (!other.publishesAudio && other.video === null)) continue;
    const from = Math.max(other.joinedAt, me.joinedAt);
    const to = Math.min(other.leftAt ?? end, end);
    if (to <= from) continue;
    const wholeCall = from === me.joinedAt && to === end;
    senders.push({
      peerId: other.peerId,
      video: other.video,
      poor: other.poorUplink,
      ...(wholeCall ? {} : { present: { from: (from - me.joinedAt) / SECOND, to: (to - me.joinedAt) / SECOND } }),
      screenshare: relative(other.screenshare, me.joinedAt, from, to),
    });
  }
  return senders;
}

/** The CallSpec of one join of a demo session. */
function joinCallSpec(session: DemoSession, me: DemoJoin): CallSpec {
  const end = me.leftAt ?? session.asOf;
  const durationSeconds = (end - me.joinedAt) / SECOND;
  const base = makeCallSpec({ seed: hashSeed('session-join', me.peerId), peerId: me.peerId, joinedAt: new Date(me.joinedAt).toISOString(), durationSeconds, senderCount: 0 });
  const roomViewType = me.presetViewType === 'WEBINAR' ? 'webinar' : me.presetViewType === 'LIVESTREAM' ? 'livestream' : 'groupCall';
  const network: CallSpec['network'] = me.poorUplink
    ? {
        // A congested upstream: the camera is bandwidth-limited and what it sends is lost on the way.
        ...base.network,
        interface: 'wifi',
        uplinkKbps: 900,
        jitterMs: 14,
        impairments: [{ from: 0, to: durationSeconds, lossPercent: [6, 18], jitterMs: [30, 65], direction: 'up' }],
      }
    : base.network;
  return {
    ...base,
    sessionId: session.id,
    userId: me.userId,
    customParticipantId: me.customParticipantId,
    displayName: me.displayName,
    presetName: me.presetName,
    presetViewType: me.presetViewType,
    precallSeconds: (me.joinedAt - me.createdAt) / SECOND,
    stillInCall: me.leftAt === null,
    device: { ...base.device, roomViewType },
    network,
    publishAudio: me.publishesAudio,
    video: me.video,
    remoteSenders: sendersOf(session, me, end),
    screenshare: relative(me.screenshare, me.joinedAt, me.joinedAt, end),
  };
}

/** Reports built lately, by peer: a pivot back and forth asks for the same ones again. */
const recent = new Map<string, string>();
const RECENT_LIMIT = 24;

/** The serialized success envelope of a join's report, filtered as the request asks. */
export function joinReportBodyJson(session: DemoSession, me: DemoJoin, options: ScenarioOptions = {}): string {
  const filters = options.filters ?? null;
  const includePeerEvents = options.includePeerEvents ?? true;
  const key = `${me.peerId}|${filters?.join(',') ?? '*'}|${includePeerEvents}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  const body = JSON.stringify({ success: true, data: applyFilters(generateCallReport(joinCallSpec(session, me)), filters, includePeerEvents) });
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  recent.set(key, body);
  return body;
}
