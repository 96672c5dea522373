import type { TestApp } from '../../helpers/app.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { addMember, type World } from '../../helpers/world.ts';

/** The HTTP calls the directory tests make. */
export function directoryCalls(env: TestApp, world: World) {
  const { app } = env;
  const en = (who: SignedIn) => ({ ...who.headers, 'accept-language': 'en' });
  return {
    read: (who: SignedIn, networkId = world.networkId, query = '') =>
      app.inject({ url: `/api/networks/${networkId}/directory${query}`, headers: en(who) }),
    networks: (who: SignedIn) => app.inject({ url: '/api/directory', headers: en(who) }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>, language = 'en') =>
      app.inject({ method: 'PATCH', url: `/api/directory/${id}`, headers: { ...who.headers, 'accept-language': language }, payload: body }),
    confirm: (who: SignedIn, id: string) => app.inject({ method: 'POST', url: `/api/directory/${id}/confirm`, headers: en(who) }),
    appoint: (who: SignedIn, id: string, userId: string) =>
      app.inject({ method: 'POST', url: `/api/directory/${id}/substitute`, headers: en(who), payload: { userId } }),
  };
}

/** A new account of the country made a member of the world's space with the role (by the Secretariat). */
export async function member(env: TestApp, world: World, country: string, role: 'officer' | 'contact_point' | 'substitute' | 'observer') {
  const person = await signIn(env.app, env.database.db, env.clock, { country });
  await addMember(env, world, person, role);
  return person;
}

/** The entry of a country in a directory answer. */
export const entryOf = (directory: { entries: { country: string; id: string }[] }, country: string) => {
  const entry = directory.entries.find((e) => e.country === country);
  if (!entry) throw new Error(`no entry for ${country}`);
  return entry as Record<string, unknown> & { id: string; country: string };
};

/** The seeds' kind of entry: Costa Rica's Dirección General de Migración y Extranjería. */
export const COSTA_RICA = {
  organisation: 'Dirección General de Migración y Extranjería',
  officePhone: '+506 2299 8100',
  mobilePhone: '+506 8800-1234',
  line24h: '+506 2299 8000',
  languages: ['es', 'en'],
  contacts: [
    {
      kind: 'duty',
      name: 'Ana Mora',
      title: 'Jefa de guardia, aeropuerto Juan Santamaría',
      email: 'guardia@migracion.example.cr',
      phone: '+506 2437 2000',
    },
    { kind: 'consular', name: 'Luis Vargas', organisation: 'Ministerio de Relaciones Exteriores', mobile: '+506 8899 0000' },
  ],
};
