import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestApp } from '../helpers/app.ts';

// The served reference is what a newcomer learns the API from: every operation says what it does and every field
// what it means. The walk follows $ref into components and every place a schema nests one (items, anyOf/oneOf/allOf,
// additionalProperties), so a shape added anywhere without descriptions fails here, listed by where it is.

interface Schema {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  not?: Schema;
  example?: unknown;
}

interface MediaType {
  schema?: Schema;
  example?: unknown;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; description?: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({ where: `${method.toUpperCase()} ${path}`, operation })),
  );
}

/** Every property without a description, reached from `schema`; each component is walked once. */
function undescribedProperties(document: OpenApiDocument, schema: Schema | undefined, where: string, seen: Set<string>) {
  const missing: string[] = [];
  const visit = (node: Schema | boolean | undefined, at: string): void => {
    if (node === undefined || typeof node === 'boolean') return;
    if (node.$ref) {
      const name = node.$ref.replace('#/components/schemas/', '');
      if (!seen.has(name)) {
        seen.add(name);
        const component = document.components?.schemas?.[name];
        if (component === undefined) missing.push(`${at}: $ref ${node.$ref} resolves to nothing`);
        else visit(component, `#/components/schemas/${name}`);
      }
    }
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (!property.description) missing.push(`${at}.${name}`);
      visit(property, `${at}.${name}`);
    }
    for (const item of [node.items ?? []].flat()) visit(item, `${at}[]`);
    for (const item of node.prefixItems ?? []) visit(item, `${at}[]`);
    visit(node.additionalProperties, `${at}{}`);
    visit(node.not, at);
    for (const part of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(part, at);
  };
  visit(schema, where);
  return missing;
}

describe('the OpenAPI reference', () => {
  const ctx = useTestApp();
  const fetchDocument = async () => (await ctx.http.get('/openapi.json').expect(200)).body as OpenApiDocument;

  it('gives every operation a summary and a description', async () => {
    const document = await fetchDocument();
    const lacking = operationsOf(document).flatMap(({ where, operation }) => [
      ...(operation.summary?.trim() ? [] : [`${where}: no summary`]),
      ...(operation.description?.trim() ? [] : [`${where}: no description`]),
    ]);
    expect(lacking).toEqual([]);
    expect(operationsOf(document).length).toBeGreaterThanOrEqual(44);
  });

  it('describes every parameter and every property of every request and response schema', async () => {
    const document = await fetchDocument();
    const seen = new Set<string>();
    const missing = operationsOf(document).flatMap(({ where, operation }) => [
      ...(operation.parameters ?? [])
        .filter((parameter) => !parameter.description && !parameter.schema?.description)
        .map((parameter) => `${where} ${parameter.in} parameter ${parameter.name}`),
      ...Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, media]) =>
        undescribedProperties(document, media.schema, `${where} request ${type}`, seen),
      ),
      ...Object.entries(operation.responses ?? {}).flatMap(([status, response]) =>
        Object.entries(response.content ?? {}).flatMap(([type, media]) =>
          undescribedProperties(document, media.schema, `${where} ${status} ${type}`, seen),
        ),
      ),
    ]);
    // Components no operation reaches would escape the walk above: there must be none.
    const unreached = Object.keys(document.components?.schemas ?? {}).filter((name) => !seen.has(name));
    expect(missing).toEqual([]);
    expect(unreached).toEqual([]);
  });

  it('serves each shared shape once, as a component, and problems as application/problem+json', async () => {
    const document = await fetchDocument();
    const names = Object.keys(document.components?.schemas ?? {});
    // The provider names the input side of a registered schema `FooInput`: only the ones a request uses remain.
    expect(names.filter((name) => name.endsWith('Input')).sort()).toEqual([
      'NotificationPreferencesInput',
      'ScheduleInput',
      'ScreeningAnswersInput',
    ]);
    const problemResponses = operationsOf(document).flatMap(({ where, operation }) =>
      Object.entries(operation.responses ?? {})
        .filter(([status]) => Number(status) >= 400 && !(where === 'GET /ready' && status === '503'))
        .map(([status, response]) => ({ where: `${where} ${status}`, response })),
    );
    expect(problemResponses.length).toBeGreaterThan(100);
    const unlike = problemResponses
      .filter(({ response }) => response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
      .map(({ where }) => where);
    expect(unlike).toEqual([]);
    expect(document.paths['/auth/login']!.post!.responses!['401']!.description).toBe('No token, or a bad or expired one');
  });

  it('shows an example body for the main requests, each one the API accepts', async () => {
    const document = await fetchDocument();
    const withExample = [
      'POST /auth/register',
      'POST /auth/login',
      'POST /appointments',
      'POST /appointments/{id}/confirm',
      'POST /appointments/{id}/cancel',
      'POST /appointments/{id}/reschedule',
      'POST /screenings',
      'POST /screenings/preview',
      'PUT /therapists/{id}/schedule',
      'POST /therapists/{id}/time-off',
      'POST /therapists/{id}/certifications',
      'POST /appointments/{id}/review',
      'POST /massage-types',
    ];
    const operations = new Map(operationsOf(document).map(({ where, operation }) => [where, operation]));
    const lacking = withExample.filter(
      (where) => operations.get(where)?.requestBody?.content?.['application/json']?.example === undefined,
    );
    expect(lacking).toEqual([]);

    // An example that no longer validates teaches the wrong thing: parse each through the route's own schema.
    const refused: string[] = [];
    for (const route of ctx.app.routeCatalog) {
      const body = route.schema?.body;
      if (!(body instanceof z.ZodType)) continue;
      const example = z.globalRegistry.get(body)?.example;
      if (example === undefined) continue;
      const result = body.safeParse(example);
      if (!result.success) refused.push(`${route.method} ${route.url}: ${result.error.message}`);
    }
    expect(refused).toEqual([]);
  });

  it('names the server the paths are relative to', async () => {
    const document = await fetchDocument();
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.servers![0]!.url).toBeTruthy();
  });
});
