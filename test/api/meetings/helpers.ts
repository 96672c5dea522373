import type { TestApp } from '../../helpers/app.ts';
import type { SignedIn } from '../../helpers/users.ts';

/** The HTTP calls the meetings tests make (answers in English unless asked). */
export function meetingCalls(env: TestApp) {
  const { app } = env;
  const headers = (who: SignedIn, language = 'en') => ({ ...who.headers, 'accept-language': language });
  return {
    list: (who: SignedIn, query = '') => app.inject({ url: `/api/meetings${query}`, headers: headers(who) }),
    read: (who: SignedIn, id: string) => app.inject({ url: `/api/meetings/${id}`, headers: headers(who) }),
    create: (who: SignedIn, body: Record<string, unknown>, language = 'en') =>
      app.inject({ method: 'POST', url: '/api/meetings', headers: headers(who, language), payload: body }),
    patch: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PATCH', url: `/api/meetings/${id}`, headers: headers(who), payload: body }),
    minutes: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `/api/meetings/${id}/minutes`, headers: headers(who), payload: body }),
    agreement: (who: SignedIn, id: string, body: Record<string, unknown>, language = 'en') =>
      app.inject({ method: 'POST', url: `/api/meetings/${id}/agreements`, headers: headers(who, language), payload: body }),
    trainings: (who: SignedIn, id: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: `/api/meetings/${id}/trainings`, headers: headers(who), payload: body }),
    summary: (who: SignedIn, query = '') => app.inject({ url: `/api/meetings/trainings${query}`, headers: headers(who) }),
    makeKey: (who: SignedIn) => app.inject({ method: 'POST', url: '/api/me/calendar-key', headers: headers(who) }),
    keyStatus: (who: SignedIn) => app.inject({ url: '/api/me/calendar-key', headers: headers(who) }),
    revokeKey: (who: SignedIn) => app.inject({ method: 'DELETE', url: '/api/me/calendar-key', headers: headers(who) }),
    feed: (key: string) => app.inject({ url: `/api/calendar.ics?key=${encodeURIComponent(key)}` }),
  };
}

/** A network meeting in March 2026 (the test clock starts on 2 March 2026). */
export const PLENARY = {
  kind: 'network_meeting',
  titleEs: 'Reunión de la red de oficiales de enlace',
  titleEn: 'Liaison officers’ network meeting',
  startsAt: '2026-03-10T15:00:00.000Z',
  endsAt: '2026-03-10T17:00:00.000Z',
  place: 'San José, Costa Rica',
  link: 'https://meet.example.org/crm',
  languages: ['es', 'en'],
  participants: ['CRI', 'GTM', 'IOM'],
  agenda: 'Punto 1: rutas de tráfico ilícito por el corredor norte',
};
