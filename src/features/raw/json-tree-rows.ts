// The raw tree as the rows it draws, in order: one flat list, walked with a stack of its
// own rather than the call stack, so a report nested 100 000 levels deep neither overflows
// the stack nor becomes DOM nested that deep. Each row carries what the WAI-ARIA tree
// pattern needs to be read as a tree (level, place among its siblings, parent).

import { isRecord } from '../../lib/json-value.ts';
import { childPath, type JsonKey } from './json-index.ts';

export interface NodeRow {
  kind: 'node';
  path: string;
  /** Property name or array index; null for the root. */
  name: JsonKey | null;
  value: unknown;
  /** aria-level: the root is 1. */
  level: number;
  /** aria-posinset (from 1) and aria-setsize: the node's place among all of its siblings, drawn or not. */
  position: number;
  setSize: number;
  /** The parent's row; -1 for the root. */
  parent: number;
  /** How many children an object or array has; null for any other value. */
  size: number | null;
  open: boolean;
}

/** "Show more": the children of `path` past the ones drawn. */
export interface MoreRow {
  kind: 'more';
  path: string;
  level: number;
  parent: number;
  /** Children not drawn yet. */
  rest: number;
}

export type TreeRow = NodeRow | MoreRow;

export interface RowOptions {
  /** The root's name, first step of every path. */
  label: string;
  /** Whether a container is open; `depth` 0 is the root. */
  isOpen: (path: string, depth: number) => boolean;
  /** How many of a container's children are drawn. */
  limitOf: (path: string) => number;
  /** Rows drawn at most; a search that opens a path 100 000 levels deep stops here. */
  maxRows: number;
}

export interface VisibleRows {
  rows: TreeRow[];
  /** More rows were open than `maxRows`. */
  truncated: boolean;
}

interface Pending {
  name: JsonKey | null;
  value: unknown;
  path: string;
  level: number;
  position: number;
  setSize: number;
  parent: number;
}

type Step = Pending | MoreRow;

function containerSize(value: unknown): number | null {
  if (Array.isArray(value)) return value.length;
  return isRecord(value) ? Object.keys(value).length : null;
}

/** The rows of `root` with its open containers' children, first to last. */
export function visibleRows(root: unknown, options: RowOptions): VisibleRows {
  const rows: TreeRow[] = [];
  const stack: Step[] = [{ name: null, value: root, path: options.label, level: 1, position: 1, setSize: 1, parent: -1 }];
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    if (rows.length >= options.maxRows) return { rows, truncated: true };
    if ('kind' in step) {
      rows.push(step);
      continue;
    }
    const size = containerSize(step.value);
    const open = size !== null && options.isOpen(step.path, step.level - 1);
    const index = rows.length;
    rows.push({ kind: 'node', ...step, size, open });
    if (!open || size === null || size === 0) continue;

    const limit = Math.min(size, options.limitOf(step.path));
    if (limit < size) stack.push({ kind: 'more', path: step.path, level: step.level + 1, parent: index, rest: size - limit });
    const child = (name: JsonKey, value: unknown, i: number): Pending => ({
      name,
      value,
      path: childPath(step.path, name),
      level: step.level + 1,
      position: i + 1,
      setSize: size,
      parent: index,
    });
    // Pushed last to first, so they come out first to last.
    const container = step.value;
    if (Array.isArray(container)) {
      for (let i = limit - 1; i >= 0; i -= 1) stack.push(child(i, container[i], i));
    } else if (isRecord(container)) {
      const keys = Object.keys(container);
      for (let i = limit - 1; i >= 0; i -= 1) {
        const key = keys[i] ?? '';
        stack.push(child(key, container[key], i));
      }
    }
  }
  return { rows, truncated: false };
}
