// Ids are opaque: whatever its length, an id that names nothing is "not found" on every route, never a 400 on
// some and a 404 on others.
import type { ZodType } from 'zod';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { loginAs } from '../helpers/factories.ts';

const LONG_ID = 'x'.repeat(400);

describe('resource ids', () => {
  const ctx = useTestApp();

  it('accepts an id of any length up to the router limit in every route with path parameters', () => {
    const withParams = ctx.app.routeCatalog.filter((route) => route.url.includes('/:'));
    expect(withParams.length).toBeGreaterThan(15);
    for (const route of withParams) {
      const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      const params = Object.fromEntries(names.map((name) => [name, name === 'slug' ? 'swedish' : LONG_ID]));
      const schema = route.schema?.params as ZodType | undefined;
      expect(schema, `${route.method} ${route.url} validates its params`).toBeDefined();
      expect(schema!.safeParse(params).success, `${route.method} ${route.url}`).toBe(true);
    }
  });

  it('answers 404 for an over-long unknown appointment, therapist and screening id alike', async () => {
    const client = await loginAs(ctx, 'client');
    for (const path of [`/appointments/${LONG_ID}`, `/therapists/${LONG_ID}`, `/screenings/${LONG_ID}`, `/therapists/${LONG_ID}/schedule`]) {
      const response = await ctx.http.get(path).set('Authorization', `Bearer ${client.token}`);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});
