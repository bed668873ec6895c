import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { memo, useCallback, useMemo, useState } from 'react';
import { Card } from '../../components/card.tsx';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import { useRouteLink } from '../../hooks/use-page-url.ts';
import { clipLine, isKnownTimeZone, shortId } from '../../lib/format.ts';
import type { Lookup } from '../../lib/lookup.ts';
import type { PeerReport, TimeInterval } from '../../report/model.ts';
import { clampRange, createHoverStore, type HoverStore } from '../investigation/call-clock.tsx';
import { chartBands, keyEventMarkers, markersInView, type ChartMarker, type ChartModel } from '../investigation/chart-model.ts';
import { MetricPlot } from '../investigation/metric-chart.tsx';
import { ErrorPanel } from '../report/error-panel.tsx';
import { reportViewQuery, type ReportView } from '../report/report-view-model.ts';
import { resolveTimeZone, useDisplaySettings } from '../settings/display-settings.ts';
import { compareGroups, compareRange, lossVerdict, type CompareGroup, type CompareNames } from './compare-model.ts';

export interface CompareSectionProps {
  /** This participant's report. */
  lookup: Lookup;
  /** The remote sender to compare with. */
  sender: string;
  mode: 'demo' | 'live' | null;
}

/**
 * What one remote sender sent beside what this participant received from them, on one
 * clock: loss already in what was sent is the sender's uplink; loss that appears only on
 * the receiving side happened after the server. Both reports are read with the same query
 * as their own pages, so coming from either report costs no request.
 */
export function CompareSection({ lookup, sender, mode }: CompareSectionProps) {
  const senderLookup = useMemo<Lookup>(() => ({ ...lookup, peerId: sender }), [lookup, sender]);
  const receiver = useQuery(reportViewQuery(lookup));
  const sent = useQuery(reportViewQuery(senderLookup));
  const names = useMemo<CompareNames>(
    () => ({ sender: nameOf(sent.data?.report, sender), receiver: nameOf(receiver.data?.report, lookup.peerId) }),
    [sent.data, receiver.data, sender, lookup.peerId],
  );
  const [settings] = useDisplaySettings();
  const zone = resolveTimeZone(settings.timeMode, receiver.data?.report.location?.timezone ?? null, isKnownTimeZone);

  return (
    <TimeZoneProvider zone={zone}>
      <div className="space-y-4" data-testid="compare">
        <CompareHeading lookup={lookup} senderLookup={senderLookup} names={names} />
        <Side view={receiver} lookup={lookup} mode={mode} whose={`${names.receiver}’s report`} />
        <Side view={sent} lookup={senderLookup} mode={mode} whose={`${names.sender}’s report`} />
        {receiver.data && sent.data && <ComparedCharts sender={sent.data} receiver={receiver.data} senderPeerId={sender} names={names} />}
      </div>
    </TimeZoneProvider>
  );
}

function nameOf(report: PeerReport | undefined, peerId: string): string {
  const name = report?.participant.displayName;
  return name ? clipLine(name, 60) : `peer ${shortId(peerId)}`;
}

function CompareHeading({ lookup, senderLookup, names }: { lookup: Lookup; senderLookup: Lookup; names: CompareNames }) {
  const receiverLink = useRouteLink({ page: 'report', lookup, zoom: null });
  const senderLink = useRouteLink({ page: 'report', lookup: senderLookup, zoom: null });
  return (
    <section aria-labelledby="compare-heading" className="rounded-lg border border-line bg-surface px-4 py-3 shadow-[0_1px_2px_rgba(15,23,42,0.04)]">
      <p className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Compare</p>
      <h2 id="compare-heading" className="text-lg font-semibold text-ink">
        What {names.sender} sent, and what {names.receiver} received from them
      </h2>
      <p className="mt-1 text-sm text-ink-muted">
        Left: {names.sender}’s own report, the uplink. Right: {names.receiver}’s report, the same media after the server and
        their downlink. One clock for both: loss already on the left is {names.sender}’s uplink; loss only on the right
        happened on the way to {names.receiver}.
      </p>
      <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <a {...senderLink} className="font-medium text-accent-strong hover:underline">
          Open {names.sender}’s report
        </a>
        <a {...receiverLink} className="font-medium text-accent-strong hover:underline">
          Back to {names.receiver}’s report
        </a>
      </p>
    </section>
  );
}

interface SideProps {
  view: UseQueryResult<ReportView, unknown>;
  lookup: Lookup;
  mode: 'demo' | 'live' | null;
  whose: string;
}

/** One side's state when it has no data yet: its error (with a retry) or that it is being read. */
function Side({ view, lookup, mode, whose }: SideProps) {
  if (view.data) return null;
  if (view.error !== null) {
    return (
      <div className="space-y-1">
        <p className="text-sm font-semibold text-ink">{whose} could not be read:</p>
        <ErrorPanel error={view.error} lookup={lookup} mode={mode} onRetry={() => void view.refetch()} retrying={view.isFetching} />
      </div>
    );
  }
  return (
    <p role="status" aria-busy="true" className="text-sm text-ink-muted">
      Reading {whose}…
    </p>
  );
}

interface ComparedChartsProps {
  sender: ReportView;
  receiver: ReportView;
  senderPeerId: string;
  names: CompareNames;
}

