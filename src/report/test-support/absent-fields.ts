// Fields left out of a report, for the properties over the schema's optional fields: every
// field of the `cloudflare` SDK's SessionGetParticipantDataFromPeerIDResponse, from `data`
// down to a sample's `rtt`, is declared optional (`?`), so any subset may be absent.

export type Json = unknown;

/** Every key path in `value`, an array's elements as `[]`: `data.participant.peer_report.quality.audio_producer[].rtt`. */
export function fieldPaths(value: Json, path = '', into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) fieldPaths(item, `${path}[]`, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      into.add(at);
      fieldPaths(child, at, into);
    }
  }
  return into;
}

/** Removes the field at `path` wherever it occurs (in every element of the arrays on the way). */
export function removeField(root: Json, path: string): void {
  const steps = path.split('.');
  const visit = (node: Json, index: number): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item, index);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, Json>;
    const step = steps[index] ?? '';
    const key = step.replace(/(\[\])+$/, '');
    if (index === steps.length - 1) {
      delete record[key];
      return;
    }
    visit(record[key], index + 1);
  };
  visit(root, 0);
}

export function without(answer: Json, absent: readonly string[]): Record<string, Json> {
  const copy = structuredClone(answer) as Record<string, Json>;
  for (const path of absent) removeField(copy, path);
  return copy;
}

