import type { DependenciesOf } from '../../deps.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { MS_PER_MINUTE } from '../../lib/durations.ts';
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { hashPassword, type PasswordHasher } from '../../lib/passwords.ts';
import { clearWindows, incrementWindow, secondsUntilWindowEnds } from '../../lib/rate-limit.ts';
import type { ApiRole, Principal } from '../../plugins/auth.ts';
import type { LoginInput, RegisterInput, UserView } from './auth.schemas.ts';

export const apiRoleOf = (role: Role): ApiRole => role.toLowerCase() as ApiRole;

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  therapistProfile: { id: string } | null;
}

export function toUserView(user: UserRow): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: apiRoleOf(user.role),
    ...(user.therapistProfile ? { therapistId: user.therapistProfile.id } : {}),
  };
}

export function toPrincipal(user: UserRow): Principal {
  return { userId: user.id, role: apiRoleOf(user.role), therapistId: user.therapistProfile?.id ?? null };
}

const WRONG_CREDENTIALS = 'The email or password is not correct';

export type AuthServiceDependencies = DependenciesOf<
  'prisma' | 'clock',
  | 'PASSWORD_HASH_COST'
  | 'LOGIN_WINDOW_MINUTES'
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_ACCOUNT_WINDOW_MINUTES'
> & {
  /** The process's one bounded hashing queue, shared with every other place that hashes a password. */
  passwordHasher: Pick<PasswordHasher, 'hash' | 'verify'>;
};

interface LoginLimit {
  key: string;
  max: number;
  windowMs: number;
}

export function createAuthService(deps: AuthServiceDependencies) {
  const { prisma, clock, config, passwordHasher } = deps;
  // Compared against when the email is unknown, so both failures cost the same time.
  const decoyHash = hashPassword('decoy password that never matches', config.PASSWORD_HASH_COST);

  async function register(input: RegisterInput): Promise<{ user: UserView; principal: Principal }> {
    const passwordHash = await passwordHasher.hash(input.password);
    try {
      const user = await prisma.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          role: input.role === 'therapist' ? 'THERAPIST' : 'CLIENT',
          ...(input.role === 'therapist' ? { therapistProfile: { create: {} } } : {}),
        },
        include: { therapistProfile: { select: { id: true } } },
      });
      return { user: toUserView(user), principal: toPrincipal(user) };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('email-taken', 'An account with this email already exists; log in instead');
      }
      throw error;
    }
  }

  /** Counts one attempt on each limit (one atomic statement each) and refuses when any is past its maximum. */
  async function countAttempt(limits: LoginLimit[], now: Date): Promise<void> {
    const counts = await Promise.all(limits.map((limit) => incrementWindow(prisma, limit.key, now, limit.windowMs)));
    const retryAfter = limits
      .map((limit, index) => ({ limit, count: counts[index]! }))
      .filter(({ limit, count }) => count.count > limit.max)
      .map(({ limit, count }) => secondsUntilWindowEnds(count, now, limit.windowMs));
    if (retryAfter.length > 0) {
      throw new RateLimitedError('Too many login attempts; wait before trying again', Math.max(...retryAfter));
    }
  }

  /**
   * Every attempt is counted before the password is checked, so a burst cannot slip between a read and an
   * increment: at most the limit of attempts reach the (slow) check per window, however many arrive at once.
   *
   * Three limits, in the database so all instances share them:
   * - account and address (5 per 15 min): a guesser gets a handful of tries from each address, and a stranger's
   *   failures from elsewhere never touch the owner's own budget;
   * - address (30 per 15 min): one address spraying guesses over many accounts;
   * - account (50 per day), counted only for attempts both address limits let through, so one address hammering
   *   an account cannot use it up: a guesser spread over many addresses still gets at most that many tries a day.
   * A successful login clears its account's counters (the address counter keeps counting: giving it back on success
   * would let a guesser with an account of their own refill it).
   */
  async function login(input: LoginInput, clientIp: string): Promise<{ user: UserView; principal: Principal }> {
    const now = clock.now();
    const shortWindowMs = config.LOGIN_WINDOW_MINUTES * MS_PER_MINUTE;
    const pairKey = `login:account-ip:${input.email} ${clientIp}`;
    const accountKey = `login:account:${input.email}`;
    await countAttempt(
      [
        { key: pairKey, max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP, windowMs: shortWindowMs },
        { key: `login:ip:${clientIp}`, max: config.LOGIN_MAX_FAILURES_PER_IP, windowMs: shortWindowMs },
      ],
      now,
    );
    await countAttempt(
      [
        {
          key: accountKey,
          max: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
          windowMs: config.LOGIN_ACCOUNT_WINDOW_MINUTES * MS_PER_MINUTE,
        },
      ],
      now,
    );

    const user = await prisma.user.findUnique({
      where: { email: input.email },
      include: { therapistProfile: { select: { id: true } } },
    });
    const passwordMatches = await passwordHasher.verify(input.password, user?.passwordHash ?? (await decoyHash));
    if (!user || !passwordMatches) throw new UnauthorizedError('invalid-credentials', WRONG_CREDENTIALS);
    await clearWindows(prisma, [pairKey, accountKey]);
    return { user: toUserView(user), principal: toPrincipal(user) };
  }

  async function me(principal: Principal): Promise<UserView> {
    const user = await prisma.user.findUnique({
      where: { id: principal.userId },
      include: { therapistProfile: { select: { id: true } } },
    });
    if (!user) throw new NotFoundError('The account');
    return toUserView(user);
  }

  return { register, login, me };
}
