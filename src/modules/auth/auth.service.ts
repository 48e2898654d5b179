import type { DependenciesOf } from '../../deps.ts';
import type { Role } from '../../generated/prisma/enums.ts';
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { clearWindow, incrementWindow, readWindow } from '../../lib/rate-limit.ts';
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

export function createAuthService(deps: DependenciesOf<'prisma' | 'clock', 'PASSWORD_HASH_COST' | 'LOGIN_WINDOW_MINUTES' | 'LOGIN_MAX_FAILURES_PER_ACCOUNT' | 'LOGIN_MAX_FAILURES_PER_IP'>) {
  const { prisma, clock, config } = deps;
  // Compared against when the email is unknown, so both failures cost the same time.
  const decoyHash = hashPassword('decoy password that never matches', config.PASSWORD_HASH_COST);

  async function register(input: RegisterInput): Promise<{ user: UserView; principal: Principal }> {
    const passwordHash = await hashPassword(input.password, config.PASSWORD_HASH_COST);
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

  /**
   * Failed attempts are counted per account and per client address in the database (shared by all instances).
   * Once either limit is reached every attempt is refused until the window passes, even with the right password,
   * so guessing cannot continue; a successful login clears the account's counter.
   */
  async function login(input: LoginInput, clientIp: string): Promise<{ user: UserView; principal: Principal }> {
    const now = clock.now();
    const window = config.LOGIN_WINDOW_MINUTES;
    const accountKey = `login:account:${input.email}`;
    const ipKey = `login:ip:${clientIp}`;
    const [accountFailures, ipFailures] = await Promise.all([
      readWindow(prisma, accountKey, now, window),
      readWindow(prisma, ipKey, now, window),
    ]);
    const blockedBy = [
      { count: accountFailures, limit: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
      { count: ipFailures, limit: config.LOGIN_MAX_FAILURES_PER_IP },
    ].find(({ count, limit }) => count !== null && count.count >= limit);
    if (blockedBy?.count) {
      const retryAt = blockedBy.count.windowStartsAt.getTime() + window * 60_000;
      throw new RateLimitedError(
        'Too many failed logins; wait before trying again',
        Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
      );
    }

    const user = await prisma.user.findUnique({
      where: { email: input.email },
      include: { therapistProfile: { select: { id: true } } },
    });
    const passwordMatches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
    if (!user || !passwordMatches) {
      await Promise.all([
        incrementWindow(prisma, accountKey, now, window),
        incrementWindow(prisma, ipKey, now, window),
      ]);
      throw new UnauthorizedError('invalid-credentials', WRONG_CREDENTIALS);
    }
    await clearWindow(prisma, accountKey);
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
