// Domain errors. Services throw these with a stable `code`; the errors plugin turns them into problem documents.
// Nothing here knows about HTTP requests or replies: the status is part of the error's meaning (not found,
// conflict, refused by a rule), mapped in one place.

export interface FieldError {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  constructor(
    readonly code: string,
    detail: string,
    /** Extra members of the problem document (e.g. the current state, the flags that block a booking). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly title = 'Invalid request';
  constructor(
    detail: string,
    readonly fieldErrors: FieldError[],
    code = 'validation-failed',
  ) {
    super(code, detail, { errors: fieldErrors });
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = 'Not authenticated';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = 'Not allowed';
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = 'Not found';
  constructor(resource: string, code = 'not-found') {
    super(code, `${resource} was not found`);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
}

/** Well-formed, but a domain rule refuses it (a blocked treatment, a missing clearance...). */
export class RuleViolationError extends AppError {
  readonly status = 422;
  readonly title = 'Refused by a rule';
}

export class RateLimitedError extends AppError {
  readonly status = 429;
  readonly title = 'Too many requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate-limited', detail, { retryAfterSeconds });
  }
}

/** The service is saving itself from overload (a full queue): nothing was done, and the client may retry. */
export class ServiceBusyError extends AppError {
  readonly status = 503;
  readonly title = 'Service unavailable';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super('busy', detail, { retryAfterSeconds });
  }
}
