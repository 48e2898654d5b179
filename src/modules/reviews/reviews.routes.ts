import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageQuerySchema, pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  createReviewBodySchema,
  hideReviewBodySchema,
  moderatedReviewSchema,
  ownReviewSchema,
  publicReviewSchema,
  updateReviewBodySchema,
} from './reviews.schemas.ts';

const bearer = [{ bearerAuth: [] }];

const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { reviews } = app.services;

  app.post(
    '/appointments/:id/review',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags: ['reviews'],
        operationId: 'reviewAppointment',
        summary: 'Rate a completed appointment (its client, once)',
        description:
          'Only the appointment’s client, once it is COMPLETED. Anyone else gets 404; an appointment in another ' +
          'state gives 409 `appointment-not-completed` naming `currentStatus`; a second review gives 409 ' +
          '`review-exists`.',
        security: bearer,
        params: idParamsSchema,
        body: createReviewBodySchema,
        response: { 201: ownReviewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await reviews.create(principalOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/appointments/:id/review',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags: ['reviews'],
        operationId: 'editAppointmentReview',
        summary: 'Change the rating or comment within 7 days of writing the review',
        description:
          'After `editableUntil`: 422 `review-edit-window-closed`. A review a moderator hid: 409 `review-hidden`.',
        security: bearer,
        params: idParamsSchema,
        body: updateReviewBodySchema,
        response: { 200: ownReviewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => reviews.update(principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/therapists/:id/reviews',
    {
      schema: {
        tags: ['reviews', 'therapists'],
        operationId: 'listTherapistReviews',
        summary: 'Visible reviews of a therapist, newest first',
        description:
          'Public, no login. Hidden reviews are left out; reviewers appear by first name only. An unknown ' +
          'therapist is 404 `therapist-not-found`.',
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(publicReviewSchema), ...problemResponses(400, 404) },
      },
    },
    async (request) => reviews.listForTherapist(request.params.id, request.query),
  );

  app.post(
    '/admin/reviews/:id/hide',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['reviews', 'admin'],
        operationId: 'hideReview',
        summary: 'Hide a review from the public lists and the averages',
        description: 'Recorded in the audit log. A review that is already hidden: 409 `review-already-hidden`.',
        security: bearer,
        params: idParamsSchema,
        body: hideReviewBodySchema,
        response: { 200: moderatedReviewSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.hide(principalOf(request), request.params.id, request.body.reason),
  );
};

export default reviewRoutes;
