// The demo upstream's fixed identities. The page lists these (through /api/config),
// the README names them, and the tests look them up by key, never by literal UUID.

export const DEMO_ACCOUNT_ID = '8f2d6c1a4b3e4f5a9c7d0e1f2a3b4c5d';
export const DEMO_APP_ID = '2a7c9e14-5b3d-4f68-9a1e-6c0d8b2f4e73';

/**
 * The token the proxy injects in demo mode and the demo upstream checks, so the
 * header injection path is exercised. It guards nothing, so it is not a secret.
 */
export const DEMO_TOKEN = 'peerscope-demo-token';

export type DemoPeerKind = 'report' | 'error';

export interface DemoPeer {
  id: string;
  key: DemoPeerKey;
  label: string;
  description: string;
  kind: DemoPeerKind;
}

export type DemoPeerKey =
  | 'good-call'
  | 'poor-wifi'
  | 'turn-tcp'
  | 'mobile-4g'
  | 'cpu-limited'
  | 'group-receiver'
  | 'muted-whole-call'
  | 'livestream-viewer'
  | 'still-in-call'
  | 'flat-shape'
  | 'legacy-shape'
  | 'error-401'
  | 'error-403'
  | 'error-429'
  | 'error-500'
  | 'error-502-html'
  | 'slow-8s'
  | 'malformed-json'
  | 'not-a-report'
  | 'success-false'
  | 'no-answer';

export const DEMO_PEERS: readonly DemoPeer[] = [
  {
    id: '6513270e-269e-4d37-b2a7-4de452e6b438',
    key: 'good-call',
    label: 'Good call',
    description: '25 minutes on a wired desktop: clean audio and video, nothing to fix.',
    kind: 'report',
  },
  {
    id: 'd23f0824-128b-4f33-8c5c-7fd0a6a3a450',
    key: 'poor-wifi',
    label: 'Poor Wi-Fi',
    description: 'Laptop on congested Wi-Fi: packet-loss bursts, jitter spikes, a disconnect and two reconnect attempts.',
    kind: 'report',
  },
  {
    id: '9531985d-5d9d-49f8-9818-e811892f902b',
    key: 'turn-tcp',
    label: 'TURN over TCP',
    description: 'Corporate firewall: media relayed through TURN over TCP, round-trip time around 450 ms.',
    kind: 'report',
  },
  {
    id: '36f675cc-81e7-4ef5-a8e2-5d940ed90475',
    key: 'mobile-4g',
    label: 'Phone on 4G',
    description: 'Android phone: 4G drops to 3G for five minutes, app backgrounded, Bluetooth headset connected mid-call.',
    kind: 'report',
  },
  {
    id: '6b0d549b-6f03-475a-9600-a35a099950d8',
    key: 'cpu-limited',
    label: 'CPU-limited video',
    description: 'Old dual-core laptop: video encoder limited by CPU, frame rate and resolution drop.',
    kind: 'report',
  },
  {
    id: '8d116ece-1738-47d9-bd9c-172411e20b8f',
    key: 'group-receiver',
    label: 'Group call, 6 senders',
    description: 'Receives six remote senders, one of them sharing a screen; another sends poor, lossy, low-frame-rate video.',
    kind: 'report',
  },
  {
    id: '57f24b25-a277-477a-955d-f310597a4e61',
    key: 'muted-whole-call',
    label: 'Muted the whole call',
    description: 'A listener muted from join to leave, no audio_off: silence frames scored MOS 1, and one 780 ms round trip.',
    kind: 'report',
  },
  {
    id: '73a99859-0510-47e3-8e8d-d7b193deb601',
    key: 'livestream-viewer',
    label: 'Livestream viewer',
    description: 'Watches through the livestream player: sound blocked by autoplay, rebuffering, latency up to 12 s.',
    kind: 'report',
  },
  {
    id: '90c192cf-d3ac-44af-8f21-ddb66cad4a26',
    key: 'still-in-call',
    label: 'Still in call',
    description: 'A participant who has not left yet: no left_at, duration so far, sharing a screen.',
    kind: 'report',
  },
  {
    id: 'a170b338-3926-4059-b28c-105d1fb17c23',
    key: 'flat-shape',
    label: 'Flat response shape',
    description: 'A clean call in the flat shape: participant fields directly in data, with preset_name and peer_events.',
    kind: 'report',
  },
  {
    id: '0fd630f1-f29d-4da9-953f-48f1a09f76b5',
    key: 'legacy-shape',
    label: 'Legacy Dyte shape',
    description: 'The older peer_stats / quality_stats response with role and pre-call metrics.',
    kind: 'report',
  },
  {
    id: '0cb1e29c-658c-4a14-95e6-0af593bd04cf',
    key: 'error-401',
    label: 'Token rejected (401)',
    description: 'The upstream rejects the API token with the gateway error envelope.',
    kind: 'error',
  },
  {
    id: '8e81973e-0bec-47b0-b898-d190f9ebdacc',
    key: 'error-403',
    label: 'Missing permission (403)',
    description: 'The token is valid but lacks the Realtime permission.',
    kind: 'error',
  },
  {
    id: '6b4cb242-4a23-4596-a217-beaddbc496cb',
    key: 'error-429',
    label: 'Rate limited (429)',
    description: 'Answers 429 with Retry-After: 2, then the report once the wait is honoured.',
    kind: 'error',
  },
  {
    id: '92276658-1e27-41c0-8a6a-63ec24ede6a4',
    key: 'error-500',
    label: 'Server error (500)',
    description: 'The upstream fails with a JSON 500.',
    kind: 'error',
  },
  {
    id: 'ae97ba94-d0ed-482f-8f6d-05584ef8aa38',
    key: 'error-502-html',
    label: 'Gateway page (502)',
    description: 'A gateway answers 502 with an HTML page instead of JSON.',
    kind: 'error',
  },
  {
    id: '923a7369-94e3-4f91-9a61-dbe22e44158b',
    key: 'slow-8s',
    label: 'Slow answer (8 s)',
    description: 'The report arrives after 8 seconds.',
    kind: 'error',
  },
  {
    id: '18f135d2-5f55-4203-b018-50c5a38fd547',
    key: 'malformed-json',
    label: 'Malformed JSON',
    description: 'A 200 whose body is cut off mid-JSON.',
    kind: 'error',
  },
  {
    id: '907a70c3-1012-4037-b64c-e4228c38fb29',
    key: 'not-a-report',
    label: 'Not a peer report',
    description: 'A 200 with valid JSON that is not a peer report.',
    kind: 'error',
  },
  {
    id: '7f150524-34b9-45df-9e77-69b10f4205b4',
    key: 'success-false',
    label: 'success: false',
    description: 'A 200 whose envelope says success: false with an error.',
    kind: 'error',
  },
  {
    id: 'c6f87718-6d76-407e-881e-d162ae2eb154',
    key: 'no-answer',
    label: 'No answer (timeout)',
    description: 'Never answers: the page gives up after 30 seconds.',
    kind: 'error',
  },
];

export function demoPeerByKey(key: DemoPeerKey): DemoPeer {
  const peer = DEMO_PEERS.find((p) => p.key === key);
  if (!peer) throw new Error(`No demo peer ${key}`);
  return peer;
}
