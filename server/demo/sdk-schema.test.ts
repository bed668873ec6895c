// The demo upstream is held to the published schema: every current-shape answer is the
// `cloudflare` SDK's SessionGetParticipantDataFromPeerIDResponse. The type checker holds
// the generator to it (it builds the SDK's object literals); this test holds what is
// actually sent to it, key by key, against the schema read from the SDK's .d.ts itself.

import { createRequire } from 'node:module';
import ts from 'typescript';
import type { SessionGetParticipantDataFromPeerIDResponse } from 'cloudflare/resources/realtime-kit/sessions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BENCH_PEERS, benchBodyJson } from './bench-peers.ts';
import { generateCallReport, makeCallSpec } from './generate-report.ts';
import { isCurrentShape, REPORT_SCENARIO_KEYS, scenarioAnswer, scenarioBodyJson } from './scenarios.ts';

/** What the schema allows at one place: named keys, any key (an index signature), or a value. */
type SchemaNode = { kind: 'object'; keys: Map<string, SchemaNode> } | { kind: 'open' } | { kind: 'value' };

const PROBE = 'schema-probe.ts';
const PROBE_SOURCE = `import type { SessionGetParticipantDataFromPeerIDResponse } from 'cloudflare/resources/realtime-kit/sessions';
export declare const answer: SessionGetParticipantDataFromPeerIDResponse;
`;

/** The schema's tree of keys, read from the SDK's declarations by the TypeScript checker. */
function readSchema(): SchemaNode {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name.endsWith(PROBE) ? PROBE_SOURCE : readFile(name));
  host.fileExists = ((fileExists) => (name: string) => name.endsWith(PROBE) || fileExists(name))(host.fileExists.bind(host));
  host.getSourceFile = (name, language, ...rest) =>
    name.endsWith(PROBE) ? ts.createSourceFile(name, PROBE_SOURCE, language) : getSourceFile(name, language, ...rest);
  // Resolve the SDK from this project, wherever the test runs from.
  const sdk = createRequire(import.meta.url).resolve('cloudflare');
  const root = sdk.slice(0, sdk.lastIndexOf('node_modules'));
  const program = ts.createProgram({ rootNames: [`${root}${PROBE}`], options, host });
  const checker = program.getTypeChecker();
  const probe = program.getSourceFile(`${root}${PROBE}`);
  if (!probe) throw new Error('the schema probe did not compile');
  const moduleSymbol = checker.getSymbolAtLocation(probe);
  const answer = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === 'answer');
  if (!answer) throw new Error('the schema probe has no answer');
  const seen = new Map<ts.Type, SchemaNode>();

  const nodeOf = (type: ts.Type): SchemaNode => {
    const known = seen.get(type);
    if (known) return known;
    const members = type.isUnion() ? type.types : [type];
    const objects = members.filter((member) => (member.flags & ts.TypeFlags.Object) !== 0);
    if (objects.length === 0) return { kind: 'value' };
    // An array stands for its elements; the schema's arrays hold one kind of element.
    const array = objects.find((object) => checker.isArrayType(object));
    if (array) {
      const [element] = checker.getTypeArguments(array as ts.TypeReference);
      return element ? nodeOf(element) : { kind: 'value' };
    }
    if (objects.some((object) => checker.getIndexInfosOfType(object).length > 0)) return { kind: 'open' };
    const node: SchemaNode = { kind: 'object', keys: new Map() };
    seen.set(type, node);
    for (const object of objects) {
      for (const property of checker.getPropertiesOfType(object)) {
        node.keys.set(property.name, nodeOf(checker.getTypeOfSymbol(property)));
      }
    }
    return node;
  };
  return nodeOf(checker.getTypeOfSymbol(answer));
}

/** Every key path in `value` the schema does not have, like `data.participant.preset_name`. */
function keysOutside(schema: SchemaNode, value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysOutside(schema, item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null || schema.kind !== 'object') return [];
  const outside: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    const node = schema.keys.get(key);
    if (!node) outside.push(at);
    else outside.push(...keysOutside(node, child, at));
  }
  return outside;
}

