// Every field of the published schema is optional (src/report/test-support/absent-fields.ts),
// so any subset of them may be absent from a real answer. Property: with any subset absent,
// the report page renders every panel (none fails to its error boundary), and each panel
// says what is missing rather than showing a blank. (That the model and the diagnosis throw
// nothing is src/report/absent-fields.property.test.ts.)

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCallReport, makeCallSpec, type CallSpec } from '../../../server/demo/generate-report.ts';
import { appConfigQuery } from '../../api/queries.ts';
import { REPORT_FILTERS } from '../../lib/filters.ts';
import type { Lookup } from '../../lib/lookup.ts';
import { fieldPaths, without, type Json } from '../../report/test-support/absent-fields.ts';
import { ZoomControlProvider } from '../investigation/call-clock.tsx';
import { ReportDashboard } from '../report/report-dashboard.tsx';
import { selectReportView } from '../report/report-view-model.ts';

const SEED = 20_261_203;

// ---------------------------------------------------------------------------------------
// The page: a short call (the page draws every chart in jsdom, which has no viewport to
// defer them to), rendered whole with fields absent, a few random subsets.

const SHORT_CALL: CallSpec = {
  ...makeCallSpec({ seed: 4242, durationSeconds: 150, senderCount: 1 }),
  displayName: 'Ines Carvalho',
  audioOff: [{ from: 60, to: 90 }],
  focusLoss: [{ from: 100, to: 115, kind: 'tab' }],
};
const SHORT_ANSWER = { success: true, data: generateCallReport(SHORT_CALL) };
const SHORT_PATHS = [...fieldPaths(SHORT_ANSWER)].sort();

const METADATA = 'data.participant.peer_report.metadata';
const LOOKUP: Lookup = {
  accountId: '0b6f5c4d3e2a1f09876543210fedcba9',
  appId: '5f3e2d1c-0b9a-4876-9543-210fedcba987',
  peerId: SHORT_CALL.peerId,
  filters: [...REPORT_FILTERS],
  includePeerEvents: true,
};

/** A path is absent when it, or a field it sits in, was removed. */
const isAbsent = (absent: ReadonlySet<string>, path: string): boolean => {
  const steps = path.split('.');
  for (let i = 1; i <= steps.length; i += 1) if (absent.has(steps.slice(0, i).join('.'))) return true;
  return false;
};

const QUALITY = 'data.participant.peer_report.quality';
/** Sent audio's fields and the words its group uses for each when every sample lacks it. */
const SENT_AUDIO_METRICS: readonly [string, string][] = [
  ['rtt', 'round-trip time'],
  ['jitter', 'jitter'],
  ['mos_quality', 'MOS'],
];

/** Where the timeline's events come from: the client's events, the peer events and the device lists. */
const TIMELINE_SOURCES = [
  `${METADATA}.events`,
  'data.participant.peer_events',
  `${METADATA}.audio_devices_updates`,
  `${METADATA}.video_devices_updates`,
  `${METADATA}.speaker_devices_updates`,
  `${METADATA}.selected_device_updates`,
];

/** The fact beside a label in one of the detail cards. */
function fact(region: HTMLElement, label: string): HTMLElement | null {
  const term = within(region).queryByText(label, { selector: 'dt' });
  return term?.nextElementSibling instanceof HTMLElement ? term.nextElementSibling : null;
}

/** Facts of the device and location cards, by the field they show. */
const FACTS: readonly { region: string; label: string; path: string }[] = [
  { region: 'Device and software', label: 'Operating system', path: `${METADATA}.device_info.os` },
  { region: 'Device and software', label: 'CPU cores', path: `${METADATA}.device_info.cpus` },
  { region: 'Device and software', label: 'Engine', path: `${METADATA}.browser_metadata.engine` },
  { region: 'Device and software', label: 'SDK version', path: `${METADATA}.sdk_version` },
  { region: 'Device and software', label: 'Audio encoder', path: `${METADATA}.native_metadata.audio_encoder` },
  { region: 'Location and network', label: 'City', path: `${METADATA}.ip_information.city` },
  { region: 'Location and network', label: 'Timezone', path: `${METADATA}.ip_information.timezone` },
  { region: 'Location and network', label: 'ASN', path: `${METADATA}.ip_information.asn.asn` },
];

