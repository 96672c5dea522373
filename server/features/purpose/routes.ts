import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { currentUser } from '../../platform/auth/plugin.ts';
import { cleanLine, Line } from '../../platform/http/text.ts';
import { authorizeItem, findItem } from '../../platform/items/base.ts';
import { needsPurpose, statePurpose } from '../../platform/items/purpose.ts';

const Params = Type.Object({ itemId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
const Body = Type.Object({ purpose: Line(500, { minLength: 10 }) }, { additionalProperties: false });
const Stated = Type.Object({ expiresAt: Type.String({ format: 'date-time' }) }, { additionalProperties: false });

/** Stating the purpose of access to a RED item before reading it; the statement is itself an audit entry. */
export default async function purposeRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/api/items/:itemId/purpose',
    {
      config: { audit: 'item.purpose' },
      schema: {
        tags: ['items'],
        summary: 'State why I open this RED item or person record (10–500 characters, kept in the audit trail; not content — do not paste any)',
        params: Params,
        body: Body,
        response: { 200: Stated },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const item = await findItem(app.db, ability, null, request.params.itemId);
      request.audit.space(item.spaceId);
      authorizeItem(ability, 'read', item, 'content');
      const purpose = cleanLine(request.body.purpose);
      request.audit.purpose = purpose;
      request.audit.detail({ needed: needsPurpose(item, actor.id) });
      const now = app.clock.now();
      await request.change((trx) => statePurpose(trx, currentUser(request).session.id, item.id, purpose, now, app.config.purposeMinutes));
      return { expiresAt: new Date(now.getTime() + app.config.purposeMinutes * 60_000).toISOString() };
    },
  );
}
