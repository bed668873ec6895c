import { createContext, useCallback, useContext, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { copyText } from '../../lib/clipboard.ts';
import { buildJsonIndex, childPath, EMPTY_SEARCH, kindOf, scalarText, searchJsonIndex, type JsonKey, type JsonSearchResult } from './json-index.ts';

export interface JsonTreeProps {
  value: unknown;
  /** The root's name, first step of every copied path (`data`). */
  label: string;
}

/** Children drawn per container before "show more". */
const CHILD_PAGE = 200;
/** Strings longer than this are folded. */
const LONG_STRING = 200;
/** Search opens the paths to this many matches; the count still covers all of them. */
const OPEN_MATCH_LIMIT = 500;
const MIN_QUERY = 2;
/** Containers at this depth or shallower start open (the root is depth 0). */
const OPEN_DEPTH = 1;

interface Override {
  open: boolean;
  /** The search the user toggled under: a new search reopens the paths to its matches. */
  query: string;
}

interface TreeContextValue {
  query: string;
  search: JsonSearchResult;
  isOpen: (path: string, depth: number) => boolean;
  setOpen: (path: string, open: boolean) => void;
  limitOf: (path: string) => number;
  showMore: (path: string) => void;
  isUnfolded: (path: string) => boolean;
  setUnfolded: (path: string, unfolded: boolean) => void;
  copy: (text: string, what: string) => void;
}

const TreeContext = createContext<TreeContextValue | null>(null);

function useTree(): TreeContextValue {
  const tree = useContext(TreeContext);
  if (!tree) throw new Error('JsonNode outside JsonTree');
  return tree;
}

interface ViewState {
  forValue: unknown;
  overrides: Map<string, Override>;
  limits: Map<string, number>;
  unfolded: Set<string>;
}

function freshView(value: unknown): ViewState {
  return { forValue: value, overrides: new Map(), limits: new Map(), unfolded: new Set() };
}

export function JsonTree({ value, label }: JsonTreeProps) {
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const active = deferredQuery.trim().length >= MIN_QUERY ? deferredQuery.trim().toLowerCase() : '';
  // The index costs one walk of the whole report: build it on the first search, not on every view.
  const [wantIndex, setWantIndex] = useState(false);
  const index = useMemo(() => (wantIndex ? buildJsonIndex(value, label) : null), [value, label, wantIndex]);
  const search = useMemo(() => (index && active !== '' ? searchJsonIndex(index, active, OPEN_MATCH_LIMIT) : EMPTY_SEARCH), [index, active]);

  const [storedView, setView] = useState(() => freshView(value));
  let view = storedView;
  if (storedView.forValue !== value) {
    // A different report: its expansion state does not carry over.
    view = freshView(value);
    setView(view);
  }
  const [status, setStatus] = useState('');

  const setOpen = useCallback(
    (path: string, open: boolean) => {
      setView((v) => ({ ...v, overrides: new Map(v.overrides).set(path, { open, query: active }) }));
    },
    [active],
  );
  const showMore = useCallback((path: string) => {
    setView((v) => ({ ...v, limits: new Map(v.limits).set(path, (v.limits.get(path) ?? CHILD_PAGE) + CHILD_PAGE) }));
  }, []);
  const setUnfolded = useCallback((path: string, unfolded: boolean) => {
    setView((v) => {
      const next = new Set(v.unfolded);
      if (unfolded) next.add(path);
      else next.delete(path);
      return { ...v, unfolded: next };
    });
  }, []);
  const copy = useCallback((text: string, what: string) => {
    void copyText(text).then((ok) => setStatus(ok ? `Copied ${what}.` : `Could not copy ${what}.`));
  }, []);

  const tree = useMemo<TreeContextValue>(() => {
    const { overrides, limits, unfolded } = view;
    return {
      query: active,
      search,
      isOpen: (path, depth) => {
        const override = overrides.get(path);
        if (search.openPaths.has(path)) return override?.query === active ? override.open : true;
        return override ? override.open : depth <= OPEN_DEPTH;
      },
      setOpen,
      limitOf: (path) => {
        const chosen = limits.get(path) ?? CHILD_PAGE;
        const deepest = search.deepestChild.get(path);
        return deepest === undefined ? chosen : Math.max(chosen, Math.ceil((deepest + 1) / CHILD_PAGE) * CHILD_PAGE);
      },
      showMore,
      isUnfolded: (path) => unfolded.has(path),
      setUnfolded,
      copy,
    };
  }, [view, search, active, setOpen, showMore, setUnfolded, copy]);

  const trimmed = query.trim();
  let searchNote = '';
  if (trimmed.length > 0 && trimmed.length < MIN_QUERY) searchNote = `Type at least ${MIN_QUERY} characters.`;
  else if (active !== '' && index) {
    if (search.count === 0) searchNote = 'No matches.';
    else if (search.count === 1) searchNote = '1 match.';
    else if (search.count > OPEN_MATCH_LIMIT) searchNote = `${search.count.toLocaleString('en-US')} matches; the first ${OPEN_MATCH_LIMIT} are opened.`;
    else searchNote = `${search.count.toLocaleString('en-US')} matches.`;
  }

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-xs font-medium text-ink-muted sm:max-w-md">
          Search the raw report
          <input
            type="search"
            value={query}
            onChange={(event) => {
              setWantIndex(true);
              setQuery(event.target.value);
            }}
            placeholder="key or value, e.g. rtt or reconnect"
            spellCheck={false}
            className="h-8 rounded border border-line bg-surface px-2 font-mono text-sm font-normal text-ink placeholder:text-ink-faint focus:border-accent"
          />
        </label>
        <p role="status" className="self-end pb-1.5 text-xs text-ink-muted">
          {searchNote}
        </p>
        <p role="status" className="sr-only">
          {status}
        </p>
      </div>
      <TreeContext.Provider value={tree}>
        <div className="max-h-[70vh] overflow-auto rounded border border-line bg-surface-muted p-2 font-mono text-xs leading-5">
          <ul aria-label={`Raw JSON: ${label}`}>
            <JsonNode name={null} label={label} value={value} path={label} depth={0} />
          </ul>
        </div>
      </TreeContext.Provider>
    </div>
  );
}

