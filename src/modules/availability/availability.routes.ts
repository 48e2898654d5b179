import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  createTimeOffBodySchema,
  listTimeOffQuerySchema,
  scheduleSchema,
  searchSlotsQuerySchema,
  searchSlotsSchema,
  therapistSlotsQuerySchema,
  therapistSlotsSchema,
  timeOffParamsSchema,
  timeOffSchema,
} from './availability.schemas.ts';

const bearer = [{ bearerAuth: [] }];

const availabilityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { schedules } = app.services;
  const { slots } = app.services;

  app.get(
    '/therapists/:id/schedule',
    {
      schema: {
        tags: ['availability'],
        operationId: 'getSchedule',
        summary: "A therapist's weekly hours (in the therapist's time zone) and booking policy",
        description:
          'Public, no login. Weekly intervals are wall-clock times in the therapist’s `timeZone`; for ' +
          'bookable starts use GET /therapists/:id/slots. An unknown therapist is 404 `therapist-not-found`.',
        params: idParamsSchema,
        response: { 200: scheduleSchema, ...problemResponses(404) },
      },
    },
    async (request) => schedules.getSchedule(request.params.id),
  );

  app.put(
    '/therapists/:id/schedule',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'putSchedule',
        summary: 'Replace the weekly hours and booking policy',
        description:
          "Times are wall-clock times in the therapist's time zone. An end before the start runs past midnight " +
          '(22:00–02:00); 24:00 ends a day. Intervals may touch but not overlap. Existing appointments are kept.',
        security: bearer,
        params: idParamsSchema,
        body: scheduleSchema,
        response: { 200: scheduleSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedules.putSchedule(principalOf(request), request.params.id, request.body),
  );

  app.get(
    '/therapists/:id/time-off',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'listTimeOff',
        summary: 'The therapist’s own time off, by start (default: not yet ended)',
        description:
          'Only the therapist themself (another therapist: 403 `not-your-profile`). Filter with `from` and ' +
          '`to`; by default only time off that has not yet ended. Reasons are private to the therapist.',
        security: bearer,
        params: idParamsSchema,
        querystring: listTimeOffQuerySchema,
        response: { 200: pageSchema(timeOffSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => schedules.listTimeOff(principalOf(request), request.params.id, request.query),
  );

  app.post(
    '/therapists/:id/time-off',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'createTimeOff',
        summary: 'Block time (holidays, sick days, partial days)',
        description: 'Refused with 409 and the `appointmentIds` it would overlap while any active appointment does.',
        security: bearer,
        params: idParamsSchema,
        body: createTimeOffBodySchema,
        response: { 201: timeOffSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await schedules.createTimeOff(principalOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/therapists/:id/time-off/:timeOffId',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'deleteTimeOff',
        summary: 'Remove a block of time off, freeing the time for bookings',
        description:
          'Only the therapist themself (another therapist: 403 `not-your-profile`). An unknown id, or one of ' +
          'another therapist, is 404 `time-off-not-found`. Recorded in the audit log.',
        security: bearer,
        params: timeOffParamsSchema,
        response: { 204: z.undefined(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await schedules.deleteTimeOff(principalOf(request), request.params.id, request.params.timeOffId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/therapists/:id/slots',
    {
      config: { rateLimit: app.rateLimits.therapistSlots },
      schema: {
        tags: ['availability'],
        operationId: 'listTherapistSlots',
        summary: 'Free session starts of one therapist, grouped by local date',
        description:
          'Every date from `from` to `to` (at most 62 days, in `tz`) appears, with `slots: []` when nothing is free. ' +
          'A therapist who does not offer the type or is not certified for it is a 422 (`massage-type-not-offered`, ' +
          '`therapist-not-bookable`), as a booking would be. Limited per client address (429 with Retry-After), over all therapists.',
        params: idParamsSchema,
        querystring: therapistSlotsQuerySchema,
        response: { 200: therapistSlotsSchema, ...problemResponses(400, 404, 422, 429) },
      },
    },
    async (request) => slots.therapistSlots(request.params.id, request.query),
  );

  app.get(
    '/slots',
    {
      config: { rateLimit: app.rateLimits.slotSearch },
      schema: {
        tags: ['availability'],
        operationId: 'searchSlots',
        summary: 'Therapists bookable for a type with free starts on one date',
        description:
          'Only therapists with at least one free start that day are listed, earliest first. ' +
          'Limited per client address (429 with Retry-After).',
        querystring: searchSlotsQuerySchema,
        response: { 200: searchSlotsSchema, ...problemResponses(400, 429) },
      },
    },
    async (request) => slots.searchSlots(request.query),
  );
};

export default availabilityRoutes;