function renderPage(data: Record<string, Json>) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  client.setQueryData(appConfigQuery().queryKey, { mode: 'demo', publicUrl: null });
  const view = selectReportView({ data, body: new Blob([]), bytes: 0, receivedAt: 0 });
  render(
    <QueryClientProvider client={client}>
      <ZoomControlProvider value={{ zoom: null, setZoom: () => undefined }}>
        <ReportDashboard view={view} lookup={LOOKUP} />
      </ZoomControlProvider>
    </QueryClientProvider>,
  );
  return view;
}

/** Some fields absent, always including `forced`: the subsets the page is rendered with. */
const someAbsent = (forced: readonly string[]) =>
  fc.subarray(SHORT_PATHS, { maxLength: 40 }).map((paths) => new Set([...paths, ...forced]));

function checkPage(absent: ReadonlySet<string>): void {
  const data = without(SHORT_ANSWER, [...absent]).data;
  renderPage(typeof data === 'object' && data !== null ? (data as Record<string, Json>) : {});
  try {
    // No panel failed (a failing panel shows its own alert in place of itself).
    expect(screen.queryByText(/panel could not be shown/)).toBeNull();

    for (const { region, label, path } of FACTS) {
      const card = screen.getByRole('region', { name: region });
      if (!isAbsent(absent, path)) continue;
      // Absent: the card says the block is not in the answer, or the fact says it was not recorded.
      const value = fact(card, label);
      if (value === null) expect(card, `${region}: ${path}`).toHaveTextContent(/Requested, but not in the answer|Could not be read/);
      else expect(value, `${label}: ${path}`).toHaveTextContent('not recorded');
    }
    if (isAbsent(absent, `${METADATA}.ip_information`)) {
      expect(screen.getByRole('region', { name: 'Location and network' })).toHaveTextContent('Requested, but not in the answer');
    }
    if (isAbsent(absent, `${METADATA}.pc_metadata`) && isAbsent(absent, `${METADATA}.candidate_pairs`)) {
      expect(screen.getByRole('region', { name: 'Connectivity' })).toHaveTextContent('Requested, but not in the answer');
    }
    if (isAbsent(absent, 'data.participant.display_name')) {
      expect(screen.getByRole('region', { name: /^Participant$/ })).toHaveTextContent('No display name');
    }
    // With no join time, samples or events there is no call to draw: the investigation says so instead.
    const noCall = screen.queryByText('The report has no join time, samples or events, so there is no timeline to draw.') !== null;
    if (isAbsent(absent, 'data.participant.peer_report.quality') && !noCall) {
      expect(screen.getByText('No quality samples were recorded for this participant.')).toBeInTheDocument();
    }
    // A metric of the sent audio absent from every sample: the group names it rather than drop its chart in silence.
    const sentAudio = screen.queryByRole('region', { name: 'Sent audio' });
    for (const [field, words] of SENT_AUDIO_METRICS) {
      if (sentAudio && isAbsent(absent, `${QUALITY}.audio_producer[].${field}`)) {
        expect(within(sentAudio).getByText(/^Not in this report: /), field).toHaveTextContent(words);
      }
    }
    if (TIMELINE_SOURCES.every((path) => isAbsent(absent, path)) && !noCall) {
      expect(screen.getByText('No events recorded for this participant.')).toBeInTheDocument();
    }
  } finally {
    document.body.innerHTML = '';
  }
}

describe('the report page with optional fields absent', () => {
  it('renders the full answer with none of the empty states', () => {
    checkPage(new Set());
    renderPage(SHORT_ANSWER.data as unknown as Record<string, Json>);
    expect(screen.queryByText('Requested, but not in the answer')).toBeNull();
    expect(screen.queryByText('No quality samples were recorded for this participant.')).toBeNull();
    expect(fact(screen.getByRole('region', { name: 'Device and software' }), 'Operating system')).toHaveTextContent('macOS');
  });

  it('renders every panel and says what is missing, for random subsets of absent fields', { timeout: 120_000 }, () => {
    fc.assert(fc.property(someAbsent([]), checkPage), { numRuns: 6, seed: SEED });
  });

  it('says what is missing when whole blocks are absent, with other fields absent besides', { timeout: 120_000 }, () => {
    const blocks = [
      `${METADATA}.ip_information`,
      `${METADATA}.device_info`,
      'data.participant.peer_report.quality',
      'data.participant.display_name',
      `${QUALITY}.audio_producer[].rtt`,
      `${METADATA}.pc_metadata`,
      `${METADATA}.candidate_pairs`,
      ...TIMELINE_SOURCES,
    ];
    fc.assert(fc.property(fc.subarray(blocks, { minLength: 1 }).chain((forced) => someAbsent(forced)), checkPage), { numRuns: 6, seed: SEED });
  });
});
