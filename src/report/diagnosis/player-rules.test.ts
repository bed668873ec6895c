import { describe, expect, it } from 'vitest';
import { diagnoseInUtc } from '../test-support/diagnosed-report.ts';
import { event, JOIN, makeReport } from '../test-support/test-report.ts';
import {
  LIVESTREAM_LATENCY,
  PLAYER_AUTOPLAY_BLOCKED,
  PLAYER_ERRORS,
  PLAYER_NETWORK_UNAVAILABLE,
  PLAYER_REBUFFERING,
} from './player-rules.ts';

const s = (seconds: number): number => JOIN + seconds * 1000;

describe('livestream viewer', () => {
  it('joins stalls less than 30 s apart into rebuffering stretches', () => {
    const timeline = [
      event(s(300), 'ivs_player_rebuffering'),
      event(s(312), 'ivs_player_rebuffering'),
      event(s(330), 'ivs_player_rebuffering'),
      event(s(900), 'ivs_player_rebuffering'),
    ];
    const [finding, ...rest] = diagnoseInUtc(makeReport({ timeline }), [PLAYER_REBUFFERING]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ id: 'player-rebuffering:call', severity: 'warning', title: 'Livestream stalled to rebuffer' });
    expect(finding?.intervals).toEqual([
      { start: s(300), end: s(340) },
      { start: s(900), end: s(910) },
    ]);
    expect(finding?.sentence).toBe(
      "The livestream player stalled to rebuffer 4 times for 50 s in 2 stretches, the longest from 13:05:00 to 13:05:40 UTC (T+05:00 to T+05:40): the viewer's connection did not bring the stream in as fast as it played, so the picture froze while the player refilled its buffer.",
    );
  });

  it('says playback and sound were blocked by autoplay rules, and when', () => {
    const timeline = [event(s(2), 'ivs_player_playback_blocked'), event(s(40), 'ivs_player_audio_blocked')];
    const [finding] = diagnoseInUtc(makeReport({ timeline }), [PLAYER_AUTOPLAY_BLOCKED]);
    expect(finding).toMatchObject({ severity: 'warning', title: 'Playback and sound blocked by autoplay rules' });
    expect(finding?.sentence).toBe(
      "The browser blocked playback at 13:00:02 UTC (T+00:02): the viewer saw a stopped player until they clicked play; it started the stream without sound at 13:00:40 UTC (T+00:40): the viewer heard nothing until they unmuted. Browsers' autoplay rules hold media back until the viewer interacts with the page; a page that starts the stream on a click avoids it.",
    );
    const [soundOnly] = diagnoseInUtc(makeReport({ timeline: [event(s(3), 'ivs_player_audio_blocked')] }), [PLAYER_AUTOPLAY_BLOCKED]);
    expect(soundOnly?.title).toBe('Sound blocked by autoplay rules');
    expect(soundOnly?.sentence).toMatch(/^The browser started the stream without sound at 13:00:03 UTC/);
  });

  it('a player without network is critical', () => {
    const timeline = [event(s(610), 'ivs_player_network_unavailable'), event(s(1400), 'ivs_player_network_unavailable')];
    const [finding] = diagnoseInUtc(makeReport({ timeline }), [PLAYER_NETWORK_UNAVAILABLE]);
    expect(finding).toMatchObject({ severity: 'critical', title: 'Livestream player lost the network' });
    expect(finding?.sentence).toBe(
      "The livestream player found no network 2 times, the first at 13:10:10 UTC (T+10:10): playback stopped until the viewer's connection came back.",
    );
  });

  it('reports player errors with their messages, recovered ones as info', () => {
    const fatal = [event(s(700), 'ivs_player_error', { type: 'ErrorNetwork', code: 7, source: 'segment', message: 'Failed to load playlist' })];
    const [error] = diagnoseInUtc(makeReport({ timeline: fatal }), [PLAYER_ERRORS]);
    expect(error?.severity).toBe('warning');
    expect(error?.sentence).toBe('The livestream player reported 1 error, the first at 13:11:40 UTC (T+11:40): "Failed to load playlist" (code 7).');
    const recovered = [event(s(200), 'ivs_player_recoverable_error', { message: 'Segment timed out', code: 3 })];
    expect(diagnoseInUtc(makeReport({ timeline: recovered }), [PLAYER_ERRORS])[0]).toMatchObject({
      severity: 'info',
      title: 'Livestream player recovered from errors',
    });
  });

  it('flags latency sustained over 5 s behind live (IVS is built for under 5), critical over 10', () => {
    const latency = (values: number[]) => values.map((seconds, i) => event(s(30 + i * 30), 'livestream_latency', { latency: seconds }));
    expect(diagnoseInUtc(makeReport({ timeline: latency([3.1, 3.4, 5, 3.2, 5, 3.6, 3.3]) }), [LIVESTREAM_LATENCY])).toEqual([]);
    const [warning] = diagnoseInUtc(makeReport({ timeline: latency([3.1, 6.2, 7.5, 3.2, 6.8, 3.6, 3.3]) }), [LIVESTREAM_LATENCY]);
    expect(warning?.severity).toBe('warning');
    expect(warning?.sentence).toContain('The viewer was more than 5 s behind live for');
    expect(warning?.sentence).toContain('peaking at 7.5 s');
    const [critical] = diagnoseInUtc(makeReport({ timeline: latency([3.1, 12, 14.5, 11, 4, 3.6]) }), [LIVESTREAM_LATENCY]);
    expect(critical?.severity).toBe('critical');
    expect(critical?.sentence).toContain('more than 10 s behind live');
  });
});
