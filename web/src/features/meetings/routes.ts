import type { Routes } from '../../lib/router.ts';
import { EditMeetingPage, NewMeetingPage } from './meeting-form-page.tsx';
import { MeetingPage } from './meeting-page.tsx';
import { MeetingsPage } from './meetings-page.tsx';

export const meetingRoutes: Routes = [
  ['/meetings', { page: MeetingsPage, access: 'signedIn' }],
  ['/meetings/new', { page: NewMeetingPage, access: 'signedIn' }],
  ['/meetings/:id', { page: MeetingPage, access: 'signedIn' }],
  ['/meetings/:id/edit', { page: EditMeetingPage, access: 'signedIn' }],
];
