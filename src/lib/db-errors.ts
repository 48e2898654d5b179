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

/** Record-not-found from update/delete by id. */
export function isRecordNotFound(error: unknown): boolean {
  return asPrismaLike(error)?.code === 'P2025';
}
