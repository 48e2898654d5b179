import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../helpers/app.ts';
import { DEFAULT_PASSWORD, createAdmin, registerUser, uniqueEmail } from '../helpers/factories.ts';
import { ManualClock } from '../../src/lib/clock.ts';

describe('auth', () => {
  const ctx = useTestApp();

  it('registers a client and returns a token that /me accepts', async () => {
    const email = uniqueEmail('Mixed.Case');
    const registered = await ctx.http
      .post('/auth/register')
      .send({ email, password: DEFAULT_PASSWORD, name: '  Robin  ', role: 'client' })
      .expect(201);
    expect(registered.body.user).toEqual({
      id: expect.any(String),
      email: email.toLowerCase(),
      name: 'Robin',
      role: 'client',
    });
    expect(registered.body.user).not.toHaveProperty('passwordHash');

    const me = await ctx.http.get('/me').set('Authorization', `Bearer ${registered.body.token}`).expect(200);
    expect(me.body).toEqual(registered.body.user);
  });

  it('gives a therapist a therapistId on register and on /me', async () => {
    const therapist = await registerUser(ctx, 'therapist');
    expect(therapist.user.therapistId).toEqual(expect.any(String));
    const me = await ctx.http.get('/me').set(therapist.auth).expect(200);
    expect(me.body.therapistId).toBe(therapist.user.therapistId);
  });

  it('refuses to let anyone register as an admin', async () => {
    const response = await ctx.http
      .post('/auth/register')
      .send({ email: uniqueEmail(), password: DEFAULT_PASSWORD, name: 'Mallory', role: 'admin' })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ path: 'body.role', message: expect.stringContaining('admins cannot') }]);
    expect(await ctx.prisma.user.count({ where: { role: 'ADMIN', name: 'Mallory' } })).toBe(0);
  });

  it('refuses a second account with the same email in another case with 409', async () => {
    const email = uniqueEmail('dup');
    await registerUser(ctx, 'client', { email });
    const response = await ctx.http
      .post('/auth/register')
      .send({ email: email.toUpperCase(), password: DEFAULT_PASSWORD, name: 'Again', role: 'client' })
      .expect(409);
    expect(response.body).toMatchObject({ status: 409, code: 'email-taken' });
  });

  it('rejects a short password with a field error and stores nothing', async () => {
    const email = uniqueEmail('short');
    const response = await ctx.http
      .post('/auth/register')
      .send({ email, password: 'short', name: 'Shorty', role: 'client' })
      .expect(400);
    expect(response.body.errors).toEqual([{ path: 'body.password', message: 'must be at least 10 characters' }]);
    expect(await ctx.prisma.user.count({ where: { email } })).toBe(0);
  });

  it.each([
    ['1234567890', 'is one of the most commonly used passwords'],
    ['password12', 'is one of the most commonly used passwords'],
    [' '.repeat(10), 'must not be only spaces'],
    ['the email itself', 'must not be your email address or name'],
    ['Weakling Wendy', 'must not be your email address or name'],
  ])('refuses the weak password %j with a 400 naming why, and stores nothing', async (password, reason) => {
    const email = uniqueEmail('weak');
    const response = await ctx.http
      .post('/auth/register')
      .send({ email, password: password === 'the email itself' ? email : password, name: 'Weakling Wendy', role: 'client' })
      .expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(response.body.errors).toEqual([{ path: 'body.password', message: reason }]);
    expect(await ctx.prisma.user.count({ where: { email } })).toBe(0);
  });

  it('logs in with the right password, case-insensitively on the email', async () => {
    const session = await registerUser(ctx, 'client');
    const response = await ctx.http
      .post('/auth/login')
      .send({ email: session.user.email.toUpperCase(), password: DEFAULT_PASSWORD })
      .expect(200);
    expect(response.body.user.id).toBe(session.user.id);
  });

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const session = await registerUser(ctx, 'client');
    const wrongPassword = await ctx.http
      .post('/auth/login')
      .send({ email: session.user.email, password: 'not the password' })
      .expect(401);
    const unknownEmail = await ctx.http
      .post('/auth/login')
      .send({ email: uniqueEmail('nobody'), password: 'not the password' })
      .expect(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(wrongPassword.body)).toEqual(strip(unknownEmail.body));
    expect(wrongPassword.body).toMatchObject({ status: 401, code: 'invalid-credentials' });
  });

  it('requires a token on /me, and rejects a forged one', async () => {
    const missing = await ctx.http.get('/me').expect(401);
    expect(missing.body.code).toBe('not-authenticated');
    const forged = await ctx.http.get('/me').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    expect(forged.body.code).toBe('invalid-token');
  });

  it('rejects a token once its lifetime has passed on the app clock', async () => {
    const clock = new ManualClock(new Date());
    const shortLived = await createTestApp({ env: { ACCESS_TOKEN_TTL_MINUTES: '5' }, clock });
    try {
      const session = await registerUser(shortLived, 'client');
      clock.advanceMinutes(4);
      await shortLived.http.get('/me').set(session.auth).expect(200);
      clock.advanceMinutes(2);
      const response = await shortLived.http.get('/me').set(session.auth).expect(401);
      expect(response.body.code).toBe('token-expired');
    } finally {
      await shortLived.close();
    }
  });

  it('lets an admin log in, but only through an account created outside the API', async () => {
    const admin = await createAdmin(ctx);
    const me = await ctx.http.get('/me').set(admin.auth).expect(200);
    expect(me.body.role).toBe('admin');
  });
});

describe('login rate limiting', () => {
  const ctx = useTestApp({ env: { LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '3', LOGIN_MAX_FAILURES_PER_IP: '100000' } });

  it('refuses an account from an address after repeated failures there, even the right password, with Retry-After', async () => {
    const session = await registerUser(ctx, 'client');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await ctx.http.post('/auth/login').send({ email: session.user.email, password: 'wrong guess!' }).expect(401);
    }
    const locked = await ctx.http
      .post('/auth/login')
      .send({ email: session.user.email, password: DEFAULT_PASSWORD })
      .expect(429);
    expect(locked.body).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is unaffected.
    const other = await registerUser(ctx, 'client');
    await ctx.http.post('/auth/login').send({ email: other.user.email, password: DEFAULT_PASSWORD }).expect(200);
  });

  it('limits failures per client address across accounts', async () => {
    const perIp = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_IP: '2', LOGIN_MAX_FAILURES_PER_ACCOUNT: '50' } });
    try {
      // The per-address counter is shared with other files in this worker, so start from a clean window.
      await perIp.prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: 'login:ip:' } } });
      await perIp.http.post('/auth/login').send({ email: uniqueEmail(), password: 'guess one!' }).expect(401);
      await perIp.http.post('/auth/login').send({ email: uniqueEmail(), password: 'guess two!' }).expect(401);
      await perIp.http.post('/auth/login').send({ email: uniqueEmail(), password: 'guess three' }).expect(429);
    } finally {
      await perIp.prisma.rateLimitBucket.deleteMany({ where: { key: { startsWith: 'login:ip:' } } });
      await perIp.close();
    }
  });
});
