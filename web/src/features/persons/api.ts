/**
 * The calls of the person-record screens and what they answer (aliases of the generated API
 * types). Names, dates of birth and nationalities only ever travel in request bodies: never in an
 * address, so never in the history, a proxy's log or the server's request line.
 */
import { api } from '../../lib/api.ts';
import type { Item, Loose, Reply, RequestBody } from '../../lib/api-schema.ts';

export type PersonView = Reply<'/api/persons/{id}', 'get'>;
export type PersonForm = PersonView['form'];
export type Individual = NonNullable<PersonView['person']>;
export type Group = NonNullable<PersonView['group']>;
export type Minor = Item<Group['minors']>;
export type Adult = Item<Group['adults']>;
export type PersonDocument = Item<NonNullable<Individual['documents']>>;
export type PersonLink = Item<NonNullable<PersonView['links']>>;
export type RetentionStep = Item<NonNullable<PersonView['retention']>>;
export type PersonPage = Reply<'/api/persons/search', 'post'>;
export type PersonCard = Item<PersonPage['items']>;
export type ListBody = Loose<RequestBody<'/api/persons/search', 'post'>>;
/** What a record is written with: created in a space, then edited while a draft. */
export type NewPerson = Loose<RequestBody<'/api/spaces/{spaceId}/persons', 'post'>>;
export type PersonPatch = Loose<RequestBody<'/api/persons/{id}', 'patch'>>;
export type Sighting = Item<Reply<'/api/persons/{id}/sightings', 'get'>>;
export type NewSighting = Loose<RequestBody<'/api/persons/{id}/sightings', 'post'>>;
export type Retention = Loose<RequestBody<'/api/persons/{id}/retention', 'post'>>;
export type CheckBody = Loose<RequestBody<'/api/checks/person', 'post'>>;
export type CheckResult = Reply<'/api/checks/person', 'post'>;
export type CheckMatch = Item<CheckResult['matches']>;
export type PersonStep = 'submit' | 'publish' | 'return' | 'withdraw';

export const PERSON_FORMS = ['person', 'minors'] as const satisfies readonly PersonForm[];
/** The most entries one batch check takes (the server's limit). */
export const BATCH_MAX = 500;

const at = (id: string) => `/api/persons/${encodeURIComponent(id)}`;

export const fetchPerson = (id: string) => api<PersonView>('GET', at(id));
export const listPersons = (body: ListBody) => api<PersonPage>('POST', '/api/persons/search', body);
export const createPerson = (spaceId: string, body: NewPerson) =>
  api<Reply<'/api/spaces/{spaceId}/persons', 'post'>>('POST', `/api/spaces/${encodeURIComponent(spaceId)}/persons`, body);
export const updatePerson = (id: string, body: PersonPatch) => api<Reply<'/api/persons/{id}', 'patch'>>('PATCH', at(id), body);
// The workflow: the steps take no body (the routes declare none).
export const personStep = (id: string, step: PersonStep) => api<Reply<`/api/persons/{id}/${PersonStep}`, 'post'>>('POST', `${at(id)}/${step}`);
export const keepLonger = (id: string, body: Retention) => api<Reply<'/api/persons/{id}/retention', 'post'>>('POST', `${at(id)}/retention`, body);
export const fetchSightings = (id: string) => api<Sighting[]>('GET', `${at(id)}/sightings`);
export const addSighting = (id: string, body: NewSighting) => api<Reply<'/api/persons/{id}/sightings', 'post'>>('POST', `${at(id)}/sightings`, body);
export const checkPerson = (body: CheckBody) => api<CheckResult>('POST', '/api/checks/person', body);
export const checkPersons = (entries: CheckBody[]) => api<Reply<'/api/checks/persons', 'post'>>('POST', '/api/checks/persons', { entries });
