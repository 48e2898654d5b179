import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/auth.ts';
import { loginBodySchema, registerBodySchema, sessionSchema, userSchema } from './auth.schemas.ts';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.services;

  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        operationId: 'register',
        summary: 'Create a client or therapist account',
        body: registerBodySchema,
        response: { 201: sessionSchema, ...problemResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const { user, principal } = await auth.register(request.body);
      return reply.code(201).send({ token: app.issueToken(principal), user });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Exchange email and password for an access token',
        description: 'Wrong email and wrong password give the same 401. Repeated failures are rate limited (429).',
        body: loginBodySchema,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { user, principal } = await auth.login(request.body, request.ip);
      return { token: app.issueToken(principal), user };
    },
  );

  app.get(
    '/me',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['auth'],
        operationId: 'me',
        summary: 'The caller’s account',
        security: [{ bearerAuth: [] }],
        response: { 200: userSchema, ...problemResponses(401) },
      },
    },
    async (request) => auth.me(principalOf(request)),
  );
};

export default authRoutes;
