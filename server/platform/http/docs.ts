import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The OpenAPI document is generated from the route schemas, so the schemas that validate
 * and serialise are also the documentation. UI at /api/docs, JSON at /api/docs/json.
 */
export default fp(
  async function docs(app: FastifyInstance, opts: { version: string }) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Enlace API',
          version: opts.version,
          description:
            'The API of the Virtual Secretariat. Errors are `{ "error": { "code", "message" } }` with the message ' +
            'in the language of `Accept-Language` (es, en).',
        },
        tags: [{ name: 'operations', description: 'Health and readiness' }],
      },
    });
    await app.register(swaggerUi, {
      routePrefix: '/api/docs',
      uiConfig: { docExpansion: 'list', deepLinking: false, validatorUrl: null },
    });
  },
  { name: 'enlace-docs' },
);
