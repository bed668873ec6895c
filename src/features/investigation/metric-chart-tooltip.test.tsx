import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverStore } from './call-clock.tsx';
import { MetricPlot } from './metric-chart.tsx';
import { METRICS } from './quality-metrics.ts';

// The tooltip prints a sample's value; a value that is not finite (a series handed over
// with ±Infinity in it) is no sample to print, never "Infinity".

const JITTER = METRICS.find((metric) => metric.key === 'jitterMs');
const START = Date.UTC(2026, 8, 14, 13, 0, 0);

beforeEach(() => {
  // jsdom lays nothing out: the plot measures itself as 600 px wide.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ width: 600, height: 160 }));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MetricPlot tooltip', () => {
  it('says "no sample" where a series holds Infinity, and prints the others', () => {
    if (!JITTER) throw new Error('no jitter metric');
    const at = Float64Array.from([0, 7000, 14000].map((offset) => START + offset));
    const points = () => [
      { at, values: Float64Array.from([12, Number.POSITIVE_INFINITY, 30]) },
      { at, values: Float64Array.from([5, 6, Number.NEGATIVE_INFINITY]) },
    ];
    const series = [
      { key: 'a', name: 'Sent audio', color: 'var(--ps-series-1)' },
      { key: 'b', name: 'Received audio', color: 'var(--ps-series-2)' },
    ];
    const pointer = createHoverStore();
    render(
      <MetricPlot
        spec={JITTER}
        points={points}
        series={series}
        view={{ start: START, end: START + 14000 }}
        callStart={START}
        bands={[]}
        markers={[]}
        onZoom={() => undefined}
        hover={createHoverStore()}
        pointer={pointer}
      />,
    );
    act(() => pointer.set(START + 7000));
    const tooltip = screen.getByRole('tooltip');
    expect(within(tooltip).getByText('Sent audio').closest('li')).toHaveTextContent('Sent audiono sample');
    expect(within(tooltip).getByText('Received audio').closest('li')).toHaveTextContent(`Received audio${JITTER.format(6)}`);
    act(() => pointer.set(START + 14000));
    expect(within(screen.getByRole('tooltip')).getByText('Received audio').closest('li')).toHaveTextContent('Received audiono sample');
    expect(screen.getByRole('tooltip')).not.toHaveTextContent(/Infinity|∞/);
  });
});
