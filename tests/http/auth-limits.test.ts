import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
