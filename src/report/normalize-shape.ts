// Which of the response shapes a body is, without reading it: small enough for the first
// screen, where opening a saved file checks it before any of the report's code is loaded.

import { isRecord, type JsonObject } from '../lib/json-value.ts';

export const PARTICIPANT_KEYS = new Set([
  'id',
  'peer_id',
  'session_id',
  'user_id',
  'custom_participant_id',
  'client_specific_id',
  'display_name',
  'name',
  'preset_name',
  'role',
  'joined_at',
  'left_at',
  'created_at',
  'updated_at',
  'duration',
  'peer_events',
  'peer_report',
  'peer_stats',
  'quality_stats',
]);

const REPORT_MARKERS = ['peer_report', 'peer_stats', 'quality_stats'] as const;
const IDENTITY_MARKERS = ['joined_at', 'left_at', 'session_id', 'display_name', 'preset_name', 'role', 'duration'];

export function hasObjectAt(obj: JsonObject, key: string): boolean {
  return isRecord(obj[key]);
}

export function isEnvelope(input: JsonObject): boolean {
  if (Object.hasOwn(input, 'success')) return true;
  return isRecord(input['data']) && !hasObjectAt(input, 'participant') && !REPORT_MARKERS.some((k) => hasObjectAt(input, k));
}

export function looksLikeParticipant(obj: JsonObject): boolean {
  if (REPORT_MARKERS.some((key) => hasObjectAt(obj, key))) return true;
  const id = obj['id'];
  return (typeof id === 'string' || typeof id === 'number') && IDENTITY_MARKERS.some((key) => obj[key] != null);
}

/**
 * For the API client: does this body hold something recognisable as a peer report?
 * False for other endpoints' bodies (`{sessions: []}`), error envelopes, `{}`, arrays.
 */
export function looksLikePeerReport(input: unknown): boolean {
  if (!isRecord(input)) return false;
  const data = isEnvelope(input) ? input['data'] : input;
  if (!isRecord(data)) return false;
  const participant = data['participant'];
  if (isRecord(participant)) return looksLikeParticipant(participant) || Object.keys(participant).some((k) => PARTICIPANT_KEYS.has(k));
  return looksLikeParticipant(data);
}
