import {
  memo,
  useCallback,
  useDeferredValue,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { copyText } from '../../lib/clipboard.ts';
import { downloadBlob, safeFileName } from '../../lib/download.ts';
import { clipLine, formatCount, formatCountOf } from '../../lib/format.ts';
import { buildJsonIndex, EMPTY_SEARCH, kindOf, scalarText, searchJsonIndex, type JsonKey } from './json-index.ts';
import { jsonTextParts } from './json-text.ts';
import { visibleRows, type NodeRow, type TreeRow } from './json-tree-rows.ts';

// The raw report as a WAI-ARIA tree (W3C ARIA Authoring Practices, "Tree View"): one tab
// stop, a roving tabindex over flat rows that carry their level and place among their
// siblings, arrow keys to move, open and close. A long string is drawn folded, then in
// pages of PAGE characters: a 100-million-character value never becomes one text node.

export interface JsonTreeProps {
  value: unknown;
  /** The root's name, first step of every copied path (`data`). */
  label: string;
}

/** Children drawn per container before "show more". */
const CHILD_PAGE = 200;
/** Strings longer than this are folded. */
const LONG_STRING = 200;
/** A long string is shown this many characters at a time. */
const PAGE = 10_000;
/** Characters shown before a search match past the fold of a folded string. */
const SNIPPET_BEFORE = 80;
/** Search opens the paths to this many matches; the count still covers all of them. */
const OPEN_MATCH_LIMIT = 500;
const MIN_QUERY = 2;
/** Containers at this depth or shallower start open (the root is depth 0). */
const OPEN_DEPTH = 1;
/** Rows drawn at most: a search can open a path thousands of levels deep. */
const MAX_ROWS = 5000;
/** Levels indented; deeper rows say their level instead of moving further right. */
const MAX_INDENT = 24;

interface Override {
  open: boolean;
  /** The search the user toggled under: a new search reopens the paths to its matches. */
  query: string;
}

interface ViewState {
  forValue: unknown;
  overrides: Map<string, Override>;
  limits: Map<string, number>;
  /** Long strings shown in pages: the page shown (0 is the first); folded when absent. */
  pages: Map<string, number>;
  /** The row that holds the tree's one tab stop. */
  active: string | null;
}

function freshView(value: unknown): ViewState {
  return { forValue: value, overrides: new Map(), limits: new Map(), pages: new Map(), active: null };
}

function isLongString(value: unknown): value is string {
  return typeof value === 'string' && value.length > LONG_STRING;
}

function pageCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / PAGE));
}

/** A row's name as labels and messages quote it, short whatever the key. */
function keyLabel(row: NodeRow, rootLabel: string): string {
  if (row.name === null) return rootLabel;
  return typeof row.name === 'number' ? `item ${row.name}` : clipLine(row.name.slice(0, 200), 60);
}

/** A row's identity across renders: its path, or its container's for "show more". */
function rowKey(row: TreeRow): string {
  return row.kind === 'node' ? row.path : `${row.path}\u0000more`;
}

function copyableValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return jsonTextParts(value).join('');
  return scalarText(value);
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
  const hintId = useId();

  const { rows, truncated } = useMemo(() => {
    const { overrides, limits } = view;
    return visibleRows(value, {
      label,
      maxRows: MAX_ROWS,
      isOpen: (path, depth) => {
        const override = overrides.get(path);
        if (search.openPaths.has(path)) return override?.query === active ? override.open : true;
        return override ? override.open : depth <= OPEN_DEPTH;
      },
      limitOf: (path) => {
        const chosen = limits.get(path) ?? CHILD_PAGE;
        const deepest = search.deepestChild.get(path);
        return deepest === undefined ? chosen : Math.max(chosen, Math.ceil((deepest + 1) / CHILD_PAGE) * CHILD_PAGE);
      },
    });
  }, [value, label, view, search, active]);

  // The tab stop: the active row while it is drawn, else the first row.
  const found = view.active === null ? -1 : rows.findIndex((row) => rowKey(row) === view.active);
  const activeIndex = found >= 0 ? found : 0;
  const activeRow = rows[activeIndex];

  // For the handlers, which run after the render that drew these rows.
  const rowsRef = useRef(rows);
  useLayoutEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const treeRef = useRef<HTMLDivElement>(null);
  const focusActive = useRef(false);

  useLayoutEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    const element = treeRef.current?.querySelector<HTMLElement>(`[data-row="${activeIndex}"]`);
    element?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, rows]);

  const activate = useCallback((at: number, focus: boolean) => {
    const row = rowsRef.current[at];
    if (!row) return;
    focusActive.current = focus;
    setView((v) => ({ ...v, active: rowKey(row) }));
  }, []);

  const setOpen = useCallback(
    (path: string, open: boolean) => {
      setView((v) => ({ ...v, active: path, overrides: new Map(v.overrides).set(path, { open, query: active }) }));
    },
    [active],
  );
  const showMore = useCallback((path: string) => {
    setView((v) => ({ ...v, limits: new Map(v.limits).set(path, (v.limits.get(path) ?? CHILD_PAGE) + CHILD_PAGE) }));
  }, []);
  const setPage = useCallback((path: string, page: number | null) => {
    setView((v) => {
      const pages = new Map(v.pages);
      if (page === null) pages.delete(path);
      else pages.set(path, page);
      return { ...v, active: path, pages };
    });
  }, []);
  const copy = useCallback((text: string, what: string) => {
    void copyText(text).then((ok) => setStatus(ok ? `Copied ${what}.` : `Could not copy ${what}.`));
  }, []);
  const copyValueAt = useCallback(
    (at: number) => {
      const row = rowsRef.current[at];
      if (row?.kind === 'node') copy(copyableValue(row.value), `the value of ${clipLine(row.path.slice(0, 300), 200)}`);
    },
    [copy],
  );

  /** Enter, Space or a click: what the row does. */
  const toggleAt = useCallback(
    (at: number) => {
      const row = rowsRef.current[at];
      if (!row) return;
      if (row.kind === 'more') showMore(row.path);
      else if (row.size !== null) setOpen(row.path, !row.open);
      else if (isLongString(row.value)) {
        // Unfolded at the page holding the search's match, when there is one.
        const matchAt = search.valueMatchAt.get(row.path) ?? 0;
        setPage(row.path, view.pages.has(row.path) ? null : Math.floor(matchAt / PAGE));
      }
    },
    [setOpen, setPage, showMore, view.pages, search],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onButton = event.target instanceof HTMLElement && event.target.closest('button') !== null;
    const row = rows[activeIndex];
    if (!row) return;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        activate(Math.min(rows.length - 1, activeIndex + 1), true);
        break;
      case 'ArrowUp':
        activate(Math.max(0, activeIndex - 1), true);
        break;
      case 'Home':
        activate(0, true);
        break;
      case 'End':
        activate(rows.length - 1, true);
        break;
      case 'ArrowRight':
        if (row.kind === 'node' && row.size !== null) {
          if (!row.open) toggleAt(activeIndex);
          else if (row.size > 0) activate(activeIndex + 1, true);
        }
        break;
      case 'ArrowLeft':
        if (row.kind === 'node' && row.open) toggleAt(activeIndex);
        else if (row.parent >= 0) activate(row.parent, true);
        break;
      case 'Enter':
      case ' ':
        if (onButton) handled = false;
        else toggleAt(activeIndex);
        break;
      case 'c':
      case 'C':
        copyValueAt(activeIndex);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  const trimmed = query.trim();
  let searchNote = '';
  if (trimmed.length > 0 && trimmed.length < MIN_QUERY) searchNote = `Type at least ${MIN_QUERY} characters.`;
  else if (active !== '' && index) {
    if (search.count === 0) searchNote = 'No matches.';
    else if (search.count > OPEN_MATCH_LIMIT) searchNote = `${formatCountOf(search.count, 'match', 'matches')}; the first ${OPEN_MATCH_LIMIT} are opened.`;
    else searchNote = `${formatCountOf(search.count, 'match', 'matches')}.`;
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
            className="h-8 rounded border border-line bg-surface px-2 font-mono text-sm font-normal text-ink placeholder:text-ink-muted focus:border-accent"
          />
        </label>
        <p role="status" className="self-end pb-1.5 text-xs text-ink-muted">
          {searchNote}
        </p>
        <p role="status" className="sr-only">
          {status}
        </p>
      </div>
      <p id={hintId} className="text-xs text-ink-muted">
        Arrow keys move through the tree, Right and Left open and close, Enter opens a container or a long value, C copies the
        value.
      </p>
      <div className="max-h-[70vh] overflow-auto rounded border border-line bg-surface-muted p-1 font-mono text-xs leading-6">
        <div ref={treeRef} role="tree" aria-label={`Raw JSON: ${label}`} aria-describedby={hintId} onKeyDown={onKeyDown}>
          {rows.map((row, at) => (
            <Row
              key={rowKey(row)}
              row={row}
              at={at}
              rootLabel={label}
              tabStop={at === activeIndex}
              highlight={row.kind === 'node' && search.matchPaths.has(row.path) ? active : ''}
              matchAt={row.kind === 'node' ? search.valueMatchAt.get(row.path) : undefined}
              page={row.kind === 'node' ? view.pages.get(row.path) : undefined}
              onActivate={activate}
              onToggle={toggleAt}
              onCopy={copyValueAt}
            />
          ))}
        </div>
        {truncated && (
          <p className="px-2 py-1 font-sans text-ink-muted">
            Only the first {formatCount(MAX_ROWS)} rows are drawn. Close some containers or narrow the search to see the rest.
          </p>
        )}
      </div>
      {activeRow?.kind === 'node' && <ActiveNodeBar row={activeRow} rootLabel={label} page={view.pages.get(activeRow.path)} onPage={setPage} onCopy={copy} />}
    </div>
  );
}

