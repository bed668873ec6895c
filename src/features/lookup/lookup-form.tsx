import { useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { zonedParts } from '../../lib/format.ts';
import { validateLookup, type Lookup, type LookupField, type LookupInput } from '../../lib/lookup.ts';
import { REPORT_FILTERS, type ReportFilter } from '../../lib/filters.ts';
import {
  DEFAULT_SESSION_SORT,
  parseIsoTime,
  validateSessionSearch,
  type SessionSearch,
  type SessionSearchField,
  type SessionSearchInput,
  type SessionSort,
} from '../../lib/session-search.ts';

const FILTER_LABELS: Record<ReportFilter, { label: string; hint: string }> = {
  device_info: { label: 'Device info', hint: 'OS, browser, SDK' },
  ip_information: { label: 'IP information', hint: 'location, ISP, ASN' },
  precall_network_information: { label: 'Pre-call network', hint: 'TURN, ICE, connection speed class' },
  events: { label: 'Events', hint: 'client events, device changes' },
  quality_stats: { label: 'Quality stats', hint: 'audio and video samples' },
};

/** When the call was: a preset counted back from the moment of the search, or a range of one's own. */
const RANGES = [
  { value: 'any', label: 'Any time', backMs: null },
  { value: '24h', label: 'Last 24 hours', backMs: 24 * 3600_000 },
  { value: '7d', label: 'Last 7 days', backMs: 7 * 24 * 3600_000 },
  { value: 'custom', label: 'Custom range', backMs: null },
] as const;
type RangeChoice = (typeof RANGES)[number]['value'];

const SORT_LABELS: Record<SessionSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  'most-minutes': 'Most minutes first',
};

/** What the find part of the form holds: the range as the inputs show it (local time). */
interface FindValues {
  text: string;
  range: RangeChoice;
  /** `datetime-local` values, in the viewer's zone; '' when not set. */
  from: string;
  to: string;
  status: '' | 'live' | 'ended';
  sort: SessionSort;
}

export type LookupFormErrors = Partial<Record<LookupField | Exclude<SessionSearchField, 'page'>, string>>;

export interface LookupFormProps {
  initial: LookupInput;
  /** The search in the address bar, shown in the find part. */
  initialSearch?: SessionSearchInput | null;
  /** Errors to show at once, e.g. for an invalid link that was opened. */
  initialErrors?: LookupFormErrors;
  busy: boolean;
  onSubmit: (lookup: Lookup) => void;
  onSearch: (search: SessionSearch) => void;
  /** Either part was submitted with input that is not valid: nothing was sent. */
  onInvalid?: () => void;
}

type IdField = 'accountId' | 'appId' | 'peerId';

/** An ISO time as a `datetime-local` value in the viewer's zone; '' for none. */
function toLocalInput(iso: string): string {
  const ms = iso === '' ? null : parseIsoTime(iso);
  const parts = ms === null ? null : zonedParts(ms, undefined);
  return parts ? `${parts.date}T${parts.time.slice(0, 5)}` : '';
}