/** The first few, with how many more: an 8-hour report repeats a wrong key thousands of times. */
function summary(paths: readonly string[]): string[] {
  const general = [...new Set(paths.map((path) => path.replace(/\[\d+\]/g, '[]')))];
  return general.slice(0, 12);
}

const CURRENT_KEYS = REPORT_SCENARIO_KEYS.filter(isCurrentShape);

describe('the demo upstream against the SDK schema', () => {
  let schema: SchemaNode;
  beforeAll(() => {
    schema = readSchema();
  }, 60_000);

  it('reads the schema from the SDK itself', () => {
    // A few places the schema is known to have, and one it is known not to.
    const participant = (schema.kind === 'object' && schema.keys.get('data')) || null;
    expect(participant?.kind).toBe('object');
    expect(keysOutside(schema, { success: true, data: { participant: { role: 'host', peer_report: { metadata: { candidate_pairs: { producing_transport: [{ nominated: true }] } } } } } })).toEqual([]);
    expect(keysOutside(schema, { data: { participant: { preset_name: 'host' } } })).toEqual(['data.participant.preset_name']);
  });

  it('catches what the demo once sent outside it', () => {
    const pairs = { producing_transport: [{ id: 'CP1', state: 'succeeded', requests_sent: 4, responses_received: 3, nominated: true }] };
    const quality = {
      video_producer_cumulative: { issues: { lag_fraction: 0 } },
      video_consumer_cumulative: { issues: { quality_limitation_fraction: 0 } },
    };
    expect(keysOutside(schema, { data: { participant: { peer_report: { metadata: { candidate_pairs: pairs }, quality } } } })).toEqual([
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].id',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].state',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].requests_sent',
      'data.participant.peer_report.metadata.candidate_pairs.producing_transport[0].responses_received',
      'data.participant.peer_report.quality.video_producer_cumulative.issues.lag_fraction',
      'data.participant.peer_report.quality.video_consumer_cumulative.issues.quality_limitation_fraction',
    ]);
  });

  it.each(CURRENT_KEYS)('%s: every key it sends is in the schema', (key) => {
    const sent: unknown = JSON.parse(scenarioBodyJson(key));
    expect(summary(keysOutside(schema, sent))).toEqual([]);
  });

  it.each(CURRENT_KEYS)('%s: a participant still in the call has no left_at, not left_at: null', (key) => {
    const answer: SessionGetParticipantDataFromPeerIDResponse = scenarioAnswer(key);
    const participant = answer.data?.participant;
    expect(participant?.id).toBeTruthy();
    if (participant && 'left_at' in participant) expect(typeof participant.left_at).toBe('string');
  });

  it('holds for the rate-limited and slow answers, and the benchmark peers', () => {
    const asPeer: SessionGetParticipantDataFromPeerIDResponse = scenarioAnswer('good-call', { peerId: '6b4cb242-4a23-4596-a217-beaddbc496cb' });
    expect(summary(keysOutside(schema, asPeer))).toEqual([]);
    const short = BENCH_PEERS.find((peer) => peer.key === 'bench-30m');
    if (!short) throw new Error('no 30-minute bench peer');
    expect(summary(keysOutside(schema, JSON.parse(benchBodyJson(short))))).toEqual([]);
  });

  it('holds for any call the generator builds, as a typed literal', () => {
    // A literal of the SDK's type: the checker rejects a field the schema does not define.
    const answer: SessionGetParticipantDataFromPeerIDResponse = {
      success: true,
      data: generateCallReport({ ...makeCallSpec({ seed: 77, senderCount: 3, poorSenders: [1] }), stillInCall: true }),
    };
    expect(answer.data?.participant).not.toHaveProperty('left_at');
    expect(summary(keysOutside(schema, JSON.parse(JSON.stringify(answer))))).toEqual([]);
  });
});