interface JsonNodeProps {
  name: JsonKey | null;
  /** Root label, shown when name is null. */
  label: string;
  value: unknown;
  path: string;
  depth: number;
}

function JsonNode({ name, label, value, path, depth }: JsonNodeProps) {
  const tree = useTree();
  const kind = kindOf(value);
  const isMatch = tree.search.matchPaths.has(path);
  const keyText = name === null ? label : String(name);
  const keyView = <KeyText name={name} label={label} highlight={isMatch ? tree.query : ''} />;

  if (kind === 'object' || kind === 'array') {
    const open = tree.isOpen(path, depth);
    const size = Array.isArray(value) ? value.length : Object.keys(value as object).length;
    const summary = kind === 'array' ? `[${size} ${size === 1 ? 'item' : 'items'}]` : `{${size} ${size === 1 ? 'key' : 'keys'}}`;
    return (
      <li>
        <div className="group flex items-start gap-1 rounded px-1 hover:bg-surface">
          <button
            type="button"
            aria-expanded={open}
            onClick={() => tree.setOpen(path, !open)}
            className="inline-flex min-w-0 items-start gap-1 text-left hover:text-accent-strong"
          >
            <span aria-hidden="true" className="inline-block w-3 shrink-0 text-ink-faint">
              {open ? '▾' : '▸'}
            </span>
            {keyView}
            <span className="text-ink-faint">{summary}</span>
          </button>
          <NodeActions keyText={keyText} path={path} value={value} />
        </div>
        {open && size > 0 && <Children value={value} path={path} depth={depth} size={size} />}
      </li>
    );
  }

  return (
    <li>
      <div className="group flex items-start gap-1 rounded px-1 hover:bg-surface">
        <span aria-hidden="true" className="inline-block w-3 shrink-0" />
        <span className="min-w-0">
          {keyView}
          <span className="text-ink-faint">: </span>
          <ScalarText value={value} path={path} highlight={isMatch ? tree.query : ''} />
        </span>
        <NodeActions keyText={keyText} path={path} value={value} />
      </div>
    </li>
  );
}

