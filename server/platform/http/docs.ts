import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DOCS_PREFIX, underApi } from './paths.ts';

/**
 * What any API operation may answer besides what its schema declares: the error body, and the
 * statuses every route can give whatever it does (the session's, the input's, the audit trail's).
 */
const ANY_ERROR = {
  description:
    'An error: `{ "error": { "code", "message" } }`, the message in the language of `Accept-Language`. Any operation may answer ' +
    '400 `invalid_input` (with `field`), 401 `unauthenticated`, 403 `csrf_failed` or `enrolment_required`, ' +
    '404 `not_found` (also when the caller may not know the target exists), and ' +
    '503 `audit_unavailable` when its audit entry could not be written (the reply is then withheld, headers included) ' +
    'or `service_unavailable` with `Retry-After` when the database cannot be reached (nothing was kept; send it again).',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorReply' } } },
};

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;
interface Document {
  paths?: Operations;
  components?: { responses?: Record<string, unknown> };
}

/**
 * Every /api operation's `default` response is the error (`ANY_ERROR`, once in the components
 * as `Error`), unless it declares its own.
 */
function withErrorResponses(document: Document): Document {
  document.components ??= {};
  document.components.responses = { ...document.components.responses, Error: ANY_ERROR };
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    if (!underApi(path)) continue;
    for (const operation of Object.values(operations)) {
      operation.responses ??= {};
      operation.responses['default'] ??= { $ref: '#/components/responses/Error' };
    }
  }
  return document;
}

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
      // A shared schema (app.addSchema) is a component under its own $id (ErrorReply), not `def-0`.
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`) },
      transformObject: (document) => ('openapiObject' in document ? withErrorResponses(document.openapiObject as Document) : document.swaggerObject),
    });
    await app.register(swaggerUi, {
      routePrefix: DOCS_PREFIX,
      // BaseLayout: the operations without swagger-ui's top bar, whose logo is an SVG with an inline
      // <style> that the portal's CSP (style-src 'self') refuses; the bar's other part, a box to load
      // another document by URL, has no use here.
      uiConfig: { docExpansion: 'list', deepLinking: false, validatorUrl: null, layout: 'BaseLayout' },
    });
  },
  { name: 'enlace-docs' },
);