interface RowProps {
  row: TreeRow;
  at: number;
  rootLabel: string;
  tabStop: boolean;
  /** The search, when this row is one of its matches. */
  highlight: string;
  /** Where the match starts in the value's text. */
  matchAt: number | undefined;
  page: number | undefined;
  onActivate: (at: number, focus: boolean) => void;
  onToggle: (at: number) => void;
  onCopy: (at: number) => void;
}

const Row = memo(function Row({ row, at, rootLabel, tabStop, highlight, matchAt, page, onActivate, onToggle, onCopy }: RowProps) {
  const labelId = useId();
  const indent = Math.min(row.level - 1, MAX_INDENT);
  const rowClass =
    'group flex min-h-6 cursor-default items-start gap-1 rounded pr-1 hover:bg-surface focus:bg-accent-soft focus-visible:-outline-offset-2';
  const common = {
    role: 'treeitem',
    'aria-level': row.level,
    tabIndex: tabStop ? 0 : -1,
    'data-row': at,
    style: { paddingLeft: `${indent * 12}px` },
    className: rowClass,
    // Focus that arrives any way at all (a click, a screen reader) moves the tab stop with it.
    onFocus: () => {
      if (!tabStop) onActivate(at, false);
    },
  } as const;
  const deep = row.level - 1 > MAX_INDENT ? <span className="shrink-0 text-ink-muted">{`L${row.level}`}</span> : null;

  if (row.kind === 'more') {
    return (
      <div
        {...common}
        aria-labelledby={labelId}
        onClick={() => {
          onActivate(at, false);
          onToggle(at);
        }}
      >
        <span aria-hidden="true" className="inline-block w-6 shrink-0" />
        {deep}
        <span id={labelId} className="font-sans text-accent-strong underline-offset-2 group-hover:underline">
          Show {formatCount(Math.min(row.rest, CHILD_PAGE))} more ({formatCount(row.rest)} not shown)
        </span>
      </div>
    );
  }

  const container = row.size !== null;
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.closest('button')) return;
    onActivate(at, false);
    if (container) onToggle(at);
  };
  return (
    <div
      {...common}
      aria-label={nameOf(row, rootLabel)}
      aria-setsize={row.setSize}
      aria-posinset={row.position}
      aria-expanded={container ? row.open : undefined}
      onClick={onClick}
    >
      <span aria-hidden="true" className="inline-flex h-6 w-6 shrink-0 items-center justify-center text-ink-muted group-hover:text-accent-strong">
        {container ? (row.open ? '▾' : '▸') : ''}
      </span>
      {deep}
      <span className="min-w-0">
        <KeyText name={row.name} label={rootLabel} highlight={highlight} />
        {container ? (
          <span className="ml-1 text-ink-muted">{summaryOf(row)}</span>
        ) : (
          <>
            <span className="text-ink-muted">: </span>
            <ScalarText value={row.value} highlight={highlight} matchAt={matchAt} page={page} />
          </>
        )}
      </span>
      {isLongString(row.value) && page === undefined && (
        <button
          type="button"
          tabIndex={-1}
          onClick={() => {
            onActivate(at, true);
            onToggle(at);
          }}
          className="shrink-0 font-sans text-accent-strong underline-offset-2 hover:underline"
        >
          show more
        </button>
      )}
      <button
        type="button"
        tabIndex={-1}
        aria-label={`Copy value of ${keyLabel(row, rootLabel)}`}
        onClick={() => {
          // The item keeps the focus, not a button that is no tab stop.
          onActivate(at, true);
          onCopy(at);
        }}
        className="ml-auto inline-flex h-6 min-w-6 shrink-0 items-center justify-center rounded border border-line bg-surface px-1.5 font-sans text-[11px] text-ink-muted opacity-0 group-focus:opacity-100 group-focus-within:opacity-100 group-hover:opacity-100 hover:border-accent hover:text-accent-strong"
      >
        Copy
      </button>
    </div>
  );
});

