// The `cloudflare` SDK's published RealtimeKit session types (the peer report among them), read by the TypeScript checker
// from the SDK's own .d.ts, to hold what the demo upstream actually sends against them: as
// key paths (every key the answer has, the schema must have), and as object literals (the
// answer, written out as a literal of the SDK's type, must type-check: unknown keys,
// missing required fields and values outside an enum are errors).

import { createRequire } from 'node:module';
import ts from 'typescript';

export const SESSION_RESPONSE_TYPES = [
  'SessionGetSessionsResponse',
  'SessionGetSessionDetailsResponse',
  'SessionGetSessionParticipantsResponse',
  'SessionGetSessionParticipantDetailsResponse',
  'SessionGetParticipantDataFromPeerIDResponse',
] as const;

export type SessionResponseType = (typeof SESSION_RESPONSE_TYPES)[number];

/** What the schema allows at one place: named keys, any key (an index signature), or a value. */
export type SchemaNode = { kind: 'object'; keys: Map<string, SchemaNode> } | { kind: 'open' } | { kind: 'value' };

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** The project root (where node_modules/cloudflare lives), wherever the test runs from. */
function projectRoot(): string {
  const sdk = createRequire(import.meta.url).resolve('cloudflare');
  return sdk.slice(0, sdk.lastIndexOf('node_modules'));
}

/** A program of one in-memory file at the project root, so `cloudflare` resolves as the project's. */
function probeProgram(name: string, source: string): { program: ts.Program; file: ts.SourceFile } {
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (path) => (path.endsWith(name) ? source : readFile(path));
  host.fileExists = (path) => path.endsWith(name) || fileExists(path);
  host.getSourceFile = (path, language, ...rest) => (path.endsWith(name) ? ts.createSourceFile(path, source, language) : getSourceFile(path, language, ...rest));
  const rootName = `${projectRoot()}${name}`;
  const program = ts.createProgram({ rootNames: [rootName], options: OPTIONS, host });
  const file = program.getSourceFile(rootName);
  if (!file) throw new Error(`the probe ${name} did not compile`);
  return { program, file };
}

const IMPORT = `import type { ${SESSION_RESPONSE_TYPES.join(', ')} } from 'cloudflare/resources/realtime-kit/sessions';\n`;

/** The tree of keys of each response type, as the SDK declares it. */
export function readSessionSchemas(): Record<SessionResponseType, SchemaNode> {
  const source = IMPORT + SESSION_RESPONSE_TYPES.map((type) => `export declare const ${type}Probe: ${type};\n`).join('');
  const { program, file } = probeProgram('sessions-schema-probe.ts', source);
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const exports = moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  const seen = new Map<ts.Type, SchemaNode>();

  const nodeOf = (type: ts.Type): SchemaNode => {
    const known = seen.get(type);
    if (known) return known;
    const members = type.isUnion() ? type.types : [type];
    const objects = members.filter((member) => (member.flags & ts.TypeFlags.Object) !== 0);
    if (objects.length === 0) return { kind: 'value' };
    const array = objects.find((object) => checker.isArrayType(object));
    if (array) {
      const [element] = checker.getTypeArguments(array as ts.TypeReference);
      // Array<unknown> (breakout_rooms) says nothing about its elements.
      return element && (element.flags & ts.TypeFlags.Unknown) === 0 ? nodeOf(element) : { kind: 'open' };
    }
    if (objects.some((object) => checker.getIndexInfosOfType(object).length > 0)) return { kind: 'open' };
    const node: SchemaNode = { kind: 'object', keys: new Map() };
    seen.set(type, node);
    for (const object of objects) {
      for (const property of checker.getPropertiesOfType(object)) node.keys.set(property.name, nodeOf(checker.getTypeOfSymbol(property)));
    }
    return node;
  };

  const schemas = {} as Record<SessionResponseType, SchemaNode>;
  for (const type of SESSION_RESPONSE_TYPES) {
    const symbol = exports.find((candidate) => candidate.name === `${type}Probe`);
    if (!symbol) throw new Error(`the schema probe has no ${type}`);
    schemas[type] = nodeOf(checker.getTypeOfSymbol(symbol));
  }
  return schemas;
}

/** Every key path in `value` the schema does not have, like `data.sessions[0].title`. */
export function keysOutside(schema: SchemaNode, value: unknown, path = ''): string[] {
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

/** Index-free paths, a dozen at most: a page of 100 rows repeats one wrong key 100 times. */
export function summary(paths: readonly string[]): string[] {
  return [...new Set(paths.map((path) => path.replace(/\[\d+\]/g, '[]')))].slice(0, 12);
}

export interface LiteralCase {
  type: SessionResponseType;
  /** The answer as sent (parsed JSON). */
  value: unknown;
}

/**
 * Writes each answer out as `const x: <Type> = <literal>` and type-checks the lot; returns the
 * checker's messages (none when every answer is a valid literal of its type).
 */
export function literalTypeErrors(cases: readonly LiteralCase[]): string[] {
  const source = IMPORT + cases.map((entry, index) => `export const answer${index}: ${entry.type} = ${JSON.stringify(entry.value)};\n`).join('');
  const { program, file } = probeProgram('sessions-literal-probe.ts', source);
  return ts.getPreEmitDiagnostics(program, file).map((diagnostic) => {
    // One answer a line, after the import: the line names the case.
    const index = diagnostic.start === undefined ? null : file.getLineAndCharacterOfPosition(diagnostic.start).line - 1;
    const where = index === null ? '' : `case ${index} (${cases[index]?.type ?? 'the import'}): `;
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').slice(0, 400)}`;
  });
}
