import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

/** OpenAPI 3.1 generated from the routes' zod schemas, served at /openapi.json, with a reference UI at /docs. */
export default fp(
  async (app) => {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Kneadful API',
          version: '1.0.0',
          description:
            'Booking for massage therapy practices, with a pre-booking health screen. Errors are ' +
            '`application/problem+json` (RFC 9457). Lists are `{ items, nextCursor }` with `?limit=&cursor=`.',
        },
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
        tags: [
          { name: 'auth' },
          { name: 'massage-types' },
          { name: 'therapists' },
          { name: 'certifications' },
          { name: 'availability' },
          { name: 'screening' },
          { name: 'appointments' },
          { name: 'reviews' },
          { name: 'admin' },
          { name: 'operations' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
