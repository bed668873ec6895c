import { accountIdProblem, appIdProblem, peerIdProblem } from './ids.ts';
import { isReportFilter, REPORT_FILTERS, type ReportFilter } from './filters.ts';

/** One peer-report lookup: everything the request depends on. */
export interface Lookup {
  accountId: string;
  appId: string;
  peerId: string;
  /** Always in REPORT_FILTERS order, never empty. */
  filters: ReportFilter[];
  includePeerEvents: boolean;
}

/** What the form holds: raw text, possibly invalid. */
export interface LookupInput {
  accountId: string;
  appId: string;
  peerId: string;
  filters: ReportFilter[];
  includePeerEvents: boolean;
}

export type LookupField = 'accountId' | 'appId' | 'peerId' | 'filters';

export type LookupValidation =
  | { ok: true; lookup: Lookup }
  | { ok: false; errors: Partial<Record<LookupField, string>> };

export function validateLookup(input: LookupInput): LookupValidation {
  const accountId = input.accountId.trim();
  const appId = input.appId.trim();
  const peerId = input.peerId.trim().toLowerCase();
  const filters = REPORT_FILTERS.filter((f) => input.filters.includes(f));
  const errors: Partial<Record<LookupField, string>> = {};
  const account = accountIdProblem(accountId);
  if (account) errors.accountId = account;
  const app = appIdProblem(appId);
  if (app) errors.appId = app;
  const peer = peerIdProblem(peerId);
  if (peer) errors.peerId = peer;
  if (filters.length === 0) errors.filters = 'Tick at least one part of the report to fetch.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, lookup: { accountId, appId, peerId, filters, includePeerEvents: input.includePeerEvents } };
}

/** Reads `?account=..&app=..&peer=..&filters=..&peerEvents=1`. Missing filters means all. */
export function lookupInputFromSearch(search: string): LookupInput & { hasPeer: boolean } {
  const params = new URLSearchParams(search);
  const rawFilters = params.get('filters');
  const filters =
    rawFilters === null
      ? [...REPORT_FILTERS]
      : REPORT_FILTERS.filter((f) => rawFilters.split(',').some((v) => v.trim() === f && isReportFilter(v.trim())));
  return {
    accountId: params.get('account') ?? '',
    appId: params.get('app') ?? '',
    peerId: params.get('peer') ?? '',
    filters,
    includePeerEvents: params.get('peerEvents') === '1' || params.get('peerEvents') === 'true',
    hasPeer: params.has('peer'),
  };
}

/** Also writes a lookup that does not validate, as typed, so the form can show it again. */
export function lookupToSearch(lookup: LookupInput, extra?: Record<string, string>): string {
  const params = new URLSearchParams();
  params.set('account', lookup.accountId);
  params.set('app', lookup.appId);
  params.set('peer', lookup.peerId);
  params.set('filters', lookup.filters.join(','));
  if (lookup.includePeerEvents) params.set('peerEvents', '1');
  for (const [key, value] of Object.entries(extra ?? {})) params.set(key, value);
  // URLSearchParams encodes the comma; the documented link format keeps it literal.
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

export function sameLookup(a: Lookup | null, b: Lookup | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.accountId === b.accountId &&
    a.appId === b.appId &&
    a.peerId === b.peerId &&
    a.includePeerEvents === b.includePeerEvents &&
    a.filters.join(',') === b.filters.join(',')
  );
}