/** A `datetime-local` value (the viewer's zone) as ISO; '' for none, null when it does not read. */
function fromLocalInput(value: string): string | null {
  if (value === '') return '';
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function findValuesOf(search: SessionSearchInput | null | undefined): FindValues {
  const from = toLocalInput(search?.from ?? '');
  const to = toLocalInput(search?.to ?? '');
  const status = search?.status === 'live' || search?.status === 'ended' ? search.status : '';
  const sort = (['newest', 'oldest', 'most-minutes'] as const).find((s) => s === search?.sort) ?? DEFAULT_SESSION_SORT;
  return { text: search?.text ?? '', range: from !== '' || to !== '' ? 'custom' : 'any', from, to, status, sort };
}

/**
 * `initial` can change while the form is on screen: the server's default account and demo
 * IDs arrive with /api/config, possibly after the user started typing. A field the user has
 * not touched takes the new default; whatever the user typed (even an emptied field) stays.
 */
function adoptDefaults(current: LookupInput, touched: ReadonlySet<IdField>, after: LookupInput): LookupInput {
  const pick = (key: IdField) => (touched.has(key) ? current[key] : after[key]);
  return { ...current, accountId: pick('accountId'), appId: pick('appId'), peerId: pick('peerId') };
}

/**
 * The start of every look: find a call (a search of the app's sessions), or, for those who
 * have one, open a peer ID's report. Account and app are shared by both. Enter submits the
 * part it was pressed in.
 */
export function LookupForm({ initial, initialSearch, initialErrors = {}, busy, onSubmit, onSearch, onInvalid }: LookupFormProps) {
  const [values, setValues] = useState<LookupInput>(initial);
  const [find, setFind] = useState<FindValues>(() => findValuesOf(initialSearch));
  const [defaults, setDefaults] = useState<LookupInput>(initial);
  const [touched, setTouched] = useState<ReadonlySet<IdField>>(() => new Set());
  if (defaults.accountId !== initial.accountId || defaults.appId !== initial.appId || defaults.peerId !== initial.peerId) {
    setDefaults(initial);
    setValues((current) => adoptDefaults(current, touched, initial));
  }
  const [errors, setErrors] = useState<LookupFormErrors>(initialErrors);
  const id = useId();

  function clearError(key: keyof LookupFormErrors) {
    if (errors[key] !== undefined) setErrors((current) => ({ ...current, [key]: undefined }));
  }

  function update<K extends keyof LookupInput>(key: K, value: LookupInput[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    if (key === 'accountId' || key === 'appId' || key === 'peerId') setTouched((current) => new Set(current).add(key));
    if (key === 'accountId' || key === 'appId' || key === 'peerId' || key === 'filters') clearError(key);
  }

  function updateFind<K extends keyof FindValues>(key: K, value: FindValues[K]) {
    setFind((current) => ({ ...current, [key]: value }));
    if (key === 'text' || key === 'from' || key === 'to') clearError(key);
    if (key === 'range') setErrors((current) => ({ ...current, from: undefined, to: undefined }));
  }

  function toggleFilter(filter: ReportFilter, checked: boolean) {
    const next = checked ? [...values.filters, filter] : values.filters.filter((f) => f !== filter);
    update('filters', next);
  }

  function focusFirst(shown: LookupFormErrors, order: readonly (keyof LookupFormErrors)[]) {
    const first = order.find((field) => shown[field]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  }

  function submitPeer() {
    const result = validateLookup(values);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirst(result.errors, ['accountId', 'appId', 'peerId']);
      onInvalid?.();
      return;
    }
    setErrors({});
    onSubmit(result.lookup);
  }

  function submitFind() {
    const range = RANGES.find((r) => r.value === find.range);
    const custom = find.range === 'custom';
    const from = custom ? fromLocalInput(find.from) : range?.backMs ? new Date(Date.now() - range.backMs).toISOString() : '';
    const to = custom ? fromLocalInput(find.to) : '';
    const input: SessionSearchInput = {
      accountId: values.accountId,
      appId: values.appId,
      text: find.text,
      from: from ?? 'unreadable',
      to: to ?? 'unreadable',
      status: find.status,
      sort: find.sort,
      page: '1',
    };
    const result = validateSessionSearch(input);
    const shown: LookupFormErrors = result.ok ? {} : { ...result.errors };
    if (from === null) shown.from = 'Pick a start date and time.';
    if (to === null) shown.to = 'Pick an end date and time.';
    if (custom && from === '' && to === '') shown.from = 'Pick a start, an end or both, or choose Any time.';
    if (!result.ok || Object.values(shown).some(Boolean)) {
      setErrors(shown);
      focusFirst(shown, ['accountId', 'appId', 'text', 'from', 'to']);
      onInvalid?.();
      return;
    }
    setErrors({});
    onSearch(result.search);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    if (submitter?.dataset.part === 'peer') submitPeer();
    else submitFind();
  }

  // Enter submits the part it was pressed in (the browser would pick the form's first button).
  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    const target = event.target as HTMLElement;
    if (event.key !== 'Enter' || target.tagName !== 'INPUT') return;
    event.preventDefault();
    if (target.closest('[data-part]')?.getAttribute('data-part') === 'peer') submitPeer();
    else submitFind();
  }

  const fieldLabel = 'mb-1 block text-xs font-semibold tracking-wide text-ink-muted uppercase';
  const control = 'h-9 w-full rounded-md border bg-surface px-2.5 text-sm text-ink';

  return (
    <form noValidate onSubmit={submit} onKeyDown={onKeyDown} aria-label="Lookup" className="space-y-4">
      <div className="grid gap-3 md:grid-cols-2" data-part="find">
        <TextField id={`${id}-accountId`} label="Account ID" value={values.accountId} error={errors.accountId} placeholder="32 hex characters" onChange={(v) => update('accountId', v)} />
        <TextField id={`${id}-appId`} label="App ID" value={values.appId} error={errors.appId} placeholder="UUID or app identifier" onChange={(v) => update('appId', v)} />
      </div>

      <fieldset data-part="find" className="space-y-3 rounded-md border border-accent/30 bg-accent-soft/30 p-3">
        <legend className="px-1 text-sm font-semibold text-ink">Find a call</legend>
        <div className="grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)]">
          <TextField
            id={`${id}-text`}
            label="Meeting or session"
            value={find.text}
            error={errors.text}
            placeholder="Meeting title, meeting ID or session ID"
            mono={false}
            onChange={(v) => updateFind('text', v)}
          />
          <SelectField id={`${id}-range`} label="When" value={find.range} onChange={(v) => updateFind('range', v as RangeChoice)}>
            {RANGES.map((range) => (
              <option key={range.value} value={range.value}>
                {range.label}
              </option>
            ))}
          </SelectField>
          <SelectField id={`${id}-status`} label="Status" value={find.status} onChange={(v) => updateFind('status', v as FindValues['status'])}>
            <option value="">Live and ended</option>
            <option value="live">Live now</option>
            <option value="ended">Ended</option>
          </SelectField>
          <SelectField id={`${id}-sort`} label="Sort" value={find.sort} onChange={(v) => updateFind('sort', v as SessionSort)}>
            {(Object.keys(SORT_LABELS) as SessionSort[]).map((sort) => (
              <option key={sort} value={sort}>
                {SORT_LABELS[sort]}
              </option>
            ))}
          </SelectField>
        </div>
        {find.range === 'custom' && (
          <div className="grid gap-3 sm:grid-cols-2 md:max-w-xl">
            <DateTimeField id={`${id}-from`} label="From" value={find.from} error={errors.from} className={control} labelClass={fieldLabel} onChange={(v) => updateFind('from', v)} />
            <DateTimeField id={`${id}-to`} label="To" value={find.to} error={errors.to} className={control} labelClass={fieldLabel} onChange={(v) => updateFind('to', v)} />
            <p className="text-xs text-ink-faint sm:col-span-2">In your time zone ({Intl.DateTimeFormat().resolvedOptions().timeZone}).</p>
          </div>
        )}
        <div className="flex justify-end">
          <button
            type="submit"
            data-part="find"
            className="inline-flex h-9 items-center gap-2 rounded-md bg-accent-fill px-5 text-sm font-semibold text-white shadow-sm hover:bg-accent-fill-hover"
          >
            Find calls
          </button>
        </div>
      </fieldset>

      <fieldset data-part="peer" className="space-y-3">
        <legend className="text-sm font-semibold text-ink">Or open a peer ID</legend>
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div className="w-full md:max-w-md">
            <TextField id={`${id}-peerId`} label="Peer ID" value={values.peerId} error={errors.peerId} placeholder="UUID of the participant's join" onChange={(v) => update('peerId', v)} />
          </div>
          <fieldset aria-describedby={errors.filters ? `${id}-filters-error` : undefined} className="min-w-0">
            <legend className="mb-1.5 text-xs font-semibold tracking-wide text-ink-muted uppercase">Report parts</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-2">
              {REPORT_FILTERS.map((filter) => (
                <label key={filter} className="inline-flex cursor-pointer items-center gap-2 text-sm" title={FILTER_LABELS[filter].hint}>
                  <input
                    type="checkbox"
                    name="filters"
                    value={filter}
                    checked={values.filters.includes(filter)}
                    onChange={(event) => toggleFilter(filter, event.target.checked)}
                    className="h-4 w-4 accent-accent"
                  />
                  <span>
                    {FILTER_LABELS[filter].label} <code className="font-mono text-[11px] text-ink-faint">{filter}</code>
                  </span>
                </label>
              ))}
              <label className="inline-flex cursor-pointer items-center gap-2 border-l border-line pl-4 text-sm">
                <input
                  type="checkbox"
                  name="peerEvents"
                  checked={values.includePeerEvents}
                  onChange={(event) => update('includePeerEvents', event.target.checked)}
                  className="h-4 w-4 accent-accent"
                />
                <span>Include peer events</span>
              </label>
            </div>
            {errors.filters && (
              <p id={`${id}-filters-error`} role="alert" className="mt-1.5 text-sm text-bad">
                <span aria-hidden="true">⚠ </span>
                {errors.filters}
              </p>
            )}
          </fieldset>
          <button
            type="submit"
            data-part="peer"
            className="inline-flex h-9 items-center gap-2 rounded-md border border-accent bg-surface px-5 text-sm font-semibold text-accent-strong shadow-sm hover:bg-accent-soft disabled:opacity-70"
          >
            {busy ? 'Fetching…' : 'Fetch report'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  placeholder: string;
  /** Identifiers are monospaced; free text is not. */
  mono?: boolean;
  onChange: (value: string) => void;
}

function TextField({ id, label, value, error, placeholder, mono = true, onChange }: TextFieldProps) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-semibold tracking-wide text-ink-muted uppercase">
        {label}
      </label>
      <input
        id={id}
        name={id.split('-').pop()}
        type="text"
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={`h-9 w-full rounded-md border bg-surface px-2.5 text-sm text-ink placeholder:font-sans placeholder:text-ink-faint ${mono ? 'font-mono' : ''} ${
          error ? 'border-bad' : 'border-line hover:border-ink-faint'
        }`}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} className="mt-1 text-sm text-bad">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}

interface SelectFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}

function SelectField({ id, label, value, onChange, children }: SelectFieldProps) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="mb-1 block text-xs font-semibold tracking-wide text-ink-muted uppercase">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-9 w-full rounded-md border border-line bg-surface px-2 text-sm text-ink hover:border-ink-faint"
      >
        {children}
      </select>
    </div>
  );
}

interface DateTimeFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  className: string;
  labelClass: string;
  onChange: (value: string) => void;
}

function DateTimeField({ id, label, value, error, className, labelClass, onChange }: DateTimeFieldProps) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
        className={`${className} ${error ? 'border-bad' : 'border-line hover:border-ink-faint'}`}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}
