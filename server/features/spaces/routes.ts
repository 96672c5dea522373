import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { auditWithin } from '../../platform/audit/plugin.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { portalUrl } from '../../config.ts';
import {
  MemberBody,
  MemberParams,
  MemberPatch,
  MemberView,
  NetworkBody,
  NetworkView,
  OrganisationBody,
  OrganisationView,
  SpaceBody,
  SpaceParams,
  SpacePatch,
  SpaceView,
} from './schemas.ts';
import { createSpace, getSpace, listMembers, listSpaces, removeMembership, setMembership, updateSpace } from './service.ts';

const isUnique = (err: unknown) => (err as { code?: string }).code === '23505';

export default async function spaceRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/networks',
    { config: { audit: false }, schema: { tags: ['spaces'], summary: 'The networks', response: { 200: Type.Array(NetworkView) } } },
    async (request) => {
      authorize((await request.access()).ability, 'read', 'Network');
      return app.db.selectFrom('network').select(['id', 'code', 'nameEs', 'nameEn']).orderBy('code').execute();
    },
  );

  app.post(
    '/api/networks',
    { config: { audit: 'network.create' }, schema: { tags: ['spaces'], summary: 'Create a network (Secretariat)', body: NetworkBody, response: { 201: NetworkView } } },
    async (request, reply) => {
      authorize((await request.access()).ability, 'create', 'Network');
      try {
        const row = await app.db.insertInto('network').values(request.body).returning(['id', 'code', 'nameEs', 'nameEn']).executeTakeFirstOrThrow();
        return reply.code(201).send(row);
      } catch (err) {
        if (isUnique(err)) throw new ApiError(409, 'code_taken', {}, 'body.code');
        throw err;
      }
    },
  );

  app.get(
    '/api/organisations',
    { config: { audit: false }, schema: { tags: ['spaces'], summary: 'Member authorities, observers and alert-receiving authorities', response: { 200: Type.Array(OrganisationView) } } },
    async (request) => {
      authorize((await request.access()).ability, 'read', 'Organisation');
      return app.db.selectFrom('organisation').select(['id', 'code', 'country', 'kind', 'nameEs', 'nameEn']).orderBy('country').orderBy('code').execute();
    },
  );

  app.post(
    '/api/organisations',
    { config: { audit: 'organisation.create' }, schema: { tags: ['spaces'], summary: 'Register an organisation (Secretariat)', body: OrganisationBody, response: { 201: OrganisationView } } },
    async (request, reply) => {
      authorize((await request.access()).ability, 'create', 'Organisation');
      try {
        const row = await app.db
          .insertInto('organisation')
          .values(request.body)
          .returning(['id', 'code', 'country', 'kind', 'nameEs', 'nameEn'])
          .executeTakeFirstOrThrow();
        return reply.code(201).send(row);
      } catch (err) {
        if (isUnique(err)) throw new ApiError(409, 'code_taken', {}, 'body.code');
        throw err;
      }
    },
  );

  app.get(
    '/api/spaces',
    { config: { audit: 'space.list' },
      schema: {
        tags: ['spaces'],
        summary: 'The spaces I may see (mine; a contact point’s network; all for the Secretariat), with what I may do in each',
        response: { 200: Type.Array(SpaceView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return listSpaces(app.db, actor, ability);
    },
  );

  app.post(
    '/api/spaces',
    { config: { audit: 'space.create' }, schema: { tags: ['spaces'], summary: 'Open a space in a network (Secretariat)', body: SpaceBody, response: { 201: SpaceView } } },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'create', 'Space');
      const id = await createSpace(app.db, app.keyring, actor.id, request.body, app.clock.now());
      return reply.code(201).send(await getSpace(app.db, actor, ability, id));
    },
  );

  app.get(
    '/api/spaces/:spaceId',
    { config: { audit: 'space.read' },
      schema: {
        tags: ['spaces'],
        summary: 'One space; 404 when it does not exist or is not mine to see',
        params: SpaceParams,
        response: { 200: SpaceView },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return getSpace(app.db, actor, ability, request.params.spaceId);
    },
  );

  app.patch(
    '/api/spaces/:spaceId',
    { config: { audit: 'space.update' }, schema: { tags: ['spaces'], summary: 'Rename or reschedule a space (Secretariat)', params: SpaceParams, body: SpacePatch, response: { 200: SpaceView } } },
    async (request) => {
      const { actor, ability } = await request.access();
      const space = await getSpace(app.db, actor, ability, request.params.spaceId);
      authorize(ability, 'update', 'Space', { id: space.id, networkId: space.network.id });
      await updateSpace(app.db, space.id, request.body, app.clock.now());
      return getSpace(app.db, actor, ability, space.id);
    },
  );

  app.get(
    '/api/spaces/:spaceId/members',
    { config: { audit: 'member.list' }, schema: { tags: ['spaces'], summary: 'Members of a space', params: SpaceParams, response: { 200: Type.Array(MemberView) } } },
    async (request) => {
      const { actor, ability } = await request.access();
      await getSpace(app.db, actor, ability, request.params.spaceId);
      return listMembers(app.db, actor, ability, request.params.spaceId);
    },
  );

  const context = async (request: FastifyRequest, status: number) => {
    const { actor, ability } = await request.access();
    const record = (trx: Database, details: Record<string, unknown>) => {
      request.audit.detail(details);
      return auditWithin(app, request, trx, status);
    };
    return { db: app.db, mail: app.mail, ability, actorId: actor.id, now: app.clock.now(), portalUrl: portalUrl(app.config), actor, record };
  };

  app.post(
    '/api/spaces/:spaceId/members',
    { config: { audit: 'member.add' },
      schema: {
        tags: ['spaces'],
        summary: 'Add a member (Secretariat; a contact point or substitute for its own country’s officers and observers)',
        params: SpaceParams,
        body: MemberBody,
        response: { 201: Type.Array(MemberView) },
      },
    },
    async (request, reply) => {
      const ctx = await context(request, 201);
      await getSpace(app.db, ctx.actor, ctx.ability, request.params.spaceId);
      await setMembership(ctx, request.params.spaceId, request.body.userId, request.body.role, false);
      return reply.code(201).send(await listMembers(app.db, ctx.actor, ctx.ability, request.params.spaceId));
    },
  );

  app.patch(
    '/api/spaces/:spaceId/members/:userId',
    { config: { audit: 'member.role_change' }, schema: { tags: ['spaces'], summary: 'Change a member’s role', params: MemberParams, body: MemberPatch, response: { 200: Type.Array(MemberView) } } },
    async (request) => {
      const ctx = await context(request, 200);
      await getSpace(app.db, ctx.actor, ctx.ability, request.params.spaceId);
      await setMembership(ctx, request.params.spaceId, request.params.userId, request.body.role, true);
      return listMembers(app.db, ctx.actor, ctx.ability, request.params.spaceId);
    },
  );

  app.delete(
    '/api/spaces/:spaceId/members/:userId',
    { config: { audit: 'member.remove' }, schema: { tags: ['spaces'], summary: 'Remove a member', params: MemberParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      const ctx = await context(request, 204);
      await getSpace(app.db, ctx.actor, ctx.ability, request.params.spaceId);
      await removeMembership(ctx, request.params.spaceId, request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
