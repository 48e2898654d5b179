import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/auth.ts';
import { loginBodySchema, registerBodySchema, sessionSchema, userSchema } from './auth.schemas.ts';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { auth } = app.services;

  app.post(
    '/auth/register',
    {
      // Per address, every answer counted: a 409 `email-taken` tells whether an email has an account, so the
      // limit is also what keeps that question from being asked in bulk.
      config: { rateLimit: app.rateLimits.register },
      schema: {
        tags: ['auth'],
        operationId: 'register',
        summary: 'Create a client or therapist account',
        description:
          'Anyone may call it; returns a session token at once. `role` is `client` or `therapist`: `admin` is ' +
          '400 (admins are created by the operator). An email already registered (any letter case) is 409 ' +
          '`email-taken`. A therapist also gets a public profile (`user.therapistId`) to fill in with PATCH ' +
          '/therapists/:id. A weak password is 400 naming why (too short, only spaces, the email or name, or common ' +
          'and easily guessed). Limited per client address, every answer counted (429 with Retry-After); 503 with ' +
          'Retry-After while password hashing is queued full.',
        body: registerBodySchema,
        response: { 201: sessionSchema, ...problemResponses(400, 409, 429, 503) },
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
        description:
          'Wrong email and wrong password give the same 401. Attempts are limited per account and address, per ' +
          'address and per account (429 with Retry-After); 503 with Retry-After when password checks are queued full.',
        body: loginBodySchema,
        response: { 200: sessionSchema, ...problemResponses(400, 401, 429, 503) },
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
        description:
          'Any signed-in role. Without a valid token: 401 (`not-authenticated`, `invalid-token` or ' +
          '`token-expired`).',
        security: [{ bearerAuth: [] }],
        response: { 200: userSchema, ...problemResponses(401) },
      },
    },
    async (request) => auth.me(principalOf(request)),
  );
};

export default authRoutes;
