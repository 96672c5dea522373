import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { auditForm } from '../../platform/crypto/blind-index.ts';
import { NO_SECRETS } from '../../platform/http/compression.ts';
import { ApiError, ErrorReply } from '../../platform/http/errors.ts';
import { authorizeItem, findItemWith, itemMetadata, prefetchItem, readsContent, type Transition, transitionItem } from '../../platform/items/base.ts';
import { contentOf } from '../../platform/items/read.ts';
import { nameParts } from './names.ts';
import { checkedNames, checkPerson, checkPersons, listPersons } from './queries.ts';
import { shredExpired } from './retention.ts';
import {
  PersonBatch,
  PersonBatchResult,
  PersonCheck,
  PersonCheckResult,
  PersonCreate,
  PersonList,
  PersonPage,
  PersonParams,
  PersonPatch,
  PersonReference,
  PersonSightingCreate,
  PersonSightingView,
  PersonView,
  RetentionExtend,
  SpaceParams,
} from './schemas.ts';
import {
  addSighting,
  createPerson,
  extendRetention,
  facetsOf,
  listSightings,
  PERSON_DETAILS,
  type PersonDeps,
  personFacets,
  personView,
  published,
  updateDraft,
} from './service.ts';
import { personReference } from './taxonomy.ts';

/**
 * Person records (DOMAIN.md §5): create and edit drafts, the validation workflow, the record with a
 * stated purpose, the retention period, "seen here" sightings, the list of one's country's records,
 * and the person check. Every route finds its record under the policy (404 when the reader may not
 * know it), checks the action (403), and needs a purpose before any content leaves (428) unless the
 * reader is the originator. Names, dates of birth and nationalities asked reach the trail only as
 * audit-key MACs. No export route: person records are not exportable.
 */
