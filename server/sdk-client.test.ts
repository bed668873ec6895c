// The official `cloudflare` SDK, pointed at Peerscope's /api, reads the demo's sessions as it
// would read RealtimeKit's: a real Vite server with the proxy plugin in demo mode (which starts
// the real demo upstream), the SDK's own client, and its own methods and parameters. What it
// gets back is what the proxy forwarded from the upstream, typed as the SDK types it.

import type { AddressInfo } from 'node:net';
import Cloudflare from 'cloudflare';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_ACCOUNT_ID, DEMO_APP_ID } from './demo/catalog.ts';
import { scenarioSpec } from './demo/scenarios.ts';
import { captureLogger, removeTempDir, tempProjectRoot } from './test-support/servers.ts';
import { peerscopeProxy } from './vite-plugin.ts';

const ENV_NAMES = ['CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_ACCOUNT_ID', 'PEERSCOPE_ALLOW_REMOTE', 'PEERSCOPE_PUBLIC_URL', 'PEERSCOPE_BENCH'];

let vite: ViteDevServer;
let root: string;
let client: Cloudflare;

beforeAll(async () => {
  // Demo mode: no token where the proxy looks for one.
  for (const name of ENV_NAMES) vi.stubEnv(name, '');
  root = tempProjectRoot('peerscope-sdk-');
  vite = await createServer({
    configFile: false,
    root,
    customLogger: captureLogger().logger,
    plugins: [peerscopeProxy()],
    server: { host: '127.0.0.1', port: 0 },
  });
  await vite.listen();
  const { port } = vite.httpServer?.address() as AddressInfo;
  // The token is the SDK's to send; the proxy drops it and sends its own.
  client = new Cloudflare({ apiToken: 'not-a-real-token', baseURL: `http://127.0.0.1:${port}/api`, maxRetries: 0 });
}, 60_000);

afterAll(async () => {
  await vite?.close();
  if (root) removeTempDir(root);
  vi.unstubAllEnvs();
});

const group = scenarioSpec('group-receiver');
const params = { account_id: DEMO_ACCOUNT_ID, app_id: DEMO_APP_ID };

describe('the official SDK against Peerscope’s /api in demo mode', () => {
  it('getSessions: search, time range, status, sort and paging', async () => {
    const found = await client.realtimeKit.sessions.getSessions(DEMO_APP_ID, { account_id: DEMO_ACCOUNT_ID, search: 'product weekly' });
    expect(found.success).toBe(true);
    expect(found.data?.sessions?.map((session) => session.id)).toEqual([group.sessionId]);
    expect(found.data?.sessions?.[0]).toMatchObject({ meeting_display_name: 'Product weekly', status: 'ENDED', max_concurrent_participants: 7 });
    expect(found.paging?.total_count).toBe(1);

    const afternoon = await client.realtimeKit.sessions.getSessions(DEMO_APP_ID, {
      account_id: DEMO_ACCOUNT_ID,
      start_time: '2026-09-14T12:00:00Z',
      end_time: '2026-09-14T18:00:00Z',
      sort_by: 'createdAt',
      sort_order: 'ASC',
    });
    expect(afternoon.data?.sessions?.map((session) => session.meeting_display_name)).toEqual(['Q3 quarterly review', 'Northwind Freight onboarding', 'Field team check-in']);

    const live = await client.realtimeKit.sessions.getSessions(DEMO_APP_ID, { account_id: DEMO_ACCOUNT_ID, status: 'LIVE' });
    expect(live.data?.sessions?.map((session) => session.id)).toEqual([scenarioSpec('still-in-call').sessionId]);

    const page = await client.realtimeKit.sessions.getSessions(DEMO_APP_ID, { account_id: DEMO_ACCOUNT_ID, page_no: 2, per_page: 4 });
    expect(page.data?.sessions).toHaveLength(4);
    expect(page.paging).toMatchObject({ start_offset: 4, end_offset: 7 });
    expect(page.paging?.total_count).toBeGreaterThan(25);
  });

  it('getSessionDetails: the session itself', async () => {
    const { data: details, response } = await client.realtimeKit.sessions.getSessionDetails(group.sessionId, { ...params, include_breakout_rooms: true }).withResponse();
    // Forwarded by the proxy from the demo upstream, not answered by the proxy itself.
    expect(response.headers.get('x-peerscope-source')).toBe('upstream');
    expect(details.data).toMatchObject({ id: group.sessionId, meeting_display_name: 'Product weekly', type: 'meeting', status: 'ENDED', breakout_rooms: [] });
    expect(Date.parse(details.data?.ended_at ?? '')).toBeGreaterThan(Date.parse(details.data?.started_at ?? ''));
  });

  it('getSessionParticipants: search by name, sort, pages', async () => {
    const everyone = await client.realtimeKit.sessions.getSessionParticipants(group.sessionId, params);
    expect(everyone.data?.participants?.map((p) => p.id).sort()).toEqual([group.peerId, ...group.remoteSenders.map((s) => s.peerId)].sort());

    const dmitri = await client.realtimeKit.sessions.getSessionParticipants(group.sessionId, { ...params, search: 'Dmitri' });
    expect(dmitri.data?.participants?.map((p) => [p.display_name, p.id])).toEqual([['Dmitri Volkov', group.remoteSenders[3]?.peerId]]);

    const shortest = await client.realtimeKit.sessions.getSessionParticipants(group.sessionId, { ...params, sort_by: 'duration', sort_order: 'ASC', per_page: 1 });
    expect(shortest.data?.participants?.map((p) => p.display_name)).toEqual(['Liam Gallagher']);

    const town = await client.realtimeKit.sessions.getSessions(DEMO_APP_ID, { account_id: DEMO_ACCOUNT_ID, search: 'town hall' });
    const townId = town.data?.sessions?.[0]?.id ?? '';
    const thirteenth = await client.realtimeKit.sessions.getSessionParticipants(townId, { ...params, page_no: 13, per_page: 100 });
    // 1,240 joins: twelve full pages, then 40.
    expect(thirteenth.data?.participants).toHaveLength(40);
  });

  it('getSessionParticipantDetails: one join, with its peer events', async () => {
    const one = await client.realtimeKit.sessions.getSessionParticipantDetails(group.peerId, { ...params, session_id: group.sessionId, include_peer_events: true });
    expect(one.data?.participant).toMatchObject({ id: group.peerId, display_name: 'Mei Chen', custom_participant_id: 'crm-user-2207', joined_at: group.joinedAt });
    expect(one.data?.participant?.peer_events?.map((event) => event.event_name)).toEqual(['PEER_CREATED', 'PEER_JOINING', 'PEER_LEAVING']);
  });

  it('fails as the SDK fails: an unknown session is its NotFoundError', async () => {
    const unknown = client.realtimeKit.sessions.getSessionDetails('00000000-0000-4000-8000-000000000000', params);
    await expect(unknown).rejects.toBeInstanceOf(Cloudflare.NotFoundError);
  });
});
