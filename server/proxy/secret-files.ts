// Files that hold secrets are never served, whatever form of their path a request uses.
// Vite's dev server serves the project root (its own deny list covers `.env` and
// certificates, not wrangler's `.dev.vars`), and both Vite's and Cloudflare's asset
// servers decode paths their own way; this check runs before either, on the raw target.
// Pure (no node: imports), so every host applies the same rule.

/** One path segment that names a secrets file or folder (compared without case: macOS and Windows disks ignore it). */
const SECRET_SEGMENTS: readonly RegExp[] = [
  /^\.env(?:\..*)?$/, // dotenv files: .env, .env.local, .env.production ...
  /^\.dev\.vars(?:\..*)?$/, // wrangler's local secrets: .dev.vars, .dev.vars.staging ...
  /^\.wrangler$/, // wrangler's local state: KV, D1 and cache contents, its own copies of vars
  /^\.git$/,
  /^\.npmrc$/, // may hold a registry token
  /\.(?:pem|key|crt|cer|der|p12|pfx)$/, // keys and certificates
];

/** Rounds of percent-decoding tried: `%252e` is `%2e` once decoded, and some servers decode twice. */
const DECODE_ROUNDS = 4;

/**
 * True when `target` (a request-target as received: a path with an optional query, or an
 * absolute URL) reaches a secrets file in any spelling: percent-encoded (once or more),
 * with `.` or `..` segments, backslashes, doubled slashes, `/@fs/` absolute paths, or a
 * Vite query such as `?raw`, `?import` or `?url`.
 */
export function isSecretFileTarget(target: string): boolean {
  const end = target.search(/[?#]/);
  const path = end === -1 ? target : target.slice(0, end);
  return spellings(path).some((spelling) =>
    spelling
      .split(/[/\\]/)
      // Windows drops trailing dots and spaces from a name: `.env.` and `.env ` open `.env`.
      .map((segment) => segment.replace(/[. ]+$/, '').toLowerCase())
      .some((segment) => SECRET_SEGMENTS.some((pattern) => pattern.test(segment))),
  );
}

/** The path as received and after each round of decoding, until decoding changes nothing. */
function spellings(path: string): string[] {
  const found = [path];
  let current = path;
  for (let round = 0; round < DECODE_ROUNDS; round += 1) {
    const next = decodeLeniently(current);
    if (next === current) break;
    found.push(next);
    current = next;
  }
  return found;
}

/** Decodes every valid `%XX` escape and keeps malformed ones, where decodeURIComponent would throw. */
function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%[0-9a-f]{2}/gi, (escape) => {
      try {
        return decodeURIComponent(escape);
      } catch {
        // Half of a multi-byte character: a name we look for is plain ASCII, so this byte is not part of one.
        return escape;
      }
    });
  }
}
