import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

/** Every 4xx is an RFC 9457 problem document with type, title, status and detail; none is a 500. */
function expectProblem(response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({
    type: expect.stringMatching(/^\/problems\//),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
}

describe('problem documents for bad requests', () => {
  const ctx = useTestApp();

  it('answers malformed JSON with 400', async () => {
    const response = await ctx.http
      .post('/auth/register')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", ');
    expectProblem(response, 400);
  });

  it('answers wrong types with 400 and one field error per field', async () => {
    const response = await ctx.http
      .post('/auth/register')
      .send({ email: 42, password: ['x'], name: null, role: 'client' });
    expectProblem(response, 400);
    const paths = [...new Set((response.body.errors as { path: string }[]).map((error) => error.path))].sort();
    expect(paths).toEqual(['body.email', 'body.name', 'body.password']);
  });

  it('answers unknown fields with 400 naming them', async () => {
    const response = await ctx.http
      .post('/auth/login')
      .send({ email: 'a@example.test', password: 'whatever', isAdmin: true });
    expectProblem(response, 400);
    expect(JSON.stringify(response.body.errors)).toContain('isAdmin');
  });

  it('answers a missing body with 400', async () => {
    const response = await ctx.http.post('/auth/login').set('Content-Type', 'application/json');
    expectProblem(response, 400);
  });

  it('answers an unsupported content type with 415', async () => {
    const response = await ctx.http.post('/auth/login').set('Content-Type', 'application/xml').send('<login/>');
    expectProblem(response, 415);
  });

  it('answers an oversized body with 413', async () => {
    const response = await ctx.http
      .post('/auth/register')
      .send({ email: 'big@example.test', password: 'x'.repeat(100_000), name: 'Big', role: 'client' });
    expectProblem(response, 413);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await ctx.http.get('/no/such/route');
    expectProblem(response, 404);
    expect(response.body.code).toBe('route-not-found');
  });

  it('answers text with the NUL character, which PostgreSQL cannot store, with 400 naming each field', async () => {
    const query = await ctx.http.get('/slots?massageType=swedish%00&date=2026-12-02');
    expectProblem(query, 400);
    expect(query.body.errors).toEqual([{ path: 'querystring.massageType', message: 'must not contain the NUL character (\\u0000)' }]);
    const path = await ctx.http.get('/massage-types/swedish%00');
    expectProblem(path, 400);
    expect(path.body.errors).toEqual([{ path: 'params.slug', message: expect.any(String) }]);
    const body = await ctx.http
      .post('/screenings/preview')
      .send({ answers: { skin: { openWoundOrBurn: true, region: 'legs\u0000' } }, ['odd\u0000key']: 1 });
    expectProblem(body, 400);
    expect(body.body.errors.map((error: { path: string }) => error.path)).toEqual(['body.answers.skin.region', 'body.odd\\0key']);
  });

  it('echoes a request id so a report can be matched to the logs', async () => {
    const response = await ctx.http.get('/health').set('x-request-id', 'trace-me-123').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-me-123');
  });
});

describe('unknown ids', () => {
  const ctx = useTestApp();

  it('answers an over-long or odd id with 404, never 400 or 500', async () => {
    for (const id of ['x'.repeat(99), 'x'.repeat(150), '%E2%9C%93', "1'; DROP TABLE", '00000000-0000-0000-0000-000000000000']) {
      const response = await ctx.http.get(`/massage-types/${encodeURIComponent(id)}`);
      expect(response.status, id).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('answers an absurdly long path parameter with a 414 problem document', async () => {
    const response = await ctx.http.get(`/massage-types/${'x'.repeat(2000)}`).expect(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a malformed percent-encoding in the path with a 400 problem document', async () => {
    const response = await ctx.http.get('/massage-types/%E0%A4%A').expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
