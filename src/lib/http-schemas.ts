import { z } from 'zod';

/** RFC 9457 problem document, as every 4xx and 5xx is sent (`application/problem+json`). */
export const problemSchema = z
  .looseObject({
    type: z.string().describe('URI reference naming the kind of problem, e.g. /problems/slot-taken'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable code, the last segment of `type`'),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

const problemDescriptions: Record<number, string> = {
  400: 'Malformed or invalid input (field errors in `errors`)',
  401: 'No token, or a bad or expired one',
  403: 'Authenticated but not allowed',
  404: 'Unknown resource, or one the caller may not know exists',
  409: 'Conflicts with the current state',
  422: 'Well-formed but refused by a domain rule',
  429: 'Rate limited; see Retry-After',
};

/** Response entries for the problem statuses a route can answer with, for its schema and OpenAPI. */
export function problemResponses(...statuses: (keyof typeof problemDescriptions)[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, problemSchema.describe(problemDescriptions[status] ?? 'Problem')]),
  ) as Record<number, typeof problemSchema>;
}

// No length cap: ids are opaque, so an over-long one is just unknown (404). Fastify's maxParamLength bounds it.
const opaqueId = z.string().min(1);

/** `/:id` of every resource: an unknown or over-long id is a 404 from the lookup, never a 400. */
export const idParamsSchema = z.object({ id: opaqueId });

/** `/:id/<child>/:childId` routes. */
export function nestedIdParamsSchema<Child extends string>(child: Child) {
  return idParamsSchema.extend({ [child]: opaqueId } as Record<Child, typeof opaqueId>);
}
