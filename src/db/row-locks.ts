// The row locks that serialise changes, in one place so their order is visible: a transaction that takes both
// takes the appointment first, then the therapist's calendar (reschedule does), and nothing takes them the other
// way round, so two such transactions cannot deadlock on each other. A booking takes the client's bookings first,
// then the therapist's calendar; nothing takes a client's lock after a calendar.
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Holds the appointment's row until the transaction ends, so changes to one appointment happen one after the
 * other. An unknown id locks nothing; the lookup that follows answers 404.
 */
export async function lockAppointment(tx: Prisma.TransactionClient, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Appointment" WHERE id = ${id} FOR UPDATE`;
}

/**
 * Serialises every change to one therapist's calendar: bookings, reschedules, schedule and time-off changes each
 * hold the therapist's row until they commit, so none can slip in between another's check and its write.
 *
 * Bookings used to take the row FOR SHARE and leave races to the exclusion constraint, but concurrent inserts of
 * conflicting rows each wait for the other's uncommitted row: measured with 500 simultaneous bookings of one slot,
 * PostgreSQL broke a deadlock every second and no booking succeeded in 78 s. One at a time per therapist, the
 * first wins and every later one sees its row and is refused at once. FOR NO KEY UPDATE rather than FOR UPDATE, so
 * rows that merely reference the therapist (a new certificate, a review) are not held up.
 */
export async function lockTherapistCalendar(tx: Prisma.TransactionClient, therapistId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "TherapistProfile" WHERE id = ${therapistId} FOR NO KEY UPDATE`;
  return rows.length === 1;
}

/**
 * Serialises one client's new bookings, whichever therapists they are with: the therapist's lock alone lets two
 * bookings with different therapists each count the client's pending bookings before the other's insert, and both
 * pass a limit meant to stop the second. Taken before the calendar, so a client racing many bookings waits here
 * without holding any therapist's calendar. FOR NO KEY UPDATE, as above: the appointment rows' foreign-key checks
 * on the user (FOR KEY SHARE) are not held up.
 *
 * The count that follows must be a statement of its own: under READ COMMITTED a statement's snapshot is taken
 * before it waits for the lock, so a count in the locking statement would miss the booking it waited for (tried:
 * 7 of 8 racing bookings got through a limit of 3).
 */
export async function lockClientBookings(tx: Prisma.TransactionClient, clientId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${clientId} FOR NO KEY UPDATE`;
}
