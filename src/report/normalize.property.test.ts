// Property-based tests of the report edge: for any input the normalizer and the diagnosis
// do not throw, and for realistic reports with realistic damage (the demo scenarios with
// values, fields and timestamps mutated) the model keeps its invariants.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_SCENARIO_KEYS, scenarioBody, type ReportScenarioKey } from '../../server/demo/scenarios.ts';
import { callRange } from './call-range.ts';
import { DiagnosisContext } from './diagnosis/context.ts';
import { DIAGNOSIS_RULES, diagnose } from './diagnosis/diagnose.ts';
import type { PeerReport, QualitySample } from './model.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';
import { diagnosedReport, type DiagnosedReport } from './test-support/diagnosed-report.ts';
import { redactReport } from './redact.ts';

// A fixed seed per run keeps CI reproducible; a failure prints its own seed and path anyway.
const SEED = 20_260_303;

/** The normalizer's last line of defence (`section`) turns a throw into this warning. */
const SWALLOWED_THROW = /^could not be read: /;

const SAMPLE_NUMBERS: readonly (keyof QualitySample)[] = [
  'at',
  'bitrateKbps',
  'lossPercent',
  'jitterMs',
  'rttMs',
  'mos',
  'fps',
  'width',
  'height',
  'packets',
  'packetsLost',
  'jitterBufferDelayMs',
  'concealmentEvents',
  'framesDropped',
];

function swallowedThrows(report: PeerReport): string[] {
  return report.warnings.filter((w) => SWALLOWED_THROW.test(w.message)).map((w) => `${w.path}: ${w.message}`);
}

