import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { TimeZoneProvider } from '../../components/time-zone.tsx';
import { emptyPeerReport, type Finding, type PeerReport, type TimeInterval, type TimelineEvent } from '../../report/model.ts';
import { formatZoom, parseZoom, type ZoomOffsets } from '../../lib/page-url.ts';
import { CallClockProvider, useCallClock, useHoverTime, ZoomControlProvider } from './call-clock.tsx';
import { TimelinePanel } from './timeline-panel.tsx';

const T0 = Date.UTC(2026, 8, 14, 13, 0, 0);
const MIN = 60_000;
const CALL: TimeInterval = { start: T0, end: T0 + 30 * MIN };

/** A range of the call as offsets from its start, written as the tests compare them: "300.0-420.0" seconds. */
function offsetsOf(range: TimeInterval): ZoomOffsets {
  return { start: (range.start - CALL.start) / 1000, end: (range.end - CALL.start) / 1000 };
}
const zoomText = (zoom: ZoomOffsets) => `${zoom.start.toFixed(1)}-${zoom.end.toFixed(1)}`;
const rangeText = (range: TimeInterval) => zoomText(offsetsOf(range));

function event(id: string, at: number, overrides: Partial<TimelineEvent>): TimelineEvent {
  return { id, at, source: 'client', name: 'ping_stat', label: 'Ping', category: 'network', severity: 'normal', details: {}, ...overrides };
}

const JOIN = event('join', T0 + 5000, { name: 'call_join', label: 'Joined the call', category: 'lifecycle' });
const MUTE = event('mute', T0 + 5 * MIN, { name: 'audio_off', label: 'Microphone off', category: 'media', severity: 'notable' });
const RECONNECT = event('reconnect', T0 + 12 * MIN + 8000, {
  name: 'reconnect_attempt',
  label: 'Reconnect attempt',
  severity: 'problem',
  details: { attempt: 1, reason: 'ice_disconnected' },
});
const MIC = event('mic', T0 + 20 * MIN, {
  source: 'device',
  name: 'audio_devices_updates',
  label: 'Microphone added: Jabra Evolve',
  category: 'device',
  severity: 'notable',
  details: { kind: 'audioinput' },
});
const TAB = event('tab', T0 + 25 * MIN, { name: 'tab_change', label: 'Left the meeting tab', category: 'focus', severity: 'notable' });

const FINDING: Finding = {
  id: 'packet-loss:audio-send',
  rule: 'packet-loss',
  severity: 'warning',
  title: 'Packet loss on sent audio',
  sentence: 'Sent audio lost over 5 % of packets.',
  streamId: 'audio-send',
  streamIds: ['audio-send'],
  remotePeerId: null,
  metric: 'lossPercent',
  intervals: [{ start: T0 + 11 * MIN, end: T0 + 14 * MIN }],
  source: 'test',
};

function makeReport(timeline: TimelineEvent[]): PeerReport {
  const report = emptyPeerReport();
  return {
    ...report,
    participant: { ...report.participant, peerId: 'peer-1', displayName: 'Ana', joinedAt: T0 + 5000, leftAt: CALL.end, durationMs: CALL.end - T0 - 5000 },
    timeline,
    present: { ...report.present, events: timeline.length > 0 },
  };
}

const REPORT = makeReport([JOIN, MUTE, RECONNECT, MIC, TAB]);

/** Every range the clock handed its readers, in order, to tell a redraw from a re-render. */
const seenViews: TimeInterval[] = [];

function Probe() {
  const { setHighlightedFinding, view, zoomed } = useCallClock();
  if (seenViews[seenViews.length - 1] !== view) seenViews.push(view);
  const hover = useHoverTime();
  return (
    <>
      <span data-testid="hover">{hover === null ? 'none' : String(hover)}</span>
      <span data-testid="view">{zoomed ? rangeText(view) : 'whole call'}</span>
      <button type="button" onClick={() => setHighlightedFinding(FINDING.id)}>
        Highlight finding
      </button>
    </>
  );
}

