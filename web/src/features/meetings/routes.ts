import type { Routes } from '../../lib/router.ts';

export const meetingRoutes: Routes = [
  ['/meetings', { load: () => import('./meetings-page.tsx').then((m) => m.MeetingsPage), access: 'signedIn' }],
  ['/meetings/new', { load: () => import('./meeting-form-page.tsx').then((m) => m.NewMeetingPage), access: 'signedIn' }],
  ['/meetings/:id', { load: () => import('./meeting-page.tsx').then((m) => m.MeetingPage), access: 'signedIn' }],
  ['/meetings/:id/edit', { load: () => import('./meeting-form-page.tsx').then((m) => m.EditMeetingPage), access: 'signedIn' }],
];
