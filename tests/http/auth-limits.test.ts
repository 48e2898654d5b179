import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Response } from 'supertest';
import { expectRateLimitProblem, uniqueAddress } from '../helpers/limits.ts';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { DEFAULT_PASSWORD, registerUser, uniqueEmail } from '../helpers/factories.ts';

// The app trusts one proxy hop (TRUST_PROXY=1): X-Forwarded-For stands for the address a proxy saw.

describe('login limits', () => {
  let ctx: TestContext & { close(): Promise<void> };
  beforeAll(async () => {
    ctx = await createTestApp({
      env: {
        TRUST_PROXY: '1',
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '5',
        LOGIN_MAX_FAILURES_PER_IP: '30',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '12',
      },
    });
  });
  afterAll(async () => ctx.close());

  const attempt = (email: string, password: string, address: string) =>
    ctx.http.post('/auth/login').set('X-Forwarded-For', address).send({ email, password });

  it('lets at most the limit of 200 simultaneous wrong guesses on one account reach the password check', async () => {
    const owner = await registerUser(ctx, 'client');
    const address = uniqueAddress();
    const verify = vi.spyOn(ctx.app.services.passwords, 'verify');
    try {
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => attempt(owner.user.email, `wrong guess ${i}`, address)),
      );
      expect(verify).toHaveBeenCalledTimes(5);
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(195);
    } finally {
      verify.mockRestore();
    }
  });

  it('refuses the right password with 429 once a burst of wrong ones has used up the limit', async () => {
    const owner = await registerUser(ctx, 'client');
    const address = uniqueAddress();
    await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(owner.user.email, `wrong guess ${i}`, address)));
    const right = await attempt(owner.user.email, DEFAULT_PASSWORD, address);
    expectRateLimitProblem(right);
    expect(right.body.code).toBe('rate-limited');
  });

  it('does not lock the owner out when a stranger fails from another address', async () => {
    const owner = await registerUser(ctx, 'client');
    const stranger = uniqueAddress();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(owner.user.email, `stranger guess ${i}`, stranger)),
    );
    expect(responses.filter((response) => response.status === 401)).toHaveLength(5);
    await attempt(owner.user.email, DEFAULT_PASSWORD, uniqueAddress()).expect(200);
  });

  it('caps an account over all addresses at the slower, larger limit, counting only attempts that got through', async () => {
    const owner = await registerUser(ctx, 'client');
    // Two addresses use their 5 tries each (10 of the account's 12); a third gets 2 more, then the account is closed.
    for (const address of [uniqueAddress(), uniqueAddress()]) {
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => attempt(owner.user.email, `spread guess ${i}`, address)),
      );
      expect(responses.filter((response) => response.status === 401)).toHaveLength(5);
    }
    const third = uniqueAddress();
    await attempt(owner.user.email, 'third guess 1', third).expect(401);
    await attempt(owner.user.email, 'third guess 2', third).expect(401);
    expectRateLimitProblem(await attempt(owner.user.email, 'third guess 3', uniqueAddress()));
    expectRateLimitProblem(await attempt(owner.user.email, DEFAULT_PASSWORD, uniqueAddress()));
  });

  it('lets a successful login clear the account counters, so the owner’s own typos do not add up', async () => {
    const owner = await registerUser(ctx, 'client');
    const address = uniqueAddress();
    for (let round = 0; round < 3; round += 1) {
      for (let typo = 0; typo < 4; typo += 1) await attempt(owner.user.email, 'typo typo typo', address).expect(401);
      await attempt(owner.user.email, DEFAULT_PASSWORD, address).expect(200);
    }
  });

  it('lets at most the per-address limit of 120 simultaneous logins to different accounts reach the check', async () => {
    const address = uniqueAddress();
    const verify = vi.spyOn(ctx.app.services.passwords, 'verify');
    try {
      const responses = await Promise.all(
        Array.from({ length: 120 }, () => attempt(uniqueEmail('spray'), 'spray guess 1', address)),
      );
      expect(verify).toHaveBeenCalledTimes(30);
      expect(responses.filter((response) => response.status === 429)).toHaveLength(90);
    } finally {
      verify.mockRestore();
    }
  });

  it('takes the address the proxy saw, not the left-most entries a client writes into X-Forwarded-For', async () => {
    const proxySaw = uniqueAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) {
      const forged = `${randomInt(1, 223)}.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
      const response = await ctx.http
        .post('/auth/login')
        .set('X-Forwarded-For', `${forged}, ${proxySaw}`)
        .send({ email: uniqueEmail('rotate'), password: 'rotating guess' });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(30);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});

describe('password hashing under a registration flood', () => {
  let ctx: TestContext & { close(): Promise<void> };
  beforeAll(async () => {
    // One hash at a time at cost 14 (tens of milliseconds each), three registrations allowed to wait.
    ctx = await createTestApp({
      env: { PASSWORD_HASH_COST: '14', PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '3' },
    });
  });
  afterAll(async () => ctx.close());

  it('answers a login while registrations saturate hashing, and turns the overflow away with 503 and Retry-After', async () => {
    const owner = await registerUser(ctx, 'client');
    const startedAt = performance.now();
    const finishedAt = (response: Response) => ({ response, at: performance.now() - startedAt });
    const flood = Array.from({ length: 20 }, (_, i) =>
      ctx.http
        .post('/auth/register')
        .send({ email: uniqueEmail(`flood${i}`), password: DEFAULT_PASSWORD, name: 'Flo Flood', role: 'client' })
        .then(finishedAt),
    );
    // Once the flood has filled the queue, a login arrives.
    await vi.waitFor(() => expect(ctx.app.services.passwords.load().waitingHashes).toBe(3), { interval: 2 });
    const login = await ctx.http
      .post('/auth/login')
      .send({ email: owner.user.email, password: DEFAULT_PASSWORD })
      .then(finishedAt);
    const registrations = await Promise.all(flood);

    expect(login.response.status).toBe(200);
    const created = registrations.filter(({ response }) => response.status === 201);
    const refused = registrations.filter(({ response }) => response.status === 503);
    expect(created.length + refused.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(4);
    expect(refused.length).toBeGreaterThan(0);
    // It went ahead of the registrations that were waiting when it came.
    expect(login.at).toBeLessThan(Math.max(...created.map(({ at }) => at)));
    for (const { response } of refused) {
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({ type: '/problems/busy', status: 503, title: expect.any(String) });
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('turns logins away with 503 and Retry-After only when their own queue is full', async () => {
    const tight = await createTestApp({
      env: { PASSWORD_HASH_COST: '14', PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_VERIFY_QUEUE_LIMIT: '1' },
    });
    try {
      // Unknown emails cost a check against the decoy hash all the same, and no per-account limit stops them first.
      const responses = await Promise.all(
        Array.from({ length: 12 }, () =>
          tight.http.post('/auth/login').send({ email: uniqueEmail('queue'), password: 'a wrong guess' }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
      expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(2);
      expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
      const busy = responses.find((response) => response.status === 503)!;
      expect(busy.body).toMatchObject({ type: '/problems/busy', status: 503 });
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await tight.close();
    }
  });
});
