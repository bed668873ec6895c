// For the redaction tests: every IP address left anywhere in a report, keys included, as
// redaction would find it (version numbers under version keys are not addresses).

import { isRecord } from '../../lib/json-value.ts';
import { ipsInText, isVersionNumber } from '../redact.ts';

/**
 * Every IP address left anywhere in a JSON value, keys included, as written. Values of
 * version fields that are plain dotted numbers (`os_version: "10.0.0.1"`) do not count:
 * redaction leaves those alone too.
 */
export function findIpAddresses(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, key: string | null): void => {
    if (typeof node === 'string') {
      if (isVersionNumber(key, node)) return;
      found.push(...ipsInText(node));
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
    } else if (isRecord(node)) {
      for (const [k, v] of Object.entries(node)) {
        found.push(...ipsInText(k));
        visit(v, k);
      }
    }
  };
  visit(value, null);
  return found;
}
