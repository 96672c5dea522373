import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import { portalUrl } from '../../config.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { type MembershipContext, removeMembership, setMembership } from '../../platform/memberships/change.ts';
import { MemberBody, MemberParams, MemberPatch, MemberView, SpaceBody, SpaceParams, SpacePatch, SpaceView } from './schemas.ts';
import { createSpace, getSpace, listMembers, listSpaces, updateSpace } from './service.ts';

export default async function spaceRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/spaces',
    {
      config: { audit: 'space.list' },
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
    {
      config: { audit: 'space.create' },
      schema: { tags: ['spaces'], summary: 'Open a space in a network (Secretariat)', body: SpaceBody, response: { 201: SpaceView } },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'create', 'Space');
      const id = await request.change(async (trx) => {
        const created = await createSpace(trx, app.keyring, actor.id, request.body, app.clock.now());
        request.audit.subjectId = created;
        request.audit.space(created);
        return created;
      });
      return reply.code(201).send(await getSpace(app.db, actor, ability, id));
    },
  );

  app.get(
    '/api/spaces/:spaceId',
    {
      config: { audit: 'space.read' },
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
    {
      config: { audit: 'space.update' },
      schema: {
        tags: ['spaces'],
        summary: 'Rename or reschedule a space (Secretariat)',
        params: SpaceParams,
        body: SpacePatch,
        response: { 200: SpaceView },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const space = await getSpace(app.db, actor, ability, request.params.spaceId);
      authorize(ability, 'update', 'Space', { id: space.id, networkId: space.network.id });
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => updateSpace(trx, space.id, request.body, app.clock.now()));
      return getSpace(app.db, actor, ability, space.id);
    },
  );

  app.get(
    '/api/spaces/:spaceId/members',
    {
      config: { audit: 'member.list' },
      schema: { tags: ['spaces'], summary: 'Members of a space', params: SpaceParams, response: { 200: Type.Array(MemberView) } },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      await getSpace(app.db, actor, ability, request.params.spaceId);
      return listMembers(app.db, actor, ability, request.params.spaceId);
    },
  );

  /**
   * A membership change, permission first: a caller who may not manage this space's members gets
   * 403 whoever the target is — a member or not, an account or not — so the answer tells nothing.
   */
  const membershipChange = async (request: FastifyRequest, work: (ctx: MembershipContext) => Promise<Record<string, unknown>>) => {
    const { actor, ability } = await request.access();
    const space = await getSpace(app.db, actor, ability, (request.params as { spaceId: string }).spaceId);
    if (!space.permissions.manageMembers) throw new ApiError(403, 'forbidden');
    await request.change(async (trx) => {
      request.audit.detail(await work({ db: trx, mail: app.mail, actor, ability, now: app.clock.now(), portalUrl: portalUrl(app.config) }));
    });
    return listMembers(app.db, actor, ability, space.id);
  };

  app.post(
    '/api/spaces/:spaceId/members',
    {
      config: { audit: 'member.add' },
      schema: {
        tags: ['spaces'],
        summary: 'Add a member (Secretariat; a contact point or substitute for its own country’s officers and observers)',
        params: SpaceParams,
        body: MemberBody,
        response: { 201: Type.Array(MemberView) },
      },
    },
    async (request, reply) => {
      const { spaceId } = request.params;
      request.audit.subjectId = request.body.userId;
      const members = await membershipChange(request, (ctx) => setMembership(ctx, spaceId, request.body.userId, request.body.role, false));
      return reply.code(201).send(members);
    },
  );

  app.patch(
    '/api/spaces/:spaceId/members/:userId',
    {
      config: { audit: 'member.role_change' },
      schema: {
        tags: ['spaces'],
        summary: 'Change a member’s role',
        params: MemberParams,
        body: MemberPatch,
        response: { 200: Type.Array(MemberView) },
      },
    },
    async (request) => {
      const { spaceId, userId } = request.params;
      return membershipChange(request, (ctx) => setMembership(ctx, spaceId, userId, request.body.role, true));
    },
  );

  app.delete(
    '/api/spaces/:spaceId/members/:userId',
    {
      config: { audit: 'member.remove' },
      schema: { tags: ['spaces'], summary: 'Remove a member', params: MemberParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      const { spaceId, userId } = request.params;
      await membershipChange(request, (ctx) => removeMembership(ctx, spaceId, userId));
      return reply.code(204).send(null);
    },
  );
}