/** The zoom kept where the page keeps it (the address bar), here in state; "Back" sets it from outside. */
function Harness({ report, eventsRequested = true, zoom = null }: { report: PeerReport; eventsRequested?: boolean; zoom?: TimeInterval | null }) {
  const [kept, setKept] = useState<ZoomOffsets | null>(zoom && offsetsOf(zoom));
  // Kept as the address bar keeps it: to a tenth of a second.
  const control = useMemo(() => ({ zoom: kept, setZoom: (zoom: ZoomOffsets | null) => setKept(zoom && parseZoom(formatZoom(zoom))) }), [kept]);
  return (
    <ZoomControlProvider value={control}>
      <CallClockProvider call={CALL}>
        <span data-testid="zoom">{kept ? zoomText(kept) : 'whole call'}</span>
        <button type="button" onClick={() => setKept(offsetsOf(BACK_RANGE))}>
          Back
        </button>
        <Probe />
        <TimelinePanel report={report} findings={[FINDING]} eventsRequested={eventsRequested} />
      </CallClockProvider>
    </ZoomControlProvider>
  );
}

function renderPanel(props: { report?: PeerReport; eventsRequested?: boolean; zoom?: TimeInterval | null } = {}) {
  const user = userEvent.setup();
  // Clock times in the report's zone: 13:12:08 UTC reads 08:12:08 in Chicago (CDT, UTC-5).
  render(
    <TimeZoneProvider zone="America/Chicago">
      <Harness report={props.report ?? REPORT} eventsRequested={props.eventsRequested ?? true} zoom={props.zoom ?? null} />
    </TimeZoneProvider>,
  );
  return { user, panel: screen.getByRole('region', { name: 'Timeline' }) };
}

function listRows() {
  return within(screen.getByRole('list', { name: 'Events' })).queryAllByRole('listitem');
}

const minuteAround = (at: number) => rangeText({ start: at - MIN, end: at + MIN });
/** Where the harness's Back button puts the address bar's zoom. */
const BACK_RANGE: TimeInterval = { start: T0 + 2 * MIN, end: T0 + 8 * MIN };
const BACK_ZOOM = rangeText(BACK_RANGE);

/** The clock's range (what every chart draws) at once; the address bar's zoom after the frame that shows it. */
async function expectZoom(param: string) {
  expect(screen.getByTestId('view')).toHaveTextContent(param);
  await waitFor(() => expect(screen.getByTestId('zoom')).toHaveTextContent(param));
}

