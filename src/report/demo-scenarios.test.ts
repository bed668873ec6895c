// The demo upstream's report scenarios are the project's shared realistic fixtures: each
// must normalize cleanly and show the property it was built to show.

import { describe, expect, it } from 'vitest';
import { DEMO_PEERS } from '../../server/demo/catalog.ts';
import { isReportScenarioKey, scenarioBody, scenarioData } from '../../server/demo/scenarios.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';

const reportPeers = DEMO_PEERS.filter((peer) => peer.kind === 'report');

describe('demo report scenarios', () => {
  it('covers every report peer in the catalog', () => {
    expect(reportPeers.length).toBeGreaterThanOrEqual(9);
    for (const peer of reportPeers) expect(isReportScenarioKey(peer.key)).toBe(true);
  });

  it.each(reportPeers.map((peer) => [peer.key, peer] as const))('%s normalizes without warnings', (_key, peer) => {
    if (!isReportScenarioKey(peer.key)) throw new Error(`${peer.key} is not a report scenario`);
    const report = normalizePeerReport(scenarioBody(peer.key));
    expect(report.warnings).toEqual([]);
    expect(report.participant.peerId).toBe(peer.id);
    expect(report.participant.joinedAt).not.toBeNull();
    expect(report.participant.durationMs).toBeGreaterThan(0);
    // A livestream viewer watches through the player: no WebRTC samples at all.
    if (peer.key !== 'livestream-viewer') expect(report.streams.length).toBeGreaterThan(0);
    expect(report.timeline.length).toBeGreaterThan(0);
    expect(report.device).not.toBeNull();
    expect(report.location?.country).toMatch(/^[A-Z]{2}$/);
    for (const stream of report.streams) {
      for (const sample of stream.samples) {
        if (sample.lossPercent !== null) expect(sample.lossPercent).toBeLessThanOrEqual(100);
        if (sample.rttMs !== null) expect(sample.rttMs).toBeLessThan(5000);
        if (sample.jitterBufferDelayMs !== null) expect(sample.jitterBufferDelayMs).toBeGreaterThan(1);
      }
      const times = stream.samples.map((s) => s.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('poor-wifi has loss samples over 5 % and reconnect attempts', () => {
    const report = normalizePeerReport(scenarioBody('poor-wifi'));
    const lossy = report.streams.flatMap((s) => s.samples).filter((s) => (s.lossPercent ?? 0) > 5);
    expect(lossy.length).toBeGreaterThan(0);
    expect(report.timeline.some((e) => e.name === 'reconnect_attempt' && e.severity === 'problem')).toBe(true);
  });

  it('turn-tcp is relayed over TCP with a high round-trip time', () => {
    const report = normalizePeerReport(scenarioBody('turn-tcp'));
    expect(report.connectivity?.usesRelay).toBe(true);
    expect(report.connectivity?.usesTcp).toBe(true);
    const rtts = report.streams.flatMap((s) => s.samples).flatMap((s) => (s.rttMs === null ? [] : [s.rttMs]));
    expect(rtts.reduce((a, b) => a + b, 0) / rtts.length).toBeGreaterThan(300);
  });

  it('group-receiver receives from 6 remote peers', () => {
    const report = normalizePeerReport(scenarioBody('group-receiver'));
    const remotes = new Set(report.streams.filter((s) => s.direction === 'receive').map((s) => s.remotePeerId));
    expect(remotes.size).toBe(6);
    expect(remotes.has(null)).toBe(false);
  });

  it('muted-whole-call sends silence frames: ~19 bytes a packet, MOS 1, all call', () => {
    const report = normalizePeerReport(scenarioBody('muted-whole-call'));
    const audio = report.streams.find((s) => s.id === 'audio-send');
    expect(audio?.samples.every((s) => s.mos === 1 && s.bytes !== null && s.packets !== null && s.bytes / s.packets < 22)).toBe(true);
    // ~50 packets/s of ~19 bytes: about 7.6 kbps, not the 0 kbps of a stream that stopped.
    const kbps = audio?.samples.map((s) => s.bitrateKbps ?? 0) ?? [];
    expect(Math.min(...kbps)).toBeGreaterThan(6.5);
    expect(Math.max(...kbps)).toBeLessThan(9);
  });

  it('livestream-viewer has no quality samples, only player events in their own lane', () => {
    const report = normalizePeerReport(scenarioBody('livestream-viewer'));
    expect(report.streams).toEqual([]);
    expect(report.present.quality).toBe(true);
    expect(report.participant.preset).toBe('livestream_viewer');
    const player = report.timeline.filter((e) => e.category === 'player');
    expect(player.length).toBeGreaterThan(60);
    expect(player.filter((e) => e.severity === 'problem').map((e) => e.name)).toContain('ivs_player_rebuffering');
  });

  it('still-in-call has not left', () => {
    const report = normalizePeerReport(scenarioBody('still-in-call'));
    expect(report.participant.leftAt).toBeNull();
    expect(report.timeline.some((e) => e.name === 'PEER_LEAVING')).toBe(false);
  });

  it('flat-shape is read as the flat shape', () => {
    const report = normalizePeerReport(scenarioBody('flat-shape'));
    expect(report.shape).toBe('flat');
    expect(report.participant.preset).not.toBeNull();
    expect(report.present.peerEvents).toBe(true);
  });

  it('legacy-shape is read as the legacy shape, with streams and pre-call metrics', () => {
    const report = normalizePeerReport(scenarioBody('legacy-shape'));
    expect(report.shape).toBe('legacy');
    expect(report.participant.preset).not.toBeNull();
    expect(report.streams.map((s) => s.source).sort()).toEqual(['audio_stats', 'video_stats']);
    const audio = report.streams.find((s) => s.source === 'audio_stats');
    expect(audio?.direction).toBe('send');
    expect(audio?.samples.some((s) => s.bitrateKbps !== null && s.bitrateKbps > 0)).toBe(true);
    expect(report.connectivity?.precall[0]?.rttMs).toBeGreaterThan(0);
    expect(report.software?.browser).not.toBeNull();
    expect(report.software?.sdkName).not.toBeNull();
  });

  it('measures the good call\'s 32 kbps audio from bytes per interval', () => {
    const current = normalizePeerReport(scenarioBody('good-call'));
    const audio = current.streams.find((s) => s.id === 'audio-send');
    const kbps = audio?.samples.slice(1).map((s) => s.bitrateKbps ?? 0) ?? [];
    const mean = kbps.reduce((a, b) => a + b, 0) / kbps.length;
    // The good call sends 32 kbps audio.
    expect(mean).toBeGreaterThan(25);
    expect(mean).toBeLessThan(40);
  });

  it('reflects the filters the upstream applied', () => {
    const report = normalizePeerReport(scenarioData('good-call', { filters: ['events'], includePeerEvents: false }));
    expect(report.present).toEqual({
      deviceInfo: false,
      ipInformation: false,
      precall: false,
      events: true,
      quality: false,
      peerEvents: false,
    });
    expect(report.device).toBeNull();
    expect(report.streams).toEqual([]);
    expect(report.timeline.length).toBeGreaterThan(0);
    expect(report.warnings).toEqual([]);
  });
});
