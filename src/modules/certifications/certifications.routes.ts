import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageQuerySchema, pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  certificationQueueQuerySchema,
  certificationSchema,
  queuedCertificationSchema,
  rejectCertificationBodySchema,
  submitCertificationBodySchema,
} from './certifications.schemas.ts';

const bearer = [{ bearerAuth: [] }];

const certificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { certifications } = app.services;
  const decisions = app.services.certificationDecisions;

  app.post(
    '/therapists/:id/certifications',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['certifications'],
        operationId: 'submitCertification',
        summary: 'Submit a certificate for verification (the therapist themself)',
        description:
          'Starts PENDING; counts for bookability once an admin verifies it. An already expired certificate: 422 ' +
          '`certification-expired`; an issue date in the future: 422 `certification-not-yet-issued`.',
        security: bearer,
        params: idParamsSchema,
        body: submitCertificationBodySchema,
        response: { 201: certificationSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await certifications.submit(principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/therapists/:id/certifications',
    {
      preHandler: app.identify,
      schema: {
        tags: ['certifications'],
        operationId: 'listTherapistCertifications',
        summary: 'A therapist’s certificates',
        description:
          'Anyone: verified, unexpired certificates without their numbers. The therapist themself and admins: ' +
          'every certificate with every field, EXPIRED computed from the expiry date.',
        security: [{}, ...bearer],
        params: idParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(certificationSchema), ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => certifications.listForTherapist(request.principal, request.params.id, request.query),
  );

  app.get(
    '/admin/certifications',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['certifications', 'admin'],
        operationId: 'listCertificationQueue',
        summary: 'Certificates by status, oldest first (the verification queue with `status=PENDING`)',
        description:
          'Admins only (others 403). Each entry names the therapist and includes the certificate number, so ' +
          'an admin can check it with the issuer before POST /admin/certifications/:id/verify or /reject.',
        security: bearer,
        querystring: certificationQueueQuerySchema,
        response: { 200: pageSchema(queuedCertificationSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => decisions.queue(request.query),
  );

  app.post(
    '/admin/certifications/:id/verify',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['certifications', 'admin'],
        operationId: 'verifyCertification',
        summary: 'Verify a pending certificate',
        description:
          'Recorded in the audit log. Not PENDING: 409 `certification-not-pending` with `currentStatus`. Past its ' +
          'expiry date: 422 `certification-expired`.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: queuedCertificationSchema, ...problemResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => decisions.verify(principalOf(request), request.params.id),
  );

  app.post(
    '/admin/certifications/:id/reject',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['certifications', 'admin'],
        operationId: 'rejectCertification',
        summary: 'Reject a pending certificate, with the reason the therapist will see',
        description: 'Recorded in the audit log. Not PENDING: 409 `certification-not-pending` with `currentStatus`.',
        security: bearer,
        params: idParamsSchema,
        body: rejectCertificationBodySchema,
        response: { 200: queuedCertificationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => decisions.reject(principalOf(request), request.params.id, request.body.reason),
  );
};

export default certificationRoutes;
