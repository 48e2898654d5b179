import { z } from 'zod';

/** One field the request got wrong; `path` starts with where it was (`body.email`, `headers.idempotency-key`). */
export const fieldErrorSchema = z
  .object({
    path: z.string().describe('Where the value was: `body.…`, `querystring.…`, `params.…` or `headers.…`'),
    message: z.string().describe('What is wrong with it, for a person, e.g. "is required"'),
  })
  .meta({ id: 'FieldError' });

/** RFC 9457 problem document, as every 4xx and 5xx is sent (`application/problem+json`). */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('URI reference naming the kind of problem, e.g. /problems/slot-taken'),
    title: z.string().describe('Short summary of the kind of problem, the same for every occurrence of a status'),
    status: z.number().int().describe('The HTTP status code, repeated for clients that only keep the body'),
    detail: z.string().describe('What went wrong this time, for a person'),
    instance: z.string().optional().describe('The request path (and query) the problem is about'),
    code: z.string().describe('Stable machine-readable code, the last segment of `type`'),
    errors: z
      .array(fieldErrorSchema)
      .optional()
      .describe('For 400: one entry per offending field, in the order they were found'),
  })
  .meta({
    id: 'Problem',
    description:
      'A problem document (RFC 9457). Some problems carry more members, named in the operation description ' +
      '(e.g. `currentStatus`, `flags`, `retryAfterSeconds`).',
  });

export const problemResponseDescriptions = {
  400: 'Malformed or invalid input (field errors in `errors`)',
  401: 'No token, or a bad or expired one',
  403: 'Authenticated but not allowed',
  404: 'Unknown resource, or one the caller may not know exists',
  409: 'Conflicts with the current state',
  422: 'Well-formed but refused by a domain rule',
  429: 'Rate limited; see Retry-After',
  503: 'Busy for now, nothing was done; see Retry-After',
} as const;
export type ProblemStatus = keyof typeof problemResponseDescriptions;

/**
 * Response entries for the problem statuses a route can answer with. Every entry is the one registered
 * `problemSchema`, so the document references a single `Problem` component; the OpenAPI plugin adds each
 * status's description and the `application/problem+json` media type.
 */
export function problemResponses(...statuses: ProblemStatus[]) {
  return Object.fromEntries(statuses.map((status) => [status, problemSchema])) as Record<number, typeof problemSchema>;
}

// No length cap: ids are opaque, so an over-long one is just unknown (404). Fastify's maxParamLength bounds it.
const opaqueId = z.string().min(1);

/** `/:id` of every resource: an unknown or over-long id is a 404 from the lookup, never a 400. */
export const idParamsSchema = z.object({ id: opaqueId.describe('The resource id, as a response gave it') });

/** `/:id/<child>/:childId` routes. */
export function nestedIdParamsSchema<Child extends string>(child: Child) {
  const childId = opaqueId.describe(`The ${child}, as a response gave it`);
  return idParamsSchema.extend({ [child]: childId } as Record<Child, typeof opaqueId>);
}
