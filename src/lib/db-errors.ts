// Recognises the database's refusals as they arrive through Prisma 7 and the pg driver adapter, so services can
// turn a constraint violation into the domain error it means. Measured shapes (see PRISMA-OFFLINE.md):
// an EXCLUDE violation is P2039 (or P2010 from raw SQL) with meta.driverAdapterError.cause.originalCode '23P01';
// a unique violation is P2002.

export const SQLSTATE = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  exclusionViolation: '23P01',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

interface PrismaLikeError {
  code?: unknown;
  meta?: {
    target?: unknown;
    driverAdapterError?: { cause?: { originalCode?: unknown; constraint?: unknown; message?: unknown } };
  };
}

function asPrismaLike(error: unknown): PrismaLikeError | null {
  return typeof error === 'object' && error !== null ? (error as PrismaLikeError) : null;
}

/** The PostgreSQL SQLSTATE behind a Prisma error, when there is one. */
export function sqlStateOf(error: unknown): string | undefined {
  const prismaError = asPrismaLike(error);
  if (!prismaError) return undefined;
  if (prismaError.code === 'P2002') return SQLSTATE.uniqueViolation;
  if (prismaError.code === 'P2003') return SQLSTATE.foreignKeyViolation;
  const original = prismaError.meta?.driverAdapterError?.cause?.originalCode;
  if (typeof original === 'string') return original;
  const pgCode = (error as { code?: unknown }).code;
  return typeof pgCode === 'string' && /^[0-9A-Z]{5}$/.test(pgCode) ? pgCode : undefined;
}

/** The constraint named in the database's message, e.g. "Appointment_therapist_no_overlap". */
export function violatedConstraint(error: unknown): string | undefined {
  const cause = asPrismaLike(error)?.meta?.driverAdapterError?.cause;
  if (typeof cause?.constraint === 'string') return cause.constraint;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : '';
  return /constraint "([^"]+)"/.exec(message)?.[1];
}

export function isUniqueViolation(error: unknown): boolean {
  return sqlStateOf(error) === SQLSTATE.uniqueViolation;
}

export function isExclusionViolation(error: unknown): boolean {
  return sqlStateOf(error) === SQLSTATE.exclusionViolation;
}

/**
 * PostgreSQL gave up on this transaction because of another one (a deadlock it broke, or a serialisation
 * failure): the same work, tried again, will usually succeed or meet the other transaction's result.
 */
export function isConcurrencyFailure(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state === SQLSTATE.deadlockDetected || state === SQLSTATE.serializationFailure;
}

/**
 * PostgreSQL refused a value itself (SQLSTATE class 22, "data exception": a date out of its range, a number
 * too large, text it cannot encode). Such values come from requests that validation let through.
 */
export function isInvalidDataValue(error: unknown): boolean {
  return sqlStateOf(error)?.startsWith('22') ?? false;
}

/**
 * Runs `work` (a whole transaction) again when PostgreSQL aborted it in favour of a concurrent one, at most
 * `attempts` times in all; the last failure is rethrown for the caller to translate.
 */
export async function retryConcurrencyFailures<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isConcurrencyFailure(error)) throw error;
    }
  }
}

/**
 * The database could not take the work in time: no pool connection within the wait (P2024), or an interactive
 * transaction that ran past its timeout (P2028). The request may succeed later; it is not the caller's fault.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = asPrismaLike(error)?.code;
  return code === 'P2024' || code === 'P2028';
}

/** Record-not-found from update/delete by id. */
export function isRecordNotFound(error: unknown): boolean {
  return asPrismaLike(error)?.code === 'P2025';
}
