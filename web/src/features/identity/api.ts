/** The calls of the identity screens: signing in, enrolment, invitations, the profile, sessions, accounts. */
import { api, withQuery } from '../../lib/api.ts';
import type { Item, Loose, Query, Reply, RequestBody } from '../../lib/api-schema.ts';
import type { Me, User } from '../../lib/session.tsx';

export type TotpStart = Reply<'/api/me/totp', 'post'>;
export type Enrolled = Reply<'/api/me/totp/confirm', 'post'>;
export type SessionView = Item<Reply<'/api/sessions', 'get'>>;
export type UserList = Reply<'/api/users', 'get'>;
export type UserStatus = User['status'];
export type UserQuery = Loose<Query<'/api/users', 'get'>>;
export type Invitation = Loose<RequestBody<'/api/invitations', 'post'>>;
export type UserChange = RequestBody<'/api/users/{id}', 'patch'>;
export type Organisation = Item<Reply<'/api/organisations', 'get'>>;

// Signing in, invitations, resets.
/** Signed in, or (202) the password was right and the code is next. */
export const signIn = (body: RequestBody<'/api/session', 'post'>) => api<Reply<'/api/session', 'post'>>('POST', '/api/session', body);
export const acceptInvitation = (body: RequestBody<'/api/invitations/accept', 'post'>) =>
  api<Reply<'/api/invitations/accept', 'post'>>('POST', '/api/invitations/accept', body);
export const requestReset = (body: RequestBody<'/api/password-reset', 'post'>) =>
  api<Reply<'/api/password-reset', 'post'>>('POST', '/api/password-reset', body);
export const completeReset = (body: RequestBody<'/api/password-reset/complete', 'post'>) => api<void>('POST', '/api/password-reset/complete', body);

// The second factor.
export const startTotp = () => api<TotpStart>('POST', '/api/me/totp');
export const confirmTotp = (body: RequestBody<'/api/me/totp/confirm', 'post'>) => api<Enrolled>('POST', '/api/me/totp/confirm', body);

// My profile.
export const fetchMe = () => api<Me>('GET', '/api/me');
export const updateMe = (body: RequestBody<'/api/me', 'patch'>) => api<Reply<'/api/me', 'patch'>>('PATCH', '/api/me', body);
export const changePassword = (body: RequestBody<'/api/me/password', 'post'>) =>
  api<Reply<'/api/me/password', 'post'>>('POST', '/api/me/password', body);
export const newRecoveryCodes = (body: RequestBody<'/api/me/recovery-codes', 'post'>) =>
  api<Reply<'/api/me/recovery-codes', 'post'>>('POST', '/api/me/recovery-codes', body);

// My sessions.
export const fetchSessions = () => api<SessionView[]>('GET', '/api/sessions');
export const endSession = (id: string) => api<void>('DELETE', `/api/sessions/${encodeURIComponent(id)}`);
export const endAllSessions = () => api<void>('DELETE', '/api/sessions');

// Accounts (the Secretariat).
export const fetchUsers = (query: UserQuery) => api<UserList>('GET', withQuery('/api/users', query));
export const updateUser = (id: string, body: UserChange) => api<Reply<'/api/users/{id}', 'patch'>>('PATCH', `/api/users/${id}`, body);
export const resendInvitation = (id: string) => api<Reply<'/api/users/{id}/invitation', 'post'>>('POST', `/api/users/${id}/invitation`);
export const invite = (body: Invitation) => api<Reply<'/api/invitations', 'post'>>('POST', '/api/invitations', body);
/** The registered organisations; `active`: only those that may still receive people. */
export const fetchOrganisations = (active = false) => api<Organisation[]>('GET', active ? '/api/organisations?status=active' : '/api/organisations');