/** Runs every rule on its own: diagnose() skips a rule that throws, which would hide it here. */
function runEveryRule(report: PeerReport): void {
  const context = new DiagnosisContext(report);
  for (const rule of DIAGNOSIS_RULES) {
    try {
      rule.run(context);
    } catch (error) {
      throw new Error(`rule ${rule.id} threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
}

function checkNeverThrows(input: unknown): void {
  const report = normalizePeerReport(input);
  expect(swallowedThrows(report)).toEqual([]);
  runEveryRule(report);
  diagnose(report);
  callRange(report);
}

// ---------------------------------------------------------------------------------------
// Mutating the demo scenarios.

type Json = unknown;

/** Every object and array in the tree, depth first, so an index picks one deterministically. */
function containers(root: Json): (Record<string, Json> | Json[])[] {
  const found: (Record<string, Json> | Json[])[] = [];
  const visit = (node: Json) => {
    if (Array.isArray(node)) {
      found.push(node);
      node.forEach(visit);
    } else if (typeof node === 'object' && node !== null) {
      found.push(node as Record<string, Json>);
      Object.values(node).forEach(visit);
    }
  };
  visit(root);
  return found;
}

/**
 * Objects that carry a time: samples, events, device updates, pre-call checks, peer events.
 * With `eventsOnly`, only the events (client and peer), which samples would otherwise outnumber.
 */
function timed(root: Json, eventsOnly = false): Record<string, Json>[] {
  return containers(root).filter((node): node is Record<string, Json> => {
    if (Array.isArray(node)) return false;
    if (eventsOnly) return typeof node['name'] === 'string' || typeof node['event_name'] === 'string' || typeof node['type'] === 'string';
    return typeof node['timestamp'] === 'string' || typeof node['created_at'] === 'string';
  });
}

function timeKey(node: Record<string, Json>): string {
  return typeof node['timestamp'] === 'string' || !('created_at' in node) ? 'timestamp' : 'created_at';
}

function participantOf(body: Json): Record<string, Json> {
  const data = (body as { data: Record<string, Json> }).data;
  const nested = data['participant'];
  return typeof nested === 'object' && nested !== null ? (nested as Record<string, Json>) : data;
}

/** What a broken SDK, a unit change or a bad export puts where a number belongs. */
const weirdValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom(null, Number.NaN, -1, -0, 0, 1e308, -1e308, Infinity, -Infinity, 2 ** 53 + 1, -(2 ** 31)),
  fc.constantFrom('12', 'NaN', 'null', '', 'abc', '1e400', '-5', ' 7 ', 'Infinity', true, false, [], {}),
  fc.double(),
  fc.integer({ min: -1e12, max: 1e12 }),
  fc.string({ maxLength: 8 }),
);

type Mutation =
  | { kind: 'set'; node: number; key: number; value: Json }
  | { kind: 'participant'; key: number; value: Json | typeof DROP }
  | { kind: 'drop'; node: number; key: number }
  | { kind: 'shuffle'; node: number; seed: number }
  | { kind: 'duplicate'; node: number; item: number }
  | { kind: 'same-time'; node: number; other: number; eventsOnly: boolean }
  | { kind: 'outside-call'; node: number; before: boolean; offsetMs: number; eventsOnly: boolean }
  | { kind: 'bad-time'; node: number; value: Json };

const DROP = Symbol('drop');

const PARTICIPANT_KEYS = ['joined_at', 'left_at', 'duration', 'created_at', 'updated_at', 'id', 'display_name', 'peer_events'];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), node: fc.nat(), key: fc.nat(), value: weirdValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), node: fc.nat(), key: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('shuffle' as const), node: fc.nat(), seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), node: fc.nat(), item: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('participant' as const),
      key: fc.nat(),
      value: fc.oneof(weirdValue, fc.constant(DROP), fc.constantFrom<Json>('2026-03-03T05:00:00.000Z', '2030-01-01T00:00:00Z', 'soon')),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('same-time' as const), node: fc.nat(), other: fc.nat(), eventsOnly: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outside-call' as const),
      node: fc.nat(),
      before: fc.boolean(),
      offsetMs: fc.integer({ min: 1, max: 6 * 3600_000 }),
      eventsOnly: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bad-time' as const),
      node: fc.nat(),
      value: fc.constantFrom<Json>(null, '', 'yesterday', '2026-13-45T99:99:99Z', 0, -1, 1e15, Number.NaN, '1970-01-01T00:00:00.000Z'),
    }),
  },
);

/** Fisher-Yates driven by a small LCG, so the permutation is part of the generated case. */
function shuffle(items: Json[], seed: number): void {
  let state = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    const j = state % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
}

function applyMutation(body: Json, m: Mutation): void {
  const pick = <T,>(list: readonly T[], index: number): T | undefined => (list.length === 0 ? undefined : list[index % list.length]);
  switch (m.kind) {
    case 'set':
    case 'drop': {
      const objects = containers(body).filter((node): node is Record<string, Json> => !Array.isArray(node));
      const node = pick(objects, m.node);
      const key = node ? pick(Object.keys(node), m.key) : undefined;
      if (!node || key === undefined || node === body) return;
      if (m.kind === 'set') node[key] = m.value;
      else delete node[key];
      return;
    }
    case 'shuffle':
    case 'duplicate': {
      const arrays = containers(body).filter((node): node is Json[] => Array.isArray(node) && node.length > 1);
      const node = pick(arrays, m.node);
      if (!node) return;
      if (m.kind === 'shuffle') shuffle(node, m.seed);
      else node.splice(m.item % node.length, 0, structuredClone(node[m.item % node.length]));
      return;
    }
    case 'participant': {
      const participant = participantOf(body);
      const key = PARTICIPANT_KEYS[m.key % PARTICIPANT_KEYS.length]!;
      if (m.value === DROP) delete participant[key];
      else participant[key] = m.value;
      return;
    }
    case 'same-time': {
      const nodes = timed(body, m.eventsOnly);
      const node = pick(nodes, m.node);
      // From anything timed: an event may share a sample's instant.
      const other = pick(timed(body), m.other);
      if (node && other) node[timeKey(node)] = other[timeKey(other)];
      return;
    }
    case 'outside-call': {
      const participant = participantOf(body);
      const edge = Date.parse(String(m.before ? participant['joined_at'] : (participant['left_at'] ?? participant['joined_at'])));
      const node = pick(timed(body, m.eventsOnly), m.node);
      if (node && Number.isFinite(edge)) node[timeKey(node)] = new Date(edge + (m.before ? -m.offsetMs : m.offsetMs)).toISOString();
      return;
    }
    case 'bad-time': {
      const node = pick(timed(body), m.node);
      if (node) node[timeKey(node)] = m.value;
      return;
    }
  }
}

const scenarioKey = fc.constantFrom<ReportScenarioKey>(...REPORT_SCENARIO_KEYS);

const pristine = new Map<ReportScenarioKey, Json>();
function freshScenario(key: ReportScenarioKey): Json {
  let body = pristine.get(key);
  if (body === undefined) {
    body = scenarioBody(key);
    pristine.set(key, body);
  }
  return structuredClone(body);
}

const mutatedReport: fc.Arbitrary<{ key: ReportScenarioKey; mutations: Mutation[] }> = fc.record({
  key: scenarioKey,
  mutations: fc.array(mutation, { minLength: 1, maxLength: 12 }),
});

function build({ key, mutations }: { key: ReportScenarioKey; mutations: Mutation[] }): Json {
  const body = freshScenario(key);
  for (const m of mutations) applyMutation(body, m);
  return body;
}

function checkInvariants(report: DiagnosedReport): void {
  expect(swallowedThrows(report)).toEqual([]);
  const { durationMs } = report.participant;
  if (durationMs !== null && !Number.isFinite(durationMs)) throw new Error(`participant durationMs is ${durationMs}`);

  const times = report.timeline.map((event) => event.at);
  for (const at of times) expect(Number.isFinite(at)).toBe(true);
  for (let i = 1; i < times.length; i += 1) expect(times[i]!).toBeGreaterThanOrEqual(times[i - 1]!);

  for (const stream of report.streams) {
    for (const sample of stream.samples) {
      for (const field of SAMPLE_NUMBERS) {
        const value = sample[field];
        if (value !== null && !(typeof value === 'number' && Number.isFinite(value))) {
          throw new Error(`${stream.id} sample at ${sample.at}: ${field} is ${String(value)}`);
        }
      }
    }
    for (let i = 1; i < stream.samples.length; i += 1) {
      expect(stream.samples[i]!.at, `${stream.id} samples in time order`).toBeGreaterThanOrEqual(stream.samples[i - 1]!.at);
    }
  }

  const range = callRange(report);
  for (const finding of report.findings) {
    for (const interval of finding.intervals) {
      if (!range) throw new Error(`${finding.id} has intervals but the report has no call range`);
      expect(interval.start, finding.id).toBeLessThanOrEqual(interval.end);
      expect(interval.start, `${finding.id} starts within the call`).toBeGreaterThanOrEqual(range.start);
      expect(interval.end, `${finding.id} ends within the call`).toBeLessThanOrEqual(range.end);
    }
  }
}

const findingIds = (report: DiagnosedReport): string[] => report.findings.map((finding) => finding.id);

describe('normalizePeerReport and diagnose on any input', () => {
  it('never throw, and no part of the model is lost to a caught throw, for arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), checkNeverThrows), { numRuns: 200, seed: SEED });
  });

  it('never throw for arbitrary JavaScript values (NaN, undefined, -0, sparse arrays, odd keys)', () => {
    fc.assert(fc.property(fc.anything({ maxDepth: 4, withSparseArray: true, withNullPrototype: true }), checkNeverThrows), {
      numRuns: 150,
      seed: SEED,
    });
  });

  it('never throw when any part of a real report is replaced by arbitrary JSON', { timeout: 30_000 }, () => {
    const graft = fc.record({ key: scenarioKey, node: fc.nat(), slot: fc.nat(), value: fc.jsonValue({ maxDepth: 3 }) });
    fc.assert(
      fc.property(graft, ({ key, node, slot, value }) => {
        const body = freshScenario(key);
        const all = containers(body);
        const target = all[node % all.length]!;
        if (Array.isArray(target)) {
          if (target.length > 0) target[slot % target.length] = value;
        } else {
          const keys = Object.keys(target);
          const name = keys.length > 0 ? keys[slot % keys.length]! : 'x';
          target[name] = value;
        }
        checkNeverThrows(body);
      }),
      { numRuns: 100, seed: SEED },
    );
  });
});

describe('normalizePeerReport on damaged real reports', () => {
  it('keeps the timeline sorted, sample values finite or null, and finding intervals inside the call', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(mutatedReport, (spec) => {
        const report = diagnosedReport(build(spec));
        checkInvariants(report);
        runEveryRule(report);
      }),
      { numRuns: 120, seed: SEED },
    );
  });

  it('finds the same findings in the redacted report as in the original', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(mutatedReport, fc.boolean(), (spec, namesAndUserIds) => {
        const body = build(spec);
        const original = findingIds(diagnosedReport(body));
        const redacted = findingIds(diagnosedReport(redactReport(body, { namesAndUserIds })));
        expect(redacted).toEqual(original);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('finds the same findings in every undamaged scenario after redaction', { timeout: 30_000 }, () => {
    for (const key of REPORT_SCENARIO_KEYS) {
      const body = freshScenario(key);
      const original = findingIds(diagnosedReport(body));
      for (const namesAndUserIds of [false, true]) {
        expect(findingIds(diagnosedReport(redactReport(body, { namesAndUserIds }))), key).toEqual(original);
      }
    }
  });
});

describe('unit conversion of absurd values', () => {
  // The counterexamples the properties above shrank to: a counter or a seconds field near
  // Number.MAX_VALUE overflows to Infinity once converted (bytes * 8, seconds * 1000,
  // minutes * 60 000); a display value must be a finite number or null.
  it.each([
    ['audio_producer', 'bytes_sent'],
    ['audio_producer', 'rtt'],
    ['audio_producer', 'jitter'],
    ['video_consumer', 'bytes_received'],
    ['video_consumer', 'jitter_buffer_delay'],
  ])('%s.%s = 1e308 gives a finite value or null', (array, field) => {
    const body = freshScenario('good-call') as { data: { participant: { peer_report: { quality: Record<string, Record<string, Json>[]> } } } };
    const samples = body.data.participant.peer_report.quality[array]!;
    samples[3]![field] = 1e308;
    checkInvariants(diagnosedReport(body));
  });

  it('a duration of 1e308 minutes gives a finite duration or null', () => {
    const body = freshScenario('still-in-call') as { data: { participant: Record<string, Json> } };
    body.data.participant['duration'] = 1e308;
    const report = diagnosedReport(body);
    checkInvariants(report);
    expect(callRange(report)).not.toBeNull();
  });
});

describe('findings near the edges of the call', () => {
  // Shrunk from the interval property: a point event is shaded 10 s wide, and a drop in
  // the last seconds before leaving (a common way for a bad call to end) shaded past the end.
  it.each(['disconnect', 'reconnect_attempt'])('a %s just before leaving is shaded inside the call', (name) => {
    const body = freshScenario('poor-wifi') as {
      data: { participant: { left_at: string; peer_report: { metadata: { events: Record<string, Json>[] } } } };
    };
    const { participant } = body.data;
    const event = participant.peer_report.metadata.events.find((e) => e['name'] === name);
    if (!event) throw new Error(`poor-wifi has no ${name} event`);
    event['timestamp'] = new Date(Date.parse(participant.left_at) - 2_000).toISOString();
    const report = diagnosedReport(body);
    expect(report.findings.some((finding) => finding.rule === 'reconnects')).toBe(true);
    checkInvariants(report);
  });
});
