import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers/app.ts';
import { DEFAULT_PASSWORD, uniqueEmail } from '../helpers/factories.ts';
import { expectRateLimitProblem, uniqueAddress } from '../helpers/limits.ts';

type App = TestContext & { close(): Promise<void> };

// Two instances of the service on one database, as behind a load balancer: each trusts one proxy hop, and the
// X-Forwarded-For it receives stands for the client address the proxy saw.
const LIMITED_ENV = {
  TRUST_PROXY: '1',
  RATE_LIMIT_REGISTER: '3/1h',
  RATE_LIMIT_SCREENING_PREVIEW: '4/1m',
  RATE_LIMIT_THERAPIST_SLOTS: '4/1m',
  RATE_LIMIT_SLOT_SEARCH: '4/1m',
};

describe('per-address rate limits on public routes', () => {
  let first: App;
  let second: App;
  beforeAll(async () => {
    [first, second] = await Promise.all([createTestApp({ env: LIMITED_ENV }), createTestApp({ env: LIMITED_ENV })]);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
  });

  const routes = [
    { name: 'the screening preview', send: (app: App) => app.http.post('/screenings/preview').send({ answers: {} }) },
    {
      name: 'one therapist’s slots',
      send: (app: App) =>
        app.http.get('/therapists/unknown-therapist/slots?massageType=swedish&duration=60&from=2026-12-01&to=2026-12-02'),
    },
    { name: 'the slot search', send: (app: App) => app.http.get('/slots?massageType=swedish&duration=60&date=2026-12-01') },
  ];

  it.each(routes)('limits $name per address over both instances, with a problem document and Retry-After', async (route) => {
    const address = uniqueAddress();
    const statuses: number[] = [];
    for (const app of [first, second, first, second]) {
      const response = await route.send(app).set('X-Forwarded-For', address);
      statuses.push(response.status);
    }
    expect(statuses).not.toContain(429);
    expectRateLimitProblem(await route.send(first).set('X-Forwarded-For', address));
    expectRateLimitProblem(await route.send(second).set('X-Forwarded-For', address));
    // Another address has its own budget.
    expect((await route.send(second).set('X-Forwarded-For', uniqueAddress())).status).not.toBe(429);
  });

  it('limits registration per address, the 409 answers that reveal an existing account included', async () => {
    const address = uniqueAddress();
    const email = uniqueEmail('flood');
    const register = (app: App, name: string) =>
      app.http
        .post('/auth/register')
        .set('X-Forwarded-For', address)
        .send({ email, password: DEFAULT_PASSWORD, name, role: 'client' });
    await register(first, 'Flo Flood').expect(201);
    await register(second, 'Flo Again').expect(409);
    await register(first, 'Flo Thrice').expect(409);
    const limited = await register(second, 'Flo Four');
    expectRateLimitProblem(limited);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('answers 400 from a limited route after the limit check, so malformed requests count too', async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 4; i += 1) {
      await first.http.get('/slots?duration=not-a-number').set('X-Forwarded-For', address).expect(400);
    }
    expectRateLimitProblem(await second.http.get('/slots?duration=not-a-number').set('X-Forwarded-For', address));
  });
});
