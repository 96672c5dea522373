import sharp from 'sharp';
import type { TestApp } from '../../helpers/app.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { addMember, type MultipartPart, multipart, type World } from '../../helpers/world.ts';

/** A small PNG (evidence: a photo of a workshop's attendance sheet, say). */
export const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();

/** The seeds' activity (000, EJE INFORMACIÓN): the semiannual flow matrices. */
export const MATRICES = {
  plan: 'Plan de acción 2026–2027',
  source: 'Acta de la reunión de la Red, Tegucigalpa',
  activityEs: 'Completar y enviar en tiempo y forma las matrices para la recopilación de información de flujos de migrantes extra-regionales.',
  indicatorEs: 'Matrices recibidas por la ST',
  calendar: 'semiannual',
  startsOn: '2026-01-01',
};

/** The HTTP calls the commitment tests make. */
export function commitmentCalls(env: TestApp, world: World) {
  const { app } = env;
  return {
    create: (who: SignedIn, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/commitments', headers: who.headers, payload: { networkId: world.networkId, ...body } }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/commitments/${id}`, headers: who.headers, payload: body }),
    get: (who: SignedIn, id: string) => app.inject({ url: `/api/commitments/${id}`, headers: who.headers }),
    list: (who: SignedIn, query = '') => app.inject({ url: `/api/commitments${query}`, headers: who.headers }),
    report: (who: SignedIn, id: string, parts: MultipartPart[], language = 'en') => {
      const body = multipart(parts);
      return app.inject({
        method: 'POST',
        url: `/api/commitments/${id}/updates`,
        headers: { ...who.headers, ...body.headers, 'accept-language': language },
        payload: body.payload,
      });
    },
    evidence: (who: SignedIn, id: string, fileId: string) => app.inject({ url: `/api/commitments/${id}/evidence/${fileId}`, headers: who.headers }),
  };
}

/** Adds a signed-in person of `country` to the world's space with `role`. */
export const member = addMember;

/** Registers an observer organisation (IOM…) so that it may be named responsible: which organisations exist is the table's answer. */
export async function registerObserver(env: TestApp, world: World, code: string) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: world.secretariat.headers,
    payload: { code, country: code, kind: 'observer', nameEs: code, nameEn: code },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
}
