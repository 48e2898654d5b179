// Recognises the database's refusals as they arrive through Prisma 7 and the pg driver adapter, so services can
// turn a constraint violation into the domain error it means. Measured shapes (tests/db/db-errors.test.ts pins them):
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
 * The data exceptions (SQLSTATE class 22) that a value from a request can cause: text PostgreSQL cannot encode or
 * parse, a date or number outside what it stores. Not the whole class: division by zero or a number overflowing in
 * our own arithmetic are bugs, and stay 500s.
 */
const INPUT_DATA_EXCEPTIONS = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire (NUL in text)
  '22P02', // invalid_text_representation
  '22P05', // untranslatable_character (NUL in jsonb)
]);

/** PostgreSQL refused a value from the request that validation let through. */
export function isInvalidDataValue(error: unknown): boolean {
  const state = sqlStateOf(error);
  return state !== undefined && INPUT_DATA_EXCEPTIONS.has(state);
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
 * The database could not take the work in time: no connection for a transaction within its maxWait, or an
 * interactive transaction that ran past its timeout. Prisma 7 reports both as P2028, which also covers misuse of a
 * transaction (a query left running after it closed): that is a bug, not load, so only these two messages count.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (asPrismaLike(error)?.code !== 'P2028') return false;
  const message = error instanceof Error ? error.message : '';
  return message.includes('Unable to start a transaction in the given time') || message.includes('expired transaction');
}

/**
 * Prisma's own codes for "no database to talk to": P1001 can't reach the server, P1002 timed out reaching it,
 * P1017 the server closed the connection, P2024 no pool connection in time.
 */
const UNAVAILABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** @prisma/adapter-pg's names for socket failures (ECONNREFUSED/ENOTFOUND, ECONNRESET, ETIMEDOUT) and 53300. */
const UNAVAILABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * Class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting
 * up or shutting down), 53300 too many connections.
 */
const isUnavailableSqlState = (state: string) => state.startsWith('08') || /^57P0[123]$/.test(state) || state === '53300';
/**
 * What pg itself throws, unwrapped, when the socket under a client died: the adapter passes errors without a code
 * through as they are, and Prisma rethrows them inside an interactive transaction (measured: stopping the server
 * under a transaction gives "Client has encountered a connection error and is not queryable").
 */
const PG_CONNECTION_LOST =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect)$/;

/**
 * The database is gone or refusing connections (stopped, restarting, crashed, unreachable): nothing the request
 * did, and nothing a retry in this process fixes at once. Measured shapes, with a server stopped under the app:
 * P1001 with meta.driverAdapterError.cause.kind 'DatabaseNotReachable' for a model query or transaction, P2010 with
 * the same cause for raw SQL, originalCode 57P01 for a query the shutdown interrupted, and pg's plain
 * "not queryable" Error inside an interactive transaction. Causes are followed, since wrappers nest them.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const prismaError = current as PrismaLikeError & { message?: unknown; cause?: unknown };
    if (typeof prismaError.code === 'string' && UNAVAILABLE_PRISMA_CODES.has(prismaError.code)) return true;
    if (typeof prismaError.code === 'string' && UNAVAILABLE_SOCKET_CODES.has(prismaError.code)) return true;
    const cause = prismaError.meta?.driverAdapterError?.cause as { kind?: unknown } | undefined;
    if (typeof cause?.kind === 'string' && UNAVAILABLE_ADAPTER_KINDS.has(cause.kind)) return true;
    const state = sqlStateOf(current);
    if (state !== undefined && isUnavailableSqlState(state)) return true;
    if (typeof prismaError.message === 'string' && PG_CONNECTION_LOST.test(prismaError.message)) return true;
    current = prismaError.cause;
  }
  return false;
}

/** Record-not-found from update/delete by id. */
export function isRecordNotFound(error: unknown): boolean {
  return asPrismaLike(error)?.code === 'P2025';
}
