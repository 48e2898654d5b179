import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema, problemResponses } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/auth.ts';
import type { CalendarFeed } from './calendar.service.ts';

const feedQuerySchema = z.object({
  token: z.string().max(200).optional().describe('The secret feed token, as the feed URL carries it'),
});
const feedSchema = z
  .object({
    url: z.string().describe('Subscribe to this URL in a calendar app; it contains the secret'),
    token: z.string().describe('The secret alone; rotating it makes every earlier URL stop working'),
  })
  .meta({ id: 'CalendarFeed' });
const bearer = [{ bearerAuth: [] }];

/**
 * From PUBLIC_BASE_URL, never from the request: the Host header is the client's to choose, and a feed URL built
 * from `Host: evil.example` would hand the token to whoever the client (or a poisoned cache) names.
 */
function withAbsoluteUrl(publicBaseUrl: string, feed: CalendarFeed) {
  return { url: `${publicBaseUrl}${feed.path}`, token: feed.token };
}

const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { calendars } = app.services;

  app.get(
    '/therapists/:id/calendar.ics',
    {
      schema: {
        tags: ['availability'],
        operationId: 'getCalendarFeed',
        summary: "The therapist's confirmed sessions as iCalendar (text/calendar), for the holder of the feed token",
        description:
          'Time and length of each session only: no massage type (it can reveal health data), client details, notes or screening flags. A wrong or missing token is 404.',
        params: idParamsSchema,
        querystring: feedQuerySchema,
        response: { 200: z.string().describe('text/calendar; charset=utf-8'), ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      const body = await calendars.renderFeed(request.params.id, request.query.token);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(body);
    },
  );

  app.get(
    '/therapists/:id/calendar-feed',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'getCalendarFeedUrl',
        summary: 'The URL (with its secret token) of your calendar feed',
        description:
          'Only the therapist themself (another therapist: 403 `not-your-profile`). The URL works without a ' +
          'login, so treat it as a password; POST …/calendar-feed/rotate replaces it.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: feedSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      withAbsoluteUrl(app.config.PUBLIC_BASE_URL, await calendars.getFeed(principalOf(request), request.params.id)),
  );

  app.post(
    '/therapists/:id/calendar-feed/rotate',
    {
      preHandler: app.requireRole('therapist'),
      schema: {
        tags: ['availability'],
        operationId: 'rotateCalendarFeedToken',
        summary: 'Replace the feed token; the old URL stops working',
        description:
          'Only the therapist themself (another therapist: 403 `not-your-profile`). Use it when the feed URL ' +
          'may have leaked: calendars subscribed to the old URL get 404 from then on.',
        security: bearer,
        params: idParamsSchema,
        response: { 200: feedSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) =>
      withAbsoluteUrl(app.config.PUBLIC_BASE_URL, await calendars.rotate(principalOf(request), request.params.id)),
  );
};

export default calendarRoutes;
