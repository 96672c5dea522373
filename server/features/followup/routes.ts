import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../../policies/ability.ts';
import { ErrorReply } from '../../platform/http/errors.ts';
import { placeNamer } from '../../platform/reference/places.ts';
import { dashboardCsv, dashboardPdf, dashboardPlaces } from './export.ts';
import { dashboard } from './queries.ts';
import { Dashboard, DashboardQuery, ExportQuery } from './schemas.ts';

/**
 * The follow-up of the plans: the Presidency's and the Secretariat's dashboard (figures only, never
 * content), as JSON for the page and as CSV or PDF to file or send.
 */
export default async function followupRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/followup/dashboard',
    {
      config: { audit: 'followup.dashboard' },
      schema: {
        tags: ['followup'],
        summary:
          'The follow-up figures per network, space and country: loading against deadlines, items, activity, alert acknowledgements — no content',
        querystring: DashboardQuery,
        response: { 200: Dashboard, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'FollowUp');
      const figures = await dashboard(app.db, ability, request.query, app.clock.now());
      request.audit.detail({ networkId: request.query.networkId ?? null, period: figures.period.label });
      return figures;
    },
  );

  app.get(
    '/api/followup/dashboard/export',
    {
      config: { audit: 'followup.export' },
      schema: {
        tags: ['followup'],
        summary: 'The dashboard as CSV or PDF (`lang`: the words’ language; without it, the request’s)',
        querystring: ExportQuery,
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      authorize(ability, 'read', 'FollowUp');
      const { format, lang, ...query } = request.query;
      const language = lang ?? request.language;
      const figures = await dashboard(app.db, ability, query, app.clock.now());
      request.audit.detail({ networkId: query.networkId ?? null, period: figures.period.label, format });
      const name = `enlace-seguimiento-${figures.period.label}.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      const place = await placeNamer(app.db, dashboardPlaces(figures), language);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(dashboardCsv(figures, language, place));
      return reply.type('application/pdf').send(await dashboardPdf(figures, language, place));
    },
  );
}
