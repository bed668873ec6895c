import { describe, expect, it } from 'vitest';
import { BACKGROUNDED, CONNECTION_SPEED_CHANGE, DEVICE_CHANGE, RECONNECTS } from './event-rules.ts';
import type { DeviceInfo, PrecallCheck } from '../model.ts';
import { connectivity, event, JOIN, makeReport, precallCheck, sample, stream } from '../test-support/test-report.ts';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';

const s = (seconds: number): number => JOIN + seconds * 1000;

describe('disconnects and reconnects', () => {
  it('a disconnect is critical, from the drop until the transport reconnected', () => {
    const timeline = [
      event(s(920), 'disconnect', { reason: 'ice_disconnected' }),
      event(s(929), 'reconnect_attempt', { attempt: 1 }),
      event(s(939), 'reconnect_attempt', { attempt: 2 }),
      event(s(947.4), 'websocket_connected'),
      event(s(948), 'transport_connected', { transport: 'send' }),
    ];
    const streams = [stream('audio', 'send', [sample(s(913)), sample(s(955))])];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ timeline, streams }), [RECONNECTS]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'reconnects:call', severity: 'critical', title: 'Disconnected during the call', metric: null });
    expect(finding?.intervals).toEqual([{ start: s(920), end: s(948) }]);
    expect(finding?.sentence).toBe('The connection dropped at 13:15:20 UTC (T+15:20) and media was back 28 s later, after 2 reconnect attempts.');
  });

  it('ends a drop at the next sample when media came back before any reconnect event', () => {
    const timeline = [event(s(100), 'transport_disconnected'), event(s(160), 'transport_connected')];
    const streams = [stream('audio', 'send', [sample(s(98)), sample(s(105))])];
    expect(diagnoseInUtc(makeReport({ timeline, streams }), [RECONNECTS])[0]?.intervals).toEqual([{ start: s(100), end: s(105) }]);
  });

  it('without any sign of recovery, marks 10 s and says so', () => {
    const [finding] = diagnoseInUtc(makeReport({ timeline: [event(s(600), 'disconnect')] }), [RECONNECTS]);
    expect(finding?.intervals).toEqual([{ start: s(600), end: s(610) }]);
    expect(finding?.sentence).toContain('the report shows no reconnection after it');
  });

  it('counts several drops and joins disconnect events of one outage', () => {
    const timeline = [
      event(s(100), 'disconnect'),
      event(s(101), 'websocket_disconnected'),
      event(s(130), 'transport_connected'),
      event(s(500), 'disconnect'),
      event(s(510), 'transport_connected'),
    ];
    const [finding] = diagnoseInUtc(makeReport({ timeline }), [RECONNECTS]);
    expect(finding?.title).toBe('Disconnected 2 times');
    expect(finding?.intervals).toHaveLength(2);
    expect(finding?.sentence).toContain('dropped 2 times, 40 s without media in all');
  });

  it('reconnect attempts alone are a warning, shaded 10 s around each', () => {
    const [finding] = diagnoseInUtc(makeReport({ timeline: [event(s(300), 'reconnect_attempt'), event(s(700), 'reconnect_attempt')] }), [RECONNECTS]);
    expect(finding).toMatchObject({ severity: 'warning', title: 'Reconnect attempts' });
    expect(finding?.intervals).toEqual([
      { start: s(295), end: s(305) },
      { start: s(695), end: s(705) },
    ]);
    expect(finding?.sentence).toBe('The SDK reported 2 reconnect attempts without a full disconnect, the first at 13:05:00 UTC (T+05:00).');
  });

  it('ignores what happened before the join and quiet calls', () => {
    expect(diagnoseInUtc(makeReport({ timeline: [event(s(-5), 'disconnect')] }), [RECONNECTS])).toEqual([]);
    expect(diagnoseInUtc(makeReport({ timeline: [event(s(10), 'transport_connected')] }), [RECONNECTS])).toEqual([]);
  });
});

