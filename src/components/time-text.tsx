import { formatDateTime, formatUtc } from '../lib/format.ts';
import { useDisplayZone } from './time-zone.tsx';

export interface TimeTextProps {
  at: number;
}

/** Time in the display zone, with UTC beside it (and on hover) so tickets can quote either. */
export function TimeText({ at }: TimeTextProps) {
  const zone = useDisplayZone();
  const utc = formatUtc(at);
  if (zone === 'UTC') {
    return (
      <time dateTime={new Date(at).toISOString()} className="font-mono text-ink">
        {utc}
      </time>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2">
      <time dateTime={new Date(at).toISOString()} title={utc} className="text-ink">
        {formatDateTime(at, zone)}
      </time>
      <span className="font-mono text-xs text-ink-faint">{utc}</span>
    </span>
  );
}
