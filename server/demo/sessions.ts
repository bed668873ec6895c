// The demo upstream's sessions: who joined which call, when, and what they sent. Every
// sample peer of catalog.ts belongs to one, beside the people whose media its report
// received (their peer IDs are the scenario's remote senders), so the session, its
// participants and each participant's own report all agree. Besides those: a webinar of
// over a thousand joins, daily stand-ups to page through, a session that is rate limited,
// and, for the benchmark only, a session of exactly 5,000 joins. Pure and deterministic:
// the same data on every run, whatever the clock says.

import type { PresetViewType, TimeWindow, VideoSpec } from './generate-report.ts';
import { createRng, hashSeed, type Rng } from './random.ts';
import { scenarioSpec, type ReportScenarioKey } from './scenarios.ts';

/** One join of one person: its own peer ID, and its own report. */
export interface DemoJoin {
  peerId: string;
  userId: string;
  customParticipantId: string;
  displayName: string;
  presetName: string;
  presetViewType: PresetViewType;
  /** Epoch milliseconds: the page opened (pre-call screen). */
  createdAt: number;
  joinedAt: number;
  /** null: still in the call. */
  leftAt: number | null;
  publishesAudio: boolean;
  /** The camera it sends; null: none. */
  video: VideoSpec | null;
  /** Its own uplink is bad: what it sends arrives lossy and thin. */
  poorUplink: boolean;
  /** Screen shares, in epoch milliseconds. */
  screenshare: TimeWindow[];
  /** A sample peer: its report is that scenario's. */
  scenario: ReportScenarioKey | null;
}

export type DemoSessionType = 'meeting' | 'livestream' | 'participant';

export interface DemoSession {
  id: string;
  /** The meeting's ID (the API's associated_id). */
  meetingId: string;
  title: string;
  type: DemoSessionType;
  /** Still going: its figures are as of `asOf`, the latest stats upload. */
  live: boolean;
  /** Epoch milliseconds the figures are taken at: the end, or for a live session its latest update. */
  asOf: number;
  /** Answers 429 with Retry-After until the wait is honoured. */
  rateLimited: boolean;
  /** Joins, oldest first. Built on first use: a webinar has thousands. */
  joins(): readonly DemoJoin[];
}

/** The demo's sessions belong to one organization. */
export const DEMO_ORGANIZATION_ID = 'c41e7a52-0d6b-4f3a-8e19-5b7d2f90a6c3';

/** The benchmark's session: exactly 5,000 joins, served only with benchPeers (PEERSCOPE_BENCH=1). */
export const BENCH_SESSION_ID = 'b3e5c0de-5000-4a11-9c3d-5000b3e5c0de';
export const BENCH_SESSION_JOINS = 5000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

// ---------------------------------------------------------------------------------------
// People

const FIRST_NAMES = [
  'Aiko', 'Amara', 'Anders', 'Bea', 'Bilal', 'Camille', 'Chidi', 'Clara', 'Daniel', 'Elif', 'Emeka', 'Farah', 'Felix', 'Greta',
  'Hamid', 'Ines', 'Ivan', 'Jana', 'Jonas', 'Kaito', 'Kofi', 'Lara', 'Leon', 'Maya', 'Mateo', 'Nadia', 'Nils', 'Noor', 'Omar',
  'Paula', 'Pedro', 'Quinn', 'Rosa', 'Ruben', 'Sara', 'Selin', 'Tariq', 'Thea', 'Umar', 'Vera', 'Wen', 'Yara', 'Yusuf', 'Zoe',
] as const;

const LAST_NAMES = [
  'Abara', 'Bergström', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Gonzaga', 'Haddad', 'Ibsen', 'Jansen', 'Kowalski', 'Lindgren',
  'Moreau', 'Nakamura', 'Okonkwo', 'Petrov', 'Quintero', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz',
  'Zeller', 'Adeyemi', 'Brennan', 'Costa', 'Delacroix', 'Engel', 'Farouk', 'Gallo', 'Horvath', 'Iqbal', 'Kim', 'Larsen', 'Meyer',
] as const;

