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
