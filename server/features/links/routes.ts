import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Tlp } from '../../platform/items/base.ts';
import { readableContentOfAnyKind } from '../../platform/items/queues.ts';
import { itemForContent } from '../../platform/items/read.ts';

const Params = Type.Object({ itemId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** A linked item by what its reader may see in clear: its kind and facets, never a title, a name or content. */
const LinkedItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Enum(['specimen', 'report', 'alert', 'person', 'library']),
    tlp: Tlp,
    status: Type.String(),
    originatorCountry: Type.String(),
    /** 'to': this item links to it; 'from': it links to this item. */
    direction: Type.Enum(['to', 'from']),
    documentType: Nullable(Type.String()),
    issuingCountry: Nullable(Type.String()),
    reportKind: Nullable(Type.String()),
    severity: Nullable(Type.String()),
    personForm: Nullable(Type.String()),
    personRole: Nullable(Type.String()),
    detectionCountry: Nullable(Type.String()),
    detectionYear: Nullable(Type.Integer()),
  },
  { additionalProperties: false },
);

/**
 * What links an item with others, both ways, over every kind's links (a report's, an alert's, a
 * person record's): shown on an item's page — a specimen's page lists the reports and person
 * records that cite it — only where the reader reads the item and the other side's content, by
 * clear facets (a person record by its form, role, detection country and year; never a name).
 */
export default async function linkRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/items/:itemId/links',
    {
      config: { audit: 'item.links' },
      schema: {
        tags: ['items'],
        summary: 'The items this one links to and those that link to it, which I read (clear facets only)',
        params: Params,
        response: { 200: Type.Object({ items: Type.Array(LinkedItem) }, { additionalProperties: false }) },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const item = await itemForContent(app, request, ability, null, request.params.itemId);
      const id = item.id;
      const rows = await readableContentOfAnyKind(app.db, ability)
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('reportLink')
              .select(['itemId as target', sql<'to' | 'from'>`'to'`.as('direction')])
              .where('reportId', '=', id)
              .unionAll(
                eb
                  .selectFrom('reportLink')
                  .select(['reportId as target', sql<'to' | 'from'>`'from'`.as('direction')])
                  .where('itemId', '=', id),
              )
              .unionAll(
                eb
                  .selectFrom('alertLink')
                  .select(['itemId as target', sql<'to' | 'from'>`'to'`.as('direction')])
                  .where('alertId', '=', id),
              )
              .unionAll(
                eb
                  .selectFrom('alertLink')
                  .select(['alertId as target', sql<'to' | 'from'>`'from'`.as('direction')])
                  .where('itemId', '=', id),
              )
              .unionAll(
                eb
                  .selectFrom('personLink')
                  .select(['itemId as target', sql<'to' | 'from'>`'to'`.as('direction')])
                  .where('personId', '=', id),
              )
              .unionAll(
                eb
                  .selectFrom('personLink')
                  .select(['personId as target', sql<'to' | 'from'>`'from'`.as('direction')])
                  .where('itemId', '=', id),
              )
              .as('l'),
          (join) => join.onRef('l.target', '=', 'item.id'),
        )
        .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
        .leftJoin('report as rp', 'rp.itemId', 'item.id')
        .leftJoin('alert as a', 'a.itemId', 'item.id')
        .leftJoin('person as ps', 'ps.itemId', 'item.id')
        .where('item.status', '<>', 'withdrawn')
        .select([
          'item.id',
          'item.kind',
          'item.tlp',
          'item.status',
          'item.originatorCountry',
          'l.direction',
          'sp.documentType',
          'sp.issuingCountry',
          'rp.kind as reportKind',
          'a.severity',
          'ps.form as personForm',
          'ps.role as personRole',
          'ps.detectionCountry',
          'ps.detectionYear',
        ])
        .distinctOn(['item.id', 'l.direction'])
        .orderBy('item.id')
        .orderBy('l.direction')
        .execute();
      request.audit.detail({ itemIds: rows.map((r) => r.id) });
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          tlp: r.tlp,
          status: r.status,
          originatorCountry: r.originatorCountry,
          direction: r.direction,
          documentType: r.documentType ?? null,
          issuingCountry: r.issuingCountry ?? null,
          reportKind: r.reportKind ?? null,
          severity: r.severity ?? null,
          personForm: r.personForm ?? null,
          personRole: r.personRole ?? null,
          detectionCountry: r.detectionCountry ?? null,
          detectionYear: r.detectionYear ?? null,
        })),
      };
    },
  );
}
