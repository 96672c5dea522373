import type { Routes } from '../../lib/router.ts';
import { EnrolPage } from './enrol-page.tsx';
import { InvitationPage } from './invitation-page.tsx';
import { InvitePage } from './invite-page.tsx';
import { ProfilePage } from './profile-page.tsx';
import { ResetPage } from './reset-page.tsx';
import { SessionsPage } from './sessions-page.tsx';
import { SignInPage } from './signin-page.tsx';
import { UsersPage } from './users-page.tsx';

export const identityRoutes: Routes = [
  ['/signin', { page: SignInPage, access: 'public' }],
  ['/invitation', { page: InvitationPage, access: 'public' }],
  ['/reset', { page: ResetPage, access: 'public' }],
  ['/enrol', { page: EnrolPage, access: 'signedIn' }],
  ['/profile', { page: ProfilePage, access: 'signedIn' }],
  ['/sessions', { page: SessionsPage, access: 'signedIn' }],
  ['/users', { page: UsersPage, access: 'secretariat' }],
  ['/users/invite', { page: InvitePage, access: 'secretariat' }],
];
