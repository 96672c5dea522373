import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDate, formatDay } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { PersonCard } from './api.ts';
import { type PersonReference, term } from './reference.tsx';

/**
 * One record in a list, by its clear facets only: its form, where and when it was detected, the
 * role and the outcome, its label, status and retention — never a name.
 */
export function PersonRow({ card, reference, fromQueue = false }: { card: PersonCard; reference: PersonReference | null; fromQueue?: boolean }) {
  const { t, lang } = useI18n();
  const where = t('persons.detectedIn', { country: countryName(card.detectionCountry, lang, t), year: card.detectionYear });
  return (
    <li class="specimen-row report-row person-card">
      <div class="specimen-row-main">
        <p class="report-kind">{term(reference, 'forms', card.form, lang)}</p>
        <h2 class="specimen-row-title">
          <a href={`/persons/${card.id}${fromQueue ? '?from=validation' : ''}`}>{where}</a>
        </h2>
        <p class="specimen-tags">
          <TlpBadge tlp={card.tlp} />
          <StatusBadge status={card.status} />
          {card.shredded ? <span class="badge badge-muted">{t('person.shredded')}</span> : null}
        </p>
        <dl class="specimen-meta">
          {card.role ? (
            <div>
              <dt>{t('person.role')}</dt>
              <dd>{term(reference, 'roles', card.role, lang)}</dd>
            </div>
          ) : null}
          {card.outcome ? (
            <div>
              <dt>{t('person.outcome')}</dt>
              <dd>{term(reference, 'outcomes', card.outcome, lang)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('person.retainUntil')}</dt>
            <dd>{formatDay(card.retainUntil, lang, 'medium')}</dd>
          </div>
          <div>
            <dt>{t('specimen.updated')}</dt>
            <dd>
              {formatDate(card.updatedAt, lang)}
              {card.mine ? <span class="person-you"> {t('persons.mine')}</span> : null}
            </dd>
          </div>
        </dl>
      </div>
    </li>
  );
}
