import type { ReactNode } from 'react';
import { LongText } from '../../components/long-text.tsx';
import { formatClock, formatUtc } from '../../lib/format.ts';
import type { ReportFilter } from '../../lib/filters.ts';
import { useDisplayZone } from '../../components/time-zone.tsx';

/** The lookup form's names for the filters these panels depend on. */
const FILTER_LABELS: Partial<Record<ReportFilter, string>> = {
  device_info: 'Device info',
  ip_information: 'IP information',
  precall_network_information: 'Pre-call network',
};

export function Missing({ children = 'not recorded' }: { children?: ReactNode }) {
  return <span className="text-ink-faint italic">{children}</span>;
}

/** A label/value list; values wrap anywhere so hostile or very long strings cannot widen the card. */
export function Facts({ label, children }: { label?: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      {label && <h3 className="mb-2 text-xs font-semibold tracking-wide text-ink-muted uppercase">{label}</h3>}
      <dl className="grid grid-cols-[minmax(7rem,9.5rem)_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm">{children}</dl>
    </div>
  );
}

/** Characters of a device or network fact shown before the rest folds. */
const FACT_MAX = 200;

/** One row; a null or empty value reads "not recorded", and plain text from the device is isolated and folded when long. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <>
      <dt className="text-ink-muted">{label}</dt>
      <dd className="min-w-0 text-ink wrap-anywhere">{empty ? <Missing /> : typeof children === 'string' ? <LongText text={children} max={FACT_MAX} /> : children}</dd>
    </>
  );
}

export interface BlockEmptyProps {
  filter: ReportFilter;
  requested: boolean;
  /** The block came back but the model could not read it. */
  unreadable: boolean;
  /** What the block holds, for the sentence: "device, browser and SDK details". */
  what: string;
}

/** Tells "you did not ask" apart from "you asked and it is not there". */
export function BlockEmpty({ filter, requested, unreadable, what }: BlockEmptyProps) {
  const label = FILTER_LABELS[filter] ?? filter;
  if (!requested) {
    return (
      <div className="rounded-md border border-dashed border-line bg-surface-muted px-3 py-3 text-sm" data-state="not-requested">
        <p className="font-medium text-ink">Not requested</p>
        <p className="mt-1 text-ink-muted">
          Tick “{label}” (<code className="font-mono text-xs">{filter}</code>) and fetch again to see {what}.
        </p>
      </div>
    );
  }
  return (
    <div className="rounded-md border border-dashed border-warn/40 bg-warn-soft px-3 py-3 text-sm" data-state="not-in-answer">
      <p className="font-medium text-warn">{unreadable ? 'Could not be read' : 'Requested, but not in the answer'}</p>
      <p className="mt-1 text-ink-muted">
        {unreadable ? (
          <>
            The answer carried <code className="font-mono text-xs">{filter}</code> data, but not in a form Peerscope could read. The report’s
            warnings list what was skipped.
          </>
        ) : (
          <>
            <code className="font-mono text-xs">{filter}</code> was asked for, but the upstream did not send {what} for this peer: it was not recorded.
          </>
        )}
      </p>
    </div>
  );
}

/** Clock time in the report's display zone, UTC on hover: compact enough for table cells. */
export function ClockTime({ at }: { at: number }) {
  const zone = useDisplayZone();
  if (!Number.isFinite(at) || Math.abs(at) > 8.64e15) return <Missing />;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatUtc(at)} className="font-mono whitespace-nowrap tabular-nums">
      {formatClock(at, zone)}
    </time>
  );
}
