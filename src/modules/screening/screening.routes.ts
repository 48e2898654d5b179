import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageQuerySchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import { SCREENING_VALIDITY_DAYS } from './screening.rules.ts';
import {
  createdScreeningSchema,
  screeningBodySchema,
  screeningDetailSchema,
  screeningPageSchema,
  screeningPreviewSchema,
} from './screening.schemas.ts';

const bearer = [{ bearerAuth: [] }];

const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  const { screenings } = app.services;

  app.post(
    '/screenings/preview',
    {
      config: { rateLimit: app.rateLimits.screeningPreview },
      schema: {
        tags: ['screening'],
        operationId: 'previewScreening',
        summary: 'What the health screen would decide for each massage type; nothing is stored',
        description:
          'No login needed, so a visitor can see what is bookable before creating an account. ' +
          'Limited per client address (429 with Retry-After).',
        body: screeningBodySchema,
        response: { 200: screeningPreviewSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => screenings.preview(request.body.answers),
  );

  app.post(
    '/screenings',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags: ['screening'],
        operationId: 'createScreening',
        summary: `Answer the health questionnaire; the result can be used to book for ${SCREENING_VALIDITY_DAYS} days`,
        description: 'The response holds the outcomes but never echoes the answers.',
        security: bearer,
        body: screeningBodySchema,
        response: { 201: createdScreeningSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await screenings.create(principalOf(request), request.body.answers)),
  );

  app.get(
    '/screenings',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags: ['screening'],
        operationId: 'listScreenings',
        summary: 'The caller’s own screenings, newest first, without the answers',
        description:
          'Clients only (therapists and admins 403), and only their own. The answers are never included: GET ' +
          '/screenings/:id returns them to their owner.',
        security: bearer,
        querystring: pageQuerySchema,
        response: { 200: screeningPageSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => screenings.list(principalOf(request), request.query),
  );

  app.get(
    '/screenings/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags: ['screening'],
        operationId: 'getScreening',
        summary: 'A screening with its answers, for the client or the therapist of an appointment that uses it',
        description:
          'Everyone else, admins included, gets 404 as for an unknown id; without a token, 401. Expired screenings ' +
          'stay readable, with `expired: true`. Every read by a therapist is written to the audit log.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: screeningDetailSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => screenings.get(principalOf(request), request.params.id),
  );
};

export default screeningRoutes;
