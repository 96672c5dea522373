/** The screens this person may open, each as a card: no card for a screen they would be refused. */
import { mayReceiveAlerts, useItemRoles } from '../../items/item-roles.ts';
import { type MessageKey, useI18n } from '../../lib/i18n/index.tsx';
import type { User } from '../../lib/session.tsx';

type Card = [href: string, title: MessageKey, text: MessageKey];

export function GoCards({ user }: { user: User }) {
  const { t } = useI18n();
  const { member, validator, spaces } = useItemRoles();
  const secretariat = user.roles.includes('secretariat');
  const auditor = user.roles.includes('auditor');
  const cards: Card[] = [];
  // The same conditions as the menu's entries (app/shell.tsx) and the routes' access.
  if (member) cards.push(['/specimens', 'nav.specimens', 'home.go.specimens']);
  if (validator) cards.push(['/specimens/validation', 'nav.validation', 'home.go.validation']);
  if (spaces?.some((s) => s.role !== 'observer')) cards.push(['/checks', 'nav.checks', 'home.go.checks']);
  if (mayReceiveAlerts(user, spaces)) cards.push(['/alerts', 'nav.alerts', 'home.go.alerts']);
  if (validator) cards.push(['/alerts/validation', 'alerts.validationTitle', 'home.go.alertValidation']);
  if (secretariat || member) cards.push(['/spaces', 'nav.spaces', 'home.go.spaces']);
  if (secretariat) cards.push(['/users', 'nav.users', 'home.go.users'], ['/webhooks', 'nav.webhooks', 'home.go.webhooks']);
  if (auditor) {
    cards.push(
      ['/audit', 'audit.title', 'home.go.audit'],
      ['/audit/integrity', 'audit.integrityTab', 'home.go.integrity'],
      ['/audit/anomalies', 'audit.anomaliesTab', 'home.go.anomalies'],
    );
  }
  cards.push(['/profile', 'nav.profile', 'home.go.profile'], ['/sessions', 'nav.sessions', 'home.go.sessions']);
  return (
    <section aria-labelledby="home-go">
      <h2 id="home-go">{t('home.go.title')}</h2>
      <ul class="cards go-cards">
        {cards.map(([href, title, text]) => (
          <li key={href} class="card">
            <h3>
              <a href={href}>{t(title)}</a>
            </h3>
            <p>{t(text)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
