import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { ForbiddenError, NotFoundError } from '../../lib/errors.ts';
import type { Principal } from '../../plugins/auth.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * A therapist may change only their own profile and certificates. Profiles are public, so another therapist's
 * profile is a 403 (its existence is no secret); an unknown id is still a 404.
 */
export async function assertOwnProfile(db: Db, actor: Principal, therapistId: string): Promise<void> {
  if (actor.therapistId === therapistId) return;
  const exists = await db.therapistProfile.findUnique({ where: { id: therapistId }, select: { id: true } });
  if (!exists) throw new NotFoundError('The therapist', 'therapist-not-found');
  throw new ForbiddenError('not-your-profile', 'Only the therapist themself can change this profile');
}

export async function assertTherapistExists(db: Db, therapistId: string): Promise<void> {
  const exists = await db.therapistProfile.findUnique({ where: { id: therapistId }, select: { id: true } });
  if (!exists) throw new NotFoundError('The therapist', 'therapist-not-found');
}

/** The therapist themself and admins see a therapist's private details (certificate numbers, pending ones). */
export function canSeePrivateDetails(caller: Principal | null, therapistId: string): boolean {
  return caller?.role === 'admin' || (caller?.role === 'therapist' && caller.therapistId === therapistId);
}
