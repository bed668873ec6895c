import { describe, expect, it } from 'vitest';
import {
  isAllowRemote,
  remoteAccessDecision,
  remoteAccessWarning,
  remoteRefusal,
} from './remote-access.ts';

const LIVE = { tokenSet: true, allowRemote: false };
const LIVE_ALLOWED = { tokenSet: true, allowRemote: true };
const DEMO = { tokenSet: false, allowRemote: false };

describe('which peers count as this machine, with a token set', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::FFFF:127.9.9.9', '[::1]', '::ffff:7f00:1'])(
    '%s is loopback: allowed',
    (address) => {
      expect(remoteAccessDecision(address, LIVE)).toBe('allow');
    },
  );

  it.each([
    '192.0.2.2',
    '10.0.0.1',
    '0.0.0.0',
    '::',
    '::ffff:192.0.2.2',
    'fd00::2',
    'fe80::1%eth0',
    '128.0.0.1',
    '127.0.0.1.evil',
    '::2',
    '',
    null,
    undefined,
  ])('%s is not loopback: refused', (address) => {
    expect(remoteAccessDecision(address, LIVE)).toBe('refuse');
  });
});

describe('which listen addresses get the start-up warning, with a token set', () => {
  it.each([undefined, false, 'localhost', '127.0.0.1', '::1', 'app.localhost'])('%s listens on this machine only: no warning', (host) => {
    expect(remoteAccessWarning(host, LIVE)).toBeNull();
  });

  it.each([true, '', '0.0.0.0', '::', '192.0.2.2', 'my-laptop.lan'])('%s is reachable from elsewhere: a warning', (host) => {
    expect(remoteAccessWarning(host, LIVE)).toMatch(/^Peerscope: listening on /);
  });
});

describe('isAllowRemote', () => {
  it.each([
    ['1', true],
    ['true', true],
    [' TRUE ', true],
    ['0', false],
    ['false', false],
    ['yes', false],
    ['', false],
    [undefined, false],
  ] as const)('%s -> %s', (value, expected) => {
    expect(isAllowRemote(value)).toBe(expected);
  });
});

describe('remoteAccessDecision', () => {
  it('refuses another machine while a token is set', () => {
    expect(remoteAccessDecision('192.0.2.7', LIVE)).toBe('refuse');
    expect(remoteAccessDecision('::ffff:203.0.113.4', LIVE)).toBe('refuse');
    expect(remoteAccessDecision(undefined, LIVE)).toBe('refuse');
  });

  it('lets this machine in', () => {
    expect(remoteAccessDecision('127.0.0.1', LIVE)).toBe('allow');
    expect(remoteAccessDecision('::1', LIVE)).toBe('allow');
    expect(remoteAccessDecision('::ffff:127.0.0.1', LIVE)).toBe('allow');
  });

  it('lets everyone in when the operator allowed it, or in demo mode', () => {
    expect(remoteAccessDecision('192.0.2.7', LIVE_ALLOWED)).toBe('allow');
    expect(remoteAccessDecision('192.0.2.7', DEMO)).toBe('allow');
  });
});

describe('remoteAccessWarning', () => {
  it('warns either way when a token meets a non-loopback listen address', () => {
    const refused = remoteAccessWarning('0.0.0.0', LIVE);
    expect(refused).toMatch(/listening on 0\.0\.0\.0 .*refused \(403\).*PEERSCOPE_ALLOW_REMOTE=1/);
    const allowed = remoteAccessWarning(true, LIVE_ALLOWED);
    expect(allowed).toMatch(/every interface .*PEERSCOPE_ALLOW_REMOTE=1: anyone who can reach this server/);
  });

  it('says nothing on loopback or in demo mode', () => {
    expect(remoteAccessWarning('127.0.0.1', LIVE)).toBeNull();
    expect(remoteAccessWarning(undefined, LIVE_ALLOWED)).toBeNull();
    expect(remoteAccessWarning('0.0.0.0', DEMO)).toBeNull();
  });
});

describe('remoteRefusal', () => {
  it('is a 403 proxy error body', async () => {
    const response = remoteRefusal();
    expect(response.status).toBe(403);
    expect(response.headers.get('x-peerscope-source')).toBe('proxy');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ success: false, source: 'proxy', errors: [{ code: 'remote_refused' }] });
  });
});