/**
 * The item's name for assistive technology: its key and what it holds, as drawn, with a
 * long value cut short (the value itself is read from the item's text).
 */
function nameOf(row: NodeRow, rootLabel: string): string {
  const key = row.name === null ? rootLabel : typeof row.name === 'number' ? String(row.name) : clipLine(row.name.slice(0, 200), 100);
  if (row.size !== null) return `${key} ${summaryOf(row)}`;
  const { value } = row;
  if (typeof value !== 'string') return `${key}: ${scalarText(value)}`;
  if (value.length <= LONG_STRING) return `${key}: "${value}"`;
  return `${key}: "${clipLine(value.slice(0, 200), 100)}" (${formatCountOf(value.length, 'character')})`;
}

function summaryOf(row: NodeRow): string {
  const size = row.size ?? 0;
  return Array.isArray(row.value) ? `[${formatCountOf(size, 'item')}]` : `{${formatCountOf(size, 'key')}}`;
}

function KeyText({ name, label, highlight }: { name: JsonKey | null; label: string; highlight: string }) {
  if (name === null) return <span className="font-semibold text-ink">{label}</span>;
  if (typeof name === 'number') return <span className="text-ink-muted">{name}</span>;
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
  null: 'text-ink-muted italic',
  other: 'text-ink-muted italic',
};

interface ScalarTextProps {
  value: unknown;
  highlight: string;
  matchAt: number | undefined;
  page: number | undefined;
}

/**
 * A scalar as text: strings quoted, the rest bare, so types read without colour. A long
 * string is folded to its first LONG_STRING characters (or, for a search match past them,
 * to the text around the match), or shows one page of PAGE characters.
 */
