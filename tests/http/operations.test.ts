import { describe, expect, it } from 'vitest';
import supertest from 'supertest';
import { buildApp } from '../../src/app.ts';
import { createPrismaClient } from '../../src/db/connection.ts';
import { testConfig, useTestApp } from '../helpers/app.ts';

describe('operations', () => {
  const ctx = useTestApp();

  it('reports the process healthy and the database ready', async () => {
    expect((await ctx.http.get('/health').expect(200)).body).toEqual({ status: 'ok' });
    expect((await ctx.http.get('/ready').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('reports 503 on /ready while the database does not answer, and stays healthy', async () => {
    // Port 1 on loopback: nothing listens there, so every connection is refused at once.
    const unreachable = 'postgresql://postgres@127.0.0.1:1/nowhere';
    const prisma = createPrismaClient(unreachable, 1);
    const app = await buildApp({ config: testConfig({ DATABASE_URL: unreachable }), prisma, logger: false });
    await app.ready();
    try {
      const http = supertest(app.server);
      expect((await http.get('/ready').expect(503)).body).toEqual({
        status: 'unavailable',
        detail: 'the database is not answering',
      });
      await http.get('/health').expect(200);
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });

  it('serves an OpenAPI 3.1 document describing the contract paths, with the problem schema', async () => {
    const response = await ctx.http.get('/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.1.0');
    for (const path of ['/auth/register', '/auth/login', '/me', '/massage-types', '/massage-types/{slug}', '/health', '/ready']) {
      expect(Object.keys(response.body.paths)).toContain(path);
    }
    const register = response.body.paths['/auth/register'].post;
    expect(register.operationId).toBe('register');
    expect(Object.keys(register.responses)).toEqual(expect.arrayContaining(['201', '400', '409']));
    expect(response.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the interactive reference at /docs', async () => {
    const response = await ctx.http.get('/docs/').expect(200);
    expect(response.headers['content-type']).toContain('text/html');
  });
});
