// Loading appointments as the views and access checks need them.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { formatInstant } from '../../lib/time.ts';
import type { Principal } from '../../plugins/auth.ts';
import type { ScreeningFlagsSnapshot } from '../screening/screening-for-booking.ts';
import type { AppointmentView } from './appointments.schemas.ts';
import type { Participant } from './appointments.rules.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export const appointmentSelect = {
  id: true,
  status: true,
  therapistId: true,
  clientId: true,
  durationMinutes: true,
  startsAt: true,
  endsAt: true,
  priceCents: true,
  currency: true,
  notes: true,
  lateCancellation: true,
  cancellationReason: true,
  cancelledAt: true,
  confirmedAt: true,
  completedAt: true,
  createdAt: true,
  screeningId: true,
  screeningFlags: true,
  flagsAcknowledgedAt: true,
  clearanceConfirmedAt: true,
  requestHash: true,
  version: true,
  calendarSequence: true,
  massageType: { select: { slug: true } },
} as const satisfies Prisma.AppointmentSelect;

export type AppointmentRow = Prisma.AppointmentGetPayload<{ select: typeof appointmentSelect }>;

/** Who is looking: a participant sees the screening summary, an admin does not (it is health-derived). */
export type Viewer = Participant | 'admin';

const instantOrNull = (value: Date | null): string | null => (value ? formatInstant(value) : null);

export function flagsOf(row: Pick<AppointmentRow, 'screeningFlags'>): ScreeningFlagsSnapshot['flags'] {
  return (row.screeningFlags as ScreeningFlagsSnapshot | null)?.flags ?? [];
}

export function toAppointmentView(row: AppointmentRow, viewer: Viewer): AppointmentView {
  const snapshot = row.screeningFlags as ScreeningFlagsSnapshot | null;
  return {
    id: row.id,
    status: row.status,
    therapistId: row.therapistId,
    clientId: row.clientId,
    massageType: row.massageType.slug,
    durationMinutes: row.durationMinutes,
    startsAt: formatInstant(row.startsAt),
    endsAt: formatInstant(row.endsAt),
    priceCents: row.priceCents,
    currency: row.currency,
    notes: row.notes,
    lateCancellation: row.lateCancellation,
    cancellationReason: row.cancellationReason,
    cancelledAt: instantOrNull(row.cancelledAt),
    confirmedAt: instantOrNull(row.confirmedAt),
    completedAt: instantOrNull(row.completedAt),
    createdAt: formatInstant(row.createdAt),
    ...(viewer === 'admin'
      ? {}
      : {
          screening: snapshot
            ? {
                decision: snapshot.decision,
                requiresClearance: snapshot.flags.some((flag) => flag.requiresClearance),
                flags: snapshot.flags,
              }
            : null,
        }),
    flagsAcknowledgedAt: instantOrNull(row.flagsAcknowledgedAt),
    clearanceConfirmedAt: instantOrNull(row.clearanceConfirmedAt),
  };
}

/** The caller's relation to the appointment; admins see every appointment, others only their own. */
export function viewerOf(principal: Principal, row: Pick<AppointmentRow, 'clientId' | 'therapistId'>): Viewer | null {
  if (principal.role === 'client' && row.clientId === principal.userId) return 'client';
  if (principal.role === 'therapist' && row.therapistId === principal.therapistId) return 'therapist';
  if (principal.role === 'admin') return 'admin';
  return null;
}

export function appointmentNotFound(): NotFoundError {
  return new NotFoundError('The appointment', 'appointment-not-found');
}

/** The appointment and the caller's relation to it; 404 for anyone who may not know it exists. */
export async function findVisibleAppointment(
  db: Db,
  principal: Principal,
  id: string,
): Promise<{ row: AppointmentRow; viewer: Viewer }> {
  const row = await db.appointment.findUnique({ where: { id }, select: appointmentSelect });
  const viewer = row ? viewerOf(principal, row) : null;
  if (!row || !viewer) throw appointmentNotFound();
  return { row, viewer };
}

export async function findByIdempotencyKey(db: Db, clientId: string, key: string): Promise<AppointmentRow | null> {
  return db.appointment.findUnique({
    where: { clientId_idempotencyKey: { clientId, idempotencyKey: key } },
    select: appointmentSelect,
  });
}
