import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { scenarioData } from '../../../server/demo/scenarios.ts';
import { REPORT_FILTERS, type ReportFilter } from '../../lib/filters.ts';
import type { PeerReport } from '../../report/model.ts';
import { normalizePeerReport } from '../../report/normalize-peer-report.ts';
import { DetailsPanels } from './details-panels.tsx';

const ALL: ReportFilter[] = [...REPORT_FILTERS];

function renderPanels(report: PeerReport, requested: ReportFilter[] = ALL) {
  render(<DetailsPanels report={report} requested={requested} />);
  return {
    device: screen.getByRole('region', { name: 'Device and software' }),
    location: screen.getByRole('region', { name: 'Location and network' }),
    connectivity: screen.getByRole('region', { name: 'Connectivity' }),
  };
}

/** The value cell beside a label in a Facts list. */
function fact(region: HTMLElement, label: string): HTMLElement {
  const term = within(region).getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value beside ${label}`);
  return value;
}

describe('DetailsPanels with the turn-tcp scenario', () => {
  const report = () => normalizePeerReport(scenarioData('turn-tcp'));

  it('shows device and software facts, with the room view type readable and raw on hover', () => {
    const { device } = renderPanels(report());
    expect(fact(device, 'Operating system')).toHaveTextContent('Windows 10');
    expect(fact(device, 'Device type')).toHaveTextContent('Desktop');
    expect(fact(device, 'CPU cores')).toHaveTextContent('12');
    expect(fact(device, 'Browser')).toHaveTextContent('Chrome 139.0.7258.155');
    expect(fact(device, 'Engine')).toHaveTextContent('Blink');
    expect(fact(device, 'WebGL')).toHaveTextContent('Supported');
    expect(fact(device, 'SDK name')).toHaveTextContent('web-core');
    expect(fact(device, 'SDK type')).toHaveTextContent('web');
    expect(fact(device, 'SDK version')).toHaveTextContent('1.2.4');
    expect(within(fact(device, 'Room view type')).getByText('Group call')).toHaveAttribute('title', 'groupCall');
    expect(fact(device, 'Audio encoder')).toHaveTextContent('opus');
    expect(fact(device, 'Video encoder')).toHaveTextContent('VP8');
  });

  it('shortens the user agent, shows it in full on request and offers a copy', async () => {
    const user = userEvent.setup();
    const { device } = renderPanels(report());
    const ua = within(device).getByTestId('user-agent');
    expect(ua).toHaveTextContent(/^Mozilla\/5\.0 \(Windows NT 10\.0; Win64; x64\) AppleWebKit\/537\.36…$/);
    const toggle = within(device).getByRole('button', { name: 'Show full' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(ua).toHaveTextContent('(KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36');
    expect(within(device).getByRole('button', { name: 'Copy user agent' })).toBeInTheDocument();
  });

  it('shows where the participant was, their ISP and their clock at join', () => {
    const { location } = renderPanels(report());
    expect(fact(location, 'IP address')).toHaveTextContent('12.161.84.37');
    expect(within(location).getByRole('button', { name: 'Copy IP address' })).toBeInTheDocument();
    expect(fact(location, 'City')).toHaveTextContent('Chicago');
    expect(fact(location, 'Region')).toHaveTextContent('Illinois');
    const country = fact(location, 'Country');
    expect(country).toHaveTextContent('United States (US)');
    // No flag emoji: without an emoji font it draws as empty boxes.
    expect(country.textContent).not.toMatch(/[\u{1F1E6}-\u{1F1FF}]/u);
    expect(fact(location, 'Timezone')).toHaveTextContent('America/Chicago');
    expect(fact(location, 'Local time at join')).toHaveTextContent('10:45:03 (UTC-05:00)');
    expect(fact(location, 'ISP / organisation')).toHaveTextContent('Northwind Freight LLC');
    expect(fact(location, 'ASN')).toHaveTextContent('AS7018');
    expect(fact(location, 'ASN name')).toHaveTextContent('AT&T Services, Inc.');
    expect(fact(location, 'ASN type')).toHaveTextContent('business');
    expect(fact(location, 'ASN domain')).toHaveTextContent('att.com');
    expect(fact(location, 'ASN route')).toHaveTextContent('12.0.0.0/9');
  });

  it('calls out TURN relay and TCP, and lists both transports’ candidate pairs', () => {
    const { connectivity } = renderPanels(report());
    const path = within(connectivity).getByRole('list', { name: 'Media path' });
    expect(path).toHaveTextContent('Media was relayed through TURN (relay candidate)');
    expect(path).toHaveTextContent('Media went over TCP');
    expect(path).not.toHaveTextContent('no relay');

    const sending = within(connectivity).getByRole('table', { name: 'Sending (producing transport)' });
    const [sendRow] = within(sending).getAllByRole('row').slice(1);
    if (!sendRow) throw new Error('no sending row');
    const cells = within(sendRow).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual([
      'relay (TURN)',
      'tcp',
      'ethernet',
      '141.101.70.59:55984base 12.161.84.37:22842turn:turn.cloudflare.com:443?transport=tcp',
      'host',
      '162.159.131.17:43335',
      '475 ms',
      '2.76 Mbps',
      'sent 156.4 MB · 196,708 pktsreceived 3.3 MB · 4,848 pktsdiscarded on send 0 B · 0 pkts',
      expect.stringMatching(/^sent .+received .+$/),
    ]);

    const receiving = within(connectivity).getByRole('table', { name: 'Receiving (consuming transport)' });
    expect(receiving).toHaveTextContent('7.87 Mbps');
    expect(receiving).toHaveTextContent('received 390.6 MB · 466,007 pkts');
  });

  it('shows each pre-call check as pass or fail with its meaning', () => {
    const { connectivity } = renderPanels(report());
    const checks = within(connectivity).getByRole('list', { name: 'Pre-call checks' });
    const rows = within(checks).getAllByRole('listitem').filter((item) => item.textContent?.includes('connectivity'));
    const row = (name: string) => {
      const found = rows.find((item) => item.firstElementChild?.textContent === name);
      if (!found) throw new Error(`no row ${name}`);
      return found;
    };
    expect(row('TURN connectivity')).toHaveTextContent('✓Pass');
    expect(row('TURN connectivity')).toHaveTextContent('Can reach the TURN server: media can be relayed when direct paths are blocked');
    expect(row('Relay connectivity')).toHaveTextContent('✓Pass');
    expect(row('Relay connectivity')).toHaveTextContent('Relay candidates gathered');
    expect(row('Reflexive connectivity')).toHaveTextContent('✕Fail');
    expect(row('Reflexive connectivity')).toHaveTextContent('Can learn its public address (STUN): direct peer-to-peer paths possible');
    // The browser's connection-speed class, not the link: this participant is on ethernet.
    expect(checks).toHaveTextContent('Connection speed class: 4g');
    expect(checks).not.toHaveTextContent('Network type');
  });

  it('folds each SDP until asked, then shows it in a scrolling block', async () => {
    const user = userEvent.setup();
    const { connectivity } = renderPanels(report());
    const first = within(connectivity).getByRole('button', { name: 'SDP 1 of 2 (104 lines)' });
    const second = within(connectivity).getByRole('button', { name: 'SDP 2 of 2 (56 lines)' });
    expect(first).toHaveAttribute('aria-expanded', 'false');
    expect(second).toHaveAttribute('aria-expanded', 'false');
    expect(connectivity.querySelector('pre')).toBeNull();

    await user.click(first);
    expect(first).toHaveAttribute('aria-expanded', 'true');
    const pre = connectivity.querySelector('pre');
    expect(pre).not.toBeNull();
    expect(pre).toHaveTextContent(/^v=0/);
    expect(pre).toHaveClass('max-h-72', 'overflow-auto');
    expect(first).toHaveAttribute('aria-controls', pre?.id);
    expect(connectivity.querySelectorAll('pre')).toHaveLength(1);

    await user.click(first);
    expect(connectivity.querySelector('pre')).toBeNull();
  });
});

describe('DetailsPanels with other scenarios', () => {
  it('good-call: the nominated pair is the media path; the host and relay pairs are only "also tried"', () => {
    const { connectivity } = renderPanels(normalizePeerReport(scenarioData('good-call')));
    // A relay pair was checked, but media took the direct one: no TURN in the media path.
    const path = within(connectivity).getByRole('list', { name: 'Media path' });
    expect(path).toHaveTextContent('Direct path over UDP, no relay');
    expect(path).not.toHaveTextContent('TURN');
    const sending = within(connectivity).getByRole('table', { name: 'Sending (producing transport)' });
    expect(sending).toHaveTextContent('nominated: the pair media took');
    const used = within(sending).getAllByRole('row').slice(1);
    expect(used).toHaveLength(1);
    expect(used[0]).toHaveTextContent('server reflexive (STUN)');
    const tried = within(connectivity).getByRole('table', { name: 'Sending (producing transport): also tried' });
    const triedRows = within(tried).getAllByRole('row').slice(1);
    expect(triedRows.map((row) => within(row).getAllByRole('cell')[0]?.textContent).sort()).toEqual(['host', 'relay (TURN)']);
    expect(tried).toHaveTextContent('candidate pairs checked but not selected: media did not take them');
  });

  it('mobile-4g: a mobile device, three pre-call checks and a direct UDP path', () => {
    const { device, location, connectivity } = renderPanels(normalizePeerReport(scenarioData('mobile-4g')));
    expect(fact(device, 'Operating system')).toHaveTextContent('Android 14');
    expect(fact(device, 'Device type')).toHaveTextContent('Mobile');
    expect(fact(location, 'Country')).toHaveTextContent('Spain (ES)');
    expect(fact(location, 'Local time at join')).toHaveTextContent('19:21:19 (UTC+02:00)');
    expect(within(connectivity).getByText('Check 1 of 3')).toBeInTheDocument();
    expect(within(connectivity).getByText('3g')).toBeInTheDocument();
    const path = within(connectivity).getByRole('list', { name: 'Media path' });
    expect(path).toHaveTextContent('Direct path over UDP, no relay');
    expect(path).not.toHaveTextContent('TURN');
    expect(path).not.toHaveTextContent('TCP');
    expect(within(connectivity).getByRole('table', { name: 'Sending (producing transport)' })).toHaveTextContent(
      'server reflexive (STUN)',
    );
  });

  it('legacy-shape: the old pre-call measurements, no ICE pairs, and missing fields marked', () => {
    const { device, connectivity } = renderPanels(normalizePeerReport(scenarioData('legacy-shape')));
    expect(fact(device, 'Room view type')).toHaveTextContent('not recorded');
    expect(within(fact(device, 'Audio encoder')).getByText('not recorded')).toHaveClass('italic');
    const measurements = within(connectivity).getByRole('list', { name: 'Pre-call checks' });
    expect(measurements).toHaveTextContent('time not recorded');
    expect(measurements).toHaveTextContent('Round-trip time61 ms');
    expect(measurements).toHaveTextContent('Backend round-trip time112 ms');
    expect(measurements).toHaveTextContent('Jitter6 ms');
    expect(measurements).toHaveTextContent('Packet loss1 %');
    expect(measurements).toHaveTextContent('Throughput18.4 Mbps');
    expect(connectivity).toHaveTextContent('No ICE candidate pairs recorded (the legacy response shape does not carry them).');
    expect(within(connectivity).queryByRole('table')).toBeNull();
    expect(within(connectivity).queryByRole('button', { name: /SDP/ })).toBeNull();
  });
});

describe('DetailsPanels empty states', () => {
  const eventsOnly = () => normalizePeerReport(scenarioData('turn-tcp', { filters: ['events'] }));

  it('says "not requested" and which box to tick when the filters were not asked for', () => {
    const { device, location, connectivity } = renderPanels(eventsOnly(), ['events']);
    expect(device).toHaveTextContent('Not requested');
    expect(device).toHaveTextContent('Tick “Device info” (device_info) and fetch again');
    expect(location).toHaveTextContent('Tick “IP information” (ip_information) and fetch again');
    expect(connectivity).toHaveTextContent('Tick “Pre-call network” (precall_network_information) and fetch again');
    expect(screen.queryByText('Requested, but not in the answer')).toBeNull();
  });

  it('says "requested, but not in the answer" when the filters were asked for and nothing came back', () => {
    const { device, location, connectivity } = renderPanels(eventsOnly(), ALL);
    for (const region of [device, location, connectivity]) {
      expect(within(region).getByText('Requested, but not in the answer')).toBeInTheDocument();
      expect(region).toHaveTextContent('not recorded');
      expect(region).not.toHaveTextContent('Tick');
    }
  });

  it('still shows blocks that came back although they were not requested', () => {
    const { device } = renderPanels(normalizePeerReport(scenarioData('turn-tcp')), ['events']);
    expect(fact(device, 'Operating system')).toHaveTextContent('Windows 10');
  });
});

describe('DetailsPanels with surprising values', () => {
  it('says so when the timezone is unknown, and shows hostile strings as text', () => {
    const report = normalizePeerReport(scenarioData('turn-tcp'));
    const hostile = '<img src=x onerror="alert(1)">'.repeat(5);
    if (!report.location || !report.software) throw new Error('scenario lacks blocks');
    report.location = { ...report.location, timezone: 'Mars/Olympus_Mons', org: hostile };
    report.software = { ...report.software, userAgent: hostile };
    const { device, location } = renderPanels(report);
    expect(fact(location, 'Local time at join')).toHaveTextContent('“Mars/Olympus_Mons” is not a timezone this browser knows');
    expect(fact(location, 'ISP / organisation')).toHaveTextContent(hostile);
    expect(within(device).getByTestId('user-agent')).toHaveTextContent(/^<img src=x onerror="alert\(1\)">/);
    expect(document.querySelector('img')).toBeNull();
  });

  it('reads "not recorded" for a missing join time or timezone', () => {
    const report = normalizePeerReport(scenarioData('turn-tcp'));
    if (!report.location) throw new Error('scenario lacks location');
    report.location = { ...report.location, timezone: null };
    const { location } = renderPanels(report);
    expect(fact(location, 'Timezone')).toHaveTextContent('not recorded');
    expect(fact(location, 'Local time at join')).toHaveTextContent('no timezone recorded');
  });
});