function ComparedCharts({ sender, receiver, senderPeerId, names }: ComparedChartsProps) {
  const groups = useMemo(() => compareGroups(sender.report, receiver.report, senderPeerId, names), [sender.report, receiver.report, senderPeerId, names]);
  const call = useMemo(() => compareRange(sender.report, receiver.report, senderPeerId), [sender.report, receiver.report, senderPeerId]);
  const [zoom, setZoom] = useState<TimeInterval | null>(null);
  const [hover] = useState(createHoverStore);
  const [pointer] = useState(createHoverStore);
  const onZoom = useCallback(
    (range: TimeInterval) => {
      if (!call) return;
      const next = clampRange(range, call);
      setZoom(next.start <= call.start && next.end >= call.end ? null : next);
    },
    [call],
  );
  const senderMarkers = useMemo(() => keyEventMarkers(sender.report.timeline), [sender.report.timeline]);
  const receiverMarkers = useMemo(() => keyEventMarkers(receiver.report.timeline), [receiver.report.timeline]);

  if (!call || groups.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-line px-4 py-6 text-center text-sm text-ink-muted">
        There is nothing to compare: {names.receiver}’s report has no media received from {names.sender}, and {names.sender}’s report
        no media sent. Were the quality stats part of both reports?
      </p>
    );
  }
  const view = zoom ?? call;
  return (
    <Card
      labelledBy="compared-heading"
      title={<span id="compared-heading">Side by side</span>}
      aside={
        zoom ? (
          <button type="button" onClick={() => setZoom(null)} className="h-7 rounded border border-line bg-surface px-2 text-xs font-medium text-accent-strong hover:border-accent">
            Show the whole call
          </button>
        ) : (
          <span className="text-xs text-ink-muted">Drag across a chart to zoom both sides.</span>
        )
      }
    >
      <div className="space-y-6">
        {groups.map((group) => (
          <ComparedGroup
            key={group.kind}
            group={group}
            names={names}
            view={view}
            callStart={receiver.report.participant.joinedAt ?? call.start}
            sender={sender}
            receiver={receiver}
            senderMarkers={senderMarkers}
            receiverMarkers={receiverMarkers}
            onZoom={onZoom}
            hover={hover}
            pointer={pointer}
          />
        ))}
      </div>
    </Card>
  );
}

interface ComparedGroupProps {
  group: CompareGroup;
  names: CompareNames;
  view: TimeInterval;
  callStart: number;
  sender: ReportView;
  receiver: ReportView;
  senderMarkers: ChartMarker[];
  receiverMarkers: ChartMarker[];
  onZoom: (range: TimeInterval) => void;
  hover: HoverStore;
  pointer: HoverStore;
}

function ComparedGroup({ group, names, view, callStart, sender, receiver, senderMarkers, receiverMarkers, onZoom, hover, pointer }: ComparedGroupProps) {
  const verdict = lossVerdict(group, names);
  const sentMarkers = useMemo(() => markersInView(senderMarkers, view), [senderMarkers, view]);
  const receivedMarkers = useMemo(() => markersInView(receiverMarkers, view), [receiverMarkers, view]);
  return (
    <section aria-label={`${group.title}, sent and received`} className="space-y-2">
      <h3 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">{group.title}</h3>
      {verdict && (
        <p className="rounded-md border border-accent/30 bg-accent-soft/40 px-3 py-2 text-sm text-ink" data-testid="compare-verdict">
          {verdict}
        </p>
      )}
      <div className="grid gap-2 md:grid-cols-2">
        <p className="text-xs font-medium text-ink-muted">Sent by {names.sender} (their uplink)</p>
        <p className="hidden text-xs font-medium text-ink-muted md:block">Received by {names.receiver} from them (after the server)</p>
        {group.pairs.flatMap((pair) => [
          <ComparedChart
            key={`${pair.key}-sent`}
            chart={pair.sent}
            title={`${pair.metric.label}, sent by ${names.sender}`}
            findings={sender.findings}
            markers={sentMarkers}
            view={view}
            callStart={callStart}
            onZoom={onZoom}
            hover={hover}
            pointer={pointer}
          />,
          <ComparedChart
            key={`${pair.key}-received`}
            chart={pair.received}
            title={`${pair.metric.label}, received by ${names.receiver}`}
            findings={receiver.findings}
            markers={receivedMarkers}
            view={view}
            callStart={callStart}
            onZoom={onZoom}
            hover={hover}
            pointer={pointer}
          />,
        ])}
      </div>
    </section>
  );
}

interface ComparedChartProps {
  chart: ChartModel | null;
  title: string;
  findings: ReportView['findings'];
  markers: ChartMarker[];
  view: TimeInterval;
  callStart: number;
  onZoom: (range: TimeInterval) => void;
  hover: HoverStore;
  pointer: HoverStore;
}

const ComparedChart = memo(function ComparedChart({ chart, title, findings, markers, view, callStart, onZoom, hover, pointer }: ComparedChartProps) {
  const bands = useMemo(() => (chart ? chartBands(chart, findings, null, view) : []), [chart, findings, view]);
  const unit = chart?.spec.unit ? ` (${chart.spec.unit})` : '';
  return (
    <figure className="min-w-0 rounded-md border border-line bg-surface px-2 pt-2 pb-1" data-chart={title}>
      <figcaption className="px-1 text-xs font-semibold text-ink">
        {title}
        <span className="font-normal text-ink-muted">{unit}</span>
      </figcaption>
      <div className="relative h-36 select-none">
        {chart ? (
          <MetricPlot
            spec={chart.spec}
            points={chart.points}
            series={chart.series}
            view={view}
            callStart={callStart}
            bands={bands}
            markers={markers}
            onZoom={onZoom}
            label={`${title}${unit}`}
            hover={hover}
            pointer={pointer}
          />
        ) : (
          <p className="flex h-full items-center justify-center text-xs text-ink-muted">Not in this report.</p>
        )}
      </div>
    </figure>
  );
});
