import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/http-schemas.ts';
import { pageQuerySchema, pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  createMassageTypeBodySchema,
  massageTypeSchema,
  slugParamsSchema,
  updateMassageTypeBodySchema,
} from './massage-types.schemas.ts';
import { toMassageTypeView } from './massage-types.service.ts';

const adminOnly = [{ bearerAuth: [] }];

const massageTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { massageTypes } = app.services;

  app.get(
    '/massage-types',
    {
      schema: {
        tags: ['massage-types'],
        operationId: 'listMassageTypes',
        summary: 'The catalogue, in catalogue order',
        description:
          'Public, no login. Ordered by the admin-set `position`, then by slug. Each type lists its ' +
          'durations, its price for 60 minutes and the certification a therapist needs to be booked for it.',
        querystring: pageQuerySchema,
        response: { 200: pageSchema(massageTypeSchema), ...problemResponses(400) },
      },
    },
    async (request) => massageTypes.list(request.query),
  );

  app.get(
    '/massage-types/:slug',
    {
      schema: {
        tags: ['massage-types'],
        operationId: 'getMassageType',
        summary: 'One massage type by slug',
        description: 'Public, no login. An unknown slug is 404 `massage-type-not-found`.',
        params: slugParamsSchema,
        response: { 200: massageTypeSchema, ...problemResponses(404) },
      },
    },
    async (request) => toMassageTypeView(await massageTypes.findBySlug(request.params.slug)),
  );

  app.post(
    '/massage-types',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['massage-types', 'admin'],
        operationId: 'createMassageType',
        summary: 'Add a massage type to the catalogue (admins)',
        description:
          'Admins only (others 403). Omitted fields take their defaults: empty description, EUR, medium ' +
          'pressure, no required certification, position 0. A slug already in use is 409 `slug-taken`. ' +
          'Recorded in the audit log.',
        security: adminOnly,
        body: createMassageTypeBodySchema,
        response: { 201: massageTypeSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await massageTypes.create(principalOf(request), request.body)),
  );

  app.patch(
    '/massage-types/:slug',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['massage-types', 'admin'],
        operationId: 'updateMassageType',
        summary: 'Change some fields of a massage type (admins)',
        description:
          'Admins only (others 403). Send only the fields to change; an empty body is 400. The slug cannot be ' +
          'changed. Existing appointments keep the price they were booked at. An unknown slug is 404 ' +
          '`massage-type-not-found`. Recorded in the audit log.',
        security: adminOnly,
        params: slugParamsSchema,
        body: updateMassageTypeBodySchema,
        response: { 200: massageTypeSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => massageTypes.update(principalOf(request), request.params.slug, request.body),
  );

  app.delete(
    '/massage-types/:slug',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags: ['massage-types', 'admin'],
        operationId: 'deleteMassageType',
        summary: 'Delete a type no appointment refers to',
        description:
          'Admins only (others 403). A type any appointment refers to, past or future, is 409 ' +
          '`massage-type-in-use`: change it instead. An unknown slug is 404 `massage-type-not-found`.',
        security: adminOnly,
        params: slugParamsSchema,
        response: { 204: z.undefined(), ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await massageTypes.remove(principalOf(request), request.params.slug);
      return reply.code(204).send();
    },
  );
};

export default massageTypeRoutes;
