import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { problemResponseDescriptions, problemSchema, type ProblemStatus } from '../lib/http-schemas.ts';
import { DOCS_CONTENT_SECURITY_POLICY } from './security-headers.ts';

const COMPONENT_PREFIX = '#/components/schemas/';

type Transform = typeof jsonSchemaTransform;
type TransformObject = typeof jsonSchemaTransformObject;

/**
 * `{ $ref, description }` → `{ description, allOf: [{ $ref }] }`. zod puts a property's description beside the
 * `$ref` of a shared schema, which OpenAPI 3.1 allows, but @fastify/swagger drops everything beside a `$ref` in
 * operations (the 3.0 rule), and older renderers ignore it in components: wrapped, the description survives both.
 */
function keepReferenceSiblings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(keepReferenceSiblings);
  if (node === null || typeof node !== 'object') return node;
  const { $ref, ...rest } = node as Record<string, unknown>;
  const children = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, keepReferenceSiblings(value)]));
  if ($ref === undefined) return children;
  return Object.keys(children).length === 0 ? { $ref } : { ...children, allOf: [{ $ref }] };
}

/**
 * Problem responses are declared as the bare `problemSchema` so route typing stays simple; the document says more:
 * what each status means and that the body is `application/problem+json`, with one `Problem` component behind all.
 */
const transform: Transform = (input) => {
  const response = input.schema?.response as Record<string, unknown> | undefined;
  const schema = response
    ? { ...input.schema, response: Object.fromEntries(Object.entries(response).map(documentProblem)) }
    : input.schema;
  const result = jsonSchemaTransform({ ...input, schema });
  return { ...result, schema: keepReferenceSiblings(result.schema) as typeof result.schema };
};

function documentProblem([status, schema]: [string, unknown]): [string, unknown] {
  if (schema !== problemSchema) return [status, schema];
  const description = problemResponseDescriptions[Number(status) as ProblemStatus] ?? 'A problem document';
  return [status, { description, content: { 'application/problem+json': { schema: problemSchema } } }];
}

/**
 * The zod provider emits every registered schema twice (`FooInput` and `Foo`) whether or not a route uses both; a
 * reader should meet each shape once, so components no operation reaches are left out.
 */
const transformObject: TransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as {
    paths?: unknown;
    components?: { schemas?: Record<string, unknown> };
  };
  const schemas = document.components?.schemas;
  if (!schemas) return document as ReturnType<TransformObject>;
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_PREFIX)) {
        const name = value.slice(COMPONENT_PREFIX.length);
        if (!reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        }
      } else {
        visit(value);
      }
    }
  };
  visit(document.paths);
  const used = Object.fromEntries(
    Object.entries(schemas)
      .filter(([name]) => reached.has(name))
      .map(([name, schema]) => [name, keepReferenceSiblings(schema)]),
  );
  liftRequestExamples(document.paths, used);
  return { ...document, components: { ...document.components, schemas: used } } as ReturnType<TransformObject>;
};

interface MediaType {
  schema?: { example?: unknown; $ref?: string };
  example?: unknown;
}

/**
 * Body schemas carry their example as `example` metadata (zod drops `examples` on the input side of a schema with
 * transforms); it belongs on the request's media type, where reference UIs prefill "try it out" from.
 */
function liftRequestExamples(paths: unknown, schemas: Record<string, unknown>): void {
  const operations = Object.values((paths ?? {}) as Record<string, Record<string, unknown>>).flatMap(Object.values);
  for (const operation of operations as { requestBody?: { content?: Record<string, MediaType> } }[]) {
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      const schema = media.schema;
      if (media.example !== undefined || schema === undefined) continue;
      if (schema.$ref !== undefined) {
        const component = schemas[schema.$ref.slice(COMPONENT_PREFIX.length)] as { example?: unknown } | undefined;
        if (component?.example !== undefined) media.example = component.example;
      } else if (schema.example !== undefined) {
        media.example = schema.example;
        delete schema.example;
      }
    }
  }
}

/** OpenAPI 3.1 generated from the routes' zod schemas, served at /openapi.json, with a reference UI at /docs. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kneadful API',
          version: '1.0.0',
          description:
            'Booking for massage therapy practices, with a pre-booking health screen. Errors are ' +
            '`application/problem+json` (RFC 9457): `type` names the kind of problem, `detail` says what went ' +
            'wrong, and a 400 lists each offending field in `errors` as `{ path, message }`. Lists are ' +
            '`{ items, nextCursor }` with `?limit=&cursor=`. Instants are ISO 8601 with an offset, local dates ' +
            '`YYYY-MM-DD`, time zones IANA names, money integer minor units with a currency code.',
        },
        // Relative: the document is right for whichever address it was fetched from (local, staging, production).
        servers: [{ url: '/', description: 'This deployment' }],
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: 'The `token` from POST /auth/register or POST /auth/login',
            },
          },
        },
        tags: [
          { name: 'auth', description: 'Accounts and access tokens' },
          { name: 'massage-types', description: 'The catalogue of treatments' },
          { name: 'therapists', description: 'The therapist directory and profiles' },
          { name: 'certifications', description: 'Licences and certificates, and their verification' },
          { name: 'availability', description: 'Weekly hours, time off, free slots and calendar feeds' },
          { name: 'screening', description: 'The pre-booking health screen' },
          { name: 'appointments', description: 'Bookings and their life cycle' },
          { name: 'reviews', description: 'Ratings of completed sessions and their moderation' },
          { name: 'admin', description: 'Operations only admins may call' },
          { name: 'operations', description: 'Health and readiness probes' },
        ],
      },
      transform,
      transformObject,
    });
    // The API's own policy forbids loading anything; the reference page needs its scripts and styles.
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CONTENT_SECURITY_POLICY });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
