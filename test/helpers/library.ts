import type { TestApp } from './app.ts';
import type { SignedIn } from './users.ts';
import { multipart, type World } from './world.ts';

/** A library document's body: a manual for the world's space. */
export const MANUAL = {
  tlp: 'GREEN',
  title: { es: 'Manual de detección de documentos fraudulentos', en: 'Manual for detecting fraudulent documents' },
  summary: { es: 'Guía práctica para los puestos fronterizos.', en: 'A practical guide for border posts.' },
  docType: 'manual',
  country: 'CRI',
  year: 2025,
  language: 'es',
  tags: ['pasaportes', 'sellos'],
} as const;

/** The calls a library test makes, each as a given person. */
export function libraryCalls(env: TestApp, world: World) {
  const { app } = env;
  return {
    create: (who: SignedIn, body: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/library', headers: who.headers, payload: { spaceId: world.spaceId, ...body } }),
    read: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/library/${id}`, headers: who.headers }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/library/${id}`, headers: who.headers, payload: body }),
    search: (who: SignedIn, body: Record<string, unknown> = {}, language = 'en') =>
      app.inject({ method: 'POST', url: '/api/library/search', headers: { ...who.headers, 'accept-language': language }, payload: body }),
    list: (who: SignedIn) => app.inject({ method: 'GET', url: '/api/library', headers: who.headers }),
    version: (
      who: SignedIn,
      id: string,
      parts: { name: string; filename?: string; contentType?: string; data: Buffer | string }[],
      language = 'en',
    ) => {
      const body = multipart(parts);
      return app.inject({
        method: 'POST',
        url: `/api/library/${id}/versions`,
        headers: { ...who.headers, ...body.headers, 'accept-language': language },
        payload: body.payload,
      });
    },
    file: (who: SignedIn, id: string, versionId: string) =>
      app.inject({ method: 'GET', url: `/api/library/${id}/versions/${versionId}/file`, headers: who.headers }),
  };
}
