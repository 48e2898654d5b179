import fp from 'fastify-plugin';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../lib/errors.ts';
import { useReadableValidationMessages } from '../lib/validation-messages.ts';
import {
  isConcurrencyFailure,
  isDatabaseBusy,
  isDatabaseUnavailable,
  isExclusionViolation,
  isInvalidDataValue,
  isRecordNotFound,
  isUniqueViolation,
} from '../lib/db-errors.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const BUSY_RETRY_AFTER_SECONDS = 1;
/** A restarting PostgreSQL is usually back within seconds; sooner retries would only add to the pile. */
export const DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/** While the database is down every request fails the same way: one log line per interval says so. */
const OUTAGE_LOG_INTERVAL_MS = 10_000;
/** A draining instance: a load balancer has a few seconds to move the client to another one. */
const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

const titles: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Refused by a rule',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function problem(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): Problem {
  return { type: `/problems/${code}`, title: titles[status] ?? 'Error', status, detail, code, ...extensions };
}

/** `/email` in `body` → `body.email`; clients get paths they can match to their own fields. */
function fieldPath(context: string | undefined, instancePath: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  return [context ?? 'body', ...segments].join('.');
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * One entry per offending field, in the order found. Unknown keys are named each at its own path. Only the first
 * complaint about a field is kept: the later ones follow from it (a date that is not `YYYY-MM-DD` is not a
 * calendar date either), and a person fixes one thing at a time.
 */
function fieldErrors(context: string | undefined, issues: readonly ValidationIssue[]): FieldError[] {
  const byPath = new Map<string, string>();
  for (const issue of issues) {
    const keys = issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys) ? issue.params.keys : null;
    const entries: [path: string, message: string][] = keys
      ? keys.map((key) => [fieldPath(context, `${issue.instancePath}/${String(key)}`), 'is not a known field'])
      : [[fieldPath(context, issue.instancePath), issue.message ?? 'is invalid']];
    for (const [path, message] of entries) if (!byPath.has(path)) byPath.set(path, message);
  }
  return [...byPath].map(([path, message]) => ({ path, message }));
}

const invalidPartDetails: Record<string, string> = {
  body: 'The request body is invalid',
  querystring: 'The query string is invalid',
  params: 'The URL path is invalid',
  headers: 'A request header is invalid',
};

/** The same answer whether the body was left out or sent empty with a JSON content type. */
function bodyRequired(): Problem {
  return problem(400, 'body-required', 'The request body is required: send a JSON object', {
    errors: [{ path: 'body', message: 'is required' }],
  });
}

/**
 * Fastify's own 4xx errors, in the project's words and problem types; its codes (`FST_ERR_…`) are implementation
 * detail and never reach a client. The status stays Fastify's.
 */
function frameworkProblem(error: FastifyError, request: FastifyRequest, status: number): Problem {
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': {
      const body = request.routeOptions.schema?.body as { safeParse?: (value: unknown) => { success: boolean } };
      // A route whose body is optional accepts no body at all, but not an empty one that claims to be JSON.
      if (body?.safeParse?.(null).success === true) {
        return problem(status, 'invalid-body', 'The body is empty but declared JSON: send {}, or no Content-Type');
      }
      return bodyRequired();
    }
    case 'FST_ERR_ROUTE_MISSING_CONTENT':
      return bodyRequired();
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(status, 'invalid-body', 'The request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(status, 'invalid-body', 'The request body is not as long as its Content-Length header says');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(
        status,
        'payload-too-large',
        `The request body is larger than the ${request.routeOptions.bodyLimit} bytes accepted`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(status, 'unsupported-media-type', 'Send the request body as application/json');
    case 'FST_ERR_CTP_INVALID_TYPE':
    case 'FST_ERR_ROUTE_MISSING_CONTENT_TYPE':
      return problem(status, 'content-type-required', 'Say what the body is: Content-Type: application/json');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return problem(status, 'invalid-url', 'The URL is not valid: check its percent-encoding');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(status, 'uri-too-long', 'A part of the URL is too long');
    default:
      return problem(status, genericCodes[status] ?? 'bad-request', titles[status] ?? 'The request cannot be handled');
  }
}

/** For 4xx errors no one named: a problem type per status, so no framework or library code leaks. */
const genericCodes: Record<number, string> = {
  400: 'bad-request',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
};

