import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { portalUrl } from '../../config.ts';
import { ErrorReply } from '../../platform/http/errors.ts';
import { AppointBody, DirectoryNetworks, DirectoryParams, DirectoryQuery, DirectoryView, EntryParams, EntryPatch, EntryView } from './schemas.ts';
import { appointSubstitute, confirm, directoryVcards, editEntry, entryFor, networksOf, readDirectory, readEntry } from './service.ts';

/**
 * The network directory. Reading: every member of the network, the Secretariat, the Presidency —
 * anyone else gets 404, as for a network that does not exist. Changing an entry: its country's
 * contact point or substitute (appointing the substitute: the contact point), or the Secretariat;
 * a caller who may change no entry gets 403, one who may change some gets 404 for an entry that is
 * not theirs exactly as for one that does not exist.
 */
export default async function directoryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/directory',
    {
      config: { audit: 'directory.networks' },
      schema: { tags: ['directory'], summary: 'The networks whose directory I read', response: { 200: DirectoryNetworks } },
    },
    async (request) => {
      const { ability } = await request.access();
      return { networks: await networksOf(app.db, ability) };
    },
  );

  app.get(
    '/api/networks/:networkId/directory',
    {
      config: { audit: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary:
          'A network’s directory: per member country, its contact point and substitute, phones, 24/7 line, languages, further contacts and last confirmation (`format=vcard`: every contact as a vCard 4.0 .vcf)',
        params: DirectoryParams,
        querystring: DirectoryQuery,
        response: { 200: DirectoryView },
      },
    },
    async (request, reply) => {
      const { ability } = await request.access();
      const directory = await readDirectory(app.db, app.sealer, ability, request.params.networkId, app.clock.now());
      const entryIds = directory.entries.map((e) => e.id);
      if (request.query.format !== 'vcard') {
        request.audit.detail({ networkId: directory.network.id, entryIds });
        return directory;
      }
      const { body, count } = directoryVcards(directory, request.query.lang ?? request.language);
      request.audit.detail({ networkId: directory.network.id, entryIds, format: 'vcard', cards: count });
      return (
        reply
          .headers({
            'content-type': 'text/vcard; charset=utf-8',
            'content-disposition': `attachment; filename="directory-${directory.network.code}.vcf"`,
            'cache-control': 'private, no-store',
          })
          // A string with a non-JSON type is sent as it is: the response schema describes the JSON answer only.
          .send(body as never)
      );
    },
  );

  app.patch(
    '/api/directory/:countryEntryId',
    {
      config: { audit: 'directory.update' },
      schema: {
        tags: ['directory'],
        summary:
          'Edit a country’s entry (its contact point or substitute; the Secretariat any): the fields sent replace theirs, `contacts` the whole list',
        params: EntryParams,
        body: EntryPatch,
        response: { 200: EntryView, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const entry = await entryFor(app.db, ability, 'update', request.params.countryEntryId, app.clock.now());
      request.audit.subjectId = entry.id;
      await request.change(async (trx) => {
        const fields = await editEntry(trx, app.sealer, entry, request.body, actor.id, app.clock.now());
        request.audit.detail({ networkId: entry.networkId, country: entry.country, fields, contacts: request.body.contacts?.length });
      });
      return readEntry(app.db, app.sealer, ability, entry.id, app.clock.now());
    },
  );

  app.post(
    '/api/directory/:countryEntryId/confirm',
    {
      config: { audit: 'directory.confirm' },
      schema: {
        tags: ['directory'],
        summary: 'Confirm a country’s entry as current (its contact point or substitute; the Secretariat any): the last confirmation is now',
        params: EntryParams,
        response: { 200: EntryView, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const entry = await entryFor(app.db, ability, 'confirm', request.params.countryEntryId, app.clock.now());
      request.audit.subjectId = entry.id;
      await request.change(async (trx) => {
        await confirm(trx, entry, actor.id, app.clock.now());
        request.audit.detail({ networkId: entry.networkId, country: entry.country });
      });
      return readEntry(app.db, app.sealer, ability, entry.id, app.clock.now());
    },
  );

  app.post(
    '/api/directory/:countryEntryId/substitute',
    {
      config: { audit: 'directory.appoint' },
      schema: {
        tags: ['directory'],
        summary:
          'Appoint the country’s substitute in the network (its contact point; the Secretariat any) among the country’s members of the network; the substitute before becomes an officer',
        params: EntryParams,
        body: AppointBody,
        response: { 200: EntryView, 400: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const entry = await entryFor(app.db, ability, 'appoint', request.params.countryEntryId, app.clock.now());
      request.audit.subjectId = entry.id;
      await request.change(async (trx) => {
        const done = await appointSubstitute(
          { db: trx, mail: app.mail, actor, ability, now: app.clock.now(), portalUrl: portalUrl(app.config) },
          entry,
          request.body.userId,
        );
        request.audit.detail({ networkId: entry.networkId, country: entry.country, ...done });
      });
      return readEntry(app.db, app.sealer, ability, entry.id, app.clock.now());
    },
  );
}
