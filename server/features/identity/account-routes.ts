import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { authorize } from '../../../policies/ability.ts';
import type { Database } from '../../platform/db/database.ts';
import {
  acceptInvitation,
  completeReset,
  invite,
  listUsers,
  requestReset,
  resendInvitation,
  updateUserAccess,
  userView,
  userViews,
} from './accounts.ts';
import {
  AcceptInvitationBody,
  InvitationBody,
  ResetCompleteBody,
  ResetRequestBody,
  SignedIn,
  UpdateUserBody,
  UserList,
  UserListQuery,
  UserParams,
  UserView,
} from './schemas.ts';
import { newSession } from './session.ts';
import { clientOf, signedIn } from './sign-in.ts';

export default async function userRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const services = (db: Database) => ({ db, config: app.config, mail: app.mail, now: app.clock.now() });

  app.post(
    '/api/invitations',
    {
      config: { audit: 'user.invite' },
      schema: {
        tags: ['users'],
        summary: 'Invite someone (Secretariat): creates the account and mails a single-use link valid 72 hours',
        body: InvitationBody,
        response: { 201: UserView },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'invite', 'User');
      const user = await request.change(async (trx) => {
        const invited = await invite(services(trx), actor.id, request.body);
        request.audit.subjectId = invited.id;
        return invited;
      });
      return reply.code(201).send(await userView(app.db, user));
    },
  );

  app.get(
    '/api/users',
    {
      config: { audit: 'user.list' },
      schema: {
        tags: ['users'],
        summary: 'Accounts I may list (the Secretariat: all; a contact point: its country’s active accounts), newest first',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'list', 'User');
      const { total, users } = await listUsers(app.db, ability, request.query);
      return {
        total,
        page: request.query.page,
        pageSize: request.query.pageSize,
        items: await userViews(app.db, users),
      };
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { audit: 'user.update' },
      schema: {
        tags: ['users'],
        summary: 'Set an account’s status, global roles or organisation (Secretariat, not on itself); its sessions end',
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: UserView },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'manage-access', 'User', { id: request.params.id });
      const updated = await request.change((trx) => updateUserAccess(trx, request.params.id, request.body, app.clock.now()));
      return userView(app.db, updated);
    },
  );

  app.post(
    '/api/users/:id/invitation',
    {
      config: { audit: 'user.reinvite' },
      schema: {
        tags: ['users'],
        summary: 'Send a fresh invitation link to someone who has not accepted yet (Secretariat)',
        params: UserParams,
        response: { 200: UserView },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      authorize(ability, 'invite', 'User');
      return userView(app.db, await request.change((trx) => resendInvitation(services(trx), request.params.id, actor.id)));
    },
  );

  app.post(
    '/api/invitations/accept',
    {
      config: { audit: 'user.accept_invitation', access: 'public' },
      schema: {
        tags: ['users'],
        summary: 'Accept an invitation: choose a password; signs in to set up the second factor',
        body: AcceptInvitationBody,
        response: { 200: SignedIn },
      },
    },
    async (request, reply) => {
      const hash = await app.passwords.hash(request.body.password);
      const { user, issued } = await request.change(async (trx) => {
        const accepted = await acceptInvitation(trx, request.body.token, hash, app.clock.now());
        request.audit.actor = { id: accepted.id, country: accepted.country };
        return { user: accepted, issued: await newSession(app, trx, clientOf(request), accepted, 'enrol') };
      });
      return signedIn(app, reply, user, issued, 'enrol');
    },
  );

  app.post(
    '/api/password-reset',
    {
      config: { audit: 'account.password_reset_request', access: 'public' },
      schema: {
        tags: ['users'],
        summary: 'Ask for a password-reset link; the answer is the same whether or not the account exists',
        body: ResetRequestBody,
        response: { 202: Type.Object({}, { additionalProperties: false }) },
      },
    },
    async (request, reply) => {
      await request.change((trx) => requestReset(services(trx), request.body.email));
      return reply.code(202).send({});
    },
  );

  app.post(
    '/api/password-reset/complete',
    {
      config: { audit: 'account.password_reset', access: 'public' },
      schema: {
        tags: ['users'],
        summary: 'Choose a new password with a reset link; ends every session of the account',
        body: ResetCompleteBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const hash = await app.passwords.hash(request.body.password);
      await request.change(async (trx) => {
        const user = await completeReset(trx, request.body.token, hash, app.clock.now());
        request.audit.actor = { id: user.id, country: user.country };
      });
      return reply.code(204).send(null);
    },
  );
}