function personName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

interface Identity {
  userId: string;
  customParticipantId: string;
  displayName: string;
}

/** The app's user key decides the user ID, so one person is the same user in every session. */
function identity(displayName: string, customParticipantId: string): Identity {
  return { userId: createRng(hashSeed('user', customParticipantId)).uuid(), customParticipantId, displayName };
}

const CAMERA: VideoSpec = { width: 1280, height: 720, fps: 30, kbps: 1500 };

interface JoinParams {
  who: Identity;
  peerId: string;
  presetName: string;
  presetViewType: PresetViewType;
  joinedAt: number;
  leftAt: number | null;
  precallMs?: number;
  publishesAudio?: boolean;
  video?: VideoSpec | null;
  poorUplink?: boolean;
  screenshare?: TimeWindow[];
  scenario?: ReportScenarioKey | null;
}

function join(params: JoinParams): DemoJoin {
  return {
    peerId: params.peerId,
    ...params.who,
    presetName: params.presetName,
    presetViewType: params.presetViewType,
    createdAt: params.joinedAt - (params.precallMs ?? 18 * SECOND),
    joinedAt: params.joinedAt,
    leftAt: params.leftAt,
    publishesAudio: params.publishesAudio ?? true,
    video: params.video === undefined ? CAMERA : params.video,
    poorUplink: params.poorUplink ?? false,
    screenshare: params.screenshare ?? [],
    scenario: params.scenario ?? null,
  };
}

function byJoinTime(joins: DemoJoin[]): DemoJoin[] {
  return joins.sort((a, b) => a.joinedAt - b.joinedAt || a.peerId.localeCompare(b.peerId));
}

// ---------------------------------------------------------------------------------------
// The sample peers' sessions: the sample peer, and the people whose media its report received.

/** A remote sender of a sample peer's report: who they were, and how long before and after it they stayed. */
interface SenderCast {
  name: string;
  customParticipantId: string;
  presetName?: string;
}

interface ScenarioCast {
  key: ReportScenarioKey;
  title: string;
  type?: DemoSessionType;
  senders: readonly SenderCast[];
  /** How long the senders stay after the sample peer leaves, at least and at most; 5 s to 3 min when absent. */
  stayAfterMs?: readonly [number, number];
  /** More joins of the same call (a rejoin, listeners), given the sample peer's join. */
  more?: (sample: DemoJoin, senders: readonly DemoJoin[], rng: Rng) => DemoJoin[];
}

