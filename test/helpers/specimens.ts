import sharp from 'sharp';
import type { TestApp } from './app.ts';
import type { SignedIn } from './users.ts';
import { multipart, type World } from './world.ts';

/** A fictional document image: a coloured card with a label (never a real document). */
export const documentImage = (label: string, background = '#2a5599', width = 320, height = 220) =>
  sharp({ create: { width, height, channels: 3, background } })
    .composite([
      {
        input: Buffer.from(`<svg width="${width}" height="${height}"><text x="16" y="40" font-size="24" fill="white">${label}</text></svg>`),
        top: 0,
        left: 0,
      },
    ])
    .png()
    .toBuffer();

export const SPECIMEN = {
  documentType: 'passport',
  issuingCountry: 'CRI',
  series: 'B-2019',
  version: '2',
  issuedFrom: 2019,
  issuedTo: 2022,
  category: 'counterfeit',
  features: [
    { code: 'hologram', note: 'The hologram is printed flat: it does not change colour when tilted.' },
    { code: 'microtext', note: null },
  ],
  detection: { date: '2026-01-14', country: 'GTM', port: 'La Aurora', portKind: 'airport', holderNationality: 'CRI', route: 'Panamá — Guatemala' },
  documentNumber: 'P-1234567',
  holderNames: ['María Núñez Pérez'],
  description: 'Counterfeit passport with an offset-printed data page; laminate lifted at the corner.',
  tlp: 'GREEN',
} as const;

/** The calls a specimen test makes, each as a given person. */
export function specimenCalls(env: TestApp, world: World) {
  const { app } = env;
  return {
    create: (who: SignedIn, body: Record<string, unknown> = {}, spaceId = world.spaceId) =>
      app.inject({ method: 'POST', url: `/api/spaces/${spaceId}/specimens`, headers: who.headers, payload: { ...SPECIMEN, ...body } }),
    read: (who: SignedIn, id: string) => app.inject({ method: 'GET', url: `/api/specimens/${id}`, headers: who.headers }),
    step: (who: SignedIn, id: string, action: 'submit' | 'publish' | 'return' | 'withdraw') =>
      app.inject({ method: 'POST', url: `/api/specimens/${id}/${action}`, headers: who.headers }),
    /** Images, each described by a legacy `view` ('front', 'uv'…) or by its page and light. */
    images: async (who: SignedIn, id: string, views: (string | { page?: string; light?: string })[]) => {
      const parts = [];
      for (const [i, view] of views.entries()) {
        const fields = typeof view === 'string' ? { view } : view;
        const name = Object.values(fields).join('-');
        for (const [field, value] of Object.entries(fields)) parts.push({ name: field, data: value });
        parts.push({ name: 'caption', data: `Vista ${name}` });
        parts.push({ name: 'file', filename: `${name}.png`, contentType: 'image/png', data: await documentImage(`${name} ${i}`) });
      }
      const body = multipart(parts);
      return app.inject({ method: 'POST', url: `/api/specimens/${id}/images`, headers: { ...who.headers, ...body.headers }, payload: body.payload });
    },
    search: (who: SignedIn, body: Record<string, unknown> = {}) =>
      app.inject({ method: 'POST', url: '/api/specimens/search', headers: who.headers, payload: body }),
    check: (who: SignedIn, issuingCountry: string, number: string) =>
      app.inject({ method: 'POST', url: '/api/checks/document-number', headers: who.headers, payload: { issuingCountry, number } }),
  };
}

/** A published specimen made through the API: created by `by` (default the officer), one image, submitted, validated by the contact point. */
export async function publishedSpecimen(env: TestApp, world: World, body: Record<string, unknown> = {}, by?: SignedIn): Promise<string> {
  const calls = specimenCalls(env, world);
  const created = await calls.create(by ?? world.officer, body);
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  for (const res of [
    await calls.images(by ?? world.officer, id, ['front']),
    await calls.step(by ?? world.officer, id, 'submit'),
    await calls.step(world.contact, id, 'publish'),
  ]) {
    if (res.statusCode >= 300) throw new Error(`publishing: ${res.statusCode} ${res.body}`);
  }
  return id;
}
