import type { TestApp } from './app.ts';
import type { SignedIn } from './users.ts';
import type { World } from './world.ts';

/** A fictional route of four legs, from an extra-regional arrival point northward (places and costs are markers a test looks for). */
export const ROUTE = {
  kind: 'route',
  title: 'Ruta del Darién hacia el norte',
  summary: 'Migrants arrive by air and are moved overland; the guides change at each border.',
  periodFrom: '2026-01-01',
  periodUntil: null,
  tlp: 'GREEN',
  route: {
    waypoints: [
      {
        country: 'ECU',
        place: 'Quito Mariscal Sucre',
        latitude: -0.125,
        longitude: -78.354,
        crossing: 'Aeropuerto Mariscal Sucre',
        crossingKind: 'airport',
      },
      { country: 'COL', place: 'Necoclí', latitude: 8.426, longitude: -76.784, crossing: null, crossingKind: null },
      { country: 'PAN', place: 'Bajo Chiquito', latitude: 8.04, longitude: -77.47, crossing: 'Paso Canaán Membrillo', crossingKind: 'irregular' },
      { country: 'CRI', place: 'Paso Canoas', latitude: 8.535, longitude: -82.84, crossing: 'Paso Canoas', crossingKind: 'land_border' },
      { country: 'NIC', place: 'Peñas Blancas', crossing: 'Peñas Blancas', crossingKind: 'land_border' },
    ],
    legs: [
      { mode: 'bus', costAmount: 180, costCurrency: 'USD', durationDays: 2 },
      { mode: 'boat', costAmount: 375, costCurrency: 'USD', durationDays: 1 },
      { mode: 'foot', costAmount: 4217, costCurrency: 'USD', durationDays: 6 },
      { mode: 'bus', durationDays: 1 },
    ],
    nationalities: ['VEN', 'HTI', 'CHN'],
    estimatedVolume: 'Around 900 people a week',
    risks: ['extortion', 'abandonment'],
  },
} as const;

export const MODUS_OPERANDI = {
  kind: 'modus_operandi',
  title: 'Falsos grupos de turismo',
  summary: 'Travellers presented as a tour group with a single organiser holding every ticket.',
  countries: ['GTM', 'MEX'],
  tlp: 'GREEN',
  modusOperandi: {
    category: 'false_group',
    indicators: 'Identical hotel bookings; the organiser answers every question.',
    countermeasures: 'Interview each traveller separately.',
    documentTypes: ['passport', 'visa'],
  },
} as const;

export const NETWORK = {
  kind: 'network',
  title: 'Red de los coyotes del Pacífico',
  summary: 'Moves people along the Pacific coast.',
  countries: ['GTM', 'SLV'],
  tlp: 'AMBER',
  network: {
    names: ['Los Zopilotes', 'Zopi Tours'],
    roles: ['recruiter', 'guide', 'document_provider'],
    recruitment: 'Social media advertisements for jobs abroad.',
    payment: 'Cash and remittances in instalments.',
    communication: 'Encrypted messaging groups.',
    size: 'medium',
  },
} as const;

export const OPERATION = {
  kind: 'operation',
  title: 'Operación Frontera Segura',
  summary: 'A joint operation at the northern border.',
  countries: ['CRI', 'PAN'],
  periodFrom: '2026-02-01',
  periodUntil: '2026-02-10',
  tlp: 'GREEN',
  operation: {
    operationKind: 'joint_operation',
    agencies: 'Dirección General de Migración; Servicio Nacional de Fronteras',
    places: ['Paso Canoas'],
    results: { migrantsAssisted: 140, smugglersDetained: 6, documentsSeized: 23, victimsReferred: 4 },
    lessons: 'Shared radio channels shortened the hand-over.',
  },
} as const;

export const ACQUISITION = {
  kind: 'acquisition_method',
  title: 'Partidas de nacimiento tardías',
  summary: 'Late birth registrations used to obtain genuine passports.',
  tlp: 'GREEN',
  acquisitionMethod: {
    method: 'breeder_document',
    process: 'A late registration with two false witnesses at a rural civil registry.',
    documentTypes: ['passport', 'birth_certificate'],
    issuers: ['HND'],
    costAmount: 1500,
    costCurrency: 'USD',
    indicators: 'A passport issued weeks after a first birth registration in adulthood.',
  },
} as const;

/** The calls a report test makes, each as a given person. */
export function reportCalls(env: TestApp, world: World) {
  const { app } = env;
  return {
    create: (who: SignedIn, body: Record<string, unknown>, spaceId = world.spaceId) =>
      app.inject({ method: 'POST', url: `/api/spaces/${spaceId}/reports`, headers: who.headers, payload: body }),
    read: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: who.headers }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/reports/${id}`, headers: who.headers, payload: body }),
    step: (who: SignedIn, id: string, action: 'submit' | 'publish' | 'return' | 'withdraw') =>
      app.inject({ method: 'POST', url: `/api/reports/${id}/${action}`, headers: who.headers }),
    search: (who: SignedIn, body: Record<string, unknown> = {}) =>
      app.inject({ method: 'POST', url: '/api/reports/search', headers: who.headers, payload: body }),
    related: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/reports/${id}/related`, headers: who.headers }),
    sight: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/reports/${id}/sightings`, headers: who.headers, payload: body }),
    sightings: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/reports/${id}/sightings`, headers: who.headers }),
    outcome: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: `/api/reports/${id}/outcomes`, headers: who.headers, payload: body }),
  };
}

/** A published report made through the API: written by `by` (default the officer), submitted, validated by the contact point. */
export async function publishedReport(env: TestApp, world: World, body: Record<string, unknown>, by?: SignedIn): Promise<string> {
  const calls = reportCalls(env, world);
  const created = await calls.create(by ?? world.officer, body);
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  for (const res of [await calls.step(by ?? world.officer, id, 'submit'), await calls.step(world.contact, id, 'publish')]) {
    if (res.statusCode >= 300) throw new Error(`publishing: ${res.statusCode} ${res.body}`);
  }
  return id;
}
