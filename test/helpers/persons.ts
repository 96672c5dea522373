import type { TestApp } from './app.ts';
import type { SignedIn } from './users.ts';
import type { World } from './world.ts';

/** A fictional traveller detected with a counterfeit passport (names and number are markers a test looks for). */
export const TRAVELLER = {
  form: 'person',
  role: 'traveller',
  outcome: 'refused_entry',
  detection: { date: '2026-02-14', country: 'CRI', port: 'Aeropuerto Juan Santamaría', route: 'BOG-SJO', carrier: 'Vuelo AV 641' },
  person: {
    names: ['Johanna González Pérez', 'Yoja Gonzales'],
    sex: 'F',
    dateOfBirth: '1991-04-17',
    placeOfBirth: 'Cúcuta',
    nationalities: ['COL'],
    documents: [{ documentType: 'passport', issuer: 'COL', number: 'AV7731942' }],
  },
  notes: 'Presented a counterfeit passport with a substituted data page.',
} as const;

/** A fictional group: an adult travelling with two minors, no family tie, no authorisation. */
export const GROUP = {
  form: 'minors',
  outcome: 'referred',
  tlp: 'AMBER',
  detection: { date: '2026-03-02', country: 'CRI', port: 'Peñas Blancas', carrier: 'Autobuses Tica Sur' },
  group: {
    minors: [
      { names: ['Ilse Marvany Quetzal'], sex: 'F', dateOfBirth: '2015-09-30', nationalities: ['HND'] },
      { names: ['Brando Quetzal'], sex: 'M', age: 7, nationalities: ['HND'] },
    ],
    adults: [{ names: ['Wendel Oropeza Lisardo'], sex: 'M', dateOfBirth: '1984', nationalities: ['NIC'], relationship: 'relative', support: 'none' }],
    destination: 'USA',
    indicators: ['inconsistent_story', 'documents_held_by_adult'],
    referral: 'child_protection',
    referralNote: 'PANI, oficina de Liberia',
  },
} as const;

export const PURPOSE = 'Caso 2026-311: control migratorio en Peñas Blancas';

/** The calls a person-record test makes, each as a given person. */
export function personCalls(env: TestApp, world: World) {
  const { app } = env;
  return {
    create: (who: SignedIn, body: Record<string, unknown>, spaceId = world.spaceId) =>
      app.inject({ method: 'POST', url: `/api/spaces/${spaceId}/persons`, headers: who.headers, payload: body }),
    read: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/persons/${id}`, headers: who.headers }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/persons/${id}`, headers: who.headers, payload: body }),
    step: (who: SignedIn, id: string, action: 'submit' | 'publish' | 'return' | 'withdraw') =>
      app.inject({ method: 'POST', url: `/api/persons/${id}/${action}`, headers: who.headers }),
    purpose: (who: SignedIn, id: string, purpose = PURPOSE) =>
      app.inject({ method: 'POST', url: `/api/items/${id}/purpose`, headers: who.headers, payload: { purpose } }),
    list: (who: SignedIn, body: Record<string, unknown> = {}) =>
      app.inject({ method: 'POST', url: '/api/persons/search', headers: who.headers, payload: body }),
    check: (who: SignedIn, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/checks/person', headers: who.headers, payload: body }),
    batch: (who: SignedIn, entries: Record<string, unknown>[]) =>
      app.inject({ method: 'POST', url: '/api/checks/persons', headers: who.headers, payload: { entries } }),
    sight: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/persons/${id}/sightings`, headers: who.headers, payload: body }),
    sightings: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/persons/${id}/sightings`, headers: who.headers }),
    retain: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/persons/${id}/retention`, headers: who.headers, payload: body }),
  };
}

/** A published record made through the API: written by `by` (default the officer), submitted, validated by the contact point. */
export async function publishedPerson(env: TestApp, world: World, body: Record<string, unknown>, by?: SignedIn): Promise<string> {
  const calls = personCalls(env, world);
  const created = await calls.create(by ?? world.officer, body);
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  for (const res of [
    await calls.step(by ?? world.officer, id, 'submit'),
    await calls.purpose(world.contact, id),
    await calls.step(world.contact, id, 'publish'),
  ]) {
    if (res.statusCode >= 300) throw new Error(`publishing: ${res.statusCode} ${res.body}`);
  }
  return id;
}
