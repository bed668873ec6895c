import { memo, useMemo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type SyncMethod,
  type TooltipContentProps,
} from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import { formatClock, formatOffset } from '../../lib/format';
import type { TimeInterval } from '../../report/model';
import { nearestIndex, timeTicks, type ChartRow } from './chart-data';
import { formatMetricValue, type MetricSpec } from './quality-metrics';

export const CHART_SYNC_ID = 'peerscope-call';

export interface ChartSeries {
  key: string;
  name: string;
  /** A CSS colour, normally `var(--ps-series-N)`. */
  color: string;
}

export type ChartBandKind = 'off' | 'warning' | 'critical' | 'highlight';

export interface ChartBand extends TimeInterval {
  kind: ChartBandKind;
  label: string;
}

export interface ChartMarker {
  at: number;
  label: string;
  problem: boolean;
}

export interface MetricChartProps {
  title: string;
  spec: MetricSpec;
  rows: ChartRow[];
  series: ChartSeries[];
  view: TimeInterval;
  callStart: number;
  bands: ChartBand[];
  markers: ChartMarker[];
  onZoom: (range: TimeInterval) => void;
}

const BAND_FILL: Record<ChartBandKind, string> = {
  off: 'var(--ps-band-off)',
  warning: 'var(--ps-band-warn)',
  critical: 'var(--ps-band-bad)',
  highlight: 'var(--ps-band-highlight)',
};

// Charts of one call have samples at slightly different instants: snap the synced
// tooltip to this chart's nearest sample instead of requiring an exact match.
const syncNearest: SyncMethod = (ticks, data) => {
  const at = Number(data.activeLabel);
  if (!Number.isFinite(at)) return -1;
  return nearestIndex(
    ticks.map((tick) => Number(tick.value)),
    at,
  );
};

