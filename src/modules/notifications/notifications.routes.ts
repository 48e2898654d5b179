import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemResponses } from '../../lib/http-schemas.ts';
import { pageQuerySchema, pageSchema } from '../../lib/pagination.ts';
import { principalOf } from '../../plugins/auth.ts';
import {
  adminNotificationSchema,
  adminNotificationsQuerySchema,
  notificationPreferencesSchema,
  notificationSchema,
} from './notifications.schemas.ts';

const bearer = [{ bearerAuth: [] }];
const tags = ['notifications'];

const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { notifications } = app.services;

  app.get(
    '/me/notifications',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'listMyNotifications',
        summary: 'The messages sent (or due) to you, newest first',
        description:
          'Any signed-in user. Each entry is what the message log keeps: its kind, state and times, never the body ' +
          '(messages are built from the current data when sent and not stored).',
        security: bearer,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(notificationSchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => notifications.listOwn(principalOf(request), request.query),
  );

  app.get(
    '/me/notification-preferences',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'getMyNotificationPreferences',
        summary: 'Which optional messages you receive',
        description: 'Any signed-in user. Reminders are on unless turned off.',
        security: bearer,
        response: { 200: notificationPreferencesSchema, ...problemResponses(401) },
      },
    },
    async (request) => notifications.getPreferences(principalOf(request)),
  );

  app.put(
    '/me/notification-preferences',
    {
      preHandler: app.authenticate,
      schema: {
        tags,
        operationId: 'setMyNotificationPreferences',
        summary: 'Turn reminders on or off',
        description:
          'Any signed-in user. `reminders: false` stops reminders, including ones already planned (they are ' +
          'skipped when due); confirmations, changes and cancellations always go.',
        security: bearer,
        body: notificationPreferencesSchema,
        response: { 200: notificationPreferencesSchema, ...problemResponses(400, 401) },
      },
    },
    async (request) => notifications.setPreferences(principalOf(request), request.body),
  );

  app.get(
    '/admin/notifications',
    {
      preHandler: app.requireRole('admin'),
      schema: {
        tags,
        operationId: 'listNotifications',
        summary: 'Every message the service sent or means to send (admins)',
        description:
          'Admins only. Filter by `status` (failed ones carry the last error) and `kind`. The message body is never ' +
          'stored, so it cannot be shown.',
        security: bearer,
        querystring: adminNotificationsQuerySchema,
        response: { 200: pageSchema(adminNotificationSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => notifications.listAll(request.query),
  );
};

export default notificationRoutes;
