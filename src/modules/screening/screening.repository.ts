// Thin Prisma access for screenings. Every function takes the client or the transaction to run in.
import type { Prisma, PrismaClient, Screening } from '../../generated/prisma/client.ts';
import { keysetOrderBy, NEWEST_FIRST, rowsAfter, type KeysetPosition } from '../../lib/pagination.ts';
import type { AppointmentStatus } from '../appointments/appointment-status.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** Slugs of the current catalogue in display order: what a screening is judged against. */
export async function catalogueSlugs(db: Db): Promise<string[]> {
  const types = await db.massageType.findMany({
    orderBy: [{ position: 'asc' }, { slug: 'asc' }],
    select: { slug: true },
  });
  return types.map((type) => type.slug);
}

export function insertScreening(db: Db, data: Prisma.ScreeningUncheckedCreateInput): Promise<Screening> {
  return db.screening.create({ data });
}

/** The screening when `clientId` owns it; null for unknown ids and other clients' screenings alike. */
export function findOwnScreening(db: Db, id: string, clientId: string): Promise<Screening | null> {
  return db.screening.findFirst({ where: { id, clientId } });
}

/** Which appointments give their therapist a reason to read the screening they use (see screening.service.ts). */
export interface TherapistScreeningAccess {
  statuses: readonly AppointmentStatus[];
  /** Only appointments ending at or after this instant. */
  endedSince: Date;
}

/**
 * The screening when `therapistId` has an appointment that uses it and still gives a reason to read it, with the
 * latest such appointment (recorded in the audit entry). Null otherwise.
 */
export async function findScreeningForTherapist(
  db: Db,
  id: string,
  therapistId: string,
  access: TherapistScreeningAccess,
): Promise<{ screening: Screening; appointmentId: string } | null> {
  const appointment = await db.appointment.findFirst({
    where: { screeningId: id, therapistId, status: { in: [...access.statuses] }, endsAt: { gte: access.endedSince } },
    orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
    select: { id: true, screening: true },
  });
  if (!appointment?.screening) return null;
  return { screening: appointment.screening, appointmentId: appointment.id };
}

/** A client's screenings, newest first; `take` rows after `after`. Answers are not selected. */
export function listClientScreenings(db: Db, clientId: string, after: KeysetPosition<Date> | undefined, take: number) {
  return db.screening.findMany({
    where: { clientId, ...rowsAfter<Prisma.ScreeningWhereInput>(NEWEST_FIRST, after) },
    orderBy: keysetOrderBy(NEWEST_FIRST),
    take,
    select: { id: true, createdAt: true, expiresAt: true, rulesetVersion: true, outcomes: true },
  });
}