const SCENARIO_CASTS: readonly ScenarioCast[] = [
  {
    key: 'good-call',
    title: 'Design sync',
    senders: [
      { name: 'Marcus Bell', customParticipantId: 'crm-user-4490' },
      { name: 'Ingrid Solberg', customParticipantId: 'crm-user-5127' },
    ],
  },
  {
    key: 'poor-wifi',
    title: 'Q3 quarterly review',
    // The review goes on after Tomás's laptop gives up, long enough for him to come back.
    stayAfterMs: [14 * MINUTE, 17 * MINUTE],
    senders: [
      { name: 'Helen Achterberg', customParticipantId: 'crm-user-1003', presetName: 'group_call_host' },
      { name: 'Vikram Iyer', customParticipantId: 'crm-user-2871' },
      { name: 'Chloé Martin', customParticipantId: 'crm-user-6604' },
    ],
    // Tomás came back from his phone after his laptop's Wi-Fi gave up: the same person, a second join.
    more: (sample, _senders, rng) => {
      const left = sample.leftAt ?? sample.joinedAt;
      return [
        join({
          who: { userId: sample.userId, customParticipantId: sample.customParticipantId, displayName: sample.displayName },
          peerId: rng.uuid(),
          presetName: sample.presetName,
          presetViewType: sample.presetViewType,
          joinedAt: left + 94 * SECOND,
          leftAt: left + 12 * MINUTE + 40 * SECOND,
          video: { width: 640, height: 480, fps: 24, kbps: 700 },
        }),
      ];
    },
  },
  {
    key: 'turn-tcp',
    title: 'Northwind Freight onboarding',
    senders: [
      { name: 'Owen Fairweather', customParticipantId: 'crm-user-3392' },
      { name: 'Beatriz Lemos', customParticipantId: 'crm-user-7718' },
    ],
  },
  {
    key: 'mobile-4g',
    title: 'Field team check-in',
    senders: [
      { name: 'Diego Romero', customParticipantId: 'crm-user-2250', presetName: 'group_call_host' },
      { name: 'Ana Pires', customParticipantId: 'crm-user-8841' },
    ],
  },
  {
    key: 'cpu-limited',
    title: 'Support escalation: Lyon office',
    senders: [
      { name: 'Camille Roux', customParticipantId: 'crm-user-1576' },
      { name: 'Julien Marchand', customParticipantId: 'crm-user-9923' },
    ],
  },
  {
    key: 'group-receiver',
    title: 'Product weekly',
    senders: [
      { name: 'Ana Souza', customParticipantId: 'crm-user-3120' },
      { name: 'Kwame Mensah', customParticipantId: 'crm-user-4077' },
      { name: 'Olivia Brandt', customParticipantId: 'crm-user-5310' },
      { name: 'Dmitri Volkov', customParticipantId: 'crm-user-6129' },
      { name: 'Hana Sato', customParticipantId: 'crm-user-7402' },
      { name: 'Liam Gallagher', customParticipantId: 'crm-user-8265' },
    ],
  },
  {
    key: 'muted-whole-call',
    title: 'Customer advisory board',
    senders: [
      { name: 'Ruth Adebayo', customParticipantId: 'crm-user-1841', presetName: 'group_call_host' },
      { name: 'Tobias Keller', customParticipantId: 'crm-user-2736' },
      { name: 'Mariana Duarte', customParticipantId: 'crm-user-3659' },
    ],
  },
  {
    key: 'livestream-viewer',
    title: 'Autumn product launch livestream',
    type: 'livestream',
    senders: [],
    // The viewer watches through the player: the host streams, other viewers watch too.
    more: (sample, _senders, rng) => {
      const start = sample.joinedAt - 6 * MINUTE;
      const end = (sample.leftAt ?? sample.joinedAt) + 9 * MINUTE;
      const host = join({
        who: identity('Elena Marsh', 'crm-user-0101'),
        peerId: rng.uuid(),
        presetName: 'livestream_host',
        presetViewType: 'LIVESTREAM',
        joinedAt: start,
        leftAt: end,
        video: { width: 1920, height: 1080, fps: 30, kbps: 3500 },
      });
      const viewers = Array.from({ length: 24 }, (_, index) => {
        const joinedAt = start + 4 * MINUTE + rng.int(0, 10 * MINUTE);
        return join({
          who: identity(personName(rng), `viewer-${2001 + index}`),
          peerId: rng.uuid(),
          presetName: 'livestream_viewer',
          presetViewType: 'LIVESTREAM',
          joinedAt,
          leftAt: rng.chance(0.25) ? joinedAt + rng.int(3 * MINUTE, 20 * MINUTE) : end - rng.int(0, 90 * SECOND),
          publishesAudio: false,
          video: null,
        });
      });
      return [host, ...viewers];
    },
  },
  {
    key: 'still-in-call',
    title: 'Incident bridge: checkout latency',
    senders: [
      { name: 'Noah Fischer', customParticipantId: 'crm-user-4718', presetName: 'group_call_host' },
      { name: 'Aisha Karimi', customParticipantId: 'crm-user-5893' },
      { name: 'Pieter de Graaf', customParticipantId: 'crm-user-6061' },
    ],
  },
  {
    key: 'flat-shape',
    title: 'Amsterdam partner call',
    senders: [
      { name: 'Femke Visser', customParticipantId: 'crm-user-7329' },
      { name: 'Lars Bakker', customParticipantId: 'crm-user-8416' },
    ],
  },
  {
    key: 'legacy-shape',
    title: 'Bengaluru hiring panel',
    senders: [
      { name: 'Kavya Nair', customParticipantId: 'crm-user-9134' },
      { name: 'Rohan Desai', customParticipantId: 'crm-user-0257' },
    ],
  },
];

