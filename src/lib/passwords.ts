import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import PQueue from 'p-queue';
import { ServiceBusyError } from './errors.ts';

// scrypt from node:crypto: no native add-on to build. The parameters travel with each hash
// (`scrypt$<log2 N>$<r>$<p>$<salt>$<key>`), so raising the cost later keeps old hashes verifiable.

const KEY_LENGTH = 32;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function optionsFor(logCost: number, blockSize: number, parallelism: number): ScryptOptions {
  const cost = 2 ** logCost;
  return { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize + 1024 * 1024 };
}

export async function hashPassword(password: string, logCost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, optionsFor(logCost, BLOCK_SIZE, PARALLELISM));
  return ['scrypt', logCost, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logCost, blockSize, parallelism, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    optionsFor(Number(logCost), Number(blockSize), Number(parallelism)),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export interface PasswordHasherOptions {
  logCost: number;
  /** Hashes computed at once. Each takes a libuv thread (4 by default) and 128·N·r bytes (32 MiB at cost 15). */
  concurrency: number;
  /** New hashes (registration, password reset and change) allowed to wait for a slot; they use all but one. */
  maxQueuedHashes: number;
  /** Login checks allowed to wait for a slot: a budget of their own, which registrations cannot use up. */
  maxQueuedVerifications: number;
}

type Lane = 'hash' | 'verify';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** How many are computing and waiting now (tests and diagnostics). */
  load(): { running: number; waitingHashes: number; waitingVerifications: number };
}

/**
 * scrypt runs on libuv's small thread pool, first come first served: 40 registrations at once used to queue a login
 * behind all of them (3.2 s). Here at most `concurrency` hashes run; new hashes may hold all but one of those slots,
 * so a login never waits for a registration already running; waiting logins go first; and each kind has its own
 * bound on waiting, past which the caller gets a 503 with Retry-After instead of a slow answer.
 */
export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const slots = new PQueue({ concurrency: options.concurrency });
  // With one slot in all there is none to keep back; a login then waits for at most the one running hash.
  const hashSlots = Math.max(1, options.concurrency - 1);
  const hashLane = new PQueue({ concurrency: hashSlots });
  const lanes: Record<Lane, { slots: number; maxQueued: number; inFlight: number; running: number }> = {
    hash: { slots: hashSlots, maxQueued: options.maxQueuedHashes, inFlight: 0, running: 0 },
    verify: { slots: options.concurrency, maxQueued: options.maxQueuedVerifications, inFlight: 0, running: 0 },
  };
  // A moving average of one hash's duration, for an honest Retry-After.
  let averageMs = 100;

  async function run<T>(kind: Lane, task: () => Promise<T>): Promise<T> {
    const lane = lanes[kind];
    if (lane.inFlight >= lane.slots + lane.maxQueued) {
      const seconds = Math.max(1, Math.ceil(((lane.inFlight - lane.slots + 1) * averageMs) / lane.slots / 1000));
      throw new ServiceBusyError('Too many password checks at once; try again shortly', seconds);
    }
    lane.inFlight += 1;
    const compute = async () => {
      lane.running += 1;
      const startedAt = performance.now();
      try {
        return await task();
      } finally {
        lane.running -= 1;
        averageMs = 0.8 * averageMs + 0.2 * (performance.now() - startedAt);
      }
    };
    try {
      const inSlot = () => slots.add(compute, { priority: kind === 'verify' ? 1 : 0 }) as Promise<T>;
      return await (kind === 'hash' ? (hashLane.add(inSlot) as Promise<T>) : inSlot());
    } finally {
      lane.inFlight -= 1;
    }
  }

  return {
    hash: (password) => run('hash', () => hashPassword(password, options.logCost)),
    verify: (password, stored) => run('verify', () => verifyPassword(password, stored)),
    load: () => ({
      running: lanes.hash.running + lanes.verify.running,
      waitingHashes: lanes.hash.inFlight - lanes.hash.running,
      waitingVerifications: lanes.verify.inFlight - lanes.verify.running,
    }),
  };
}
