import { describe, expect, it } from 'vitest';
import { DEMO_PEERS } from '../../server/demo/catalog.ts';
import { isReportScenarioKey, scenarioBody, type ReportScenarioKey } from '../../server/demo/scenarios.ts';
import { normalizePeerReport } from './normalize-peer-report.ts';
import {
  ipsInText,
  isIpv6,
  redactIpsInText,
  redactReport,
  REDACTED_DEVICE_LABEL,
  REDACTED_IP,
  REDACTED_NAME,
  REDACTED_USER_AGENT,
  REDACTED_USER_ID,
} from './redact.ts';
import { findIpAddresses } from './test-support/ip-addresses.ts';
import { diagnosedReport } from './test-support/diagnosed-report.ts';

const reportKeys: ReportScenarioKey[] = DEMO_PEERS.filter((p) => p.kind === 'report').map((p) => {
  if (!isReportScenarioKey(p.key)) throw new Error(`${p.key} is not a report scenario`);
  return p.key;
});

const NAMES_TOO = { namesAndUserIds: true };
const IPS_ONLY = { namesAndUserIds: false };

function collectStrings(value: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) collectStrings(item, key, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') out.push(v);
      collectStrings(v, key, out);
    }
  }
  return out;
}

describe('redactIpsInText', () => {
  it.each([
    ['192.0.2.1', REDACTED_IP],
    ['0.0.0.0', REDACTED_IP],
    ['ip=10.0.0.7;', `ip=${REDACTED_IP};`],
    ['turn:1.2.3.4:3478?transport=udp', `turn:${REDACTED_IP}:3478?transport=udp`],
    ['turns://203.0.113.9:443', `turns://${REDACTED_IP}:443`],
    ['c=IN IP4 198.51.100.23', `c=IN IP4 ${REDACTED_IP}`],
    ['o=- 4611731400430051336 2 IN IP4 127.0.0.1', `o=- 4611731400430051336 2 IN IP4 ${REDACTED_IP}`],
    ['route 84.17.32.0/19', `route ${REDACTED_IP}/19`],
    ['010.001.002.003', REDACTED_IP],
    ['"192.168.1.1",', `"${REDACTED_IP}",`],
    ['end of sentence 192.168.1.1.', `end of sentence ${REDACTED_IP}.`],
    ['https://geo.example/ip/8.8.4.4?x=1', `https://geo.example/ip/${REDACTED_IP}?x=1`],
    ['a/b/9.9.9.9', `a/b/${REDACTED_IP}`],
  ])('IPv4 %s', (input, expected) => {
    expect(redactIpsInText(input)).toBe(expected);
  });

  it.each([
    ['2001:db8::1', REDACTED_IP],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', REDACTED_IP],
    ['fe80::1%en0', REDACTED_IP],
    ['fe80::a00:27ff:fe4e:66a1%25eth0 x', `${REDACTED_IP} x`],
    ['::1', REDACTED_IP],
    ['::ffff:192.0.2.1', REDACTED_IP],
    ['::FFFF:C000:0280', REDACTED_IP],
    ['64:ff9b::198.51.100.7', REDACTED_IP],
    ['[2001:db8::7]:3478', `${REDACTED_IP}:3478`],
    ['turn:[2001:db8:85a3::8a2e:370:7334]:3478', `turn:${REDACTED_IP}:3478`],
    ['http://[::1]/', `http://${REDACTED_IP}/`],
    ['IP6 2001:db8:1::ab9:c0a8:102 49152', `IP6 ${REDACTED_IP} 49152`],
    ['ip6:2001:db8::1', `ip6:${REDACTED_IP}`],
    ['raddr:fe80::2', `raddr:${REDACTED_IP}`],
    ['2001:db8:0:0:0:0:0:1:3478', `${REDACTED_IP}:3478`],
    ['::ffff:10.1.2.3:3478', `${REDACTED_IP}:3478`],
    ['2001:db8::/32', `${REDACTED_IP}/32`],
    ['fe80::1.', `${REDACTED_IP}.`],
  ])('IPv6 %s', (input, expected) => {
    expect(redactIpsInText(input)).toBe(expected);
  });

  it.each([
    '2026-09-14T13:02:47.123Z',
    '13:02:47',
    '00:12:34.5',
    '140.0.3485.66',
    '1.2.4',
    '1.2.3.4.5',
    '256.1.1.1',
    '1.2.3.456',
    'Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36',
    '(KHTML, like Gecko) Version/17.4.1.2 Mobile/15E148',
    'v10.0.0.1',
    '6513270e-269e-4d37-b2a7-4de452e6b438',
    'a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3A:F2:1E:6A:48:9D:2C:A7:33:BC:20:B9',
    'a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB',
    '00:1A:2B:3C:4D:5E',
    'std::string Foo::bar dead::beefy',
    'a=rtpmap:111 opus/48000/2',
    'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
    'a=ssrc:3735928559 cname:4TOk42mSjXCkVIa6',
    'a=ice-ufrag:EsAw',
    'a=candidate:842163049 1 udp 2122260223 6e1f5c0a-7a3b-4b7e-9d1a-1f2e3d4c5b6a.local 56143 typ host',
    'AS24560',
    '3232235777',
    '::',
    'a::b::c',
    '1:2:3:4:5:6:7',
  ])('leaves %s alone', (input) => {
    expect(redactIpsInText(input)).toBe(input);
    expect(ipsInText(input)).toEqual([]);
  });

  it('redacts every address in SDP candidate lines, related addresses included', () => {
    const sdp = [
      'v=0',
      'a=candidate:1 1 udp 1686052607 86.14.201.77 61234 typ srflx raddr 192.168.0.47 rport 50123 generation 0',
      'a=candidate:2 1 udp 41885439 141.101.70.9 59876 typ relay raddr 86.14.201.77 rport 61234',
      'a=candidate:3 1 udp 2122262783 2001:db8:abcd:12::5 50000 typ host',
      'a=candidate:4 1 udp 1686055167 2a02:8109:9c00:1f::e2 50001 typ srflx raddr fe80::10c2:5ff:fe3a:11b rport 9',
      'a=remote-candidates:1 162.159.130.12 44123',
    ].join('\r\n');
    const out = redactIpsInText(sdp);
    expect(ipsInText(out)).toEqual([]);
    expect(out).toContain(`a=candidate:1 1 udp 1686052607 ${REDACTED_IP} 61234 typ srflx raddr ${REDACTED_IP} rport 50123 generation 0`);
    expect(out).toContain(`a=candidate:4 1 udp 1686055167 ${REDACTED_IP} 50001 typ srflx raddr ${REDACTED_IP} rport 9`);
    expect(out.split('\r\n')).toHaveLength(6);
    expect(ipsInText(sdp)).toEqual([
      '2001:db8:abcd:12::5',
      '2a02:8109:9c00:1f::e2',
      'fe80::10c2:5ff:fe3a:11b',
      '86.14.201.77',
      '192.168.0.47',
      '141.101.70.9',
      '86.14.201.77',
      '162.159.130.12',
    ]);
  });
});

