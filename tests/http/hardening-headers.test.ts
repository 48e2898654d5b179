// Findings of the issue-14 red-team run that concern what leaves the server: protective headers, caching of
// personal responses, links built from the Host header, echoed request ids, and a deeply nested body.
import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../helpers/app.ts';
import { createBookableTherapist } from '../helpers/booking.ts';
import { DEFAULT_PASSWORD, registerUser } from '../helpers/factories.ts';

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('security headers', () => {
  const ctx = useTestApp({ env: { PUBLIC_BASE_URL: 'https://book.practice.example/' } });

  it('sends nosniff, no framing, no referrer and a CSP that loads nothing on API responses', async () => {
    const response = await ctx.http.get('/massage-types').expect(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // Development and tests run over plain http: HSTS there would pin localhost to https.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps /docs working: its page and every asset it names load from this origin under its own CSP', async () => {
    const page = await ctx.http.get('/docs/').expect(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // No inline script: 'self' is all the page needs, and it has it.
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/);
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset, 'same-origin asset').toMatch(/^\.\//);
      const loaded = await ctx.http.get(`/docs/${asset.slice(2)}`);
      expect(loaded.status, asset).toBe(200);
    }
    // The initializer reads the OpenAPI document from this origin and calls no validator elsewhere.
    const initializer = await ctx.http.get('/docs/static/swagger-initializer.js').expect(200);
    expect(initializer.text).toContain('validatorUrl: null');
    await ctx.http.get('/docs/json').expect(200);
  });

  it('sends HSTS in production', async () => {
    const production = await createTestApp({
      env: { NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://book.practice.example' },
    });
    try {
      const response = await production.http.get('/health').expect(200);
      expect(response.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await production.close();
    }
  });

  it('marks authenticated responses, /me and a screening read no-store', async () => {
    const client = await registerUser(ctx, 'client');
    const me = await ctx.http.get('/me').set(client.auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const screening = await ctx.http.post('/screenings').set(client.auth).send({ answers: {} }).expect(201);
    expect(screening.headers['cache-control']).toBe('no-store');
    const read = await ctx.http.get(`/screenings/${screening.body.id}`).set(client.auth).expect(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const login = await ctx.http.post('/auth/login').send({ email: client.user.email, password: DEFAULT_PASSWORD });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});

describe('links and request ids do not come from the request', () => {
  const ctx = useTestApp({ env: { PUBLIC_BASE_URL: 'https://book.practice.example/' } });

  it('builds the calendar-feed URL from PUBLIC_BASE_URL, whatever Host says', async () => {
    const therapist = await createBookableTherapist(ctx);
    const feedUrl = `/therapists/${therapist.therapistId}/calendar-feed`;
    const spoofed = await ctx.http.get(feedUrl).set(therapist.session.auth).set('Host', 'evil.example').expect(200);
    const forwarded = await ctx.http
      .post(`${feedUrl}/rotate`)
      .set(therapist.session.auth)
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'http')
      .expect(200);
    for (const body of [spoofed.body, forwarded.body]) {
      expect(body.url).toBe(
        `https://book.practice.example/therapists/${therapist.therapistId}/calendar.ics?token=${body.token}`,
      );
    }
  });

  it('defaults PUBLIC_BASE_URL to http://HOST:PORT', async () => {
    const defaults = await createTestApp({ env: { HOST: '0.0.0.0', PORT: '8080' } });
    try {
      expect(defaults.config.PUBLIC_BASE_URL).toBe('http://localhost:8080');
    } finally {
      await defaults.close();
    }
  });

  it('keeps a UUID or a short safe request id, and replaces anything else', async () => {
    const uuid = '0190c0de-0000-7000-8000-000000000000';
    const kept = await ctx.http.get('/health').set('x-request-id', uuid).expect(200);
    expect(kept.headers['x-request-id']).toBe(uuid);
    const proxyId = 'lb-1.trace_0042';
    expect((await ctx.http.get('/health').set('x-request-id', proxyId)).headers['x-request-id']).toBe(proxyId);

    for (const hostile of ['x'.repeat(8 * 1024), 'a'.repeat(65), 'id with spaces', '<script>', 'a"b']) {
      const replaced = await ctx.http.get('/health').set('x-request-id', hostile).expect(200);
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('deeply nested JSON', () => {
  const ctx = useTestApp();

  it('answers a body nested 10,000 levels deep with 400, on the anonymous login too', async () => {
    for (const url of ['/auth/login', '/screenings/preview']) {
      const response = await ctx.http.post(url).set('Content-Type', 'application/json').send(nestedArrays(10_000));
      expect(response.status, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 400, code: 'nesting-too-deep', type: '/problems/nesting-too-deep' });
    }
    const inObject = JSON.stringify({ email: 'a@example.test', password: JSON.parse(nestedArrays(100)) });
    const response = await ctx.http.post('/auth/login').set('Content-Type', 'application/json').send(inObject);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toMatch(/^body\.password(\.0)+$/);
  });

  it('still accepts nesting up to the limit and judges it by the schema as before', async () => {
    const response = await ctx.http
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.test', password: JSON.parse(nestedArrays(63)) }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation-failed');
  });
});
