// The appointment statuses and which of them hold time on a calendar, defined once for the code, the SQL and the
// database's no-overlap constraints (tests/db/active-statuses.test.ts checks the constraints against this list).
export const APPOINTMENT_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW', 'CANCELLED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * Statuses whose time is taken: the therapist's (with the buffer) and the client's. Every status but CANCELLED:
 * a completed or missed session keeps its past time, which is harmless and keeps the history consistent. A
 * waitlist hold will be one more entry here, and the constraints (`status <> 'CANCELLED'`) already cover it.
 */
export const ACTIVE_STATUSES = ['PENDING', 'CONFIRMED', 'COMPLETED', 'NO_SHOW'] as const satisfies readonly AppointmentStatus[];

/** Statuses a session can still leave by being cancelled or moved: it has not happened yet. */
export const UPCOMING_STATUSES = ['PENDING', 'CONFIRMED'] as const satisfies readonly AppointmentStatus[];
