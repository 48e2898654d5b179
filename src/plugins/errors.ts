import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../lib/errors.ts';
import {
  isConcurrencyFailure,
  isDatabaseBusy,
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

function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return { ...problem(error.status, error.code, error.message), title: error.title, ...error.extensions };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext;
    const errors = error.validation.map((issue) => ({
      path: fieldPath(context, issue.instancePath),
      message: issue.message ?? 'is invalid',
    }));
    return problem(400, 'validation-failed', `The request ${context ?? 'body'} is invalid`, { errors });
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
    const code = (error as FastifyError).code ?? 'bad-request';
    // Fastify's own 4xx messages (bad JSON, wrong content type, body too large) are safe and helpful to show.
    const friendly = code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is empty but JSON was declared' : error.message;
    return problem(statusCode, code.toLowerCase().replaceAll('_', '-'), friendly);
  }
  request.log.error({ err: error }, 'unhandled error');
  return problem(500, 'internal-error', 'Something went wrong on our side. It has been logged.');
}

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
  const code = (error.code ?? 'bad-request').toLowerCase().replaceAll('_', '-');
  return sendProblem(reply, { ...problem(status, code, error.message), instance: request.url });
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | Error, request, reply) => {
      const body = { ...toProblem(error, request), instance: request.url };
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
