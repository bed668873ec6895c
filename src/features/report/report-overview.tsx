import { Badge } from '../../components/badge.tsx';
import { Card } from '../../components/card.tsx';
import { LongText } from '../../components/long-text.tsx';
import { formatBytes, formatCountOf, formatDateTime } from '../../lib/format.ts';
import { countryName } from '../../lib/places.ts';
import type { Lookup } from '../../lib/lookup.ts';
import type { PeerReport } from '../../report/model.ts';
import type { ReportFilter } from '../../lib/filters.ts';
import { useDisplayZone } from '../../components/time-zone.tsx';

export interface ReportOverviewProps {
  report: PeerReport;
  lookup: Lookup;
  bytes: number;
  receivedAt: number;
}

const SHAPE_LABEL: Record<PeerReport['shape'], string> = {
  current: 'current response shape',
  flat: 'flat response shape',
  legacy: 'legacy Dyte response shape',
};

/** Who and where at a glance, and which parts of the report came back. */
export function ReportOverview({ report, lookup, bytes, receivedAt }: ReportOverviewProps) {
  const zone = useDisplayZone();
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card labelledBy="glance-heading" title={<span id="glance-heading">At a glance</span>}>
        <dl className="grid gap-3 text-sm">
          <Fact label="Device" value={describeDevice(report)} empty={emptyText(lookup, 'device_info', report.present.deviceInfo)} />
          <Fact label="Software" value={describeSoftware(report)} empty={emptyText(lookup, 'device_info', report.present.deviceInfo)} />
          <Fact label="Location" value={describeLocation(report)} empty={emptyText(lookup, 'ip_information', report.present.ipInformation)} />
          <Fact label="Network" value={describeNetwork(report)} empty={emptyText(lookup, 'precall_network_information', report.present.precall)} />
        </dl>
      </Card>
      <Card
        labelledBy="contents-heading"
        title={<span id="contents-heading">Report contents</span>}
        aside={<span className="text-xs text-ink-faint">{SHAPE_LABEL[report.shape]}</span>}
      >
        <ul className="grid gap-2 text-sm" aria-label="Report parts">
          <Part label="Device info" filter="device_info" lookup={lookup} present={report.present.deviceInfo} />
          <Part label="IP information" filter="ip_information" lookup={lookup} present={report.present.ipInformation} />
          <Part
            label="Pre-call network"
            filter="precall_network_information"
            lookup={lookup}
            present={report.present.precall}
            count={report.connectivity ? `${formatCountOf(report.connectivity.precall.length, 'check')}, ${formatCountOf(report.connectivity.sending.length + report.connectivity.receiving.length, 'ICE pair')}` : undefined}
          />
          <Part label="Events" filter="events" lookup={lookup} present={report.present.events} count={`${report.timeline.length} on the timeline`} />
          <Part
            label="Quality stats"
            filter="quality_stats"
            lookup={lookup}
            present={report.present.quality}
            count={`${formatCountOf(report.streams.length, 'stream')}, ${formatCountOf(report.streams.reduce((n, s) => n + s.samples.length, 0), 'sample')}`}
          />
          <li className="flex items-center justify-between gap-3">
            <span>Peer events</span>
            {report.present.peerEvents ? (
              <Badge tone="ok">✓ received</Badge>
            ) : lookup.includePeerEvents ? (
              <Badge tone="neutral">none recorded</Badge>
            ) : (
              <Badge tone="neutral">not requested</Badge>
            )}
          </li>
        </ul>
        <p className="mt-3 border-t border-line pt-2 text-xs text-ink-faint">
          {formatBytes(bytes)} received at {formatDateTime(receivedAt, zone)}
        </p>
        {report.warnings.length > 0 && (
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-warn">
              <span aria-hidden="true">⚠ </span>
              {report.warnings.length} value{report.warnings.length === 1 ? '' : 's'} could not be read and {report.warnings.length === 1 ? 'was' : 'were'} skipped
            </summary>
            <ul className="mt-1 max-h-48 space-y-0.5 overflow-auto font-mono text-ink-muted">
              {report.warnings.slice(0, 200).map((warning, index) => (
                <li key={index}>
                  {warning.path}: {warning.message}
                </li>
              ))}
            </ul>
          </details>
        )}
      </Card>
    </div>
  );
}