/** The presence windows of a report's remote senders are seconds since its join; the whole call when absent. */
function scenarioSession(cast: ScenarioCast): DemoSession {
  const spec = scenarioSpec(cast.key);
  const rng = createRng(hashSeed('demo-session', cast.key));
  const joinedAt = Date.parse(spec.joinedAt);
  const asOf = joinedAt + Math.round(spec.durationSeconds * SECOND);
  const live = spec.stillInCall;
  const sample = join({
    who: { userId: spec.userId, customParticipantId: spec.customParticipantId, displayName: spec.displayName },
    peerId: spec.peerId,
    presetName: spec.presetName,
    presetViewType: spec.presetViewType,
    joinedAt,
    leftAt: live ? null : asOf,
    precallMs: Math.round(spec.precallSeconds * SECOND),
    publishesAudio: spec.publishAudio,
    video: spec.video,
    poorUplink: cast.key === 'poor-wifi',
    screenshare: spec.screenshare.map((w) => ({ from: joinedAt + w.from * SECOND, to: joinedAt + w.to * SECOND })),
    scenario: cast.key,
  });
  const meetingId = rng.uuid();
  const senderJoins = spec.remoteSenders.map((sender, index) => {
    const role = cast.senders[index] ?? { name: personName(rng), customParticipantId: `crm-user-${rng.int(1000, 9999)}` };
    // Senders arrive before and leave after the sample peer, unless the report says when they were there.
    const lead = rng.int(20 * SECOND, 4 * MINUTE);
    const [least, most] = cast.stayAfterMs ?? [5 * SECOND, 3 * MINUTE];
    const lag = rng.int(least, most);
    const present = sender.present;
    const from = present ? joinedAt + present.from * SECOND : joinedAt - lead;
    const stayedToEnd = !present || present.to >= spec.durationSeconds - 1;
    const to = stayedToEnd ? (live ? null : asOf + lag) : joinedAt + (present?.to ?? 0) * SECOND;
    return join({
      who: identity(role.name, role.customParticipantId),
      peerId: sender.peerId,
      presetName: role.presetName ?? (spec.presetViewType === 'WEBINAR' ? 'webinar_host' : 'group_call_participant'),
      presetViewType: spec.presetViewType,
      joinedAt: from,
      leftAt: to,
      video: sender.video,
      poorUplink: sender.poor === true,
      screenshare: (sender.screenshare ?? []).map((w) => ({ from: joinedAt + w.from * SECOND, to: joinedAt + w.to * SECOND })),
    });
  });
  const more = cast.more?.(sample, senderJoins, rng) ?? [];
  const joins = byJoinTime([sample, ...senderJoins, ...more]);
  const lastLeave = Math.max(...joins.map((j) => j.leftAt ?? asOf));
  return {
    id: spec.sessionId,
    meetingId,
    title: cast.title,
    type: cast.type ?? 'meeting',
    live,
    asOf: live ? asOf : lastLeave,
    rateLimited: false,
    joins: () => joins,
  };
}

// ---------------------------------------------------------------------------------------
// Crowds: webinars whose attendees only watch and listen.

interface CrowdParams {
  seedKey: string;
  size: number;
  startedAt: number;
  durationMs: number;
  panelists: readonly SenderCast[];
  /** Of the attendees, how many come back once more with a new peer ID. */
  rejoinShare: number;
  /** Attendees' custom participant IDs: this, a dash and a number. */
  attendeePrefix: string;
}

