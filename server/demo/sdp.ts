// SDP text for pc_metadata. The dashboard shows these verbatim and pulls the candidate
// lines out of them, so they follow what Chrome (offer) and a mediasoup-style ice-lite SFU
// (answer) really write, CRLF line ends included.

import type { Rng } from './random.ts';

export type SdpCandidate = {
  foundation: string;
  protocol: 'udp' | 'tcp';
  priority: number;
  address: string;
  port: number;
  type: 'host' | 'srflx' | 'prflx' | 'relay';
  relatedAddress?: string;
  relatedPort?: number;
  tcpType?: 'active' | 'passive';
};

export type OfferParams = {
  rng: Rng;
  candidates: readonly SdpCandidate[];
  audioSsrc: number;
  /** null when the participant publishes no camera. */
  video: { ssrc: number; rtxSsrc: number } | null;
};

export type AnswerParams = {
  rng: Rng;
  sfuAddress: string;
  udpPort: number;
  tcpPort: number;
  withVideo: boolean;
};

const CRLF = '\r\n';

function fingerprint(rng: Rng, bytes: number): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes; i += 1) parts.push(rng.hex(2).toUpperCase());
  return parts.join(':');
}

function iceChars(rng: Rng, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[rng.int(0, alphabet.length - 1)] ?? 'a';
  return out;
}

function candidateLine(candidate: SdpCandidate, browser: boolean): string {
  let line = `a=candidate:${candidate.foundation} 1 ${candidate.protocol} ${candidate.priority} ${candidate.address} ${candidate.port} typ ${candidate.type}`;
  if (candidate.relatedAddress !== undefined) {
    line += ` raddr ${candidate.relatedAddress} rport ${candidate.relatedPort ?? 0}`;
  }
  if (candidate.tcpType !== undefined) line += ` tcptype ${candidate.tcpType}`;
  if (browser) line += ' generation 0 network-id 1 network-cost 10';
  return line;
}

const HEADER_EXTENSIONS_AUDIO = [
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
];

const HEADER_EXTENSIONS_VIDEO = [
  'a=extmap:14 urn:ietf:params:rtp-hdrext:toffset',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'a=extmap:13 urn:3gpp:video-orientation',
  'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  'a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/playout-delay',
  'a=extmap:6 http://www.webrtc.org/experiments/rtp-hdrext/video-content-type',
  'a=extmap:7 http://www.webrtc.org/experiments/rtp-hdrext/video-timing',
  'a=extmap:8 http://www.webrtc.org/experiments/rtp-hdrext/color-space',
  'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
  'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  'a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
];

