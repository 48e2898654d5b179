// Response headers that protect browsers and caches from what the API sends: helmet's set (nosniff, frame and
// referrer policies, HSTS in production) with a content security policy for JSON, and no-store on anything a
// route did not mark cacheable, since most responses are somebody's appointments, health answers or tokens.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/**
 * What the /docs reference (swagger-ui) needs: its own scripts and styles from this origin, its inline style
 * attributes, the OpenAPI document and "try it out" calls to this origin. @fastify/swagger-ui lists no inline
 * script or style hashes (static/csp.json is empty), so 'self' is enough for scripts.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecurityHeadersOptions {
  production: boolean;
}

export default fp<SecurityHeadersOptions>(
  async (app, options) => {
    await app.register(helmet, {
      // An API response is data, never a page: nothing in it may load, run or be framed. /docs sets its own policy
      // (DOCS_CONTENT_SECURITY_POLICY, through @fastify/swagger-ui's staticCSP).
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      },
      // Only behind TLS, which production is: HSTS over plain http in development would pin localhost to https.
      strictTransportSecurity: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
      // The same as frame-ancestors 'none', for browsers that predate CSP.
      frameguard: { action: 'deny' },
    });
    app.addHook('onSend', async (_request, reply) => {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security-headers' },
);
