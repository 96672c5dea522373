import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { isDatabaseError, SQLSTATE } from '../../platform/db/errors.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { insertOrganisation, listOrganisations, lockOrganisation, updateOrganisation } from './queries.ts';
import { OrganisationBody, OrganisationChange, OrganisationListQuery, OrganisationParams, OrganisationView } from './schemas.ts';
import { changes, checkPlace, organisationView } from './service.ts';

/**
 * Organisations: everyone signed in reads them (alerts are addressed to them, people belong to
 * them); only the Secretariat registers, renames, re-kinds and deactivates them (policies/spaces.ts).
 * Never deleted: users, items, alerts and webhooks reference them.
 */
export default async function organisationRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/organisations',
    {
      config: { audit: false },
      schema: {
        tags: ['organisations'],
        summary: 'Member authorities, migration authorities, observers, partners and the Secretariat; filtered by kind, text and status',
        querystring: OrganisationListQuery,
        response: { 200: Type.Array(OrganisationView) },
      },
    },
    async (request) => {
      authorize((await request.access()).ability, 'read', 'Organisation');
      return (await listOrganisations(app.db, request.query)).map(organisationView);
    },
  );

  app.post(
    '/api/organisations',
    {
      config: { audit: 'organisation.create' },
      schema: {
        tags: ['organisations'],
        summary: 'Register an organisation (Secretariat)',
        body: OrganisationBody,
        response: { 201: OrganisationView, 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      authorize((await request.access()).ability, 'create', 'Organisation');
      checkPlace(request.body);
      const row = await request
        .change(async (trx) => {
          const created = await insertOrganisation(trx, request.body);
          request.audit.subjectId = created.id;
          request.audit.detail({ code: created.code, kind: created.kind });
          return created;
        })
        .catch((err: unknown) => {
          if (isDatabaseError(err, SQLSTATE.uniqueViolation)) throw new ApiError(409, 'code_taken', {}, 'body.code');
          throw err;
        });
      return reply.code(201).send(organisationView(row));
    },
  );

  app.patch(
    '/api/organisations/:organisationId',
    {
      config: { audit: 'organisation.update' },
      schema: {
        tags: ['organisations'],
        summary: 'Rename an organisation, change its kind where it stays in place, deactivate or reactivate it (Secretariat)',
        params: OrganisationParams,
        body: OrganisationChange,
        response: { 200: OrganisationView, 409: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'update', 'Organisation');
      const { organisationId } = request.params;
      request.audit.subjectId = organisationId;
      const row = await request.change(async (trx) => {
        const current = await lockOrganisation(trx, organisationId);
        if (!current) throw new ApiError(404, 'not_found');
        const now = app.clock.now();
        const { set, fields } = changes(current, request.body, actor.id, now);
        request.audit.detail({ fields });
        return fields.length ? updateOrganisation(trx, organisationId, { ...set, updatedAt: now }) : current;
      });
      return organisationView(row);
    },
  );
}