/** `size` joins: the panelists (who publish), then attendees arriving over the first minutes. */
function crowdJoins(params: CrowdParams): DemoJoin[] {
  const rng = createRng(hashSeed('crowd', params.seedKey));
  const end = params.startedAt + params.durationMs;
  const joins: DemoJoin[] = params.panelists.map((panelist, index) =>
    join({
      who: identity(panelist.name, panelist.customParticipantId),
      peerId: rng.uuid(),
      presetName: panelist.presetName ?? 'webinar_host',
      presetViewType: 'WEBINAR',
      joinedAt: params.startedAt + index * 40 * SECOND,
      leftAt: end + rng.int(30 * SECOND, 3 * MINUTE),
    }),
  );
  let attendee = 0;
  while (joins.length < params.size) {
    attendee += 1;
    const who = identity(personName(rng), `${params.attendeePrefix}-${String(10_000 + attendee)}`);
    const arrives = params.startedAt + 2 * MINUTE + Math.round(Math.min(25 * MINUTE, rng.exponential() * 3 * MINUTE));
    const leavesEarly = rng.chance(0.18);
    const leaves = leavesEarly ? arrives + rng.int(4 * MINUTE, Math.max(5 * MINUTE, end - arrives - MINUTE)) : end - rng.int(0, 4 * MINUTE);
    const attendeeJoin = (joinedAt: number, leftAt: number): DemoJoin =>
      join({ who, peerId: rng.uuid(), presetName: 'webinar_viewer', presetViewType: 'WEBINAR', joinedAt, leftAt, publishesAudio: false, video: null });
    if (joins.length + 1 < params.size && rng.chance(params.rejoinShare)) {
      // A dropped connection or a switch of device: the same person again, a new peer ID.
      const drop = arrives + rng.int(3 * MINUTE, 15 * MINUTE);
      joins.push(attendeeJoin(arrives, drop), attendeeJoin(drop + rng.int(20 * SECOND, 3 * MINUTE), leaves));
    } else {
      joins.push(attendeeJoin(arrives, leaves));
    }
  }
  return byJoinTime(joins);
}

function crowdSession(id: string, meetingId: string, title: string, params: CrowdParams): DemoSession {
  const joins = lazy(() => crowdJoins(params));
  return {
    id,
    meetingId,
    title,
    type: 'meeting',
    live: false,
    asOf: params.startedAt + params.durationMs + 3 * MINUTE,
    rateLimited: false,
    joins,
  };
}

const TOWN_HALL = crowdSession('5f0e2b7a-9c41-4d8e-b3a6-1c7d9e4f2a80', 'e8d4c2a1-7b35-4f69-a0d2-93c6b1e5f478', 'Company town hall: Q3 results', {
  seedKey: 'town-hall',
  size: 1240,
  startedAt: Date.parse('2026-09-16T15:00:00.000Z'),
  durationMs: 58 * MINUTE,
  panelists: [
    { name: 'Adaeze Nwosu', customParticipantId: 'emp-00001' },
    { name: 'Mikael Lund', customParticipantId: 'emp-00002' },
    { name: 'Sofia Marchetti', customParticipantId: 'emp-00003' },
  ],
  rejoinShare: 0.04,
  attendeePrefix: 'emp',
});

const BENCH_SESSION = crowdSession(BENCH_SESSION_ID, 'b3e5c0de-0000-4a11-9c3d-5000b3e5c0de', 'All-hands broadcast (5,000 joins)', {
  seedKey: 'bench-5000',
  size: BENCH_SESSION_JOINS,
  startedAt: Date.parse('2026-09-17T16:00:00.000Z'),
  durationMs: 90 * MINUTE,
  panelists: [
    { name: 'Adaeze Nwosu', customParticipantId: 'emp-00001' },
    { name: 'Mikael Lund', customParticipantId: 'emp-00002' },
  ],
  // One join per person: the list shows 5,000 rows however it groups them.
  rejoinShare: 0,
  attendeePrefix: 'guest',
});

// ---------------------------------------------------------------------------------------
// Small recurring meetings: something to page through and to search by title.