/** The browser's offer on the send transport, candidates gathered (trickled into the first section). */
export function browserOffer(params: OfferParams): string {
  const { rng, candidates, audioSsrc, video } = params;
  const sessionId = `${rng.int(1, 9)}${rng.int(100000000, 999999999)}${rng.int(100000000, 999999999)}`;
  const streamId = rng.uuid();
  const audioTrack = rng.uuid();
  const videoTrack = rng.uuid();
  const cname = iceChars(rng, 16);
  const ufrag = iceChars(rng, 4);
  const pwd = iceChars(rng, 24);
  const print = fingerprint(rng, 32);
  const bundle = video ? 'a=group:BUNDLE 0 1' : 'a=group:BUNDLE 0';
  const ice = [`a=ice-ufrag:${ufrag}`, `a=ice-pwd:${pwd}`, 'a=ice-options:trickle', `a=fingerprint:sha-256 ${print}`, 'a=setup:actpass'];

  const lines = [
    'v=0',
    `o=- ${sessionId} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    bundle,
    'a=extmap-allow-mixed',
    `a=msid-semantic: WMS ${streamId}`,
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'c=IN IP4 0.0.0.0',
    'a=rtcp:9 IN IP4 0.0.0.0',
    ...candidates.map((c) => candidateLine(c, true)),
    ...ice,
    'a=mid:0',
    ...HEADER_EXTENSIONS_AUDIO,
    'a=sendonly',
    `a=msid:${streamId} ${audioTrack}`,
    'a=rtcp-mux',
    'a=rtcp-rsize',
    'a=rtpmap:111 opus/48000/2',
    'a=rtcp-fb:111 transport-cc',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=rtpmap:63 red/48000/2',
    'a=fmtp:63 111/111',
    'a=rtpmap:9 G722/8000',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:13 CN/8000',
    'a=rtpmap:110 telephone-event/48000',
    'a=rtpmap:126 telephone-event/8000',
    `a=ssrc:${audioSsrc} cname:${cname}`,
    `a=ssrc:${audioSsrc} msid:${streamId} ${audioTrack}`,
  ];
  if (video) {
    lines.push(
      'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 45 46',
      'c=IN IP4 0.0.0.0',
      'a=rtcp:9 IN IP4 0.0.0.0',
      ...ice,
      'a=mid:1',
      ...HEADER_EXTENSIONS_VIDEO,
      'a=sendonly',
      `a=msid:${streamId} ${videoTrack}`,
      'a=rtcp-mux',
      'a=rtcp-rsize',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 goog-remb',
      'a=rtcp-fb:96 transport-cc',
      'a=rtcp-fb:96 ccm fir',
      'a=rtcp-fb:96 nack',
      'a=rtcp-fb:96 nack pli',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=rtpmap:98 VP9/90000',
      'a=rtcp-fb:98 goog-remb',
      'a=rtcp-fb:98 transport-cc',
      'a=rtcp-fb:98 ccm fir',
      'a=rtcp-fb:98 nack',
      'a=rtcp-fb:98 nack pli',
      'a=fmtp:98 profile-id=0',
      'a=rtpmap:99 rtx/90000',
      'a=fmtp:99 apt=98',
      'a=rtpmap:100 H264/90000',
      'a=rtcp-fb:100 goog-remb',
      'a=rtcp-fb:100 transport-cc',
      'a=rtcp-fb:100 ccm fir',
      'a=rtcp-fb:100 nack',
      'a=rtcp-fb:100 nack pli',
      'a=fmtp:100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
      'a=rtpmap:101 rtx/90000',
      'a=fmtp:101 apt=100',
      'a=rtpmap:45 AV1/90000',
      'a=rtcp-fb:45 goog-remb',
      'a=rtcp-fb:45 transport-cc',
      'a=rtcp-fb:45 ccm fir',
      'a=rtcp-fb:45 nack',
      'a=rtcp-fb:45 nack pli',
      'a=fmtp:45 level-idx=5;profile=0;tier=0',
      'a=rtpmap:46 rtx/90000',
      'a=fmtp:46 apt=45',
      `a=ssrc-group:FID ${video.ssrc} ${video.rtxSsrc}`,
      `a=ssrc:${video.ssrc} cname:${cname}`,
      `a=ssrc:${video.ssrc} msid:${streamId} ${videoTrack}`,
      `a=ssrc:${video.rtxSsrc} cname:${cname}`,
      `a=ssrc:${video.rtxSsrc} msid:${streamId} ${videoTrack}`,
    );
  }
  return lines.join(CRLF) + CRLF;
}

/** The SFU's answer: ice-lite, one UDP and one passive TCP host candidate per section. */
export function sfuAnswer(params: AnswerParams): string {
  const { rng, sfuAddress, udpPort, tcpPort, withVideo } = params;
  const ufrag = rng.hex(16);
  const pwd = rng.hex(32);
  const print = fingerprint(rng, 64);
  const candidates = [
    candidateLine({ foundation: 'udpcandidate', protocol: 'udp', priority: 1076302079, address: sfuAddress, port: udpPort, type: 'host' }, false),
    candidateLine(
      { foundation: 'tcpcandidate', protocol: 'tcp', priority: 1076276479, address: sfuAddress, port: tcpPort, type: 'host', tcpType: 'passive' },
      false,
    ),
  ];
  const transport = [`a=ice-ufrag:${ufrag}`, `a=ice-pwd:${pwd}`, ...candidates, 'a=end-of-candidates', 'a=ice-options:renomination'];
  const lines = [
    'v=0',
    'o=mediasoup-client 10000 1 IN IP4 0.0.0.0',
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=fingerprint:sha-512 ${print}`,
    'a=msid-semantic: WMS *',
    withVideo ? 'a=group:BUNDLE 0 1' : 'a=group:BUNDLE 0',
    'm=audio 7 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 127.0.0.1',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;stereo=0;usedtx=1;useinbandfec=1',
    'a=rtcp-fb:111 transport-cc',
    'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
    'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
    'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
    'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
    'a=setup:active',
    'a=mid:0',
    'a=recvonly',
    ...transport,
    'a=rtcp-mux',
    'a=rtcp-rsize',
  ];
  if (withVideo) {
    lines.push(
      'm=video 7 UDP/TLS/RTP/SAVPF 96 97',
      'c=IN IP4 127.0.0.1',
      'a=rtpmap:96 VP8/90000',
      'a=rtcp-fb:96 goog-remb',
      'a=rtcp-fb:96 transport-cc',
      'a=rtcp-fb:96 ccm fir',
      'a=rtcp-fb:96 nack',
      'a=rtcp-fb:96 nack pli',
      'a=rtpmap:97 rtx/90000',
      'a=fmtp:97 apt=96',
      'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
      'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
      'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid',
      'a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
      'a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
      'a=extmap:13 urn:3gpp:video-orientation',
      'a=extmap:14 urn:ietf:params:rtp-hdrext:toffset',
      'a=setup:active',
      'a=mid:1',
      'a=recvonly',
      ...transport,
      'a=rtcp-mux',
      'a=rtcp-rsize',
    );
  }
  return lines.join(CRLF) + CRLF;
}
