import type { TestApp } from '../../helpers/app.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { addMember, multipart } from '../../helpers/world.ts';

/** A seeds-like cell: Costa Rica asks a visa of Cuban nationals, with the exceptions it publishes. */
export const CUBA_VISA = {
  requirement: 'visa',
  exceptionsEs: 'Salvo residentes permanentes de los Estados Unidos.',
  exceptionsEn: 'Except permanent residents of the United States.',
  legalSource: 'Directriz DG-001-2026',
  effectiveOn: '2026-01-15',
  note: 'Visa consular.',
};

/** The HTTP calls the entry-requirement tests make. */
export function matrixCalls(env: TestApp) {
  const { app } = env;
  const en = (who: SignedIn) => ({ ...who.headers, 'accept-language': 'en' });
  return {
    list: (who: SignedIn, query = '') => app.inject({ url: `/api/entry-requirements${query}`, headers: en(who) }),
    get: (who: SignedIn, destination: string, nationality: string) =>
      app.inject({ url: `/api/entry-requirements/${destination}/${nationality}`, headers: en(who) }),
    set: (who: SignedIn, destination: string, nationality: string, payload: object) =>
      app.inject({ method: 'PUT', url: `/api/entry-requirements/${destination}/${nationality}`, headers: en(who), payload }),
    clear: (who: SignedIn, destination: string, nationality: string) =>
      app.inject({ method: 'DELETE', url: `/api/entry-requirements/${destination}/${nationality}`, headers: en(who) }),
    history: (who: SignedIn, destination: string, nationality: string) =>
      app.inject({ url: `/api/entry-requirements/${destination}/${nationality}/history`, headers: en(who) }),
    propose: (who: SignedIn, payload: object) => app.inject({ method: 'POST', url: '/api/entry-requirements/proposals', headers: en(who), payload }),
    proposals: (who: SignedIn, query = '') => app.inject({ url: `/api/entry-requirements/proposals${query}`, headers: en(who) }),
    decide: (who: SignedIn, id: string, decision: 'accept' | 'reject', payload: object = {}) =>
      app.inject({ method: 'POST', url: `/api/entry-requirements/proposals/${id}/${decision}`, headers: en(who), payload }),
    changes: (who: SignedIn, query = '') => app.inject({ url: `/api/entry-requirements/changes${query}`, headers: en(who) }),
    exportCsv: (who: SignedIn, query = '') => app.inject({ url: `/api/entry-requirements/export?format=csv${query}`, headers: en(who) }),
    importCsv: (who: SignedIn, csv: string, language = 'en') => {
      const body = multipart([{ name: 'file', filename: 'matrix.csv', contentType: 'text/csv', data: csv }]);
      return app.inject({
        method: 'POST',
        url: '/api/entry-requirements/import',
        headers: { ...who.headers, ...body.headers, 'accept-language': language },
        payload: body.payload,
      });
    },
  };
}

/** Adds a signed-in person to the world's space with `role`. */
export const member = addMember;