function Children({ value, path, depth, size }: { value: unknown; path: string; depth: number; size: number }) {
  const tree = useTree();
  const limit = Math.min(size, tree.limitOf(path));
  const items: ReactNode[] = [];
  if (Array.isArray(value)) {
    for (let i = 0; i < limit; i += 1) {
      const child = childPath(path, i);
      items.push(<JsonNode key={child} name={i} label="" value={value[i]} path={child} depth={depth + 1} />);
    }
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let i = 0; i < limit; i += 1) {
      const key = keys[i] ?? '';
      const child = childPath(path, key);
      items.push(<JsonNode key={child} name={key} label="" value={record[key]} path={child} depth={depth + 1} />);
    }
  }
  const rest = size - limit;
  return (
    <ul className="ml-2 border-l border-line pl-2">
      {items}
      {rest > 0 && (
        <li>
          <button type="button" onClick={() => tree.showMore(path)} className="ml-4 text-accent-strong underline-offset-2 hover:underline">
            Show {Math.min(rest, CHILD_PAGE)} more ({rest.toLocaleString('en-US')} not shown)
          </button>
        </li>
      )}
    </ul>
  );
}

function KeyText({ name, label, highlight }: { name: JsonKey | null; label: string; highlight: string }) {
  if (name === null) return <span className="font-semibold text-ink">{label}</span>;
  if (typeof name === 'number') return <span className="text-ink-faint">{name}</span>;
  return (
    <span className="text-ink">
      <Highlighted text={name} query={highlight} />
    </span>
  );
}

const SCALAR_CLASSES: Record<string, string> = {
  string: 'text-ok break-all whitespace-pre-wrap',
  number: 'text-accent-strong',
  boolean: 'text-warn font-semibold',
  null: 'text-ink-faint italic',
  other: 'text-ink-faint italic',
};

function ScalarText({ value, path, highlight }: { value: unknown; path: string; highlight: string }) {
  const tree = useTree();
  const kind = kindOf(value);
  const text = scalarText(value);
  const className = SCALAR_CLASSES[kind] ?? '';
  if (typeof value !== 'string') {
    return (
      <span className={className} data-kind={kind}>
        <Highlighted text={text} query={highlight} />
      </span>
    );
  }
  const long = value.length > LONG_STRING;
  // A match past the fold would otherwise be invisible.
  const matchBeyondFold = highlight !== '' && value.toLowerCase().indexOf(highlight) + highlight.length > LONG_STRING;
  const unfolded = !long || tree.isUnfolded(path) || matchBeyondFold;
  const shown = unfolded ? value : value.slice(0, LONG_STRING);
  return (
    <>
      <span className={className} data-kind="string">
        "<Highlighted text={shown} query={highlight} />
        {unfolded ? '"' : '…'}
      </span>
      {long && !matchBeyondFold && (
        <button
          type="button"
          onClick={() => tree.setUnfolded(path, !unfolded)}
          className="ml-1 font-sans text-accent-strong underline-offset-2 hover:underline"
        >
          {unfolded ? 'show less' : `show all (${value.length.toLocaleString('en-US')} chars)`}
        </button>
      )}
    </>
  );
}

function Highlighted({ text, query }: { text: string; query: string }) {
  if (query === '') return <>{text}</>;
  const lower = text.toLowerCase();
  const parts: ReactNode[] = [];
  let at = 0;
  let found = lower.indexOf(query);
  // Lower-casing can change lengths outside ASCII; then show the text unmarked rather than mis-marked.
  if (lower.length !== text.length) found = -1;
  while (found >= 0) {
    if (found > at) parts.push(text.slice(at, found));
    parts.push(
      <mark key={found} className="rounded-sm bg-warn-soft text-ink outline outline-1 outline-warn/40">
        {text.slice(found, found + query.length)}
      </mark>,
    );
    at = found + query.length;
    found = lower.indexOf(query, at);
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function copyableValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, null, 2);
  return scalarText(value);
}

function NodeActions({ keyText, path, value }: { keyText: string; path: string; value: unknown }) {
  const tree = useTree();
  const buttonClass =
    'rounded border border-line bg-surface px-1 font-sans text-[11px] leading-4 text-ink-muted hover:border-accent hover:text-accent-strong';
  return (
    <span className="ml-1 inline-flex shrink-0 gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100">
      <button type="button" aria-label={`Copy value of ${keyText}`} className={buttonClass} onClick={() => tree.copy(copyableValue(value), `the value of ${path}`)}>
        Copy value
      </button>
      <button type="button" aria-label={`Copy path of ${keyText}`} className={buttonClass} onClick={() => tree.copy(path, `the path ${path}`)}>
        Copy path
      </button>
    </span>
  );
}
