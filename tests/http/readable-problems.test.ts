import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { registerUser } from '../helpers/factories.ts';

// Validation messages are read by people (in a form, in a log, in a support ticket), and problem types are the
// project's own vocabulary: neither may read like a parser or name the framework underneath.

function expectProblemOf(response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) {
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status: response.status,
    detail: expect.any(String),
  });
  expect(String(response.body.type)).not.toMatch(/fst|err/i);
}

const booking = {
  therapistId: 'someone',
  massageType: 'swedish',
  durationMinutes: 60,
  startsAt: '2026-12-01T09:00:00Z',
  screeningId: 'some-screening',
};

describe('validation messages a person can read', () => {
  const ctx = useTestApp();

  it('says a missing Idempotency-Key header is required', async () => {
    const client = await registerUser(ctx, 'client');
    const response = await ctx.http.post('/appointments').set(client.auth).send(booking);
    expect(response.status).toBe(400);
    expectProblemOf(response);
    expect(response.body.errors).toEqual([{ path: 'headers.idempotency-key', message: 'is required' }]);
  });

  it('says a missing field is required, not what type was received', async () => {
    const response = await ctx.http.post('/auth/login').send({ email: 'someone@example.test' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'body.password', message: 'is required' }]);
  });

  it('says the body is required when a request leaves it out, with or without a JSON content type', async () => {
    const withoutType = await ctx.http.post('/auth/login');
    const emptyJson = await ctx.http.post('/auth/login').set('Content-Type', 'application/json');
    for (const response of [withoutType, emptyJson]) {
      expect(response.status).toBe(400);
      expectProblemOf(response);
      expect(response.body).toMatchObject({
        type: '/problems/body-required',
        detail: expect.stringMatching(/body is required/),
        errors: [{ path: 'body', message: 'is required' }],
      });
    }
  });

  it('gives one error for one bad date, the one that says what a date looks like', async () => {
    const response = await ctx.http.get('/therapists/anyone/slots').query({
      massageType: 'swedish',
      from: 'tomorrow',
      to: '2026-12-02',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'querystring.from', message: 'must be a date as YYYY-MM-DD' }]);
  });

  it('names each unknown field at its own path', async () => {
    const response = await ctx.http
      .post('/auth/login')
      .send({ email: 'someone@example.test', password: 'whatever', isAdmin: true, role: 'admin' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'body.isAdmin', message: 'is not a known field' },
      { path: 'body.role', message: 'is not a known field' },
    ]);
  });

  it('words wrong types, bounds and choices plainly', async () => {
    const register = await ctx.http
      .post('/auth/register')
      .send({ email: 42, password: 'long enough password', name: 'Ada', role: 'client' });
    expect(register.body.errors).toEqual([{ path: 'body.email', message: 'must be text' }]);
    const limit = await ctx.http.get('/massage-types').query({ limit: 0 });
    expect(limit.body.errors).toEqual([{ path: 'querystring.limit', message: 'must be at least 1' }]);
    const status = await ctx.http
      .get('/appointments')
      .set((await registerUser(ctx, 'client')).auth)
      .query({ status: 'LOST' });
    expect(status.body.errors).toEqual([
      { path: 'querystring.status', message: 'must be one of: PENDING, CONFIRMED, COMPLETED, NO_SHOW, CANCELLED' },
    ]);
  });
});

describe("the project's own problem types for what the framework refuses", () => {
  const ctx = useTestApp();

  it('answers malformed JSON with 400 invalid-body', async () => {
    const response = await ctx.http.post('/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expect(response.status).toBe(400);
    expectProblemOf(response);
    expect(response.body.type).toBe('/problems/invalid-body');
  });

  it('answers an empty JSON body on a route whose body is optional with 400 invalid-body', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    const response = await ctx.http
      .post('/appointments/anything/confirm')
      .set(therapist.auth)
      .set('Content-Type', 'application/json');
    expect(response.status).toBe(400);
    expectProblemOf(response);
    expect(response.body.type).toBe('/problems/invalid-body');
  });

  it('answers a body in another media type with 415 unsupported-media-type', async () => {
    const response = await ctx.http.post('/auth/login').set('Content-Type', 'application/xml').send('<login/>');
    expect(response.status).toBe(415);
    expectProblemOf(response);
    expect(response.body.type).toBe('/problems/unsupported-media-type');
  });

  it('answers an oversized body with 413 payload-too-large, naming the limit', async () => {
    const response = await ctx.http
      .post('/auth/register')
      .send({ email: 'big@example.test', password: 'x'.repeat(100_000), name: 'Big', role: 'client' });
    expect(response.status).toBe(413);
    expectProblemOf(response);
    expect(response.body).toMatchObject({ type: '/problems/payload-too-large', detail: expect.stringMatching(/\d+ bytes/) });
  });

  it('answers a malformed URL encoding with 400 invalid-url', async () => {
    const response = await ctx.http.get('/massage-types/%E0%A4%A');
    expect(response.status).toBe(400);
    expectProblemOf(response);
    expect(response.body.type).toBe('/problems/invalid-url');
  });
});
