// Identifier rules shared by the lookup form and the proxy, so the browser and the
// server reject exactly the same input.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ACCOUNT_ID = /^[A-Za-z0-9]{1,32}$/;
// The reference says "at most 32 characters" yet the SDKs use 36-character UUIDs.
const APP_TAG = /^[A-Za-z0-9_-]{1,32}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID.test(value);
}

function isAppId(value: string): boolean {
  return UUID.test(value) || APP_TAG.test(value);
}

export function accountIdProblem(value: string): string | null {
  if (value === '') return 'Enter the Cloudflare account ID.';
  if (value.length > 32) return `Account ID is ${value.length} characters; it has at most 32.`;
  if (!isAccountId(value)) return 'Account ID has only letters and digits (usually 32 hex characters).';
  return null;
}

export function appIdProblem(value: string): string | null {
  if (value === '') return 'Enter the RealtimeKit app ID.';
  if (!isAppId(value)) {
    return 'App ID is a UUID (8-4-4-4-12 hex digits) or an identifier of at most 32 letters, digits, - or _.';
  }
  return null;
}

export function peerIdProblem(value: string): string | null {
  if (value === '') return 'Enter the peer ID of the participant.';
  if (!isUuid(value)) return 'Peer ID is a UUID, like 6513270e-269e-4d37-b2a7-4de452e6b438.';
  return null;
}

export function sessionIdProblem(value: string): string | null {
  if (value === '') return 'Enter the session ID.';
  if (!isUuid(value)) return 'Session ID is a UUID, like 182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e.';
  return null;
}

/** A session's participant ID is the peer ID of one join. */
export function participantIdProblem(value: string): string | null {
  if (value === '') return 'Enter the participant ID.';
  if (!isUuid(value)) return 'Participant ID is a peer ID: a UUID, like 6513270e-269e-4d37-b2a7-4de452e6b438.';
  return null;
}