function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return { ...problem(error.status, error.code, error.message), title: error.title, ...error.extensions };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    if ((context ?? 'body') === 'body' && (request.body === undefined || request.body === null)) return bodyRequired();
    const errors = fieldErrors(context, error.validation as ValidationIssue[]);
    return problem(400, 'validation-failed', invalidPartDetails[context ?? 'body'] ?? 'The request is invalid', {
      errors,
    });
  }
  // Conflicts the database caught that no service translated: still a conflict, never a 500.
  if (isExclusionViolation(error) || isUniqueViolation(error)) {
    return problem(409, 'conflict', 'The change conflicts with existing data');
  }
  if (isRecordNotFound(error)) return problem(404, 'not-found', 'The resource was not found');
  // A value the database cannot hold got past validation: still the request's fault, so a 400, but logged, since
  // the validation that should have caught it is missing.
  if (isInvalidDataValue(error)) {
    request.log.warn({ err: error }, 'database refused a value that validation accepted');
    return problem(400, 'invalid-value', 'A value in the request is outside what can be stored or compared');
  }
  // Contention, not a bug: say so, and when to try again, instead of a bare 500.
  if (isConcurrencyFailure(error) || isDatabaseBusy(error)) {
    request.log.warn({ err: error }, 'request gave way to concurrent work');
    return problem(503, 'busy', 'The service is busy with concurrent changes; please try again', {
      retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
    });
  }

  const statusCode = (error as FastifyError).statusCode;
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) {
    return frameworkProblem(error as FastifyError, request, statusCode);
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem(500, 'internal-error', 'Something went wrong on our side. It has been logged.');
}

/**
 * One warn line (no stack: the trace is the same every time and says nothing about the outage) per interval while
 * the database is unavailable, with how many failures the previous interval hid, instead of an error with a stack
 * per request (a measured 7.4 MB of log in 10 s).
 */
function createOutageLog(interval = OUTAGE_LOG_INTERVAL_MS) {
  let lastLoggedAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (log: FastifyBaseLogger, error: unknown) => {
    const now = Date.now();
    if (now - lastLoggedAt < interval) {
      suppressed += 1;
      return;
    }
    const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
    log.warn(
      { dbError: { code, kind: meta?.driverAdapterError?.cause?.kind }, suppressedSinceLastReport: suppressed },
      'database unavailable; answering 503',
    );
    lastLoggedAt = now;
    suppressed = 0;
  };
}

const databaseUnavailable = () =>
  problem(503, 'database-unavailable', 'The database cannot be reached at the moment; please try again shortly', {
    retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_AFTER_SECONDS,
  });

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if ((body.status === 429 || body.status === 503) && typeof body.retryAfterSeconds === 'number') {
    reply.header('retry-after', String(body.retryAfterSeconds));
  }
  // Problems bypass the route's response serializer: they are not part of its success schema.
  return reply.code(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/**
 * Errors the router raises before any route or plugin runs (a malformed URL encoding, a path parameter over
 * maxParamLength). Passed to Fastify as `frameworkErrors` so they are problem documents too.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(reply, { ...frameworkProblem(error, request, status), instance: request.url });
}

export default fp(
  async (app) => {
    useReadableValidationMessages();
    // While the app closes, Fastify would answer new requests itself with a bare JSON 503 (`return503OnClosing`,
    // in its route handler); app.ts turns that off so this hook answers instead, as a problem with Retry-After.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (request, reply) => {
      if (!closing) return;
      reply.header('connection', 'close');
      return sendProblem(reply, {
        ...problem(503, 'shutting-down', 'This instance is shutting down; please try again', {
          retryAfterSeconds: SHUTDOWN_RETRY_AFTER_SECONDS,
        }),
        instance: request.url,
      });
    });
    const reportOutage = createOutageLog();
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      // Checked first: an outage arrives as many kinds of error, none of them the request's fault.
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable) reportOutage(request.log, error);
      const body = { ...(unavailable ? databaseUnavailable() : toProblem(error, request)), instance: request.url };
      return sendProblem(reply, body);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        ...problem(404, 'route-not-found', `No route ${request.method} ${request.url.split('?')[0]}`),
        instance: request.url,
      }),
    );
  },
  { name: 'errors' },
);

