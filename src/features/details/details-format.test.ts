import { describe, expect, it } from 'vitest';
import { candidatePair, iceCandidate } from '../../report/test-support/test-report.ts';
import {
  candidateTypeLabel,
  candidateTypeMeaning,
  checkVerdict,
  countLines,
  describeMediaPath,
  formatAddress,
  pairBitrateKbps,
  readableRoomViewType,
  shortenText,
} from './details-format.ts';

describe('readableRoomViewType', () => {
  it('turns camelCase, snake and upper case into words', () => {
    expect(readableRoomViewType('groupCall')).toBe('Group call');
    expect(readableRoomViewType('audioRoom')).toBe('Audio room');
    expect(readableRoomViewType('GROUP_CALL')).toBe('Group call');
    expect(readableRoomViewType('live-stream')).toBe('Live stream');
    expect(readableRoomViewType('webinar')).toBe('Webinar');
  });

  it('keeps acronyms inside mixed case', () => {
    expect(readableRoomViewType('webRTCView')).toBe('Web RTC view');
  });

  it('leaves blank input alone', () => {
    expect(readableRoomViewType('  ')).toBe('  ');
  });
});

describe('shortenText', () => {
  it('keeps short text and cuts long text at the limit with an ellipsis', () => {
    expect(shortenText('short')).toEqual({ text: 'short', shortened: false });
    const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0.0.0 Safari/537.36';
    const short = shortenText(ua);
    expect(short.shortened).toBe(true);
    expect(short.text).toBe('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36…');
    expect([...short.text].length).toBeLessThanOrEqual(61);
  });

  it('does not split a surrogate pair', () => {
    const text = '🎥'.repeat(70);
    expect(shortenText(text).text).toBe(`${'🎥'.repeat(60)}…`);
  });
});

describe('countLines', () => {
  it('counts CRLF and LF lines, ignoring a trailing newline', () => {
    expect(countLines('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n')).toBe(3);
    expect(countLines('a\nb')).toBe(2);
    expect(countLines('')).toBe(0);
  });
});

describe('formatAddress', () => {
  it('joins address and port, bracketing IPv6', () => {
    expect(formatAddress('141.101.70.59', 55984)).toBe('141.101.70.59:55984');
    expect(formatAddress('2001:db8::1', 443)).toBe('[2001:db8::1]:443');
    expect(formatAddress('10.0.0.1', null)).toBe('10.0.0.1');
    expect(formatAddress(null, 443)).toBeNull();
  });
});

describe('candidates', () => {
  it('names the candidate types and keeps unknown ones', () => {
    expect(candidateTypeLabel('relay')).toBe('relay (TURN)');
    expect(candidateTypeLabel('SRFLX')).toBe('server reflexive (STUN)');
    expect(candidateTypeMeaning('relay')).toBe('An address on a TURN server: media relayed through it');
    expect(candidateTypeMeaning('weird')).toBeNull();
    expect(candidateTypeLabel('weird')).toBe('weird');
    expect(candidateTypeLabel(null)).toBeNull();
  });

  it('picks the bitrate of the transport’s direction, else the other one', () => {
    const both = candidatePair({ availableOutgoingKbps: 100, availableIncomingKbps: 200 });
    expect(pairBitrateKbps(both, 'send')).toBe(100);
    expect(pairBitrateKbps(both, 'receive')).toBe(200);
    expect(pairBitrateKbps(candidatePair({ availableIncomingKbps: 200 }), 'send')).toBe(200);
    expect(pairBitrateKbps(candidatePair(), 'receive')).toBeNull();
  });
});

describe('describeMediaPath', () => {
  const base = { sending: [candidatePair()], receiving: [], usesRelay: false, usesTcp: false };

  it('calls out TURN and TCP', () => {
    expect(describeMediaPath({ ...base, usesRelay: true, usesTcp: true })).toEqual([
      'Media was relayed through TURN (relay candidate)',
      'Media went over TCP',
    ]);
    expect(describeMediaPath({ ...base, usesRelay: true })).toEqual(['Media was relayed through TURN (relay candidate)']);
    expect(describeMediaPath({ ...base, usesTcp: true })).toEqual(['Media went over TCP']);
  });

  it('says direct UDP when neither, and nothing without pairs', () => {
    expect(describeMediaPath(base)).toEqual(['Direct path over UDP, no relay']);
    expect(describeMediaPath({ ...base, sending: [] })).toEqual([]);
  });

  it("names the local link from the nominated pairs' candidates, not the connection speed class", () => {
    const wifi = candidatePair({ nominated: true, local: iceCandidate({ type: 'srflx', networkType: 'wifi' }) });
    const triedCellular = candidatePair({ nominated: false, local: iceCandidate({ type: 'host', networkType: 'cellular' }) });
    expect(describeMediaPath({ ...base, sending: [wifi, triedCellular] })).toEqual(['Direct path over UDP, no relay', 'Local link: wifi']);
  });

  it('says when the report does not mark which of several pairs carried media', () => {
    expect(describeMediaPath({ ...base, sending: [candidatePair(), candidatePair(), candidatePair()] })).toEqual([
      'Direct path over UDP, no relay',
      'The report does not mark which pair carried media: judged on every pair',
    ]);
  });
});

describe('checkVerdict', () => {
  it('maps true, false and null', () => {
    expect(checkVerdict(true)).toBe('pass');
    expect(checkVerdict(false)).toBe('fail');
    expect(checkVerdict(null)).toBe('unknown');
  });
});
