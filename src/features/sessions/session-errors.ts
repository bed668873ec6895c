import { isApiError } from '../../api/api-error.ts';

/** What failed: the search of sessions, one session, its participants, or who a sender was. */
export type SessionRequest = 'sessions' | 'session' | 'participants' | 'participant';

export interface SessionErrorDescription {
  title: string;
  detail: string;
  action: string;
  upstreamMessage: string | null;
  retryable: boolean;
}

const WHAT: Record<SessionRequest, string> = {
  sessions: 'the list of sessions',
  session: 'the session',
  participants: 'the session’s participants',
  participant: 'the participant',
};

/** Any failure of a sessions or participants request, as a specific message with what to do. */
export function describeSessionError(error: unknown, request: SessionRequest, mode: 'demo' | 'live' | null): SessionErrorDescription {
  const what = WHAT[request];
  const tokenHome =
    mode === 'demo'
      ? 'Peerscope is in demo mode, so this comes from the demo upstream.'
      : 'Set CLOUDFLARE_API_TOKEN (environment or .env) where Peerscope runs, then restart it.';
  if (!isApiError(error)) {
    return {
      title: `Could not load ${what}`,
      detail: error instanceof Error ? error.message : 'Something went wrong.',
      action: 'Try again. If it keeps failing, reload the page.',
      upstreamMessage: null,
      retryable: true,
    };
  }
  const base = { upstreamMessage: error.upstreamMessage, retryable: true };
  const fromProxy = error.source === 'proxy';
  switch (error.kind) {
    case 'invalid-request':
      return {
        ...base,
        title: fromProxy ? 'Peerscope refused the request (400)' : 'The API rejected the request (400)',
        detail: fromProxy ? error.message.replace(/^400:\s*/, '') : `The API did not accept the request for ${what}.`,
        action: 'Check the account ID, app ID and search, then try again.',
        retryable: false,
      };
    case 'unauthorized':
      return {
        ...base,
        title: 'API token rejected (401)',
        detail: 'The Cloudflare API did not accept the API token Peerscope’s server sends: it is wrong, expired or revoked.',
        action: `Create an API token with the Realtime permission. ${tokenHome}`,
        retryable: false,
      };
    case 'forbidden':
      return {
        ...base,
        title: fromProxy ? 'Refused by Peerscope’s server (403)' : 'Token lacks permission (403)',
        detail: fromProxy
          ? 'Peerscope’s server refused this request: it came from another site or port, or from another machine while remote use is off.'
          : `The API token may not read RealtimeKit sessions of this account.`,
        action: fromProxy ? 'Open Peerscope at the address its server printed.' : 'Give the token the “Realtime” or “Realtime Admin” permission on this account.',
        retryable: false,
      };
    case 'not-found':
      return {
        ...base,
        title:
          request === 'sessions'
            ? 'No such app in this account (404)'
            : request === 'participant'
              ? 'No such participant in this session (404)'
              : 'No such session in this app (404)',
        detail:
          request === 'sessions'
            ? 'The API found no RealtimeKit app with this ID in this account.'
            : request === 'participant'
              ? 'The API knows no participant with this peer ID in the session.'
              : 'The API knows no session with this ID in this app: the link may be for another app, or the session ID mistyped.',
        action: request === 'sessions' ? 'Check the account ID and app ID against the RealtimeKit dashboard.' : 'Search for the call again by its meeting title or time.',
        retryable: false,
      };
    case 'rate-limited':
      return {
        ...base,
        title: 'Rate limited (429)',
        detail:
          error.retryAfterSeconds !== null
            ? `The API asked Peerscope to wait ${error.retryAfterSeconds} s, and kept refusing after the automatic retries.`
            : 'The API is refusing requests for now and gave no time to wait.',
        action: 'Wait a minute, then retry. Other tools using the same token share its rate limit.',
      };
    case 'server':
    case 'bad-gateway':
      return {
        ...base,
        title: `The API failed (${error.status ?? '5xx'})`,
        detail: error.html ? 'A gateway in front of the API answered with an HTML error page.' : `The API could not answer for ${what}, and the automatic retries failed too.`,
        action: 'This is on the API’s side. Retry in a minute.',
      };
    case 'timeout':
      return { ...base, title: 'No answer within 30 s', detail: `The request for ${what} was cancelled after 30 seconds.`, action: 'Retry.' };
    case 'network':
      return {
        ...base,
        title: 'Peerscope’s server is unreachable',
        detail: 'The request did not reach the server Peerscope runs on: it stopped, or this computer is offline.',
        action: 'Check that Peerscope is still running, then retry.',
      };
    case 'malformed-body':
    case 'not-a-report':
      return {
        ...base,
        title: `Not ${what}`,
        detail: `${error.message} The base URL may point at another API.`,
        action: 'Check CLOUDFLARE_API_BASE_URL, then retry.',
      };
    case 'unsuccessful':
      return {
        ...base,
        title: 'The API reported a failure',
        detail: `The API answered for ${what}, but marked the answer as unsuccessful.`,
        action: 'Retry; if it repeats, quote the message below to Cloudflare support.',
      };
    case 'unexpected-status':
      return {
        ...base,
        title: `Unexpected answer (${error.status ?? '?'})`,
        detail: 'The API answered with a status Peerscope does not expect for this request.',
        action: 'Retry, and check CLOUDFLARE_API_BASE_URL.',
      };
  }
}
