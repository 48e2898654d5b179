import { randomInt } from 'node:crypto';
import type { Response } from 'supertest';
import { expect } from 'vitest';

const used = new Set<string>();

/**
 * A client address no other test uses, from 198.18.0.0/15 (set aside for tests), to send as X-Forwarded-For to
 * an app that trusts one proxy hop. Per-address counters live in the worker's database, which the files of a
 * worker share, so a test that sets a limit low counts from zero only at an address of its own.
 */
export function uniqueAddress(): string {
  for (;;) {
    const address = `198.${18 + randomInt(2)}.${randomInt(256)}.${randomInt(1, 255)}`;
    if (!used.has(address)) {
      used.add(address);
      return address;
    }
  }
}

/** A 429 as the contract has it: a problem document with a Retry-After header. */
export function expectRateLimitProblem(response: Response): void {
  expect(response.status).toBe(429);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ type: '/problems/rate-limited', title: expect.any(String), status: 429 });
  expect(response.body.detail).toEqual(expect.any(String));
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}
