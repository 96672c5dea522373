/**
 * The frame of every screen: the masthead (the portal's name, the account, the language), the
 * navigation with the space switcher, the offline banner, the content, the footer; and the live
 * connection for alerts.
 */
import type { ComponentChildren } from 'preact';
import { subscribe as onLiveEvent } from '../features/alerts/live.ts';
import { LiveConnection, UnreadCount, useAlertsShown } from '../features/alerts/shell.tsx';
import { UrgentBanner } from '../features/alerts/urgent-banner.tsx';
import { TaskUpdates, ValidationCount } from '../features/home/task-counts.tsx';
import { NotificationBell } from '../features/notifications/bell.tsx';
import { type MessageKey, useI18n } from '../lib/i18n/index.tsx';
import type { LiveSource } from '../lib/live-source.ts';
import { useLocation } from '../lib/router.ts';
import { useSession } from '../lib/session.tsx';
import { Account } from '../ui/account.tsx';
import { LanguageSwitch } from '../ui/language-switch.tsx';
import { CollapsibleMenu } from '../ui/menu.tsx';
import { NavGroup } from '../ui/nav-group.tsx';
import { OfflineBanner } from '../ui/offline-banner.tsx';
import { SpaceSwitcher } from '../ui/space-switcher.tsx';

/** The alerts' live stream, by event type, for the features that count what waits (tasks, notifications). */
const live: LiveSource = (callback) => onLiveEvent((event) => callback(event.type));

export function Shell({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <LiveConnection />
      <TaskUpdates live={live} />
      <header class="masthead">
        <div class="masthead-inner">
          <a class="brand" href="/">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tagline">{t('app.tagline')}</span>
          </a>
          <NotificationBell live={live} />
          {/* On a phone, behind the Menu button; on a wider screen, the tools beside the name and the navigation below. */}
          <CollapsibleMenu>
            <div class="masthead-tools">
              <Account />
              <LanguageSwitch />
            </div>
            <div class="navrow">
              <MainNav />
              <SpaceSwitcher />
            </div>
          </CollapsibleMenu>
        </div>
      </header>
      <UrgentBanner />
      <OfflineBanner />
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer class="footer">
        <p>{t('footer.handling')}</p>
      </footer>
    </>
  );
}

/** The screens this person has, in order; the current one (or the section it is in) marked. */
function MainNav() {
  const { t } = useI18n();
  const { state, spaces } = useSession();
  const { path } = useLocation();
  const alertsShown = useAlertsShown();
  const links: [string, MessageKey][] = [['/', 'nav.home']];
  // The Conference's coordination (returns, commitments, follow-up), grouped behind one button.
  const coordination: [string, MessageKey][] = [];
  // After the group: the Secretariat's and the auditors' own screens.
  const own: [string, MessageKey][] = [];
  if (state.status === 'signedIn') {
    if (state.stage === 'enrol') links.splice(0, 1, ['/enrol', 'nav.enrol']);
    else {
      const secretariat = state.user.roles.includes('secretariat');
      if (secretariat || (spaces?.length ?? 0) > 0) links.push(['/spaces', 'nav.spaces']);
      if (alertsShown) links.push(['/alerts', 'nav.alerts']);
      // Specimens, reports and person records for members of a space (the Secretariat and auditors have no item rights of their own).
      if (spaces?.length)
        links.push(['/specimens', 'nav.specimens'], ['/reports', 'nav.reports'], ['/persons', 'nav.persons'], ['/search', 'nav.search']);
      if (spaces?.some((s) => s.role === 'contact_point' || s.role === 'substitute')) links.push(['/specimens/validation', 'nav.validation']);
      if (spaces?.some((s) => s.role !== 'observer')) links.push(['/checks', 'nav.checks']);
      // Returns: those who file them (members of a network), and those who follow them.
      if (secretariat || state.user.roles.includes('presidency') || spaces?.length) coordination.push(['/returns', 'nav.returns']);
      // Commitments: members of a network, the Secretariat and the Presidency follow them; auditors see their metadata.
      if (spaces?.length || state.user.roles.length) coordination.push(['/commitments', 'nav.commitments']);
      // The entry-authorisation matrix: reference information every user with a role reads.
      if (spaces?.length || state.user.roles.length) coordination.push(['/entry-requirements', 'nav.entryRequirements']);
      // The directory: members of a network, the Secretariat and the Presidency.
      if (secretariat || state.user.roles.includes('presidency') || spaces?.length) coordination.push(['/directory', 'nav.directory']);
      // Meetings: members of a network read theirs, everyone with a role the conference-wide ones.
      if (spaces?.length || state.user.roles.length) coordination.push(['/meetings', 'nav.meetings']);
      // The library: members of a space (what they read there, and the conference-wide documents).
      if (spaces?.length) coordination.push(['/library', 'nav.library']);
      if (secretariat || state.user.roles.includes('presidency')) coordination.push(['/followup', 'nav.followup']);
      if (secretariat) own.push(['/users', 'nav.users'], ['/organisations', 'nav.organisations'], ['/webhooks', 'nav.webhooks']);
      if (state.user.roles.includes('auditor')) own.push(['/audit', 'nav.audit']);
    }
  }
  // The screen itself is the page; a screen below it (a space, the invitation form) is in its section.
  const current = (href: string) =>
    path === href
      ? 'page'
      : href !== '/' &&
          path.startsWith(`${href}/`) &&
          ![...links, ...coordination, ...own].some(
            ([other]) => other !== href && other.startsWith(`${href}/`) && (path === other || path.startsWith(`${other}/`)),
          )
        ? 'true'
        : undefined;
  const link = ([href, key]: [string, MessageKey]) => (
    <a key={href} href={href} aria-current={current(href)}>
      {t(key)}
      {href === '/alerts' ? <UnreadCount /> : null}
      {href === '/specimens/validation' ? <ValidationCount /> : null}
    </a>
  );
  return (
    <nav class="mainnav" aria-label={t('nav.label')}>
      {links.map(link)}
      {coordination.length ? (
        <NavGroup label={t('nav.coordination')} current={coordination.some(([href]) => current(href))}>
          {coordination.map(link)}
        </NavGroup>
      ) : null}
      {own.map(link)}
    </nav>
  );
}