function standup(day: number): DemoSession {
  const rng = createRng(hashSeed('standup', day));
  const startedAt = Date.parse('2026-09-01T08:30:00.000Z') + day * 24 * 60 * MINUTE;
  const team: SenderCast[] = [
    { name: 'Yusuf Demir', customParticipantId: 'crm-user-1420', presetName: 'group_call_host' },
    { name: 'Ana Souza', customParticipantId: 'crm-user-3120' },
    { name: 'Kwame Mensah', customParticipantId: 'crm-user-4077' },
    { name: 'Hana Sato', customParticipantId: 'crm-user-7402' },
    { name: 'Owen Fairweather', customParticipantId: 'crm-user-3392' },
  ];
  const joins = team
    .filter((_, index) => index === 0 || rng.chance(0.85))
    .map((member, index) =>
      join({
        who: identity(member.name, member.customParticipantId),
        peerId: rng.uuid(),
        presetName: member.presetName ?? 'group_call_participant',
        presetViewType: 'GROUP_CALL',
        joinedAt: startedAt + index * rng.int(5 * SECOND, 50 * SECOND),
        leftAt: startedAt + rng.int(13 * MINUTE, 17 * MINUTE),
      }),
    );
  return {
    id: rng.uuid(),
    meetingId: '3d9b6a1e-52c7-4f08-9e4d-a17c2b8f6e05',
    title: 'Platform team stand-up',
    type: 'meeting',
    live: false,
    asOf: Math.max(...joins.map((j) => j.leftAt ?? startedAt)),
    rateLimited: false,
    joins: () => byJoinTime(joins),
  };
}

function rateLimitedSession(): DemoSession {
  const rng = createRng(hashSeed('rate-limited-session'));
  const startedAt = Date.parse('2026-09-16T11:00:00.000Z');
  const names = ['Greta Lindgren', 'Bilal Haddad', 'Maya Okonkwo'];
  const joins = names.map((name, index) =>
    join({
      who: identity(name, `crm-user-${5500 + index}`),
      peerId: rng.uuid(),
      presetName: index === 0 ? 'group_call_host' : 'group_call_participant',
      presetViewType: 'GROUP_CALL',
      joinedAt: startedAt + index * 35 * SECOND,
      leftAt: startedAt + 27 * MINUTE + index * 20 * SECOND,
    }),
  );
  return {
    id: '6d2f8e1b-4a73-4c95-8b0e-29f1d7c3a5e6',
    meetingId: rng.uuid(),
    title: 'Board prep',
    type: 'meeting',
    live: false,
    asOf: Math.max(...joins.map((j) => j.leftAt ?? startedAt)),
    rateLimited: true,
    joins: () => joins,
  };
}

// ---------------------------------------------------------------------------------------
// The catalogue

const SCENARIO_SESSIONS = lazy(() => new Map(SCENARIO_CASTS.map((cast) => [cast.key, scenarioSession(cast)] as const)));
const RATE_LIMITED = lazy(rateLimitedSession);
const STANDUPS = lazy(() => Array.from({ length: 14 }, (_, day) => standup(day)));

const ALL = lazy(() => [...SCENARIO_SESSIONS().values(), TOWN_HALL, ...STANDUPS(), RATE_LIMITED()]);
const ALL_WITH_BENCH = lazy(() => [...ALL(), BENCH_SESSION]);

export interface SessionCatalogOptions {
  /** Also the benchmark's 5,000-join session. */
  benchPeers?: boolean;
}

export function demoSessions(options: SessionCatalogOptions = {}): readonly DemoSession[] {
  return options.benchPeers ? ALL_WITH_BENCH() : ALL();
}

export function demoSessionById(id: string, options: SessionCatalogOptions = {}): DemoSession | undefined {
  const wanted = id.toLowerCase();
  return demoSessions(options).find((session) => session.id === wanted);
}