/** One quality metric over the call. Presentational: rows in, SVG out. */
export const MetricChart = memo(function MetricChart({ title, spec, rows, series, view, callStart, bands, markers, onZoom }: MetricChartProps) {
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const ticks = useMemo(() => timeTicks(view), [view]);
  const threshold = spec.threshold;
  const unitLabel = spec.unit ? ` (${spec.unit})` : '';

  const finishDrag = () => {
    if (drag && Math.abs(drag.to - drag.from) > 0) {
      onZoom({ start: Math.min(drag.from, drag.to), end: Math.max(drag.from, drag.to) });
    }
    setDrag(null);
  };

  return (
    <figure className="min-w-0 rounded-md border border-line bg-surface px-2 pt-2 pb-1" data-chart={title}>
      <figcaption className="flex items-baseline justify-between gap-2 px-1 text-xs">
        <span className="font-semibold text-ink">
          {title}
          <span className="font-normal text-ink-muted">{unitLabel}</span>
        </span>
        {threshold && (
          <span className="text-ink-faint">
            {threshold.lowerIsWorse ? 'below' : 'above'} {threshold.warn}
            {spec.unit === '%' ? ' %' : ''} warn, {threshold.critical}
            {spec.unit === '%' ? ' %' : ''} bad
          </span>
        )}
      </figcaption>
      <div className="h-40 select-none" role="img" aria-label={`${title}${unitLabel} over the call, ${series.map((s) => s.name).join(', ')}`}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart
            data={rows}
            syncId={CHART_SYNC_ID}
            syncMethod={syncNearest}
            margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
            onMouseDown={(state) => {
              const at = Number(state.activeLabel);
              if (Number.isFinite(at)) setDrag({ from: at, to: at });
            }}
            onMouseMove={(state) => {
              const at = Number(state.activeLabel);
              if (drag && Number.isFinite(at)) setDrag({ ...drag, to: at });
            }}
            onMouseUp={finishDrag}
            onMouseLeave={() => setDrag(null)}
            style={{ cursor: 'crosshair' }}
          >
            <CartesianGrid stroke="var(--ps-grid)" vertical={false} />
            <XAxis
              dataKey="at"
              type="number"
              scale="time"
              domain={[view.start, view.end]}
              allowDataOverflow
              ticks={ticks}
              tickFormatter={(at: number) => formatClock(at)}
              tick={{ fontSize: 10, fill: 'var(--ps-axis)' }}
              stroke="var(--ps-grid)"
              minTickGap={24}
            />
            <YAxis
              width={44}
              domain={spec.domain ?? [0, 'auto']}
              allowDataOverflow={spec.domain !== null}
              tick={{ fontSize: 10, fill: 'var(--ps-axis)' }}
              stroke="var(--ps-grid)"
              tickFormatter={(value: number) => compactNumber(value)}
            />
            {bands.map((band, index) => (
              <ReferenceArea
                key={`${band.kind}-${index}`}
                x1={Math.max(band.start, view.start)}
                x2={Math.min(band.end, view.end)}
                fill={BAND_FILL[band.kind]}
                stroke={band.kind === 'highlight' ? 'var(--ps-accent)' : 'none'}
                strokeDasharray={band.kind === 'highlight' ? '4 3' : undefined}
                ifOverflow="hidden"
                label={
                  band.kind === 'off'
                    ? { value: band.label, position: 'insideTop', fontSize: 9, fill: 'var(--ps-axis)' }
                    : undefined
                }
              />
            ))}
            {threshold && (
              <ReferenceLine y={threshold.warn} stroke="var(--ps-warn)" strokeDasharray="5 4" ifOverflow="extendDomain" />
            )}
            {threshold && (
              <ReferenceLine y={threshold.critical} stroke="var(--ps-bad)" strokeDasharray="2 3" ifOverflow="extendDomain" />
            )}
            {markers.map((marker, index) => (
              <ReferenceLine
                key={`m-${index}`}
                x={marker.at}
                stroke={marker.problem ? 'var(--ps-bad)' : 'var(--ps-marker)'}
                strokeDasharray={marker.problem ? undefined : '2 3'}
                strokeWidth={1}
                ifOverflow="hidden"
                label={marker.problem ? { value: '!', position: 'insideTopLeft', fontSize: 10, fill: 'var(--ps-bad)' } : undefined}
              />
            ))}
            {drag && drag.from !== drag.to && (
              <ReferenceArea x1={drag.from} x2={drag.to} fill="var(--ps-band-highlight)" stroke="var(--ps-accent)" />
            )}
            <Tooltip
              isAnimationActive={false}
              content={(props: TooltipContentProps<ValueType, NameType>) => (
                <ChartTooltip {...props} spec={spec} series={series} callStart={callStart} />
              )}
              cursor={{ stroke: 'var(--ps-ink-muted)', strokeWidth: 1 }}
            />
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={1.5}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls={false}
                type="linear"
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

function ChartTooltip({
  active,
  label,
  payload,
  spec,
  series,
  callStart,
}: TooltipContentProps<ValueType, NameType> & { spec: MetricSpec; series: ChartSeries[]; callStart: number }) {
  if (!active || !payload || payload.length === 0) return null;
  const at = Number(label);
  const names = new Map(series.map((s) => [s.key, s]));
  return (
    <div role="tooltip" className="rounded-md border border-line bg-surface px-2.5 py-1.5 text-xs shadow-md">
      <p className="mb-1 font-mono text-ink-muted">
        {Number.isFinite(at) ? `${formatOffset(at - callStart)} · ${formatClock(at)}` : ''}
      </p>
      <ul className="space-y-0.5">
        {payload.map((item) => {
          const s = names.get(String(item.dataKey));
          const value = typeof item.value === 'number' ? formatMetricValue(item.value, spec) : 'no sample';
          return (
            <li key={String(item.dataKey)} className="flex items-center justify-between gap-3">
              <span className="flex items-center gap-1.5">
                <span aria-hidden="true" className="inline-block h-0.5 w-3" style={{ background: s?.color }} />
                {s?.name ?? String(item.dataKey)}
              </span>
              <span className="font-mono text-ink">{value}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function compactNumber(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Math.round(value / 1000)}k`;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
