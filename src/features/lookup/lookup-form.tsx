import { useId, useState, type FormEvent } from 'react';
import { validateLookup, type Lookup, type LookupField, type LookupInput } from '../../lib/lookup.ts';
import { REPORT_FILTERS, type ReportFilter } from '../../lib/filters.ts';

const FILTER_LABELS: Record<ReportFilter, { label: string; hint: string }> = {
  device_info: { label: 'Device info', hint: 'OS, browser, SDK' },
  ip_information: { label: 'IP information', hint: 'location, ISP, ASN' },
  precall_network_information: { label: 'Pre-call network', hint: 'TURN, ICE, network type' },
  events: { label: 'Events', hint: 'client events, device changes' },
  quality_stats: { label: 'Quality stats', hint: 'audio and video samples' },
};

export interface LookupFormProps {
  initial: LookupInput;
  /** Errors to show at once, e.g. for an invalid link that was opened. */
  initialErrors?: Partial<Record<LookupField, string>>;
  busy: boolean;
  onSubmit: (lookup: Lookup) => void;
}

type IdField = 'accountId' | 'appId' | 'peerId';

/**
 * `initial` can change while the form is on screen: the server's default account and demo
 * IDs arrive with /api/config, possibly after the user started typing. A field the user has
 * not touched takes the new default; whatever the user typed (even an emptied field) stays.
 */
function adoptDefaults(current: LookupInput, touched: ReadonlySet<IdField>, after: LookupInput): LookupInput {
  const pick = (key: IdField) => (touched.has(key) ? current[key] : after[key]);
  return { ...current, accountId: pick('accountId'), appId: pick('appId'), peerId: pick('peerId') };
}

export function LookupForm({ initial, initialErrors = {}, busy, onSubmit }: LookupFormProps) {
  const [values, setValues] = useState<LookupInput>(initial);
  const [defaults, setDefaults] = useState<LookupInput>(initial);
  const [touched, setTouched] = useState<ReadonlySet<IdField>>(() => new Set());
  if (defaults.accountId !== initial.accountId || defaults.appId !== initial.appId || defaults.peerId !== initial.peerId) {
    setDefaults(initial);
    setValues((current) => adoptDefaults(current, touched, initial));
  }
  const [errors, setErrors] = useState<Partial<Record<LookupField, string>>>(initialErrors);
  const id = useId();

  function update<K extends keyof LookupInput>(key: K, value: LookupInput[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    if (key === 'accountId' || key === 'appId' || key === 'peerId') setTouched((current) => new Set(current).add(key));
    if (key in errors) setErrors((current) => ({ ...current, [key]: undefined }));
  }

  function toggleFilter(filter: ReportFilter, checked: boolean) {
    const next = checked ? [...values.filters, filter] : values.filters.filter((f) => f !== filter);
    update('filters', next);
    if (next.length > 0) setErrors((current) => ({ ...current, filters: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validateLookup(values);
    if (!result.ok) {
      setErrors(result.errors);
      const first = (['accountId', 'appId', 'peerId'] as const).find((field) => result.errors[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    onSubmit(result.lookup);
  }

  return (
    <form noValidate onSubmit={submit} aria-label="Peer report lookup" className="space-y-4">
      <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.15fr)]">
        <TextField id={`${id}-accountId`} label="Account ID" value={values.accountId} error={errors.accountId} placeholder="32 hex characters" onChange={(v) => update('accountId', v)} />
        <TextField id={`${id}-appId`} label="App ID" value={values.appId} error={errors.appId} placeholder="UUID or app identifier" onChange={(v) => update('appId', v)} />
        <TextField id={`${id}-peerId`} label="Peer ID" value={values.peerId} error={errors.peerId} placeholder="UUID of the participant's join" onChange={(v) => update('peerId', v)} />
      </div>
      <div className="flex flex-wrap items-end justify-between gap-4">
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
          className="inline-flex h-9 items-center gap-2 rounded-md bg-accent px-5 text-sm font-semibold text-white shadow-sm hover:bg-accent-strong disabled:opacity-70"
        >
          {busy ? 'Fetching…' : 'Fetch report'}
        </button>
      </div>
    </form>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  placeholder: string;
  onChange: (value: string) => void;
}

function TextField({ id, label, value, error, placeholder, onChange }: TextFieldProps) {
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
        className={`h-9 w-full rounded-md border bg-surface px-2.5 font-mono text-sm text-ink placeholder:font-sans placeholder:text-ink-faint ${
          error ? 'border-bad' : 'border-line hover:border-ink-faint'
        }`}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-bad">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
    </div>
  );
}
