// Response headers for every answer of the built app. Pure, so a Worker serving the same
// build can send the same ones.

/**
 * The built app loads only its own files: module scripts (no inline script, no eval), its
 * stylesheet, same-origin `/api` calls, the SVG favicon. React and Recharts set inline
 * styles through the CSSOM (`element.style`), which CSP does not govern, so `style-src`
 * needs no 'unsafe-inline'.
 */
const CONTENT_SECURITY_POLICY_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'connect-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

export const CONTENT_SECURITY_POLICY = Object.entries(CONTENT_SECURITY_POLICY_DIRECTIVES)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

export interface SecurityHeaderOptions {
  /**
   * Send the Content-Security-Policy. Off for the Vite dev server, which injects inline
   * scripts (the React refresh preamble, the HMR client bootstrap) that `script-src 'self'` blocks.
   */
  contentSecurityPolicy: boolean;
}

export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  return {
    ...(options.contentSecurityPolicy ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
  };
}

/** A copy of the response with the security headers set (a Worker's last step). */
export function withSecurityHeaders(response: Response, options: SecurityHeaderOptions): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(securityHeaders(options))) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