function ScalarText({ value, highlight, matchAt, page }: ScalarTextProps) {
  const kind = kindOf(value);
  const className = SCALAR_CLASSES[kind] ?? '';
  if (typeof value !== 'string') {
    return (
      <span className={className} data-kind={kind}>
        <Highlighted text={scalarText(value)} query={highlight} />
      </span>
    );
  }
  let from = 0;
  let to = value.length;
  let note: string | null = null;
  if (value.length > LONG_STRING) {
    if (page !== undefined) {
      from = Math.min(page, pageCount(value) - 1) * PAGE;
      to = Math.min(value.length, from + PAGE);
      if (value.length > PAGE) note = `characters ${formatCount(from + 1)}–${formatCount(to)} of ${formatCount(value.length)}`;
    } else if (highlight !== '' && matchAt !== undefined && matchAt + highlight.length > LONG_STRING) {
      // A match past the fold: the text around it, never the whole value.
      from = Math.max(0, matchAt - SNIPPET_BEFORE);
      to = Math.min(value.length, from + LONG_STRING);
      note = `match at character ${formatCount(matchAt + 1)} of ${formatCount(value.length)}`;
    } else {
      to = LONG_STRING;
      note = `${formatCount(value.length)} characters`;
    }
  }
  return (
    <>
      <span className={className} data-kind="string">
        {from === 0 ? '"' : '…'}
        <Highlighted text={value.slice(from, to)} query={highlight} />
        {to === value.length ? '"' : '…'}
      </span>
      {note && <span className="ml-1 font-sans text-ink-muted">({note})</span>}
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

interface ActiveNodeBarProps {
  row: NodeRow;
  rootLabel: string;
  page: number | undefined;
  onPage: (path: string, page: number | null) => void;
  onCopy: (text: string, what: string) => void;
}

/**
 * The focused node's path, and for a long string its pages: the buttons a keyboard reaches
 * with Tab after the tree, so the tree itself keeps one tab stop.
 */
function ActiveNodeBar({ row, rootLabel, page, onPage, onCopy }: ActiveNodeBarProps) {
  const { value, path } = row;
  const shownPath = path.length > 300 ? `${path.slice(0, 140)}…${path.slice(-140)}` : path;
  const buttonClass =
    'inline-flex h-7 items-center rounded border border-line bg-surface px-2 font-sans text-xs text-ink hover:border-accent hover:text-accent-strong disabled:opacity-60';
  const pages = typeof value === 'string' ? pageCount(value) : 0;
  const current = page === undefined ? null : Math.min(page, pages - 1);
  return (
    <div role="group" aria-label="Focused node" className="flex flex-wrap items-center gap-2 text-xs text-ink-muted">
      <span className="min-w-0 font-mono break-all text-ink">{shownPath}</span>
      <button type="button" className={buttonClass} onClick={() => onCopy(path, `the path ${clipLine(path.slice(0, 300), 200)}`)}>
        Copy path
      </button>
      {isLongString(value) && (
        <>
          {current === null ? (
            <button type="button" className={buttonClass} onClick={() => onPage(path, 0)}>
              {value.length > PAGE ? `Show the first ${formatCount(PAGE)} characters` : `Show all ${formatCount(value.length)} characters`}
            </button>
          ) : (
            <>
              {pages > 1 && (
                <>
                  <button type="button" className={buttonClass} disabled={current === 0} onClick={() => onPage(path, current - 1)}>
                    Previous {formatCount(PAGE)} characters
                  </button>
                  <button type="button" className={buttonClass} disabled={current === pages - 1} onClick={() => onPage(path, current + 1)}>
                    Next {formatCount(PAGE)} characters
                  </button>
                </>
              )}
              <button type="button" className={buttonClass} onClick={() => onPage(path, null)}>
                Fold
              </button>
            </>
          )}
          {value.length > PAGE && (
            <button
              type="button"
              className={buttonClass}
              onClick={() => downloadBlob(new Blob([value], { type: 'text/plain;charset=utf-8' }), safeFileName([rootLabel, 'value', keyLabel(row, rootLabel)], 'txt'))}
            >
              Save the value as a file
            </button>
          )}
        </>
      )}
    </div>
  );
}
