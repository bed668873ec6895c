import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, securityHeaders, withSecurityHeaders } from './security-headers.ts';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

describe('Content-Security-Policy', () => {
  it('allows only the app’s own files, no inline script and no eval', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(Object.fromEntries(policy)).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    });
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
  });
});

describe('securityHeaders', () => {
  it('sends the CSP for the built app and leaves it out for the dev server', () => {
    const built = securityHeaders({ contentSecurityPolicy: true });
    expect(built).toMatchObject({
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    const dev = securityHeaders({ contentSecurityPolicy: false });
    expect(dev['content-security-policy']).toBeUndefined();
    expect(dev).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  });

  it('adds them to a response without touching status or body', async () => {
    const response = withSecurityHeaders(new Response('hello', { status: 418, headers: { 'content-type': 'text/plain' } }), {
      contentSecurityPolicy: true,
    });
    expect(response.status).toBe(418);
    expect(await response.text()).toBe('hello');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
