import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  appointmentSchema,
  cancelBodySchema,
  confirmBodySchema,
  createAppointmentBodySchema,
  idempotencyHeadersSchema,
  listAppointmentsQuerySchema,
  rescheduleBodySchema,
} from './appointments.schemas.ts';

const bearer = [{ bearerAuth: [] }];
const tags = ['appointments'];

const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { booking } = app.services;
  const { lifecycle } = app.services;
  const { appointments } = app.services;

  app.post(
    '/appointments',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags,
        operationId: 'createAppointment',
        summary: 'Book a session (PENDING until the therapist confirms)',
        description:
          'The start must be one GET /therapists/:id/slots offers: a taken one is 409 `slot-taken`, one refused by ' +
          'the schedule 422 `slot-not-bookable` with a `reason` (`too-soon`, `beyond-horizon`, ' +
          '`certification-expires`, `outside-hours`, `off-step`, `time-off`). An overlapping booking of your own ' +
          'is 409 `client-overlap`; a booking beyond MAX_PENDING_BOOKINGS_PER_CLIENT (default 3) still awaiting ' +
          'confirmation is 422 `pending-bookings-limit` with `limit`. The screening is judged at the appointment ' +
          'date: 422 `screening-blocks-treatment` lists flags and alternatives. Retrying with the same ' +
          'Idempotency-Key and body returns the same booking (with `Idempotent-Replayed: true`); the same key ' +
          'with another body is 422 `idempotency-key-reused`.',
        security: bearer,
        headers: idempotencyHeadersSchema,
        body: createAppointmentBodySchema,
        response: { 201: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const result = await booking.book(principalOf(request), request.headers['idempotency-key'], request.body);
      if (!result.created) reply.header('idempotent-replayed', 'true');
      return reply.code(201).send(result.appointment);
    },
  );

  app.get(
    '/appointments',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'listAppointments',
        summary: "Your appointments (a client's bookings, a therapist's sessions; admins: all), by start",
        description:
          'Any signed-in role: clients see their bookings, therapists their sessions, admins every ' +
          'appointment (without screening summaries). Filter by `status` and a start range `from`/`to`.',
        security: bearer,
        querystring: listAppointmentsQuerySchema,
        response: { 200: pageSchema(appointmentSchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => appointments.list(principalOf(request), request.query),
  );

  app.get(
    '/appointments/:id',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'getAppointment',
        summary: 'One appointment; participants and admins only (admins without the screening summary)',
        description:
          'Anyone else gets 404 as for an unknown id, so ids cannot be probed. The participants see the ' +
          'screening summary (flags, never the answers); admins do not.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: appointmentSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => appointments.get(principalOf(request), request.params.id),
  );

  app.post(
    '/appointments/:id/confirm',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags,
        operationId: 'confirmAppointment',
        summary: 'PENDING → CONFIRMED (the therapist)',
        description:
          'With caution flags, `acknowledgeFlags: true` is required; with a flag needing medical clearance, also ' +
          '`clearanceConfirmed: true`. Otherwise 422 `confirmation-incomplete` with `missing`.',
        security: bearer,
        params: idParamsSchema,
        body: confirmBodySchema,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => lifecycle.confirm(principalOf(request), request.params.id, request.body ?? {}),
  );

  app.post(
    '/appointments/:id/cancel',
    {
      preHandler: app.requireRole('client', 'therapist'),
      schema: {
        tags,
        operationId: 'cancelAppointment',
        summary: 'PENDING or CONFIRMED → CANCELLED, by either participant, before the start',
        description: "A client's cancellation within the cancellation window is marked `lateCancellation: true`.",
        security: bearer,
        params: idParamsSchema,
        body: cancelBodySchema,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => lifecycle.cancel(principalOf(request), request.params.id, request.body ?? {}),
  );

  app.post(
    '/appointments/:id/reschedule',
    {
      preHandler: app.requireRole('client'),
      schema: {
        tags,
        operationId: 'rescheduleAppointment',
        summary: 'Move to another free start (the client); back to PENDING for the therapist to confirm',
        description:
          'Atomic: the old time is released only if the new one is won. Not within the cancellation window ' +
          '(422 `reschedule-window-closed`). The slot and the screening are checked again at the new date.',
        security: bearer,
        params: idParamsSchema,
        body: rescheduleBodySchema,
        response: { 200: appointmentSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => booking.reschedule(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/appointments/:id/complete',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags,
        operationId: 'completeAppointment',
        summary: 'CONFIRMED → COMPLETED (the therapist, from the start on)',
        description:
          'Only the appointment’s therapist (the client: 403 `not-allowed-for-participant`), once it has ' +
          'started (before: 409 `appointment-not-started`). Any state but CONFIRMED is 409 ' +
          '`invalid-transition` with `currentStatus`. Completing lets the client review the session.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: appointmentSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => lifecycle.complete(principalOf(request), request.params.id),
  );

  app.post(
    '/appointments/:id/no-show',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags,
        operationId: 'markAppointmentNoShow',
        summary: 'CONFIRMED → NO_SHOW (the therapist, from the start on)',
        description:
          'Only the appointment’s therapist (the client: 403 `not-allowed-for-participant`), once it has ' +
          'started (before: 409 `appointment-not-started`). Any state but CONFIRMED is 409 ' +
          '`invalid-transition` with `currentStatus`.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: appointmentSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => lifecycle.markNoShow(principalOf(request), request.params.id),
  );
};

export default appointmentRoutes;
