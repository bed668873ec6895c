import { describe, expect, it } from 'vitest';
import { renderPhrase } from '../phrase.ts';
import { durationPhrase as durationTokens, listPhrase, momentPhrase as momentTokens, spanPhrase as spanTokens, streamName as streamTokens } from './sentence.ts';

// The phrases as a reader in UTC sees them, and one in Chicago (CDT, UTC-05:00 in September).
const utc = (phrase: string) => renderPhrase(phrase, { zone: 'UTC' });
const momentPhrase = (ms: number, origin: number | null) => utc(momentTokens(ms, origin));
const spanPhrase = (interval: { start: number; end: number }, origin: number | null) => utc(spanTokens(interval, origin));
const durationPhrase = (intervals: { start: number; end: number }[], origin: number | null) => utc(durationTokens(intervals, origin));
const streamName = (stream: Parameters<typeof streamTokens>[0]) => utc(streamTokens(stream));

const JOIN = Date.UTC(2026, 8, 14, 13, 2, 47);
const at = (minutes: number, seconds: number): number => JOIN + (minutes * 60 + seconds) * 1000;

describe('sentence helpers', () => {
  it('writes clock times in UTC and offsets since join', () => {
    expect(momentPhrase(at(11, 18), JOIN)).toBe('13:14:05 UTC (T+11:18)');
    expect(momentPhrase(JOIN - 22_000, JOIN)).toBe('13:02:25 UTC (T-00:22)');
    expect(momentPhrase(at(11, 18), null)).toBe('13:14:05 UTC');
    expect(momentPhrase(at(75, 3), JOIN)).toBe('14:17:50 UTC (T+1:15:03)');
  });

  it('writes clock times in the zone the reader chose, labelled with its offset', () => {
    expect(renderPhrase(momentTokens(at(11, 18), JOIN), { zone: 'America/Chicago' })).toBe('08:14:05 UTC-05:00 (T+11:18)');
    expect(renderPhrase(spanTokens({ start: at(11, 18), end: at(13, 58) }, null), { zone: 'Asia/Kolkata' })).toBe('from 18:44:05 to 18:46:45 UTC+05:30');
  });

  it('names a remote sender when the page knows the name, by short peer ID otherwise', () => {
    const stream = { kind: 'video', direction: 'receive', remotePeerId: '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6' } as const;
    const names = (peerId: string) => (peerId === stream.remotePeerId ? 'Priya Shah' : null);
    expect(renderPhrase(streamTokens(stream), { zone: 'UTC', peerName: names })).toBe('received video from Priya Shah');
    expect(renderPhrase(streamTokens({ ...stream, remotePeerId: 'another' }), { zone: 'UTC', peerName: names })).toBe('received video from peer another');
  });

  it('describes one stretch with its span, several with the longest', () => {
    const one = [{ start: at(11, 18), end: at(13, 58) }];
    expect(spanPhrase(one[0] as (typeof one)[number], JOIN)).toBe('from 13:14:05 to 13:16:45 UTC (T+11:18 to T+13:58)');
    expect(durationPhrase(one, JOIN)).toBe('for 2 min 40 s, from 13:14:05 to 13:16:45 UTC (T+11:18 to T+13:58)');
    const many = [{ start: at(1, 0), end: at(1, 30) }, ...one];
    expect(durationPhrase(many, JOIN)).toBe(
      'for 3 min 10 s in 2 stretches, the longest from 13:14:05 to 13:16:45 UTC (T+11:18 to T+13:58)',
    );
    expect(durationPhrase([], JOIN)).toBe('');
  });

  it('names streams in words', () => {
    expect(streamName({ kind: 'audio', direction: 'send', remotePeerId: null })).toBe('sent audio');
    expect(streamName({ kind: 'screenshare_video', direction: 'send', remotePeerId: null })).toBe('sent screenshare video');
    expect(streamName({ kind: 'video', direction: 'receive', remotePeerId: '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6' })).toBe(
      'received video from peer 3f2a9c1d…e4f5a6',
    );
    expect(streamName({ kind: 'audio', direction: 'receive', remotePeerId: null })).toBe('received audio');
  });

  it('lists items and shortens long lists', () => {
    expect(listPhrase(['a'])).toBe('a');
    expect(listPhrase(['a', 'b', 'c'])).toBe('a, b and c');
    expect(listPhrase(['a', 'b', 'c', 'd'], 2)).toBe('a, b and 2 more');
  });
});
