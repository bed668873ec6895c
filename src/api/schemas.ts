import * as z from 'zod/mini';

// zod's functional build (zod/mini): the same parser, without the chained methods that
// would put all of zod in the first page's JavaScript (about 20 KB gzip more).
// zod probes `new Function` to speed up parsing; the built app's Content-Security-Policy
// forbids eval, so the probe only produces a CSP violation report. Parse without it.
z.config({ jitless: true });

// Lenient on purpose: every field is optional and unknown fields pass through, because
// the upstream has three response shapes and more may come. The report model reads
// the details; these schemas only decide "is this an envelope" and "is this a report".

const errorItem = z.looseObject({
  code: z.optional(z.union([z.number(), z.string()])),
  message: z.optional(z.string()),
});

export const envelopeSchema = z.looseObject({
  success: z.optional(z.boolean()),
  data: z.optional(z.unknown()),
  result: z.optional(z.unknown()),
  error: z.optional(z.union([errorItem, z.string()])),
  errors: z.optional(z.array(errorItem)),
  message: z.optional(z.string()),
});

export type Envelope = z.infer<typeof envelopeSchema>;

const record = z.record(z.string(), z.unknown());

const participantLike = z.union([
  z.looseObject({ peer_report: record }),
  z.looseObject({ peer_stats: record }),
  z.looseObject({ quality_stats: record }),
  z.looseObject({ id: z.string(), joined_at: z.unknown() }),
  z.looseObject({ id: z.string(), display_name: z.unknown() }),
]);

/** `data.participant` (current, legacy) or the participant fields in `data` (flat). */
export const peerReportDataSchema = z.union([
  z.looseObject({ participant: participantLike }),
  participantLike,
]);

export type PeerReportData = Record<string, unknown>;

export const appConfigSchema = z.object({
  mode: z.enum(['demo', 'live']),
  defaultAccountId: z.optional(z.nullable(z.string())),
  /** Where colleagues open this Peerscope; null: the page's own origin is the one to share. */
  publicUrl: z.optional(z.nullable(z.string())),
  demo: z.optional(
    z.nullable(
      z.object({
        accountId: z.string(),
        appId: z.string(),
        peers: z.array(z.object({ id: z.string(), label: z.string(), description: z.string() })),
        // Sample sessions beside the sample peers; absent from a server that has none.
        sessions: z.optional(z.array(z.object({ id: z.string(), label: z.string(), description: z.string() }))),
      }),
    ),
  ),
});

export type AppConfig = z.infer<typeof appConfigSchema>;

// ---------------------------------------------------------------------------------------
// Sessions and participants (cloudflare SDK 7.3.0, resources/realtime-kit/sessions.d.ts).
// Read leniently field by field, mapped once here to what the page shows: epoch ms for
// times, milliseconds for durations (the API's `duration` is decimal minutes).

const text = z.catch(z.nullish(z.string()), null);
const count = z.catch(z.nullish(z.number()), null);

function epochMs(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function nonEmpty(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

export type SessionStatus = 'live' | 'ended';

export interface SessionInfo {
  id: string;
  /** The meeting's ID (a UUID, or an older meeting's room name). */
  meetingId: string | null;
  title: string | null;
  /** meeting, livestream or participant, as the API says. */
  type: string | null;
  status: SessionStatus;
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  liveParticipants: number | null;
  peakParticipants: number | null;
  minutesConsumed: number | null;
}

export const sessionSchema = z.pipe(
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    associated_id: text,
    meeting_display_name: text,
    type: text,
    status: text,
    created_at: text,
    started_at: text,
    ended_at: text,
    live_participants: count,
    max_concurrent_participants: count,
    minutes_consumed: count,
  }),
  z.transform(
    (wire): SessionInfo => ({
      id: wire.id,
      meetingId: nonEmpty(wire.associated_id),
      title: nonEmpty(wire.meeting_display_name),
      type: nonEmpty(wire.type),
      // A status the API does not document is read from the end time.
      status: wire.status === 'LIVE' ? 'live' : wire.status === 'ENDED' || nonEmpty(wire.ended_at) !== null ? 'ended' : 'live',
      createdAt: epochMs(wire.created_at),
      startedAt: epochMs(wire.started_at) ?? epochMs(wire.created_at),
      endedAt: epochMs(wire.ended_at),
      liveParticipants: wire.live_participants ?? null,
      peakParticipants: wire.max_concurrent_participants ?? null,
      minutesConsumed: wire.minutes_consumed ?? null,
    }),
  ),
);

export const pagingSchema = z.looseObject({ start_offset: count, end_offset: count, total_count: count });

export interface SessionParticipant {
  /** The participant ID, which is the peer ID of this one join. */
  peerId: string;
  displayName: string | null;
  customParticipantId: string | null;
  userId: string | null;
  preset: string | null;
  joinedAt: number | null;
  leftAt: number | null;
  /** Time in the call; null when the API gives neither a duration nor both ends. */
  durationMs: number | null;
}

export const participantSchema = z.pipe(
  z.looseObject({
    id: z.string().check(z.minLength(1)),
    display_name: text,
    custom_participant_id: text,
    user_id: text,
    preset_name: text,
    // Older answers name the preset `role`.
    role: text,
    joined_at: text,
    left_at: text,
    duration: count,
  }),
  z.transform((wire): SessionParticipant => {
    const joinedAt = epochMs(wire.joined_at);
    const leftAt = epochMs(wire.left_at);
    const fromEnds = joinedAt !== null && leftAt !== null && leftAt >= joinedAt ? leftAt - joinedAt : null;
    return {
      peerId: wire.id,
      displayName: nonEmpty(wire.display_name),
      customParticipantId: nonEmpty(wire.custom_participant_id),
      userId: nonEmpty(wire.user_id),
      preset: nonEmpty(wire.preset_name) ?? nonEmpty(wire.role),
      joinedAt,
      leftAt,
      durationMs: wire.duration !== null && wire.duration !== undefined && wire.duration >= 0 ? Math.round(wire.duration * 60_000) : fromEnds,
    };
  }),
);

/** A list of rows as the API sent it: an array, each entry read on its own. */
export const rowListSchema = z.array(z.unknown());
