import { describe, expect, it } from 'vitest';
import { clockToken, fullPeerToken, peersIn, peerToken, renderPhrase, zoneLabel, zoneToken } from './phrase.ts';

// 2026-09-14 13:14:05 UTC: 08:14:05 in Chicago (CDT), 22:14:05 in Tokyo.
const AT = Date.UTC(2026, 8, 14, 13, 14, 5);
const PEER = '3f2a9c1d-0e2b-4ace-9e4a-b1c2d3e4f5a6';

describe('renderPhrase', () => {
  const phrase = `Loss from ${peerToken(PEER)} at ${clockToken(AT)} ${zoneToken(AT)}.`;

  it('writes clock times in the zone asked for, labelled with its offset then', () => {
    expect(renderPhrase(phrase, { zone: 'UTC' })).toBe('Loss from peer 3f2a9c1d…e4f5a6 at 13:14:05 UTC.');
    expect(renderPhrase(phrase, { zone: 'America/Chicago' })).toBe('Loss from peer 3f2a9c1d…e4f5a6 at 08:14:05 UTC-05:00.');
    expect(renderPhrase(phrase, { zone: 'Asia/Tokyo' })).toBe('Loss from peer 3f2a9c1d…e4f5a6 at 22:14:05 UTC+09:00.');
    // London in January has no offset from UTC.
    expect(zoneLabel(Date.UTC(2026, 0, 5), 'Europe/London')).toBe('UTC');
  });

  it('names a sender the page knows, and writes the whole ID where a ticket needs it', () => {
    const peerName = (id: string) => (id === PEER ? 'Priya Shah' : null);
    expect(renderPhrase(phrase, { zone: 'UTC', peerName })).toBe('Loss from Priya Shah at 13:14:05 UTC.');
    expect(renderPhrase(fullPeerToken(PEER), { zone: 'UTC', peerName })).toBe(`Priya Shah (peer ${PEER})`);
    expect(renderPhrase(fullPeerToken(PEER), { zone: 'UTC' })).toBe(`peer ${PEER}`);
  });

  it('keeps an ID whatever it holds, the token characters included', () => {
    const hostile = 'x\uE001y<b>%';
    expect(renderPhrase(`a ${fullPeerToken(hostile)} b`, { zone: 'UTC' })).toBe(`a peer ${hostile} b`);
    expect(peersIn(`${peerToken(PEER)} and ${fullPeerToken(hostile)} and ${peerToken(PEER)}`)).toEqual([PEER, hostile]);
  });

  it('leaves text without tokens as it is', () => {
    expect(renderPhrase('Media went over TCP.', { zone: 'Asia/Tokyo' })).toBe('Media went over TCP.');
  });
});