describe('TimelinePanel', () => {
  it('tells "not requested" from "none recorded"', () => {
    renderPanel({ report: makeReport([]), eventsRequested: false });
    expect(screen.getByText('Events were not requested: tick Events and fetch again.')).toBeInTheDocument();
    expect(screen.queryByRole('list', { name: 'Events' })).not.toBeInTheDocument();
  });

  it('says when nothing was recorded although events were requested', () => {
    renderPanel({ report: makeReport([]), eventsRequested: true });
    expect(screen.getByText('No events recorded for this participant.')).toBeInTheDocument();
    expect(screen.queryByText(/not requested/)).not.toBeInTheDocument();
  });

  it('draws a labelled lane per category and names each mark by label and time since join', () => {
    const { panel } = renderPanel();
    for (const lane of ['Lifecycle', 'Media', 'Network', 'Device', 'Focus', 'Error']) {
      expect(within(panel).getByRole('group', { name: `${lane} lane` })).toBeInTheDocument();
    }
    expect(within(panel).queryByRole('group', { name: 'Other lane' })).not.toBeInTheDocument();
    const network = within(panel).getByRole('group', { name: 'Network lane' });
    const mark = within(network).getByRole('button', { name: 'Reconnect attempt at T+12:03 (08:12:08), problem' });
    expect(mark).toHaveAttribute('data-severity', 'problem');
    expect(within(panel).getByRole('group', { name: 'Media lane' })).toContainElement(
      within(panel).getByRole('button', { name: /^Microphone off at T\+04:55/ }),
    );
  });

  it('lists every event with offset, clock time, label, category and a worded problem marker', () => {
    renderPanel();
    expect(screen.getByRole('status')).toHaveTextContent('5 events');
    const rows = listRows();
    expect(rows).toHaveLength(5);
    const reconnect = rows[2]!;
    expect(reconnect).toHaveTextContent('T+12:03');
    expect(reconnect).toHaveTextContent('08:12:08');
    expect(reconnect).toHaveTextContent('Reconnect attempt');
    expect(reconnect).toHaveTextContent('Network');
    expect(within(reconnect).getByText('Problem')).toBeInTheDocument();
    expect(within(rows[1]!).queryByText('Problem')).not.toBeInTheDocument();
  });

  it('filters by category with toggle chips that show counts', async () => {
    const { user, panel } = renderPanel();
    const chip = screen.getByRole('button', { name: 'Network 1 events' });
    expect(chip).toHaveAttribute('aria-pressed', 'true');
    await user.click(chip);
    expect(chip).toHaveAttribute('aria-pressed', 'false');
    expect(listRows()).toHaveLength(4);
    expect(screen.queryByText('Reconnect attempt')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /^Reconnect attempt at/ })).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('4 of 5 events match the search and filters');
    await user.click(chip);
    expect(listRows()).toHaveLength(5);
  });

  it('searches labels, raw names and detail values, and says when nothing matches', async () => {
    const { user } = renderPanel();
    const search = screen.getByLabelText('Search events');
    await user.type(search, 'jabra');
    expect(listRows()).toHaveLength(1);
    expect(listRows()[0]).toHaveTextContent('Microphone added: Jabra Evolve');
    await user.clear(search);
    await user.type(search, 'ice_disconnected');
    expect(listRows()).toHaveLength(1);
    expect(listRows()[0]).toHaveTextContent('Reconnect attempt');
    expect(screen.getByRole('button', { name: 'Network 1 events' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Device 0 events' })).toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'nothing like this');
    expect(screen.getByText('No event matches the search or filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(search).toHaveValue('');
    expect(listRows()).toHaveLength(5);
  });

  it('expands an event to show its details, raw name and source', async () => {
    const { user } = renderPanel();
    const toggle = screen.getByRole('button', { name: 'Details of Reconnect attempt at T+12:03' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('reconnect_attempt')).not.toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(details).toBeVisible();
    const box = within(details!);
    expect(box.getByText('attempt')).toBeInTheDocument();
    expect(box.getByText('ice_disconnected')).toBeInTheDocument();
    expect(box.getByText('reconnect_attempt')).toBeInTheDocument();
    expect(box.getByText('client event (SDK)')).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  it('clicking a mark zooms every chart to a minute around it, moves the cursor there and selects its row', async () => {
    const { user, panel } = renderPanel();
    await user.click(within(panel).getByRole('button', { name: /^Reconnect attempt at T\+12:03/ }));
    await expectZoom(minuteAround(RECONNECT.at));
    expect(screen.getByTestId('hover')).toHaveTextContent(String(RECONNECT.at));
    // The timeline follows the charts a frame later.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 of 5 events in the zoomed range'));
    const rows = listRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveAttribute('aria-current', 'true');
    await user.click(within(panel).getByRole('button', { name: 'Show whole call' }));
    await expectZoom('whole call');
    await waitFor(() => expect(listRows()).toHaveLength(5));
  });

  it('marks are keyboard buttons: Enter zooms too', async () => {
    const { user, panel } = renderPanel();
    within(panel).getByRole('button', { name: /^Left the meeting tab at/ }).focus();
    await user.keyboard('{Enter}');
    await expectZoom(minuteAround(TAB.at));
  });

  it("clicking a row's time moves the charts there like a mark", async () => {
    const { user } = renderPanel();
    await user.click(within(listRows()[1]!).getByRole('button', { name: /^T\+04:55/ }));
    await expectZoom(minuteAround(MUTE.at));
    expect(screen.getByTestId('hover')).toHaveTextContent(String(MUTE.at));
  });

  it('lists only the events of the zoomed range', () => {
    renderPanel({ zoom: { start: T0 + 4 * MIN, end: T0 + 21 * MIN } });
    expect(screen.getByRole('status')).toHaveTextContent('3 of 5 events in the zoomed range');
    expect(listRows().map((row) => row.textContent)).toEqual([
      expect.stringContaining('Microphone off'),
      expect.stringContaining('Reconnect attempt'),
      expect.stringContaining('Jabra'),
    ]);
  });

  it('says so when the zoomed range holds no event', () => {
    renderPanel({ zoom: { start: T0 + 26 * MIN, end: T0 + 28 * MIN } });
    expect(screen.getByText(/No events in the zoomed range/)).toBeInTheDocument();
  });

  it('zooms on a drag across the lanes, and ignores a tiny one', async () => {
    const { panel } = renderPanel();
    const plot = within(panel).getByRole('group', { name: /drag across to zoom/ });
    // jsdom lays nothing out: the plot is taken as 720 px wide, starting at 0.
    fireEvent.mouseDown(plot, { button: 0, clientX: 100 });
    fireEvent.mouseMove(window, { clientX: 102 });
    fireEvent.mouseUp(window, { clientX: 102 });
    expect(screen.getByTestId('zoom')).toHaveTextContent('whole call');

    fireEvent.mouseDown(plot, { button: 0, clientX: 360 });
    fireEvent.mouseMove(window, { clientX: 600 });
    expect(screen.getByTestId('zoom-selection')).toBeInTheDocument();
    fireEvent.mouseUp(window, { clientX: 600 });
    expect(screen.queryByTestId('zoom-selection')).not.toBeInTheDocument();
    const span = CALL.end - CALL.start;
    await expectZoom(rangeText({ start: CALL.start + span * (360 / 720), end: CALL.start + span * (600 / 720) }));
  });

  it('draws a zoom once: the address bar catching up hands the charts the same range', async () => {
    const { panel } = renderPanel();
    seenViews.length = 0;
    fireEvent.click(within(panel).getByRole('button', { name: /^Left the meeting tab at/ }));
    await expectZoom(minuteAround(TAB.at));
    // One new range, not a second one when the address is written.
    expect(seenViews).toHaveLength(1);
  });

  it('lets Back win over a zoom not yet written to the address bar', async () => {
    const { user, panel } = renderPanel();
    fireEvent.click(within(panel).getByRole('button', { name: /^Left the meeting tab at/ }));
    expect(screen.getByTestId('view')).toHaveTextContent(minuteAround(TAB.at));
    // Before the zoom is written, the address bar moves elsewhere.
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByTestId('view')).toHaveTextContent(BACK_ZOOM);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByTestId('zoom')).toHaveTextContent(BACK_ZOOM);
    expect(screen.getByTestId('view')).toHaveTextContent(BACK_ZOOM);
    await user.click(within(panel).getByRole('button', { name: 'Show whole call' }));
    await expectZoom('whole call');
  });

  it('shades the highlighted finding and names it', async () => {
    const { user, panel } = renderPanel();
    expect(within(panel).queryAllByTestId('finding-shade')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Highlight finding' }));
    expect(within(panel).getAllByTestId('finding-shade')).toHaveLength(1);
    expect(within(panel).getByText('Packet loss on sent audio')).toBeInTheDocument();
  });

  it('puts only a window of a long timeline in the page, and still clusters every mark', () => {
    const many = Array.from({ length: 2000 }, (_, i) => event(`p-${i}`, T0 + 10_000 + i * 800, {}));
    const { panel } = renderPanel({ report: makeReport(many) });
    // Counted with selectors: role queries over thousands of nodes are slow in jsdom.
    const rows = panel.querySelectorAll('ol[aria-label="Events"] > li');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveAttribute('aria-setsize', '2000');
    const marks = panel.querySelectorAll('[role="group"][aria-label="Network lane"] button');
    expect(marks.length).toBeLessThan(60);
    expect(marks[0]?.getAttribute('aria-label')).toMatch(/^\d+ events from T\+00:05/);
  });
});
