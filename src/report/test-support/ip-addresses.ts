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
  // A stack of its own, in document order (each key before its value): a report nested
  // deeper than the call stack is still searched.
  type Item = { node: unknown; key: string | null } | { keyText: string };
  const stack: Item[] = [{ node: value, key: null }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if ('keyText' in item) {
      found.push(...ipsInText(item.keyText));
      continue;
    }
    const { node, key } = item;
    if (typeof node === 'string') {
      if (!isVersionNumber(key, node)) found.push(...ipsInText(node));
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) stack.push({ node: node[i], key });
    } else if (isRecord(node)) {
      for (const [k, v] of Object.entries(node).reverse()) stack.push({ node: v, key: k }, { keyText: k });
    }
  }
  return found;
}
