import { describe, expect, it } from 'vitest';
import { scenarioData, scenarioSpec } from '../../../server/demo/scenarios.ts';
import { emptyPeerReport, type Finding } from '../model.ts';
import { renderPhrase } from '../phrase.ts';
import { diagnosedReport } from '../test-support/diagnosed-report.ts';
import { DIAGNOSIS_RULES } from './diagnose.ts';
import { VERDICT_RULE_IDS, verdictOf } from './verdict.ts';

function verdictFor(key: Parameters<typeof scenarioData>[0]) {
  const report = diagnosedReport(scenarioData(key));
  return { report, verdict: verdictOf(report, report.findings) };
}

describe('verdictOf the demo scenarios', () => {
  it('a good call: nothing wrong, and what to ask next', () => {
    const { verdict } = verdictFor('good-call');
    expect(verdict).toMatchObject({ cause: 'nothing-wrong', side: 'none', evidence: [] });
    expect(verdict.headline).toMatch(/^Nothing wrong found/);
    expect(verdict.advice.length).toBeGreaterThan(0);
  });

  it('poor Wi-Fi: the participant’s own connection dropped, resting on the drop first', () => {
    const { verdict } = verdictFor('poor-wifi');
    expect(verdict).toMatchObject({ cause: 'connection-dropped', side: 'participant' });
    expect(verdict.evidence[0]).toBe('reconnects:call');
    expect(verdict.advice.join(' ')).toMatch(/wired connection/);
  });

  it('TURN over TCP: a restrictive network, with UDP 3478 in the advice', () => {
    const { verdict } = verdictFor('turn-tcp');
    expect(verdict.cause).toBe('restricted-network');
    expect(verdict.evidence).toEqual(expect.arrayContaining(['media-over-tcp:call']));
    expect(verdict.advice.join(' ')).toContain('port 3478');
  });

  it('CPU-limited video: the device, with its frame-rate drop as evidence', () => {
    const { verdict } = verdictFor('cpu-limited');
    expect(verdict.cause).toBe('device');
    expect(verdict.evidence[0]).toMatch(/^cpu-limited:/);
    expect(verdict.evidence.some((id) => id.startsWith('low-frame-rate:'))).toBe(true);
  });

  it('a phone on a failing mobile network: its own network, with advice for a phone, not a cable', () => {
    const { verdict } = verdictFor('mobile-4g');
    expect(verdict.cause).toBe('own-network');
    expect(verdict.advice.join(' ')).toContain('mobile reception');
    expect(verdict.advice.join(' ')).not.toContain('wired');
  });

  it('the group call: one remote sender, named with the whole peer ID, and a link to check their uplink', () => {
    const { verdict } = verdictFor('group-receiver');
    const poorPeer = scenarioSpec('group-receiver').remoteSenders[3]?.peerId ?? '';
    expect(verdict).toMatchObject({ cause: 'remote-sender', side: 'remote-sender', remotePeerId: poorPeer });
    expect(verdict.evidence[0]).toBe('remote-sender:call');
    const headline = renderPhrase(verdict.headline, { zone: 'UTC', peerName: (id) => (id === poorPeer ? 'Dana Lee' : null) });
    expect(headline).toContain(`one sender, Dana Lee (peer ${poorPeer})`);
    expect(headline).toContain("this participant's network was fine");
  });

  it('a listener muted for the whole call: muted, not a connection problem, resting on the media-off finding', () => {
    const { report, verdict } = verdictFor('muted-whole-call');
    const mediaOff = report.findings.find((finding) => finding.rule === 'media-off');
    expect(mediaOff?.title).toBe('Microphone muted or silent for the whole call');
    expect(verdict).toMatchObject({ cause: 'muted', side: 'participant', evidence: [mediaOff?.id] });
    expect(verdict.headline).toContain('muted or silent, which is not a quality problem');
  });

  it("a livestream viewer: the viewer's own connection, resting on the player's findings, with the autoplay block in the advice", () => {
    const { verdict } = verdictFor('livestream-viewer');
    expect(verdict).toMatchObject({ cause: 'livestream', side: 'participant', remotePeerId: null });
    expect(verdict.evidence).toEqual(
      expect.arrayContaining(['player-network-unavailable:call', 'player-rebuffering:call', 'livestream-latency:call', 'player-autoplay-blocked:call']),
    );
    expect(verdict.headline).toContain("viewer's own connection");
    expect(verdict.advice.join(' ')).toContain('unmute the player');
  });
});

describe('the rules the verdict reads', () => {
  it('are rules the diagnosis runs, by the ids their findings carry', () => {
    const ids = new Set(DIAGNOSIS_RULES.map((rule) => rule.id));
    for (const id of VERDICT_RULE_IDS) expect(ids.has(id), id).toBe(true);
    // The ids written out, so a rename shows here as well as in the findings.
    expect(VERDICT_RULE_IDS).toEqual(expect.arrayContaining(['media-off', 'remote-sender', 'reconnects', 'backgrounded', 'cpu-limited']));
  });
});

function finding(rule: string, severity: Finding['severity']): Finding {
  return { id: `${rule}:call`, rule, severity, title: rule, sentence: rule, streamId: null, streamIds: [], remotePeerId: null, metric: null, intervals: [], source: 'test' };
}

describe('verdictOf other causes', () => {
  it('the meeting in the background, worded by device', () => {
    const phone = { ...emptyPeerReport(), device: { os: 'Android', osVersion: '14', isMobile: true, cpus: 8 } };
    const desktop = { ...emptyPeerReport(), device: { os: 'macOS', osVersion: '15', isMobile: false, cpus: 8 } };
    const findings = [finding('backgrounded', 'warning')];
    expect(verdictOf(phone, findings)).toMatchObject({ cause: 'background', evidence: ['backgrounded:call'] });
    expect(verdictOf(phone, findings).headline).toContain('phone');
    expect(verdictOf(desktop, findings).headline).toContain('hidden tab or window');
  });

  it('media off alone: muted; media off beside a real problem: that problem', () => {
    const muted = [finding('media-off', 'info')];
    expect(verdictOf(emptyPeerReport(), muted)).toMatchObject({ cause: 'muted', evidence: ['media-off:call'] });
    expect(verdictOf(emptyPeerReport(), [...muted, finding('cpu-limited', 'warning')]).cause).toBe('device');
    // A finding the diagnosis never makes is not taken for a mute.
    expect(verdictOf(emptyPeerReport(), [finding('muted', 'info')]).cause).toBe('nothing-wrong');
  });

  it('sound blocked by autoplay alone: the viewer\u2019s browser, not their connection', () => {
    const verdict = verdictOf(emptyPeerReport(), [finding('player-autoplay-blocked', 'warning')]);
    expect(verdict).toMatchObject({ cause: 'livestream', evidence: ['player-autoplay-blocked:call'] });
    expect(verdict.headline).toContain('autoplay rules');
  });

  it('no single cause among unrelated problems: says so, and points at the worst findings', () => {
    const findings = [finding('low-resolution', 'warning'), finding('no-media-sent', 'warning')];
    expect(verdictOf(emptyPeerReport(), findings)).toMatchObject({ cause: 'unclear', side: 'unknown', evidence: ['low-resolution:call', 'no-media-sent:call'] });
  });
});
