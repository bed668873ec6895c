// The raw tree's search runs over a flat index of every node, built once per report, so a
// keystroke is one pass over an array rather than a walk of a 10 MB object graph.

export type JsonKey = string | number;

export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null' | 'other';

export interface JsonIndex {
  /** Parent's position, -1 for the root. */
  parents: Int32Array;
  /** Position among its siblings. */
  orders: Int32Array;
  /** Property name or array index; null for the root. */
  keys: (JsonKey | null)[];
  /** Lower-cased key text ('' for the root), for matching. */
  keyTexts: string[];
  /** Lower-cased scalar text, null for objects and arrays. */
  valueTexts: (string | null)[];
  rootLabel: string;
}

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

/** The scalar as the tree shows it (strings without their quotes). */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return value === undefined ? 'undefined' : String(value);
}

/** Children of a container, in display order. */
function childrenOf(value: unknown): [JsonKey, unknown][] {
  if (Array.isArray(value)) return value.map((item, i) => [i, item]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return [];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `.participant`, `[3]`, `["odd key"]`: the step from a parent to a child in a JSON path. */
export function pathStep(key: JsonKey): string {
  if (typeof key === 'number') return `[${key}]`;
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export function childPath(parent: string, key: JsonKey): string {
  return parent + pathStep(key);
}

export function buildJsonIndex(root: unknown, rootLabel: string): JsonIndex {
  const parents: number[] = [];
  const orders: number[] = [];
  const keys: (JsonKey | null)[] = [];
  const keyTexts: string[] = [];
  const valueTexts: (string | null)[] = [];
  // Depth first with an explicit stack: hostile nesting must not overflow the call stack.
  const stack: { value: unknown; key: JsonKey | null; parent: number; order: number }[] = [{ value: root, key: null, parent: -1, order: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item) break;
    const position = parents.length;
    parents.push(item.parent);
    orders.push(item.order);
    keys.push(item.key);
    keyTexts.push(item.key === null ? '' : String(item.key).toLowerCase());
    const kind = kindOf(item.value);
    if (kind === 'object' || kind === 'array') {
      valueTexts.push(null);
      const children = childrenOf(item.value);
      for (let i = children.length - 1; i >= 0; i -= 1) {
        const child = children[i];
        if (child) stack.push({ value: child[1], key: child[0], parent: position, order: i });
      }
    } else {
      valueTexts.push(scalarText(item.value).toLowerCase());
    }
  }
  return { parents: Int32Array.from(parents), orders: Int32Array.from(orders), keys, keyTexts, valueTexts, rootLabel };
}

export function pathOf(index: JsonIndex, position: number, cache: Map<number, string> = new Map()): string {
  const chain: number[] = [];
  let at = position;
  let prefix: string | undefined;
  while (at >= 0) {
    prefix = cache.get(at);
    if (prefix !== undefined) break;
    chain.push(at);
    at = index.parents[at] ?? -1;
  }
  let path = prefix ?? '';
  for (let i = chain.length - 1; i >= 0; i -= 1) {
    const node = chain[i] ?? 0;
    const key = index.keys[node];
    path = key === null || key === undefined ? index.rootLabel : path + pathStep(key);
    cache.set(node, path);
  }
  return path;
}

export interface JsonSearchResult {
  /** Every node whose key or value contains the query. */
  count: number;
  /** Paths of the first `limit` matches, in document order. */
  matchPaths: Set<string>;
  /** Paths of every container holding one of those matches (to expand), root included. */
  openPaths: Set<string>;
  /** For each container in openPaths, the highest child index holding a match, so paging can reveal it. */
  deepestChild: Map<string, number>;
  /**
   * For each of those matches found in its value, where the first one starts in the value's
   * lower-cased text: a long value shows the text around it, not the whole value.
   */
  valueMatchAt: Map<string, number>;
}

export const EMPTY_SEARCH: JsonSearchResult = { count: 0, matchPaths: new Set(), openPaths: new Set(), deepestChild: new Map(), valueMatchAt: new Map() };

/** Case-insensitive substring search over keys and scalar values. */
export function searchJsonIndex(index: JsonIndex, query: string, limit: number): JsonSearchResult {
  const q = query.trim().toLowerCase();
  if (q === '') return EMPTY_SEARCH;
  const hits: number[] = [];
  let count = 0;
  const total = index.keys.length;
  for (let i = 0; i < total; i += 1) {
    const valueText = index.valueTexts[i];
    if ((index.keyTexts[i] ?? '').includes(q) || (valueText !== null && valueText !== undefined && valueText.includes(q))) {
      count += 1;
      if (hits.length < limit) hits.push(i);
    }
  }
  const cache = new Map<number, string>();
  const matchPaths = new Set<string>();
  const openPaths = new Set<string>();
  const deepestChild = new Map<string, number>();
  const valueMatchAt = new Map<string, number>();
  for (const hit of hits) {
    const path = pathOf(index, hit, cache);
    matchPaths.add(path);
    const at = index.valueTexts[hit]?.indexOf(q) ?? -1;
    if (at >= 0) valueMatchAt.set(path, at);
    let child = hit;
    let parent = index.parents[hit] ?? -1;
    while (parent >= 0) {
      const parentPath = pathOf(index, parent, cache);
      const order = index.orders[child] ?? 0;
      deepestChild.set(parentPath, Math.max(deepestChild.get(parentPath) ?? -1, order));
      if (openPaths.has(parentPath)) break;
      openPaths.add(parentPath);
      child = parent;
      parent = index.parents[parent] ?? -1;
    }
  }
  return { count, matchPaths, openPaths, deepestChild, valueMatchAt };
}