export default async function personRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const deps: PersonDeps = { db: app.db, sealer: app.sealer, keyring: app.keyring, retentionMonths: app.config.personRetentionMonths };

  if (app.config.jobWorkers && app.config.retentionSweepSeconds > 0) {
    const timer = setInterval(() => {
      shredExpired(app.services).catch((err: unknown) => app.log.error({ err }, 'retention sweep failed'));
    }, app.config.retentionSweepSeconds * 1000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  /** The record for a reader: metadata and clear facets, and — for a content reader with a purpose — what it says. */
  async function view(request: FastifyRequest, ability: Ability, actor: Actor, id: string) {
    // A read's item may have come with the session (prefetchItem); after a change it is looked up again.
    const { item, extra } = await findItemWith(app.db, ability, 'person', id, PERSON_DETAILS, request.auth?.alongside);
    request.audit.space(item.spaceId).detail({ tlp: item.tlp, form: extra.form });
    if (!readsContent(ability, item)) return { ...itemMetadata(ability, item), ...personFacets(extra) };
    await contentOf(app, request, ability, item);
    return personView(deps, ability, actor.id, item, extra);
  }

  /** A record whose content the reader may reach (purpose stated), with its row. */
  async function withContent(request: FastifyRequest, ability: Ability, id: string) {
    const found = await findItemWith(app.db, ability, 'person', id, PERSON_DETAILS);
    await contentOf(app, request, ability, found.item);
    return found;
  }

  /** A check in the trail: each name part, the date of birth and the nationality as audit-key MACs, never in clear. */
  const auditCheck = (check: PersonCheck) => ({
    names: check.names.map((n) => nameParts(n).map((p) => auditForm(app.keyring, 'person-name', p))),
    dateOfBirth: auditForm(app.keyring, 'date-of-birth', check.dateOfBirth),
    ...(check.nationality ? { nationality: auditForm(app.keyring, 'nationality', check.nationality) } : {}),
  });

  app.get(
    '/api/reference/persons',
    {
      compress: NO_SECRETS,
      config: { audit: false },
      schema: {
        tags: ['persons'],
        summary: 'The vocabularies of person records, each term in Spanish and English',
        response: { 200: PersonReference },
      },
    },
    async (request) => {
      await request.access();
      return personReference();
    },
  );

  app.post(
    '/api/spaces/:spaceId/persons',
    {
      config: { audit: 'person.create' },
      schema: {
        tags: ['persons'],
        summary: 'Record a person, or a group of adults travelling with minors (a draft; AMBER+STRICT unless AMBER or RED is chosen)',
        params: SpaceParams,
        body: PersonCreate,
        response: { 201: PersonView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      request.audit.space(request.params.spaceId);
      const item = await request.change(async (trx) => {
        const created = await createPerson(deps, trx, actor, ability, request.params.spaceId, request.body, app.clock.now());
        request.audit.subjectType = 'person';
        request.audit.subjectId = created.id;
        request.audit.detail({ tlp: created.tlp, form: request.body.form, links: request.body.links?.length ?? 0 });
        return created;
      });
      return reply.code(201).send(await view(request, ability, actor, item.id));
    },
  );

  app.post(
    '/api/persons/search',
    {
      config: { audit: 'person.list', readOnly: true },
      schema: {
        tags: ['persons'],
        summary: "My country's person records by their clear facets (never a name): others' are found by the person check",
        body: PersonList,
        response: { 200: PersonPage },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      request.audit.space(request.body.spaceId ?? null).detail({ filters: request.body });
      const page = await listPersons(deps, ability, actor, request.body);
      request.audit.detail({ total: page.total, itemIds: page.items.map((i) => i.id) });
      return page;
    },
  );

  app.get(
    '/api/persons/:id',
    {
      config: { audit: 'person.read', alongside: prefetchItem('person', PERSON_DETAILS) },
      schema: {
        tags: ['persons'],
        summary: 'One person record (its originator reads it at once; everyone else states a purpose first, else 428 purpose_required)',
        params: PersonParams,
        response: { 200: PersonView },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      return view(request, ability, actor, request.params.id);
    },
  );

  app.patch(
    '/api/persons/:id',
    {
      config: { audit: 'person.update' },
      schema: {
        tags: ['persons'],
        summary: 'Edit a draft (its originator); the person or the group is replaced whole',
        params: PersonParams,
        body: PersonPatch,
        response: { 200: PersonView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const { item } = await withContent(request, ability, request.params.id);
      authorizeItem(ability, 'update', item);
      request.audit.detail({ fields: Object.keys(request.body) });
      await request.change((trx) => updateDraft(deps, trx, ability, item, request.body, app.clock.now()));
      return view(request, ability, actor, item.id);
    },
  );

  const step = (action: Transition, summary: string) =>
    app.post(
      `/api/persons/:id/${action}`,
      { config: { audit: `person.${action}` }, schema: { tags: ['persons'], summary, params: PersonParams, response: { 200: PersonView } } },
      async (request) => {
        const { actor, ability } = await request.access();
        if (action === 'publish' || action === 'return') {
          // A validator decides on what they have read: the step, theirs to take, needs the purpose a read needs.
          const { item } = await findItemWith(app.db, ability, 'person', request.params.id, PERSON_DETAILS);
          authorizeItem(ability, action, item);
          await contentOf(app, request, ability, item);
        }
        const moved = await request.change(async (trx) => {
          const item = await transitionItem(trx, ability, 'person', request.params.id, action, app.clock.now());
          request.audit.space(item.spaceId).detail({ tlp: item.tlp });
          if (action === 'publish') await published(trx, item, app.clock.now());
          return item;
        });
        // The step is done and recorded; the reply shows what the reader may now read of the record —
        // a validator who stated no purpose gets its metadata, never its content.
        return view(request, ability, actor, moved.id).catch(async (err: unknown) => {
          if (err instanceof ApiError && (err.statusCode === 404 || err.statusCode === 428)) {
            return { ...itemMetadata(ability, moved), ...personFacets(await facetsOf(app.db, moved.id)) };
          }
          throw err;
        });
      },
    );
  step('submit', 'Submit a draft for validation');
  step('publish', "Validate and publish (the originator country's contact point or substitute, after stating a purpose: 428 before)");
  step('return', 'Send a submitted record back to its originator as a draft (validators, after stating a purpose)');
  step('withdraw', 'Withdraw a published record (its originator or validators)');

  app.post(
    '/api/persons/:id/retention',
    {
      config: { audit: 'person.retention' },
      schema: {
        tags: ['persons'],
        summary: 'Keep a record longer (its originator, with a reason; at most the configured period from today)',
        params: PersonParams,
        body: RetentionExtend,
        response: { 200: PersonView, 400: ErrorReply },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const { item } = await withContent(request, ability, request.params.id);
      // The entry is written when the change commits: its details are given inside it.
      await request.change(async (trx) => request.audit.detail(await extendRetention(deps, trx, item, actor, request.body, app.clock.now())));
      return view(request, ability, actor, item.id);
    },
  );

  app.get(
    '/api/persons/:id/sightings',
    {
      config: { audit: 'person.sighting_list' },
      schema: {
        tags: ['persons'],
        summary: 'Where the person or group was seen since',
        params: PersonParams,
        response: { 200: Type.Array(PersonSightingView) },
      },
    },
    async (request) => {
      const { actor, ability } = await request.access();
      const { item } = await withContent(request, ability, request.params.id);
      return listSightings(deps, item, actor.id);
    },
  );

  app.post(
    '/api/persons/:id/sightings',
    {
      config: { audit: 'person.sighting_create' },
      schema: {
        tags: ['persons'],
        summary: '"Seen here": a country the person or group passes through follows it (date, country, port)',
        params: PersonParams,
        body: PersonSightingCreate,
        response: { 201: PersonSightingView, 400: ErrorReply },
      },
    },
    async (request, reply) => {
      const { actor, ability } = await request.access();
      const { item } = await withContent(request, ability, request.params.id);
      authorizeItem(ability, 'sight', item);
      const sighting = await request.change(async (trx) => {
        const added = await addSighting(deps, trx, item, actor, request.body, app.clock.now());
        request.audit.detail({ sightingId: added.id, country: added.country });
        return added;
      });
      return reply.code(201).send(sighting);
    },
  );

  app.post(
    '/api/checks/person',
    {
      config: { audit: 'check.person', readOnly: true },
      schema: {
        tags: ['persons'],
        summary:
          'Is this person known? Names and date of birth (and a nationality): the ids I may open, and whether something is withheld — never details',
        body: PersonCheck,
        response: { 200: PersonCheckResult, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      request.audit.detail(auditCheck(request.body));
      const result = await checkPerson(deps, ability, request.body);
      request.audit.detail({
        hit: result.hit,
        withheld: result.withheld,
        itemIds: result.items,
        weak: result.matches.filter((m) => m.match !== 'exact').length,
      });
      return result;
    },
  );

  app.post(
    '/api/checks/persons',
    {
      config: { audit: 'check.persons', readOnly: true },
      schema: {
        tags: ['persons'],
        summary: 'Screen up to 500 persons at once: one answer per entry, in order',
        body: PersonBatch,
        response: { 200: PersonBatchResult, 400: ErrorReply },
      },
    },
    async (request) => {
      const { ability } = await request.access();
      const { entries } = request.body;
      request.audit.detail({ count: entries.length, entries: entries.map(auditCheck) });
      // Every entry is checked (a name the index keeps, a real day) before any is looked up: a bad entry changes nothing and names itself.
      for (const [i, entry] of entries.entries()) checkedNames(entry, `body.entries.${i}`);
      const results = await checkPersons(deps, ability, entries);
      request.audit.detail({
        hits: results.filter((r) => r.hit).length,
        withheld: results.filter((r) => r.withheld).length,
        itemIds: [...new Set(results.flatMap((r) => r.items))],
      });
      return { results };
    },
  );
}
