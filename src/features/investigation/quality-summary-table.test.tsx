import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StreamSummary } from '../../report/model.ts';
import { QualitySummaryTable } from './quality-summary-table.tsx';

function summary(values: Partial<StreamSummary>): StreamSummary {
  return {
    source: 'video_producer',
    kind: 'video',
    direction: 'send',
    mos: null,
    fps: null,
    width: null,
    lossAvgPercent: null,
    lossShares: [],
    rttAvgMs: null,
    rttShares: [],
    jitterBufferDelayAvgMs: null,
    jitterBufferDelayShares: [],
    issues: {},
    highNegativeFeedbackFraction: null,
    keyFramesEncodedFraction: null,
    keyFramesDecodedFraction: null,
    ...values,
  };
}

function row(name: string): string[] {
  const found = screen.getAllByRole('row').find((r) => within(r).queryAllByRole('cell')[1]?.textContent === name);
  if (!found) throw new Error(`no row ${name}`);
  return within(found).getAllByRole('cell').map((cell) => cell.textContent ?? '');
}

describe('QualitySummaryTable', () => {
  it("shows the report's negative-feedback and key-frame fractions as shares of the call", () => {
    render(
      <QualitySummaryTable
        summaries={[
          summary({ highNegativeFeedbackFraction: 0.125, keyFramesEncodedFraction: 0.004 }),
          summary({ source: 'video_consumer', direction: 'receive', keyFramesDecodedFraction: 0.02 }),
        ]}
      />,
    );
    expect(row('High negative feedback (share)').slice(0, 3)).toEqual(['Sent video', 'High negative feedback (share)', '12.5 %']);
    expect(row('Key frames encoded (share)').slice(0, 3)).toEqual(['Sent video', 'Key frames encoded (share)', '0.4 %']);
    expect(row('Key frames decoded (share)').slice(0, 3)).toEqual(['Received video', 'Key frames decoded (share)', '2 %']);
  });

  it('names the width summary as resolution and says the charts plot height', () => {
    render(<QualitySummaryTable summaries={[summary({ width: { avg: 1240, p50: 1280, p75: 1280, p90: 1280 } })]} />);
    expect(row('Resolution (width, px)').slice(0, 4)).toEqual(['Sent video', 'Resolution (width, px)', '1240', '1280']);
    expect(screen.getByText(/the charts plot frame height/)).toBeInTheDocument();
  });

  it('leaves out fractions the report did not give', () => {
    render(<QualitySummaryTable summaries={[summary({ fps: { avg: 29, p50: 30, p75: 30, p90: 30 } })]} />);
    expect(screen.queryByText(/Key frames/)).not.toBeInTheDocument();
    expect(screen.queryByText(/negative feedback/)).not.toBeInTheDocument();
  });
});