describe('isIpv6', () => {
  it.each(['::1', '1::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::2:3:4:5:6:7:8', '1:2:3:4:5:6:1.2.3.4', '::ffff:1.2.3.4'])('accepts %s', (text) => {
    expect(isIpv6(text)).toBe(true);
  });

  it.each(['::', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::1', 'g::1', '1:2:3:4:5:6:7:1.2.3.4', '1.2.3.4::1', ':1:2:3:4:5:6:7'])(
    'rejects %s',
    (text) => {
      expect(isIpv6(text)).toBe(false);
    },
  );
});

describe('redactReport on every demo report scenario', () => {
  it('covers the report scenarios', () => {
    expect(reportKeys.length).toBeGreaterThanOrEqual(9);
  });

  it.each(reportKeys)('%s: addresses before, none after, same participant and findings', (key) => {
    const body = scenarioBody(key);
    const before = JSON.stringify(body);
    expect(findIpAddresses(body).length).toBeGreaterThan(0);

    const redacted = redactReport(body, NAMES_TOO);

    expect(JSON.stringify(body)).toBe(before);
    expect(findIpAddresses(redacted)).toEqual([]);
    // The serialized text, as a downloaded file holds it, has none either.
    expect(ipsInText(JSON.stringify(redacted, null, 2))).toEqual([]);
    expect(collectStrings(redacted, 'user_agent').every((ua) => ua === REDACTED_USER_AGENT)).toBe(true);
    for (const label of collectStrings(redacted, 'label')) expect(label).toBe(REDACTED_DEVICE_LABEL);

    const original = diagnosedReport(body);
    const after = diagnosedReport(redacted);
    expect(after.participant.peerId).toBe(original.participant.peerId);
    expect(after.participant.joinedAt).toBe(original.participant.joinedAt);
    expect(after.shape).toBe(original.shape);
    expect(after.findings.map((f) => f.id)).toEqual(original.findings.map((f) => f.id));
    expect(after.streams.map((s) => s.id)).toEqual(original.streams.map((s) => s.id));
    expect(after.timeline).toHaveLength(original.timeline.length);
    expect(after.warnings).toEqual(original.warnings);
    expect(after.location?.ip ?? null).toBe(original.location?.ip ? REDACTED_IP : null);
    expect(after.software?.browserVersion).toBe(original.software?.browserVersion);
    if (original.participant.displayName !== null) expect(after.participant.displayName).toBe(REDACTED_NAME);
    if (original.participant.userId !== null) expect(after.participant.userId).toBe(REDACTED_USER_ID);
  });

  it('keeps names and user IDs unless asked', () => {
    const body = scenarioBody('good-call');
    const original = normalizePeerReport(body);
    const after = normalizePeerReport(redactReport(body, IPS_ONLY));
    expect(original.participant.displayName).toBe('Dana Whitfield');
    expect(after.participant.displayName).toBe('Dana Whitfield');
    expect(after.participant.userId).toBe(original.participant.userId);
    expect(after.participant.customParticipantId).toBe('crm-user-4821');
    expect(after.software?.userAgent).toBe(REDACTED_USER_AGENT);
    expect(after.location?.ip).toBe(REDACTED_IP);
    expect(after.location?.city).toBe(original.location?.city);
  });

  it('redacts names, user IDs and custom participant IDs when asked', () => {
    const after = normalizePeerReport(redactReport(scenarioBody('good-call'), NAMES_TOO));
    expect(after.participant.displayName).toBe(REDACTED_NAME);
    expect(after.participant.userId).toBe(REDACTED_USER_ID);
    expect(after.participant.customParticipantId).toBe(REDACTED_USER_ID);
    expect(JSON.stringify(redactReport(scenarioBody('good-call'), NAMES_TOO))).not.toContain('Dana Whitfield');
  });

  it('leaves candidate types, ports and timestamps intact', () => {
    const body = scenarioBody('turn-tcp');
    const before = normalizePeerReport(body).connectivity;
    const after = normalizePeerReport(redactReport(body, IPS_ONLY)).connectivity;
    expect(after?.usesRelay).toBe(true);
    expect(after?.usesTcp).toBe(true);
    expect(after?.sending.map((p) => [p.local.type, p.local.port, p.remote.port])).toEqual(
      before?.sending.map((p) => [p.local.type, p.local.port, p.remote.port]),
    );
    for (const pair of after?.sending ?? []) {
      if (pair.local.address !== null) expect(pair.local.address).toBe(REDACTED_IP);
      if (pair.remote.address !== null) expect(pair.remote.address).toBe(REDACTED_IP);
    }
    expect(after?.precall.flatMap((p) => p.sdp).join('\n')).toMatch(/fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });
});

describe('redactReport on hostile input', () => {
  it('finds addresses in keys, nested arrays, event metadata and odd fields', () => {
    const input = {
      success: true,
      data: {
        participant: {
          id: 'p1',
          display_name: 'Zoë',
          peer_report: {
            metadata: {
              events: [
                { name: 'ping_stat', timestamp: '2026-09-14T13:02:47.123Z', metadata: { server: '162.159.1.2', note: 'via [2001:db8::9]:443' } },
                { name: 'selected_microphone_update', timestamp: '2026-09-14T13:03:00.000Z', metadata: { label: 'Jabra Evolve2 65', device_id: 'abc' } },
              ],
              audio_devices_updates: [{ timestamp: '2026-09-14T13:02:00.000Z', added: [{ device_id: 'd1', kind: 'audioinput', label: 'MacBook Pro Microphone' }], removed: [] }],
              selected_device_updates: [{ timestamp: '2026-09-14T13:02:01.000Z', device: { device_id: 'd1', kind: 'audioinput', label: 'AirPods Pro' } }],
              browser_metadata: { browser: 'Chrome', browser_version: '120.0.0.0', user_agent: 'Mozilla/5.0 (Macintosh) Chrome/120.0.0.0' },
              device_info: { os: 'Windows', os_version: '10.0.19045.1' },
            },
          },
        },
        '10.0.0.1': { 'fe80::1': 'x' },
        nested: [[['deep 172.16.5.4'], ['::ffff:203.0.113.5']]],
        numbers: { ip: 3232235777, ipv4: '3232235777', remote_ip: '0xC0A80001', clientIp: ' 1.1.1.1 ', address: 'host.local', related_address: null },
        ips: ['1.1.1.1', '2.2.2.2'],
        localCandidateAddress: 'whatever',
        stray_ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:142.0) Gecko/20100101 Firefox/142.0',
      },
    };
    const snapshot = structuredClone(input);
    expect(findIpAddresses(input).sort()).toEqual(
      ['10.0.0.1', 'fe80::1', '162.159.1.2', '[2001:db8::9]', '172.16.5.4', '::ffff:203.0.113.5', '1.1.1.1', '1.1.1.1', '2.2.2.2'].sort(),
    );

    const out = redactReport(input, IPS_ONLY) as typeof input & { data: Record<string, unknown> };
    expect(input).toEqual(snapshot);
    expect(findIpAddresses(out)).toEqual([]);
    const data = out.data;
    expect(data[REDACTED_IP]).toEqual({ [REDACTED_IP]: 'x' });
    expect(data['nested']).toEqual([[[`deep ${REDACTED_IP}`], [REDACTED_IP]]]);
    expect(data['numbers']).toEqual({
      ip: REDACTED_IP,
      ipv4: REDACTED_IP,
      remote_ip: REDACTED_IP,
      clientIp: REDACTED_IP,
      address: REDACTED_IP,
      related_address: null,
    });
    expect(data['ips']).toEqual([REDACTED_IP, REDACTED_IP]);
    expect(data['localCandidateAddress']).toBe(REDACTED_IP);
    expect(data['stray_ua']).toBe(REDACTED_USER_AGENT);
    const metadata = out.data.participant.peer_report.metadata;
    expect(metadata.events[0]?.metadata).toEqual({ server: REDACTED_IP, note: `via ${REDACTED_IP}:443` });
    expect(metadata.events[0]?.timestamp).toBe('2026-09-14T13:02:47.123Z');
    expect(metadata.events[1]?.metadata).toEqual({ label: REDACTED_DEVICE_LABEL, device_id: 'abc' });
    expect(metadata.audio_devices_updates[0]?.added[0]?.label).toBe(REDACTED_DEVICE_LABEL);
    expect(metadata.selected_device_updates[0]?.device.label).toBe(REDACTED_DEVICE_LABEL);
    expect(metadata.browser_metadata).toEqual({ browser: 'Chrome', browser_version: '120.0.0.0', user_agent: REDACTED_USER_AGENT });
    expect(metadata.device_info.os_version).toBe('10.0.19045.1');
    expect(out.data.participant.display_name).toBe('Zoë');
  });

  it('keeps two keys apart when both redact to the placeholder', () => {
    const out = redactReport({ '10.0.0.1': 1, '10.0.0.2': 2, [REDACTED_IP]: 3 }, IPS_ONLY);
    expect(out).toEqual({ [REDACTED_IP]: 3, [`${REDACTED_IP} (2)`]: 1, [`${REDACTED_IP} (3)`]: 2 });
  });

  it('treats a __proto__ key as data, not as a prototype', () => {
    const input: unknown = JSON.parse('{"__proto__": {"ip": "1.2.3.4"}, "a": 1}');
    const out = redactReport(input, IPS_ONLY) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(JSON.stringify(out)).toBe(`{"__proto__":{"ip":"${REDACTED_IP}"},"a":1}`);
  });

  it('passes scalars, null and empty values through', () => {
    expect(redactReport(null, IPS_ONLY)).toBeNull();
    expect(redactReport(42, IPS_ONLY)).toBe(42);
    expect(redactReport(true, IPS_ONLY)).toBe(true);
    expect(redactReport('1.2.3.4', IPS_ONLY)).toBe(REDACTED_IP);
    expect(redactReport({ ip: '', label: '', user_agent: null }, IPS_ONLY)).toEqual({ ip: '', label: '', user_agent: null });
    expect(redactReport([], IPS_ONLY)).toEqual([]);
  });

  it('redacts the flat shape name and legacy client_specific_id', () => {
    const out = redactReport(
      { id: 'p1', name: 'Ada', client_specific_id: 'crm-1', user_id: 42, peer_report: {}, events: [{ name: 'call_join' }] },
      NAMES_TOO,
    );
    expect(out).toEqual({ id: 'p1', name: REDACTED_NAME, client_specific_id: REDACTED_USER_ID, user_id: REDACTED_USER_ID, peer_report: {}, events: [{ name: 'call_join' }] });
  });

  it('survives deep nesting', () => {
    let deep: unknown = '10.9.8.7';
    for (let i = 0; i < 2000; i += 1) deep = [deep];
    let out = redactReport(deep, IPS_ONLY);
    for (let i = 0; i < 2000; i += 1) out = (out as unknown[])[0];
    expect(out).toBe(REDACTED_IP);
  });
});

describe('redactReport on a report nested 100 000 levels deep', () => {
  // Past what the call stack holds: a walk that recursed would throw "Maximum call stack size exceeded".
  const DEPTH = 100_000;

  it('copies it whole, redacted, objects and arrays alike', () => {
    let deep: unknown = { ip: '203.0.113.9', note: 'from 198.51.100.7', user_agent: 'Mozilla/5.0 (X11)' };
    for (let i = 0; i < DEPTH; i += 1) deep = i % 2 === 0 ? { level: deep } : [deep, '192.0.2.44'];
    const input = { success: true, data: { participant: { id: 'p1', display_name: 'Ada', custom: deep } } };

    const out = redactReport(input, NAMES_TOO) as { data: { participant: { display_name: string; custom: unknown } } };
    expect(out.data.participant.display_name).toBe(REDACTED_NAME);
    let node = out.data.participant.custom;
    for (let i = DEPTH - 1; i >= 0; i -= 1) {
      if (i % 2 === 0) {
        node = (node as { level: unknown }).level;
      } else {
        expect((node as unknown[])[1]).toBe(REDACTED_IP);
        node = (node as unknown[])[0];
      }
    }
    expect(node).toEqual({ ip: REDACTED_IP, note: `from ${REDACTED_IP}`, user_agent: REDACTED_USER_AGENT });
    expect(findIpAddresses(out)).toEqual([]);
    expect(findIpAddresses(input)).toHaveLength(DEPTH / 2 + 2);
  });
});
