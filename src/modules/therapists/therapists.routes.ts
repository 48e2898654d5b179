import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  listTherapistsQuerySchema,
  therapistDetailSchema,
  therapistSchema,
  updatedTherapistSchema,
  updateTherapistBodySchema,
} from './therapists.schemas.ts';

const therapistRoutes: FastifyPluginAsyncZod = async (app) => {
  const { therapists } = app.services;

  app.get(
    '/therapists',
    {
      schema: {
        tags: ['therapists'],
        operationId: 'listTherapists',
        summary: 'The therapist directory, filtered and sorted',
        description:
          'Public, no login. Filters combine: `massageType` (offers it), `bookable` (a verified, unexpired ' +
          'licence plus the type’s certification), `minRating`. Sorted by `sort`; a `cursor` from a list in ' +
          'another order is 400.',
        querystring: listTherapistsQuerySchema,
        response: { 200: pageSchema(therapistSchema), ...problemResponses(400) },
      },
    },
    async (request) => therapists.list(request.query),
  );

  app.get(
    '/therapists/:id',
    {
      schema: {
        tags: ['therapists'],
        operationId: 'getTherapist',
        summary: 'A therapist’s public profile with the latest reviews',
        description:
          'Public, no login. Certifications show only verified, unexpired kinds, never numbers; reviewers ' +
          'appear by first name. An unknown id is 404 `therapist-not-found`.',
        params: idParamsSchema,
        response: { 200: therapistDetailSchema, ...problemResponses(404) },
      },
    },
    async (request) => therapists.get(request.params.id),
  );

  app.patch(
    '/therapists/:id',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['therapists'],
        operationId: 'updateTherapist',
        summary: 'Edit one’s own profile (the therapist themself)',
        description:
          'Types that need a certification the therapist has not had verified may be offered as a draft: they ' +
          'are listed in `notBookable` with the missing certification. Another therapist’s profile: 403.',
        security: [{ bearerAuth: [] }],
        params: idParamsSchema,
        body: updateTherapistBodySchema,
        response: { 200: updatedTherapistSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => therapists.update(principalOf(request), request.params.id, request.body),
  );
};

export default therapistRoutes;