describe('backgrounded', () => {
  it('a hidden meeting tab is info, with the hidden stretch', () => {
    const timeline = [
      event(s(552), 'tab_change', { is_meetings_tab_active: false }),
      event(s(603), 'tab_change', { is_meetings_tab_active: true }),
    ];
    const [finding] = diagnoseInUtc(makeReport({ timeline }), [BACKGROUNDED]);
    expect(finding).toMatchObject({ id: 'backgrounded:call', severity: 'info', title: 'Meeting tab hidden' });
    expect(finding?.intervals).toEqual([{ start: s(552), end: s(603) }]);
    expect(finding?.sentence).toContain('left the meeting tab for 51 s, from 13:09:12 to 13:10:03 UTC (T+09:12 to T+10:03)');
  });

  const device = (isMobile: boolean | null): DeviceInfo => ({ os: isMobile ? 'Android' : 'macOS', osVersion: null, isMobile, cpus: null });

  it('a phone app going to the background is a warning: mobile browsers pause the camera', () => {
    const timeline = [
      event(s(480), 'tab_change', { is_meetings_tab_active: false }),
      event(s(480.04), 'browser_backgrounded'),
      event(s(550), 'browser_foregrounded'),
      event(s(550.06), 'tab_change', { is_meetings_tab_active: true }),
    ];
    const [finding] = diagnoseInUtc(makeReport({ timeline, device: device(true) }), [BACKGROUNDED]);
    expect(finding).toMatchObject({ severity: 'warning', title: 'App went to the background' });
    expect(finding?.intervals).toEqual([{ start: s(480), end: s(550.06) }]);
    expect(finding?.sentence).toBe(
      'The meeting app went to the background for 1 min 10 s, from 13:08:00 to 13:09:10 UTC (T+08:00 to T+09:10): mobile browsers pause the camera and can cut audio while in the background.',
    );
  });

  it('a desktop meeting view going to the background is info, worded for a desktop', () => {
    // As seen from Chrome on a macOS desktop: the client's camelCase tab flag, and meeting_view_backgrounded.
    const timeline = [
      event(s(300), 'tab_change', { isMeetingsTabActive: false }),
      event(s(300.1), 'meeting_view_backgrounded'),
      event(s(420), 'tab_change', { isMeetingsTabActive: true }),
      event(s(420.1), 'browser_foregrounded'),
    ];
    const [finding] = diagnoseInUtc(makeReport({ timeline, device: device(false) }), [BACKGROUNDED]);
    expect(finding).toMatchObject({ severity: 'info', title: 'Meeting went to the background' });
    expect(finding?.sentence).toContain('The meeting window went to the background for 2 min');
    expect(finding?.sentence).toContain('on a desktop that means minimised or behind other windows');
    expect(finding?.sentence).not.toContain('mobile browsers pause the camera');
  });

  it('says so when no return to the foreground follows, rather than quietly running to the leave time', () => {
    const timeline = [event(s(1700), 'meeting_view_backgrounded')];
    const [finding] = diagnoseInUtc(makeReport({ timeline, device: device(false) }), [BACKGROUNDED]);
    expect(finding?.intervals).toEqual([{ start: s(1700), end: s(1800) }]);
    expect(finding?.sentence).toContain(
      'The report shows no return to the foreground after 13:28:20 UTC (T+28:20): it may have stayed there until the participant left at 13:30:00 UTC (T+30:00).',
    );
    // A device the report does not describe gets both readings, as a warning.
    const [unknown] = diagnoseInUtc(makeReport({ timeline: [event(s(480), 'browser_backgrounded'), event(s(550), 'browser_foregrounded')] }), [BACKGROUNDED]);
    expect(unknown?.severity).toBe('warning');
    expect(unknown?.sentence).toContain('on a phone the camera pauses and audio can cut out; on a desktop the browser throttles the page');
  });

  it('clips a stretch that began before the join', () => {
    const timeline = [event(s(-20), 'tab_change', { is_meetings_tab_active: 'false' }), event(s(30), 'tab_change', { is_meetings_tab_active: 'true' })];
    expect(diagnoseInUtc(makeReport({ timeline }), [BACKGROUNDED])[0]?.intervals).toEqual([{ start: JOIN, end: s(30) }]);
  });
});

describe('device changes', () => {
  it('lists devices changed after the first 10 s, once each', () => {
    const buds = { device_id: 'abc', kind: 'audioinput', label: 'Galaxy Buds2 Pro' };
    const timeline = [
      event(s(5), 'selected_microphone_update', { label: 'Built-in' }),
      event(s(790), 'audio_devices_updates', { change: 'added', ...buds }, 'device'),
      event(s(790.4), 'selected_microphone_update', { device_id: 'abc', label: 'Galaxy Buds2 Pro' }),
      event(s(790.4), 'selected_device_updates', buds, 'device'),
    ];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ timeline }), [DEVICE_CHANGE]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'device-change:call', severity: 'info' });
    expect(finding?.sentence).toBe(
      'The participant\'s devices changed during the call, at 13:13:10 UTC (T+13:10): microphone added "Galaxy Buds2 Pro" and selected microphone "Galaxy Buds2 Pro".',
    );
    expect(finding?.intervals).toEqual([
      { start: s(790), end: s(790) },
      { start: s(790.4), end: s(790.4) },
    ]);
  });

  it('says nothing about devices picked while joining', () => {
    const timeline = [event(s(-30), 'audio_devices_updates', { change: 'added', label: 'Mic' }, 'device'), event(s(9), 'selected_camera_update', { label: 'Cam' })];
    expect(diagnoseInUtc(makeReport({ timeline }), [DEVICE_CHANGE])).toEqual([]);
  });
});

describe('connection speed class changes', () => {
  const check = (at: number, speedClass: string): PrecallCheck => precallCheck({ at, effectiveNetworkType: speedClass });

  it("reads the class from pc_metadata and the network test, and says it is the browser's speed class", () => {
    const report = makeReport({
      timeline: [event(s(-15), 'net_quality_test_end', { effective_network_type: '4g' })],
      connectivity: connectivity({ precall: [check(s(-20), '4g'), check(s(380), '3g'), check(s(665), '4g')] }),
    });
    const [finding] = diagnoseInUtc(report, [CONNECTION_SPEED_CHANGE]);
    expect(finding).toMatchObject({ id: 'connection-speed-change:call', severity: 'info', title: 'Connection speed class changed during the call' });
    expect(finding?.intervals).toEqual([{ start: s(380), end: s(665) }]);
    expect(finding?.sentence).toBe(
      "The browser's connection speed class changed 2 times: from 4g to 3g at 13:06:20 UTC (T+06:20) and to 4g at 13:11:05 UTC (T+11:05). In 3g the browser measured a slow connection, whatever the link (Wi-Fi, cable or cellular).",
    );
    expect(finding?.sentence).not.toMatch(/network 4g|network type/i);
  });

  it('says nothing when the class stayed the same, nor for an invented network-type event', () => {
    const steady = makeReport({ connectivity: connectivity({ precall: [check(s(-20), '4g'), check(s(600), '4g')] }) });
    expect(diagnoseInUtc(steady, [CONNECTION_SPEED_CHANGE])).toEqual([]);
    const invented = makeReport({ timeline: [event(s(380), 'effective_network_type_change', { effective_network_type: '3g', previous: '4g' })] });
    expect(diagnoseInUtc(invented, [CONNECTION_SPEED_CHANGE])).toEqual([]);
  });
});
