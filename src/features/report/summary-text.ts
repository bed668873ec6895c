import { formatCountOf, formatDateTime, formatDuration, type DisplayZone } from '../../lib/format.ts';
import type { ShownVerdict } from './verdict-card.tsx';
import type { Finding, PeerReport } from '../../report/model.ts';
import { zoneLabel } from '../../report/phrase.ts';

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'WARNING', info: 'INFO' } as const;

function line(label: string, value: string | null | undefined): string | null {
  return value ? `${label}: ${value}` : null;
}

function joined(parts: (string | null | undefined)[], separator = ', '): string | null {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return kept.length > 0 ? kept.join(separator) : null;
}

/**
 * A plain-text summary for pasting into a ticket: the verdict and what to tell the
 * customer first, then who the participant was, then every finding.
 * Times are in the zone the page shows, each labelled with its offset from UTC, so whoever
 * reads the ticket, wherever they are, can place them. `findings` are already written out.
 */
export function reportSummaryText(
  report: PeerReport,
  findings: readonly Finding[],
  verdict: ShownVerdict,
  link: string | null,
  zone: DisplayZone,
): string {
  const when = (ms: number) => `${formatDateTime(ms, zone)} ${zoneLabel(ms, zone)}`;
  const p = report.participant;
  const { device, software, location, connectivity } = report;
  const lines: (string | null)[] = [
    `Peerscope report: ${p.displayName ?? 'participant without a display name'}`,
    `Verdict: ${verdict.headline}`,
    ...(verdict.advice.length > 0 ? ['What to tell the customer, or do next:', ...verdict.advice.map((advice) => `- ${advice}`)] : []),
    '',
    line('Peer ID', p.peerId),
    line('User ID', p.userId),
    line('Custom participant ID', p.customParticipantId),
    line('Session ID', p.sessionId),
    line('Preset', p.preset),
    line('Joined', p.joinedAt === null ? null : when(p.joinedAt)),
    line('Left', p.leftAt === null ? 'still in call or not recorded' : when(p.leftAt)),
    line('Time in call', p.durationMs === null ? null : `${formatDuration(p.durationMs)}${p.leftAt === null ? ' so far' : ''}`),
    line(
      'Device',
      device ? joined([joined([device.os, device.osVersion], ' '), device.isMobile === null ? null : device.isMobile ? 'mobile' : 'desktop']) : null,
    ),
    line('Browser', software ? joined([joined([software.browser, software.browserVersion], ' '), joined([software.sdkName, software.sdkVersion], ' ')]) : null),
    line('Location', location ? joined([location.city, location.region, location.country, location.timezone]) : null),
    line('Network', location ? joined([location.org ?? location.asn?.name, location.asn?.asn]) : null),
    line(
      'Media path',
      connectivity && connectivity.sending.length + connectivity.receiving.length > 0
        ? joined([connectivity.usesRelay ? 'relayed through TURN' : 'direct, no TURN relay', connectivity.usesTcp ? 'over TCP' : 'over UDP'])
        : null,
    ),
    line('Link', link),
    '',
  ];
  const problems = findings.filter((f) => f.severity !== 'info');
  if (findings.length === 0 || problems.length === 0) {
    lines.push(report.streams.length > 0 ? 'Findings: no problems found.' : 'Findings: no problems found (quality stats were not in the report).');
  } else {
    const notes = findings.length - problems.length;
    lines.push(`Findings (${formatCountOf(problems.length, 'problem')}${notes > 0 ? ` and ${formatCountOf(notes, 'note')}` : ''}, worst first):`);
  }
  for (const finding of findings) {
    lines.push(`- [${SEVERITY_LABEL[finding.severity]}] ${finding.title}: ${finding.sentence}`);
  }
  return lines.filter((l): l is string => l !== null).join('\n');
}
