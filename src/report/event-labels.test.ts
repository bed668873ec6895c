import { describe, expect, it } from 'vitest';
import { describeEvent, humanizeEventName } from './event-labels.ts';

describe('describeEvent', () => {
  it('marks disconnects, reconnects and failures as problems', () => {
    expect(describeEvent('disconnect')).toMatchObject({ category: 'network', severity: 'problem' });
    expect(describeEvent('reconnect_attempt')).toMatchObject({ label: 'Reconnect attempt', severity: 'problem' });
    expect(describeEvent('audio_play_failed')).toMatchObject({ category: 'error', severity: 'problem' });
  });
  it('marks mute, focus and device changes as notable', () => {
    expect(describeEvent('audio_off')).toMatchObject({ category: 'media', severity: 'notable' });
    expect(describeEvent('browser_backgrounded')).toMatchObject({ category: 'focus', severity: 'notable' });
    expect(describeEvent('selected_microphone_update')).toMatchObject({ category: 'device', severity: 'notable' });
  });
  it('knows the server lifecycle events', () => {
    expect(describeEvent('PEER_JOINING')).toMatchObject({ category: 'lifecycle', severity: 'normal' });
  });
  it('makes a denied media permission a problem, a granted one not', () => {
    expect(describeEvent('media_permission', { audio: 'DENIED' })).toMatchObject({ severity: 'problem' });
    expect(describeEvent('media_permission', { granted: false })).toMatchObject({ severity: 'problem' });
    expect(describeEvent('media_permission', { audio: 'GRANTED' }).severity).toBe('normal');
  });
  it('makes only failed pings problems', () => {
    expect(describeEvent('ping_stat', { rtt: 40 }).severity).toBe('normal');
    expect(describeEvent('ping_stat', { failed: true })).toMatchObject({ label: 'Ping failed', severity: 'problem' });
    expect(describeEvent('ping_stat', { success: false }).severity).toBe('problem');
  });
  it('says which way a tab change went', () => {
    expect(describeEvent('tab_change', { is_meetings_tab_active: false }).label).toBe('Left the meeting tab');
    expect(describeEvent('tab_change', { is_meetings_tab_active: true }).label).toBe('Back on the meeting tab');
  });
  it('gives unknown names a readable label in the other lane', () => {
    expect(describeEvent('spatial_audio_enabled')).toEqual({
      label: 'Spatial audio enabled',
      category: 'other',
      severity: 'normal',
    });
    expect(describeEvent('whiteboard_sync_failed')).toMatchObject({ category: 'error', severity: 'problem' });
  });
  it('does not confuse inherited object keys with event names', () => {
    expect(describeEvent('constructor').category).toBe('other');
    expect(describeEvent('__proto__').label).toBe('Proto');
  });
});

describe('humanizeEventName', () => {
  it('turns snake, screaming and camel case into a sentence', () => {
    expect(humanizeEventName('net_quality_test_begin')).toBe('Net quality test begin');
    expect(humanizeEventName('PEER_CREATED')).toBe('Peer created');
    expect(humanizeEventName('dominantSpeakerChanged')).toBe('Dominant speaker changed');
    expect(humanizeEventName('')).toBe('Unnamed event');
  });
});