function Fact({ label, value, empty }: { label: string; value: string | null; empty: string }) {
  return (
    <div className="grid grid-cols-[6rem_minmax(0,1fr)] gap-3">
      <dt className="text-ink-muted">{label}</dt>
      <dd className="min-w-0 break-words">{value !== null ? <LongText text={value} /> : <span className="text-ink-faint italic">{empty}</span>}</dd>
    </div>
  );
}

function Part({ label, filter, lookup, present, count }: { label: string; filter: ReportFilter; lookup: Lookup; present: boolean; count?: string | undefined }) {
  const requested = lookup.filters.includes(filter);
  return (
    <li className="flex items-center justify-between gap-3">
      <span>
        {label} <code className="font-mono text-[11px] text-ink-faint">{filter}</code>
      </span>
      {present ? (
        <span className="flex items-center gap-2">
          {count && <span className="text-xs text-ink-muted">{count}</span>}
          <Badge tone="ok">✓ received</Badge>
        </span>
      ) : requested ? (
        <Badge tone="warn">requested, not in the answer</Badge>
      ) : (
        <Badge tone="neutral">not requested</Badge>
      )}
    </li>
  );
}

function emptyText(lookup: Lookup, filter: ReportFilter, present: boolean): string {
  if (!lookup.filters.includes(filter)) return `not requested (${filter} unticked)`;
  return present ? 'not recorded' : 'not in the answer';
}

function join(parts: (string | null | undefined | false)[]): string | null {
  const kept = parts.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
  return kept.length > 0 ? kept.join(' · ') : null;
}

function describeDevice({ device }: PeerReport): string | null {
  if (!device) return null;
  return join([
    join([device.os, device.osVersion]),
    device.isMobile === null ? null : device.isMobile ? 'mobile' : 'desktop',
    device.cpus !== null ? `${device.cpus} CPU${device.cpus === 1 ? '' : 's'}` : null,
  ]);
}

function describeSoftware({ software }: PeerReport): string | null {
  if (!software) return null;
  return join([
    join([software.browser, software.browserVersion]),
    software.sdkName ? join([software.sdkName, software.sdkVersion]) : null,
    software.roomViewType,
  ]);
}

function describeLocation({ location }: PeerReport): string | null {
  if (!location) return null;
  // The name and the code, no flag emoji: without an emoji font they draw as empty boxes.
  const country = location.country ? (countryName(location.country) === location.country ? location.country : `${countryName(location.country)} (${location.country})`) : null;
  return join([join([location.city, location.region, country]), location.org ?? location.asn?.name, location.timezone]);
}

/**
 * The link (wifi, ethernet, cellular) comes from the local candidates of the pairs media
 * took (every pair when none is marked nominated); the pre-call check's effective type is
 * the browser's connection-speed class (a wired desktop says 4g), so it is named as such.
 */
function describeNetwork({ connectivity }: PeerReport): string | null {
  if (!connectivity) return null;
  const pairs = [...connectivity.sending, ...connectivity.receiving];
  const used = pairs.some((pair) => pair.nominated === true) ? pairs.filter((pair) => pair.nominated === true) : pairs;
  const links = distinct(used.map((pair) => pair.local.networkType));
  const speedClasses = distinct(connectivity.precall.map((c) => c.effectiveNetworkType));
  const hasPairs = pairs.length > 0;
  return join([
    links.length > 0 ? links.join(' and ') : null,
    speedClasses.length > 0 ? `connection speed class ${speedClasses.join(' → ')}` : null,
    connectivity.usesRelay ? 'relayed through TURN' : hasPairs ? 'direct (no TURN relay)' : null,
    connectivity.usesTcp ? 'media over TCP' : hasPairs ? 'media over UDP' : null,
  ]);
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ''))];
}
