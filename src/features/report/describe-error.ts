import { isApiError } from '../../api/api-error.ts';
import type { Lookup } from '../../lib/lookup.ts';

export interface ErrorDescription {
  title: string;
  /** What happened, in the user's terms. */
  detail: string;
  /** What to do about it. */
  action: string;
  /** The upstream's own words, when it gave any. */
  upstreamMessage: string | null;
  retryable: boolean;
}

/** Turns any failure of a peer-report lookup into a specific message with an action. */
export function describeError(error: unknown, lookup: Lookup, mode: 'demo' | 'live' | null): ErrorDescription {
  const tokenHome =
    mode === 'demo'
      ? 'Peerscope is in demo mode, so this comes from the demo upstream.'
      : 'Set CLOUDFLARE_API_TOKEN (environment or .env) where Peerscope runs, then restart it.';
  if (!isApiError(error)) {
    return {
      title: 'Something went wrong',
      detail: error instanceof Error ? error.message : 'The report could not be loaded.',
      action: 'Try again. If it keeps failing, reload the page.',
      upstreamMessage: null,
      retryable: true,
    };
  }
  const upstreamMessage = error.upstreamMessage;
  const base = { upstreamMessage, retryable: true };
  const fromProxy = error.source === 'proxy';
  switch (error.kind) {
    case 'invalid-request':
      return {
        ...base,
        title: fromProxy ? 'Peerscope refused the request (400)' : 'The API rejected the request (400)',
        detail: 'The account ID, app ID, peer ID or the filters were not accepted.',
        action: 'Check the IDs against the RealtimeKit dashboard and fetch again.',
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
      if (fromProxy) {
        return {
          ...base,
          title: 'Refused by Peerscope’s server (403)',
          detail: 'Peerscope’s server refused this request: it came from another site or port, or from another machine while remote use is off.',
          action: 'Open Peerscope at the address its server printed (on this machine), or set PEERSCOPE_ALLOW_REMOTE=1 behind an authenticating proxy.',
          retryable: false,
        };
      }
      return {
        ...base,
        title: 'Token lacks permission (403)',
        detail: `The API token is valid but may not read RealtimeKit data of account ${lookup.accountId}.`,
        action: 'Give the token the “Realtime” or “Realtime Admin” permission on this account, or check the account ID.',
        retryable: false,
      };
    case 'not-found':
      return fromProxy
        ? {
            ...base,
            title: 'Unknown route (404)',
            detail: 'Peerscope’s server does not forward this request.',
            action: 'Reload the page; if it persists, the running server is out of date.',
            retryable: false,
          }
        : {
            ...base,
            title: 'No such peer in this app (404)',
            detail: `The API found no participant with peer ID ${lookup.peerId} in app ${lookup.appId}.`,
            action:
              'Check that the peer ID belongs to this app and account. A peer ID is one join (one tab or device), not the user ID or session ID.',
            retryable: false,
          };
    case 'rate-limited':
      return {
        ...base,
        title: 'Rate limited (429)',
        detail:
          error.retryAfterSeconds !== null
            ? `The API asked Peerscope to wait ${error.retryAfterSeconds} s before asking again, and kept refusing after the automatic retries.`
            : 'The API is refusing requests for now and gave no time to wait.',
        action: 'Wait a minute, then press Retry. Other tools using the same token share its rate limit.',
      };
    case 'server':
      return {
        ...base,
        title: `The API failed (${error.status ?? '5xx'})`,
        detail: 'The Cloudflare API had an internal error, and two automatic retries failed too.',
        action: 'This is on the API’s side. Retry in a minute; if it persists, check the Cloudflare status page.',
      };
    case 'bad-gateway':
      if (fromProxy) {
        return {
          ...base,
          title: error.status === 504 ? 'The API did not answer in time (504)' : `Peerscope’s server could not reach the API (${error.status ?? 502})`,
          detail: error.message.replace(/^\d+:\s*/, ''),
          action: 'Check the network of the machine running Peerscope and CLOUDFLARE_API_BASE_URL, then retry.',
        };
      }
      return {
        ...base,
        title: `Gateway error (${error.status ?? 502})`,
        detail: error.html
          ? 'A gateway in front of the API answered with an HTML error page instead of the report.'
          : 'A gateway in front of the API could not get an answer from it.',
        action: 'Usually brief. Retry in a few seconds; automatic retries already failed twice.',
      };
    case 'timeout':
      return {
        ...base,
        title: 'No answer within 30 s',
        detail: 'The request was cancelled after 30 seconds without an answer.',
        action: 'Retry. If it keeps timing out, untick Quality stats: the quality samples are the largest part.',
      };
    case 'network':
      return {
        ...base,
        title: 'Peerscope’s server is unreachable',
        detail: 'The request did not reach the server Peerscope runs on: it stopped, or this computer is offline.',
        action: 'Check that `npm run dev` (or preview) is still running and the network is up, then retry.',
      };
    case 'malformed-body':
      if (error.empty) {
        return {
          ...base,
          title: 'An empty answer',
          detail: `The API answered${error.status !== null ? ` ${error.status}` : ''} with no body at all: no report and no error message.`,
          action: 'Retry. If it repeats, a proxy between Peerscope and the API may be dropping the body.',
        };
      }
      return {
        ...base,
        title: error.html ? 'An HTML page instead of the report' : 'The answer could not be read',
        detail: `${error.message} The report may have been cut off in transit.`,
        action: 'Retry. If it repeats, fetch fewer report parts to find the one that breaks.',
      };
    case 'not-a-report':
      return {
        ...base,
        title: 'Not a peer report',
        detail: `${error.message} The base URL may point at another API.`,
        action: 'Check CLOUDFLARE_API_BASE_URL and the IDs, then retry.',
        retryable: true,
      };
    case 'unsuccessful':
      return {
        ...base,
        title: 'The API reported a failure',
        detail: 'The API answered, but marked the answer as unsuccessful.',
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
