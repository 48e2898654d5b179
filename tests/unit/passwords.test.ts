import { describe, expect, it, vi } from 'vitest';
import { ServiceBusyError } from '../../src/lib/errors.ts';
import { createPasswordHasher, hashPassword, verifyPassword } from '../../src/lib/passwords.ts';

// Cost 12 keeps each hash at a few milliseconds: long enough to queue behind, short enough for a unit test.
const LOG_COST = 12;

describe('password hashing queue', () => {
  it('hashes and verifies as the plain functions do', async () => {
    const hasher = createPasswordHasher({ logCost: LOG_COST, concurrency: 2, maxQueuedHashes: 4, maxQueuedVerifications: 4 });
    const stored = await hasher.hash('violet kettle marathon');
    expect(await verifyPassword('violet kettle marathon', stored)).toBe(true);
    expect(await hasher.verify('violet kettle marathon', await hashPassword('violet kettle marathon', LOG_COST))).toBe(true);
    expect(await hasher.verify('wrong', stored)).toBe(false);
  });

  it('refuses a hash with Retry-After once its queue is full, without touching running ones', async () => {
    const hasher = createPasswordHasher({ logCost: LOG_COST, concurrency: 1, maxQueuedHashes: 1, maxQueuedVerifications: 4 });
    const running = hasher.hash('first password here');
    const waiting = hasher.hash('second password here');
    const refused = hasher.hash('third password here');
    await expect(refused).rejects.toBeInstanceOf(ServiceBusyError);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: expect.any(Number) });
    const error = await refused.then(() => null, (reason: unknown) => reason);
    expect((error as ServiceBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await expect(Promise.all([running, waiting])).resolves.toHaveLength(2);
    expect(hasher.load()).toEqual({ running: 0, waitingHashes: 0, waitingVerifications: 0 });
  });

  it('gives login checks a budget of their own that a full hash queue does not use up', async () => {
    const hasher = createPasswordHasher({ logCost: LOG_COST, concurrency: 1, maxQueuedHashes: 0, maxQueuedVerifications: 2 });
    const stored = await hashPassword('violet kettle marathon', LOG_COST);
    const running = hasher.hash('first password here');
    await expect(hasher.hash('second password here')).rejects.toBeInstanceOf(ServiceBusyError);
    await expect(hasher.verify('violet kettle marathon', stored)).resolves.toBe(true);
    await running;
  });

  it('runs a waiting login check before registrations that were queued earlier', async () => {
    const hasher = createPasswordHasher({ logCost: LOG_COST, concurrency: 1, maxQueuedHashes: 10, maxQueuedVerifications: 10 });
    const stored = await hashPassword('violet kettle marathon', LOG_COST);
    const finished: string[] = [];
    const hashes = [1, 2, 3, 4].map((n) => hasher.hash(`registration number ${n}`).then(() => finished.push(`hash ${n}`)));
    const login = hasher.verify('violet kettle marathon', stored).then(() => finished.push('login'));
    await Promise.all([...hashes, login]);
    // The first hash had started; the login went ahead of the three still waiting.
    expect(finished).toEqual(['hash 1', 'login', 'hash 2', 'hash 3', 'hash 4']);
  });
});

describe('password hashing queue with slots to spare', () => {
  it('keeps one slot from registrations, so a login starts at once however many are waiting', async () => {
    const hasher = createPasswordHasher({ logCost: LOG_COST, concurrency: 2, maxQueuedHashes: 10, maxQueuedVerifications: 10 });
    const stored = await hashPassword('violet kettle marathon', LOG_COST);
    const hashes = [1, 2, 3, 4].map((n) => hasher.hash(`registration number ${n}`));
    await vi.waitFor(() => expect(hasher.load()).toEqual({ running: 1, waitingHashes: 3, waitingVerifications: 0 }));
    const login = hasher.verify('violet kettle marathon', stored);
    await vi.waitFor(() => expect(hasher.load()).toEqual({ running: 2, waitingHashes: 3, waitingVerifications: 0 }));
    await expect(login).resolves.toBe(true);
    await Promise.all(hashes);
  });
});