/** The session a sample peer's report belongs to. */
export function sessionOfScenario(key: ReportScenarioKey): DemoSession {
  const session = SCENARIO_SESSIONS().get(key);
  if (!session) throw new Error(`No demo session for ${key}`);
  return session;
}

const joinIndexes = new Map<boolean, Map<string, { session: DemoSession; join: DemoJoin }>>();

/** The join with this peer ID, in any demo session, and its session. */
export function demoJoinByPeerId(peerId: string, options: SessionCatalogOptions = {}): { session: DemoSession; join: DemoJoin } | undefined {
  const bench = options.benchPeers === true;
  let index = joinIndexes.get(bench);
  if (!index) {
    index = new Map();
    for (const session of demoSessions(options)) for (const j of session.joins()) index.set(j.peerId, { session, join: j });
    joinIndexes.set(bench, index);
  }
  return index.get(peerId.toLowerCase());
}

// ---------------------------------------------------------------------------------------
// Figures the API reports about a session, worked out from its joins.

export interface SessionFigures {
  startedAt: number;
  /** null while live. */
  endedAt: number | null;
  liveParticipants: number;
  maxConcurrentParticipants: number;
  minutesConsumed: number;
}

const figuresCache = new WeakMap<DemoSession, SessionFigures>();

export function sessionFigures(session: DemoSession): SessionFigures {
  const known = figuresCache.get(session);
  if (known) return known;
  const joins = session.joins();
  const startedAt = Math.min(...joins.map((j) => j.joinedAt));
  // Sweep the joins and leaves for the most people in the call at once.
  const edges: [number, number][] = [];
  for (const j of joins) {
    edges.push([j.joinedAt, 1]);
    if (j.leftAt !== null) edges.push([j.leftAt, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, step] of edges) {
    now += step;
    peak = Math.max(peak, now);
  }
  const minutes = joins.reduce((sum, j) => sum + ((j.leftAt ?? session.asOf) - j.joinedAt) / MINUTE, 0);
  const figures: SessionFigures = {
    startedAt,
    endedAt: session.live ? null : Math.max(...joins.map((j) => j.leftAt ?? session.asOf)),
    liveParticipants: session.live ? joins.filter((j) => j.leftAt === null).length : 0,
    maxConcurrentParticipants: peak,
    minutesConsumed: Math.round(minutes * 100) / 100,
  };
  figuresCache.set(session, figures);
  return figures;
}

/** A join's time in the call, in the API's decimal minutes. */
export function joinMinutes(session: DemoSession, j: DemoJoin): number {
  return Math.round((((j.leftAt ?? session.asOf) - j.joinedAt) / MINUTE) * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------
// The sample sessions the start page lists beside the sample peers (through /api/config).

export interface DemoSessionSummary {
  id: string;
  label: string;
  description: string;
}

export function demoSampleSessions(): DemoSessionSummary[] {
  return [
    {
      id: sessionOfScenario('poor-wifi').id,
      label: 'Q3 quarterly review',
      description: 'Tomás Oyelaran on congested Wi-Fi, then back from his phone: one person, two joins.',
    },
    {
      id: sessionOfScenario('group-receiver').id,
      label: 'Product weekly, 7 people',
      description: 'Mei Chen and six senders, each with a report: Dmitri Volkov’s uplink is poor, Kwame Mensah shares a screen.',
    },
    {
      id: sessionOfScenario('still-in-call').id,
      label: 'Incident bridge (live)',
      description: 'Still going: four people in the call, the list read again every 30 seconds.',
    },
    {
      id: TOWN_HALL.id,
      label: 'Town hall, 1,240 joins',
      description: 'A webinar: three panelists and over a thousand attendees across pages, some of them rejoined.',
    },
    {
      id: sessionOfScenario('livestream-viewer').id,
      label: 'Launch livestream',
      description: 'A host streaming to 25 viewers who watch through the player.',
    },
    {
      id: RATE_LIMITED().id,
      label: 'Rate limited (429)',
      description: 'Answers 429 with Retry-After: 2, then the session once the wait is honoured.',
    },
  ];
}
